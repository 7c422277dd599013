#!/usr/bin/env python3
"""Opens talkdeck's reveal.js export in reveal.js itself.

Writes `talkdeck recap TALK --notes NOTES --deck=reveal`, serves it beside a page that
loads reveal.js (the npm package, fetched with `npm pack`) with its Markdown and notes
plugins at their default settings, lets headless Chromium run it, and reads back what
reveal.js made of the deck: one slide per card, each slide's title, and its speaker notes
(`<aside class="notes">`), which must hold the presenter's notes and the user's, and no
`Note:` line left on the slide. Saves a screenshot of the first slide (of slide $SLIDE,
counted from 0).

Needs npm (the registry), `apt-get install chromium`. Usage:
    tests/real-tools/reveal_open.py TALK NOTES OUT.png    ($TALKDECK, default
    target/release/talkdeck)
"""

import functools
import html.parser
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading

talk, notes, shot = sys.argv[1:4]
talkdeck = os.environ.get("TALKDECK", "target/release/talkdeck")
work = tempfile.mkdtemp()
# The deck's pictures are paths relative to it: the export sits where the deck is.
shutil.copytree(os.path.dirname(os.path.abspath(talk)), work, dirs_exist_ok=True)
subprocess.run(
    [talkdeck, "recap", talk, "--notes", notes, "--deck=reveal", "-o", f"{work}/deck.md"],
    check=True,
)
outline = json.loads(
    subprocess.run(
        [talkdeck, "outline", "--json", talk], check=True, capture_output=True, text=True
    ).stdout
)
subprocess.run(["npm", "pack", "--silent", "reveal.js"], cwd=work, check=True,
               stdout=subprocess.DEVNULL)
tarball = next(n for n in os.listdir(work) if n.endswith(".tgz"))
subprocess.run(["tar", "xzf", tarball], cwd=work, check=True)
version = json.load(open(f"{work}/package/package.json"))["version"]
open(f"{work}/index.html", "w").write("""<!doctype html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="package/dist/reveal.css">
<link rel="stylesheet" href="package/dist/theme/white.css">
</head><body><div class="reveal"><div class="slides">
<section data-markdown="deck.md"></section>
</div></div>
<script src="package/dist/reveal.js"></script>
<script src="package/dist/plugin/markdown.js"></script>
<script src="package/dist/plugin/notes.js"></script>
<script>Reveal.initialize({plugins: [RevealMarkdown, RevealNotes], transition: 'none'});</script>
</body></html>
""")

class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


handler = functools.partial(Quiet, directory=work)
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
url = f"http://127.0.0.1:{server.server_port}/index.html"
chromium = ["chromium", "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", f"--user-data-dir={work}/profile", "--virtual-time-budget=8000"]
dom = subprocess.run(chromium + ["--dump-dom", url], check=True, capture_output=True,
                     text=True).stdout
slide = os.environ.get("SLIDE", "0")
subprocess.run(chromium + ["--window-size=1280,800", f"--screenshot={os.path.abspath(shot)}",
                           f"{url}#/{slide}"], check=True, capture_output=True)
server.shutdown()


class Slides(html.parser.HTMLParser):
    """Each `section` with `data-markdown` (one per slide): its h1 and its notes."""

    def __init__(self):
        super().__init__()
        self.slides, self.where = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and "data-markdown" in attrs:
            self.slides.append({"title": "", "shown": "", "notes": ""})
            self.where = "shown"
        elif tag == "h1" and self.slides and not self.slides[-1]["title"]:
            self.where = "title"
        elif tag == "aside" and "notes" in attrs.get("class", ""):
            self.where = "notes"

    def handle_endtag(self, tag):
        if tag in ("h1", "aside") and self.slides:
            self.where = "shown"

    def handle_data(self, data):
        if self.slides and self.where:
            self.slides[-1][self.where] += data
            if self.where == "title":
                self.slides[-1]["shown"] += data


parser = Slides()
parser.feed(dom)
slides = parser.slides
cards = outline["cards"]
problems = []
if len(slides) != len(cards):
    problems.append(f"{len(slides)} slides for {len(cards)} cards")
for card, slide in zip(cards, slides):
    title = " ".join(slide["title"].split())
    # The export keeps a numbered card's number in its heading (`1. 先写测试`).
    want = f"{card['number']}. {card['title']}" if card["number"] else card["title"]
    if title != want:
        problems.append(f"slide title {title!r}, card title {card['title']!r}")
    for line in slide["shown"].splitlines():
        if line.strip().lower().startswith(("note:", "notes:")):
            problems.append(f"{card['id']}: a notes line shows on the slide: {line.strip()!r}")
    shown_notes = " ".join(slide["notes"].split())
    for paragraph in card["notes"].split("\n"):
        if paragraph.strip() and " ".join(paragraph.split()) not in shown_notes:
            problems.append(f"{card['id']}: presenter note {paragraph!r} not in the notes")
with_user = [s for s in slides if "My notes" in s["notes"]]
print(f"reveal.js {version}: {len(slides)} slides for {len(cards)} cards, "
      f"{sum(1 for s in slides if s['notes'].strip())} with speaker notes, "
      f"{len(with_user)} with the user's notes; screenshot {shot}")
for s in with_user:
    print("  notes:", " ".join(s["notes"].split())[:160])
if problems:
    print("\n".join(problems))
    sys.exit(1)
