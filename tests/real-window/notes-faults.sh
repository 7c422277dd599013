#!/bin/bash
# Faults of issue #34 on the real window (Xvfb + xdotool; the release binary, or $TALKDECK):
#   question  the notes folder is removed, Ctrl+Q; kill -9 while the quit question is open:
#             the recovery file must hold the words (it is written before the question);
#   anyway    the same, but Ctrl+Q 4 s later (the recovery file already holds the words),
#             then Tab Tab Enter ("Quit anyway"): the app must end, the words in the
#             recovery file;
#   steady    a key every 0.8 s for 8 s, then kill -9: the notes file must hold what was
#             typed up to AUTOSAVE_MAX_WAIT (5 s) before the kill.
# Prints one line per round and "N/M kept"; exits 1 when a round lost words.
TALKDECK=${TALKDECK:-target/release/talkdeck}
ROUNDS=${1:-2}
export DISPLAY=:${XDISPLAY:-86}
Xvfb $DISPLAY -screen 0 1280x800x24 >/dev/null 2>&1 &
XPID=$!
trap 'kill $XPID 2>/dev/null' EXIT
sleep 1
ok=0; total=0
start() { # $1: folder; starts talkdeck on its notes file, focuses the window, opens a note
  HOME=$1 LANG=en_US.UTF-8 "$TALKDECK" --notes "$1/sub/n.json" >"$1/log" 2>&1 &
  P=$!
  for _ in $(seq 50); do W=$(xdotool search --pid $P 2>/dev/null | tail -1); [ -n "$W" ] && break; sleep 0.1; done
  sleep 1.5
  xdotool windowfocus --sync "$W" 2>/dev/null
  xdotool key ctrl+n; sleep 0.3
}
recovered() { grep -qs "$2" "$1"/.local/share/talkdeck/recovery/*.notes.json; }
verdict() { total=$((total + 1)); if [ "$2" = kept ]; then ok=$((ok + 1)); fi; echo "$1: $2"; }
for i in $(seq 1 "$ROUNDS"); do
  D=$(mktemp -d); mkdir -p "$D/sub"; start "$D"
  xdotool type --delay 20 "question$i"; rm -rf "$D/sub"; xdotool key ctrl+q
  sleep 1.5; kill -9 $P; wait $P 2>/dev/null
  if recovered "$D" "question$i"; then verdict "question $i" kept; else verdict "question $i" LOST; fi

  D=$(mktemp -d); mkdir -p "$D/sub"; start "$D"
  # As the repro: autosave fails and fills the recovery file before Ctrl+Q.
  xdotool type --delay 20 "anyway$i"; rm -rf "$D/sub"; sleep 4; xdotool key ctrl+q
  # One key at a time, as a person presses them (egui moves the focus once per frame).
  sleep 1.5; xdotool key Tab; sleep 0.3; xdotool key Tab; sleep 0.3; xdotool key Return
  for _ in $(seq 30); do kill -0 $P 2>/dev/null || break; sleep 0.1; done
  if kill -0 $P 2>/dev/null; then verdict "anyway $i (did not quit)" LOST; kill -9 $P
  elif recovered "$D" "anyway$i"; then verdict "anyway $i" kept
  else verdict "anyway $i" LOST; fi
  wait $P 2>/dev/null

  D=$(mktemp -d); mkdir -p "$D/sub"; start "$D"
  typed=""
  for c in a b c d e f g h i j; do xdotool type "$c"; typed+=$c; sleep 0.8; done
  kill -9 $P; wait $P 2>/dev/null
  # What was typed 5 s (plus a save's time) before the kill must be on disk.
  ondisk=$(grep -o '"text": "[a-z]*' "$D/sub/n.json" 2>/dev/null | cut -d'"' -f4)
  if [[ ${#ondisk} -ge 3 && $typed == "$ondisk"* ]]; then verdict "steady $i (typed $typed, on disk $ondisk)" kept
  else verdict "steady $i (typed $typed, on disk '${ondisk}')" LOST; fi
done
echo "$ok/$total kept"
[ "$ok" = "$total" ]
