#!/bin/bash
# Pinyin typed through a real input method (fcitx5 at its default settings, and ibus with
# libpinyin, both over XIM) lands as Chinese in talkdeck's text fields, also after leaving
# every field and clicking back into one: each case types `nihao` Space, leaves the field
# (Esc in a note, Enter in the tags; one case stays in it), clicks back and types it again
# without switching the input method on again; 你好你好 must arrive. Uses harness/ime-check
# (or $IME_CHECK), which needs `apt-get install fcitx5 fcitx5-chinese-addons ibus ibus-libpinyin
# dbus-x11 x11-utils locales xvfb xdotool imagemagick python3` and a generated zh_CN.UTF-8
# locale (.ci/run does both).
# Runs $TALKDECK (default target/debug/talkdeck, which `cargo test` builds).
# The window is 1280×800: a new note's text field is at (1110,120), its tags at (1125,160).
set -uo pipefail
cd "$(dirname "$0")/../.."
TALKDECK=${TALKDECK:-target/debug/talkdeck}
IME_CHECK=${IME_CHECK:-tests/real-window/harness/ime-check}
NOTE=1110,120 TAGS=1125,160
failed=0
check() {  # check NAME IM ARGS...: one ime-check run
    local name=$1 im=$2; shift 2
    local out
    out=$("$IME_CHECK" --im "$im" "$@" -- "$TALKDECK" --notes @OUT@ 2>&1)
    local rc=$?
    printf '%-44s %-7s %s\n' "$name" "$im" "$(grep -E '^(TEXT|RESULT)' <<<"$out" | tr '\n' ' ')"
    if ((rc != 0)); then
        failed=1
        grep -vE '^(TEXT|RESULT)' <<<"$out" | tail -n 15 | sed 's/^/    /'
    fi
}
check "new note, Esc, click back into it" fcitx5 --keys ctrl+n --after Escape --second-click $NOTE
check "tags, Enter, click back into them" fcitx5 --keys ctrl+n --click $TAGS --after Return \
    --second-click $TAGS --json-key tags
check "new note, click back into it" ibus --keys ctrl+n --second-click $NOTE
check "new note, Esc, click back into it" ibus --keys ctrl+n --after Escape --second-click $NOTE
check "tags, Enter, click back into them" ibus --keys ctrl+n --click $TAGS --after Return \
    --second-click $TAGS --json-key tags
exit $failed
