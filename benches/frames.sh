#!/usr/bin/env bash
# What one input costs in the real window, against a bare eframe window, on glow and on
# wgpu, in one run (benches/frames.py says how; ROUNDS=9 by default). Needs Xvfb and
# xdotool (Debian: apt-get install xvfb xdotool mesa-vulkan-drivers libgl1-mesa-dri).
#
#   bash benches/frames.sh                 # all four programs
#   bash benches/frames.sh --only talkdeck-glow,bare-glow
set -euo pipefail
cd "$(dirname "$0")/.."
# Both renderers built in, so TALKDECK_RENDERER picks one per run.
cargo build --release --features wgpu --bin talkdeck --example bare >&2
dir=${CARGO_TARGET_DIR:-target}
exec python3 benches/frames.py --bin "$dir/release/talkdeck" --bare "$dir/release/examples/bare" "$@"
