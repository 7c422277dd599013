#!/usr/bin/env bash
# Refreshes the README's screenshots from the real window under Xvfb:
#   bash docs/screenshots.sh
# Uses tests/real-window/harness/shot (or SHOT=path/to/shot), which needs Xvfb, xdotool and
# ImageMagick (apt-get install xvfb x11-utils xdotool imagemagick).
set -euo pipefail
cd "$(dirname "$0")/.."
shot=${SHOT:-tests/real-window/harness/shot}
cargo build --release --locked
demo=$(mktemp -d)
trap 'rm -rf "$demo"' EXIT
# Keep the shots free of the user's own remembered state and recovery files, and show
# the notes file where a user keeps one (the window writes the home folder as ~).
export HOME=$demo/home XDG_DATA_HOME=$demo/data XDG_CONFIG_HOME=$demo/config
mkdir -p "$HOME/Talks"
fingerprint=$(target/release/talkdeck outline seeds/000_187f639e31b962a3.txt --json |
  python3 -c 'import json,sys; print(json.load(sys.stdin).get("fingerprint",""))')
sed "s/@FINGERPRINT@/$fingerprint/" docs/demo.notes.json > "$HOME/Talks/张宏江-T-EDGE.notes.json"
app=(target/release/talkdeck --notes "$HOME/Talks/张宏江-T-EDGE.notes.json")
"$shot" docs/screenshot.png --keys "Right Right" -- env LANG=en_US.UTF-8 "${app[@]}"
"$shot" docs/screenshot-light.png --keys "Right Right ctrl+shift+t" -- env LANG=zh_CN.UTF-8 "${app[@]}"
"$shot" docs/overview.png --keys "o" -- env LANG=zh_CN.UTF-8 "${app[@]}"
"$shot" docs/search.png --keys "ctrl+f" --type "agent" -- env LANG=en_US.UTF-8 "${app[@]}"
# Presenting: the speaker's view and, to its right, the audience window.
"$shot" docs/presenter.png --size 2560x800 --keys "Right Right F5 Right" --after 2 -- env LANG=en_US.UTF-8 "${app[@]}"
# A Markdown deck: the slide itself (list, picture) on the card, the presenter's notes below.
"$shot" docs/deck.png --keys "Right" -- env LANG=en_US.UTF-8 target/release/talkdeck tests/fixtures/talks/marp_directives.md
"$shot" docs/deck-presenter.png --size 2560x800 --keys "Right Right F5" --after 2 -- env LANG=en_US.UTF-8 target/release/talkdeck tests/fixtures/talks/slidev_en.md
"$shot" docs/deck-audience.png --size 2560x800 --keys "Right Right Right F5" --after 3 -- env LANG=en_US.UTF-8 target/release/talkdeck tests/fixtures/talks/slidev_en.md
# The Rehearsals view on four runs of the built-in talk: View › Rehearsals, clicked.
sed "s/@FINGERPRINT@/$fingerprint/" docs/rehearsals.notes.json > "$HOME/Talks/rehearsals.notes.json"
rehearsed=(target/release/talkdeck --notes "$HOME/Talks/rehearsals.notes.json")
"$shot" docs/rehearsals.png --click "98,13 119,86" -- env LANG=zh_CN.UTF-8 "${rehearsed[@]}"
# A Chinese PowerPoint deck, written by python-pptx (pip install python-pptx).
python3 docs/pptx_demo.py "$HOME/Talks/城市的水.pptx"
"$shot" docs/pptx-zh.png --keys "Right" --after 2 -- env LANG=zh_CN.UTF-8 target/release/talkdeck "$HOME/Talks/城市的水.pptx"
"$shot" docs/pptx-picture-zh.png --keys "Right Right Right" --after 2 -- env LANG=zh_CN.UTF-8 target/release/talkdeck "$HOME/Talks/城市的水.pptx"
rm -f docs/*.png.log "$HOME/Talks/城市的水.pptx.chart.png"
