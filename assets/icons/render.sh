#!/usr/bin/env bash
# Renders talkdeck.svg to the PNG sizes of the freedesktop icon theme (hicolor).
# Needs rsvg-convert (Debian: librsvg2-bin). Run it after editing the SVG and commit
# the PNGs: builds and packages use them as they are, without librsvg.
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 22 24 32 48 64 128 256 512; do
    rsvg-convert --width "$size" --height "$size" talkdeck.svg --output "talkdeck-$size.png"
done
