#!/bin/bash
# Needs Xvfb and xdotool; runs the release binary ($TALKDECK, default target/release/talkdeck).
TALKDECK=${TALKDECK:-target/release/talkdeck}
# SEED_NOTES=FILE starts every round from a copy of that notes file (e.g. 21 MB of notes);
# STARTUP=SECONDS is how long the window gets to open them before typing (default 2.5).
SEED_NOTES=${SEED_NOTES:-}; STARTUP=${STARTUP:-2.5}
# Rounds: type a note, send SIGNAL right after the letters (before autosave's 2 s), check the file.
SIG=${1:-TERM}; ROUNDS=${2:-5}
export DISPLAY=:${XDISPLAY:-77}
Xvfb $DISPLAY -screen 0 1280x800x24 >/dev/null 2>&1 &
XPID=$!; sleep 1
ok=0
for i in $(seq 1 $ROUNDS); do
  D=$(mktemp -d); N=$D/n.notes.json
  [ -n "$SEED_NOTES" ] && cp "$SEED_NOTES" $N
  HOME=$D LANG=en_US.UTF-8 "$TALKDECK" --notes $N > $D/log 2>&1 &
  P=$!
  sleep $STARTUP
  W=$(xdotool search --pid $P | tail -1)
  xdotool windowfocus --sync $W 2>/dev/null
  xdotool key ctrl+n; sleep 0.3
  xdotool type --delay 20 "round$i"
  kill -$SIG $P
  wait $P; rc=$?
  if grep -q "round$i" $N 2>/dev/null; then ok=$((ok+1)); r=kept; else r=LOST; fi
  echo "round $i: exit $rc, $r"
done
echo "$ok/$ROUNDS kept"
kill $XPID; wait $XPID 2>/dev/null
# Exit status 1 when a round lost its words.
[ "$ok" = "$ROUNDS" ]
