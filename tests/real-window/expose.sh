#!/bin/bash
# The window draws itself again when the X server says so, although nothing in it
# changed: talkdeck leaves a frame unpainted when it would show what is shown already
# (patches/eframe), and an expose must never be taken for such a frame. Another window
# (xlogo) is put over talkdeck and taken away while the pointer moves over talkdeck (a
# redraw asked for by the app and one asked for by the server then come as one event);
# the screen must be what it was before. Needs Xvfb, xdotool, x11-apps, imagemagick.
# Runs $TALKDECK (default target/release/talkdeck). Exit status 1 when a round failed.
set -u
TALKDECK=${TALKDECK:-target/release/talkdeck}
ROUNDS=${1:-3}
export DISPLAY=:${XDISPLAY:-78}
D=$(mktemp -d)
Xvfb "$DISPLAY" -screen 0 1280x800x24 >/dev/null 2>&1 & XPID=$!
trap 'kill $P $XPID 2>/dev/null; rm -rf "$D"' EXIT
sleep 1
HOME=$D LANG=en_US.UTF-8 "$TALKDECK" >"$D/log" 2>&1 & P=$!
sleep 4
xdotool mousemove 1100 600; sleep 1.5
import -window root "$D/before.png"
ok=0
for i in $(seq 1 "$ROUNDS"); do
  xlogo -geometry 500x400+$((100 + 50 * i))+150 & X=$!
  sleep 1.5
  xdotool mousemove 1100 610
  kill $X; wait $X 2>/dev/null
  xdotool mousemove 1100 600
  sleep 1.5
  import -window root "$D/after.png"
  diff=$(compare -metric AE "$D/before.png" "$D/after.png" null: 2>&1)
  if [ "$diff" = 0 ]; then ok=$((ok + 1)); r=redrawn; else r="NOT REDRAWN ($diff pixels differ)"; fi
  echo "round $i: $r"
done
echo "expose: $ok/$ROUNDS redrawn"
[ "$ok" = "$ROUNDS" ]
