#!/bin/bash
# Needs Xvfb, xdotool, strace and python3 (harness/wm-close); runs the release binary ($TALKDECK, default target/release/talkdeck).
TALKDECK=${TALKDECK:-target/release/talkdeck}
# SEED_NOTES=FILE starts every round from a copy of that notes file (e.g. 21 MB of notes);
# STARTUP=SECONDS is how long the window gets to open them before typing (default 2.5).
SEED_NOTES=${SEED_NOTES:-}; STARTUP=${STARTUP:-2.5}
# The close button of a window manager: harness/wm-close (or $WM_CLOSE) sends WM_DELETE_WINDOW.
WM_CLOSE=${WM_CLOSE:-$(dirname "$0")/harness/wm-close}
# Type, wait for autosave to start on a disk whose every fsync takes 1 s, type more, then close
# the window (WM_DELETE_WINDOW, or ctrl+q); check both edits are in the file and no .tmp is left.
HOW=${1:-wm}; ROUNDS=${2:-3}
export DISPLAY=:${XDISPLAY:-78}
Xvfb $DISPLAY -screen 0 1280x800x24 >/dev/null 2>&1 &
XPID=$!; sleep 1
ok=0
for i in $(seq 1 $ROUNDS); do
  D=$(mktemp -d); N=$D/n.notes.json
  [ -n "$SEED_NOTES" ] && cp "$SEED_NOTES" $N
  HOME=$D LANG=en_US.UTF-8 "$TALKDECK" --notes $N > $D/log 2>&1 &
  P=$!
  sleep $STARTUP
  strace -f -qq -e trace=fsync,fdatasync -e inject=fsync:delay_enter=1000000 -p $P 2>/dev/null &
  S=$!
  sleep 0.5
  W=$(xdotool search --pid $P | tail -1)
  xdotool windowfocus --sync $W 2>/dev/null
  xdotool key ctrl+n; sleep 0.3
  xdotool type --delay 20 "first$i"
  sleep 2.3   # autosave starts and sits in fsync
  xdotool type --delay 20 "second$i"
  if [ "$HOW" = wm ]; then "$WM_CLOSE" $W; else xdotool key ctrl+q; fi
  wait $P; rc=$?
  kill $S 2>/dev/null
  tmp=$(ls $D/.*.tmp 2>/dev/null | wc -l)
  if grep -q "first${i}second$i" $N 2>/dev/null; then ok=$((ok+1)); r=kept; else r=LOST; fi
  echo "round $i: exit $rc, $r, leftover tmp: $tmp"
done
echo "$ok/$ROUNDS kept"
kill $XPID; wait $XPID 2>/dev/null
# Exit status 1 when a round lost its words.
[ "$ok" = "$ROUNDS" ]
