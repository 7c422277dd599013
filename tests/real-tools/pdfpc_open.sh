#!/bin/bash
# Opens talkdeck's pdfpc export in pdfpc itself: makes a PDF with one page per card
# ("Slide N"), writes `talkdeck export --to pdfpc` beside it (pdfpc reads DECK.pdfpc next to
# DECK.pdf), starts pdfpc under Xvfb, goes to page 3 and saves a screenshot of the
# presenter's window, whose notes pane must show card 3's notes.
# Needs `apt-get install pdf-presenter-console xvfb xdotool imagemagick`.
# Usage: tests/real-tools/pdfpc_open.sh TALK NOTES OUT.png   (runs $TALKDECK, default
# target/release/talkdeck)
set -euo pipefail
TALK=$1 NOTES=$2 OUT=$3
TALKDECK=${TALKDECK:-target/release/talkdeck}
DIR=$(mktemp -d); trap 'kill $XPID 2>/dev/null; rm -rf "$DIR"' EXIT
CARDS=$("$TALKDECK" outline --json "$TALK" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["cards"]))')
python3 - "$DIR/deck.pdf" "$CARDS" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
objs = []
def add(body):
    objs.append(body)
    return len(objs)
font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
contents = []
for i in range(n):
    text = f"BT /F1 72 Tf 200 250 Td (Slide {i + 1}) Tj ET"
    contents.append(add(f"<< /Length {len(text)} >>\nstream\n{text}\nendstream"))
pages = len(objs) + n + 1
kids = [add(f"<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 800 600] /Contents {c} 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>") for c in contents]
add(f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {n} >>")
catalog = add(f"<< /Type /Catalog /Pages {pages} 0 R >>")
out, offsets = b"%PDF-1.4\n", []
for i, body in enumerate(objs):
    offsets.append(len(out))
    out += f"{i + 1} 0 obj\n{body}\nendobj\n".encode()
xref = len(out)
out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
out += f"trailer\n<< /Size {len(objs) + 1} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
open(path, "wb").write(out)
PY
"$TALKDECK" export "$TALK" --notes "$NOTES" --to pdfpc -o "$DIR/deck.pdfpc"
export DISPLAY=:${XDISPLAY:-93}
Xvfb "$DISPLAY" -screen 0 1280x800x24 >/dev/null 2>&1 & XPID=$!
sleep 1
(cd "$DIR" && LANG=${LANG:-zh_CN.UTF-8} pdfpc --windowed=presenter deck.pdf >pdfpc.log 2>&1 &)
for _ in $(seq 20); do W=$(xdotool search --name "pdfpc - presenter" 2>/dev/null | head -1) && break; sleep 0.5; done
sleep 2
xdotool windowfocus "$W"; xdotool key Right Right
xdotool windowraise "$W"; xdotool windowsize "$W" 1280 800
sleep 2
import -window root "$OUT"
pkill -f "pdfpc --windowed=presenter deck.pdf" || true
echo "pdfpc $(pdfpc --version 2>&1 | head -1 | grep -o '[0-9][0-9.]*') on $CARDS pages: $OUT"
