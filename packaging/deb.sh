#!/usr/bin/env bash
# Builds the Debian package: target/debian/talkdeck_<version>-1_<arch>.deb.
# Needs cargo-deb (`cargo install cargo-deb`). The man pages (English and Chinese) and
# the shell completions are made by the release binary from its clap definition, then
# cargo-deb packs them with the files [package.metadata.deb] in Cargo.toml lists.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked
target="${CARGO_TARGET_DIR:-target}/release"
out="$target/packaging"
rm -rf "$out"
mkdir -p "$out"
LC_ALL=en_US.UTF-8 "$target/talkdeck" man "$out/man"
LC_ALL=zh_CN.UTF-8 "$target/talkdeck" man "$out/man-zh_CN"
gzip -9n "$out"/man/*.1 "$out"/man-zh_CN/*.1
LC_ALL=en_US.UTF-8 "$target/talkdeck" completions bash > "$out/talkdeck.bash"
LC_ALL=en_US.UTF-8 "$target/talkdeck" completions zsh > "$out/_talkdeck"
LC_ALL=en_US.UTF-8 "$target/talkdeck" completions fish > "$out/talkdeck.fish"
cargo deb --no-build --locked "$@"
