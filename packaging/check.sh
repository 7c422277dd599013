#!/usr/bin/env bash
# Checks the desktop entry and the AppStream metadata with the freedesktop validators
# (Debian: desktop-file-utils, appstream), and that both name the app id the window sets.
set -euo pipefail
cd "$(dirname "$0")"
id=io.github.talkdeck.Talkdeck
grep -q "pub const APP_ID: &str = \"$id\";" ../src/lib.rs || {
    echo "packaging/check.sh: src/lib.rs APP_ID is not $id" >&2
    exit 1
}
desktop-file-validate "$id.desktop"
grep -q "^StartupWMClass=$id$" "$id.desktop"
grep -q "^Icon=$id$" "$id.desktop"
appstreamcli validate --no-net "$id.metainfo.xml"
grep -q "<launchable type=\"desktop-id\">$id.desktop</launchable>" "$id.metainfo.xml"
echo "packaging/check.sh: $id.desktop and $id.metainfo.xml are valid"
