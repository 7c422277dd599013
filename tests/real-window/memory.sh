#!/bin/bash
# The real window stays under a memory bound with the largest single inputs the command
# line accepts: a W3C Web Annotation file whose one annotation has a 50 MB comment, a
# Hypothesis export of the same, and a talk that is one 10 MB line. Each is opened in
# the real window under Xvfb (the annotations with `--notes` on the built-in talk, the
# talk alone); the peak resident set (VmHWM of /proc/PID/status) is read after the window
# has been open a while and then shown the note's card (the talk's third) a while (a
# window past STOP_MB is stopped there), and the command line's peak (`recap`, GNU time's "Maximum
# resident set size") beside it. Exit status 1 when a window went over the bound or died.
#
#   bash tests/real-window/memory.sh             # release build; TALKDECK=... for another
#   BOUND_MB=1024 SECONDS_SHOWN=15 MB=50 bash tests/real-window/memory.sh
#
# Needs Xvfb, xdotool and python3 (to write the inputs).
set -u
cd "${REPO:-$(dirname "$0")/../..}"
TALKDECK=${TALKDECK:-target/release/talkdeck}
BOUND_MB=${BOUND_MB:-1024}
# A window past this is stopped (the machine is shared): it has failed anyway.
STOP_MB=${STOP_MB:-4096}
SHOWN=${SECONDS_SHOWN:-15}
MB=${MB:-50}
LINE_MB=${LINE_MB:-10}
export DISPLAY=:${XDISPLAY:-79}
D=$(mktemp -d)
Xvfb "$DISPLAY" -screen 0 1280x800x24 >/dev/null 2>&1 & XPID=$!
P=
trap 'kill -9 $P 2>/dev/null; kill $XPID 2>/dev/null; rm -rf "$D"' EXIT
sleep 1

# The inputs: the comment is Chinese and English sentences with no line break; the
# annotation quotes a sentence of the built-in talk's first observation.
python3 - "$D" "$MB" "$LINE_MB" <<'EOF'
import json, sys
d, mb, line_mb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
unit = "规模效应还有效吗？Scaling laws still hold when models reason longer. "
# One paragraph: egui lays a paragraph out whole (lines of a note are laid out apart).
body = unit * (mb * 1_000_000 // len(unit.encode()))
quote = {"type": "TextQuoteSelector", "exact": "近日,OpenAI发布了"}
w3c = {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    "type": "AnnotationPage",
    "items": [{
        "id": "urn:uuid:6f1c7d0e-8a7b-4c52-9a36-0d3c1f6b2a11",
        "type": "Annotation",
        "motivation": "commenting",
        "body": {"type": "TextualBody", "purpose": "commenting", "value": body},
        "target": {"source": "urn:talkdeck:talk#card=obs-1", "selector": quote},
    }],
}
json.dump(w3c, open(f"{d}/huge.jsonld", "w"), ensure_ascii=False)
hypothesis = {"total": 1, "rows": [{
    "id": "Hh0uGE5aEe-big-note", "uri": "urn:talkdeck:talk", "text": body, "tags": ["long"],
    "created": "2026-12-01T10:00:00+00:00", "updated": "2026-12-01T10:00:00+00:00",
    "target": [{"source": "urn:talkdeck:talk", "selector": [quote]}],
}]}
json.dump(hypothesis, open(f"{d}/hypothesis.json", "w"), ensure_ascii=False)
# One line, no sentence end: one paragraph, one sentence.
words = unit.replace("？", " ").replace(". ", " ")
talk = words * (line_mb * 1_000_000 // len(words.encode()) + 1)
open(f"{d}/one-line.txt", "wb").write(talk.encode()[: line_mb * 1_000_000].decode(errors="ignore").encode())
EOF
ls -l "$D"/huge.jsonld "$D"/hypothesis.json "$D"/one-line.txt | awk '{printf "%s: %.1f MB\n", $NF, $5 / 1e6}'

kb() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$2/status" 2>/dev/null; }

failed=0
# window NAME ARGS...: the window's peak resident set with ARGS, after $SHOWN s.
window() {
  local name=$1; shift
  local data="$D/data-$name"
  mkdir -p "$data"
  mkdir -p "$data/run" && chmod 700 "$data/run"
  XDG_RUNTIME_DIR=$data/run HOME=$data XDG_DATA_HOME=$data XDG_CONFIG_HOME=$data LANG=en_US.UTF-8 \
    "$TALKDECK" "$@" >"$D/$name.log" 2>&1 & P=$!
  local peak=0 alive=1 stopped=0
  for _ in $(seq 1 $((SHOWN * 2))); do
    sleep 0.5
    local now
    now=$(kb VmHWM $P)
    if [ -z "$now" ] || ! kill -0 $P 2>/dev/null; then alive=0; break; fi
    peak=$now
    if ((peak > STOP_MB * 1024)); then stopped=1; break; fi
  done
  # Go to the card the note is on (the built-in talk's third) and look at it a while.
  if ((alive && !stopped)); then
    local win
    win=$(xdotool search --pid $P 2>/dev/null | tail -1)
    [ -n "$win" ] && xdotool windowfocus "$win" 2>/dev/null
    for k in Home Right Right; do xdotool key --clearmodifiers $k; sleep 0.3; done
    for _ in $(seq 1 $((SHOWN * 2))); do
      sleep 0.5
      kill -0 $P 2>/dev/null || break
      now=$(kb VmHWM $P)
      if ((${now:-0} > STOP_MB * 1024)); then stopped=1; break; fi
    done
    now=$(kb VmHWM $P)
    [ -n "$now" ] && peak=$now || alive=0
  fi
  local rss
  rss=$(kb VmRSS $P)
  # SIGKILL: a window busy laying out a huge text answers SIGTERM only after it.
  kill -9 $P 2>/dev/null; wait $P 2>/dev/null; P=
  local verdict=ok
  if ((stopped)); then verdict="STOPPED past ${STOP_MB} MiB"; failed=1
  elif ((!alive)); then verdict="DIED (peak seen $((peak / 1024)) MiB)"; failed=1
  elif ((peak > BOUND_MB * 1024)); then verdict="OVER ${BOUND_MB} MiB"; failed=1; fi
  printf '%-22s window: VmHWM %5d MiB, VmRSS %5d MiB  %s\n' "$name" $((peak / 1024)) \
    $((${rss:-0} / 1024)) "$verdict"
}

# cli NAME ARGS...: the command line's peak resident set.
cli() {
  local name=$1; shift
  local kib
  /usr/bin/time -o "$D/time" -f '%M' "$TALKDECK" "$@" >/dev/null 2>&1
  kib=$(tail -1 "$D/time")
  printf '%-22s command line: peak %5d MiB\n' "$name" $((kib / 1024))
}

seed=$D/seed.txt
cp seeds/000_187f639e31b962a3.txt "$seed"
window "w3c-${MB}MB-note" "$seed" --notes "$D/huge.jsonld"
cli "w3c-${MB}MB-note" recap "$seed" --notes "$D/huge.jsonld"
window "hypothesis-${MB}MB-note" "$seed" --notes "$D/hypothesis.json"
cli "hypothesis-${MB}MB-note" recap "$seed" --notes "$D/hypothesis.json"
window "talk-${LINE_MB}MB-line" "$D/one-line.txt"
cli "talk-${LINE_MB}MB-line" outline "$D/one-line.txt"
echo "bound: ${BOUND_MB} MiB resident"
exit $failed
