#!/usr/bin/env bash
# Rebuilds assets/fonts/NotoSansSC-talkdeck.otf: the Simplified Chinese face of Noto Sans
# CJK (Debian's fonts-noto-cjk, face 2 of NotoSansCJK-Regular.ttc) cut down to the
# characters Chinese text uses, so every machine renders the talk the same way.
#   apt-get install fonts-noto-cjk && pip install fonttools
set -euo pipefail
cd "$(dirname "$0")"
src=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
# CJK punctuation, kana-free symbols, full-width forms, the whole CJK Unified
# Ideographs block (names like 堃 and 镕 are outside GB2312), and general punctuation.
unicodes="U+2000-206F,U+2100-214F,U+2190-21FF,U+2460-24FF,U+25A0-25FF,U+2600-26FF,U+3000-303F,U+3200-32FF,U+4E00-9FFF,U+FE30-FE4F,U+FF00-FFEF"
pyftsubset "$src" --font-number=2 --unicodes="$unicodes" \
  --layout-features='*' --no-hinting \
  --output-file=NotoSansSC-talkdeck.otf
