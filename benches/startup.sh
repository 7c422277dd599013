#!/usr/bin/env bash
# Start-up time and memory of the real window against a bare eframe window with one label
# (examples/bare.rs) on each renderer, under Xvfb with Mesa's software renderers
# (llvmpipe for glow, lavapipe for wgpu).
#
#   bash benches/startup.sh            # 7 rounds; RUNS=15 for more
#
# Each round starts talkdeck (glow-only, as released), the bare window on glow and the
# bare window on wgpu, one after the other, so the shared machine's drift falls on all
# three alike. Each start goes through the shot tool (tests/real-window/harness/shot, or
# $SHOT, which runs the program in a fresh Xvfb and writes its log to OUT.png.log) with
# RUST_LOG=eframe::paint=info, and reads from the log when the first frame was painted
# and the window shown (the line "[   0.139 s INFO  eframe::paint] first frame painted,
# window shown" of our eframe patch, the time counted from the start of main), and the
# resident set (VmRSS, and its peak VmHWM) from /proc 3 s after the start. Each start
# gets a fresh data folder (no remembered notes file, no recovery offer).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-7}
shot=${SHOT:-tests/real-window/harness/shot}
dir=${CARGO_TARGET_DIR:-target}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# talkdeck and the glow floor as released (glow only); then the floor with both
# renderers, for wgpu.
cargo build --release --bin talkdeck --example bare >&2
cp "$dir/release/talkdeck" "$tmp/talkdeck"
cp "$dir/release/examples/bare" "$tmp/bare-glow"
cargo build --release --features wgpu --example bare >&2
cp "$dir/release/examples/bare" "$tmp/bare-wgpu"

median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# start NAME RUN RENDERER: one start of $tmp/NAME.
start() {
  local name=$1 i=$2 renderer=$3 pid
  local out="$tmp/$name-$i.png" data="$tmp/data-$name-$i"
  mkdir -p "$data"
  # The shell writes its pid, then becomes the program (exec), so the pid is the
  # program's.
  "$shot" "$out" --wait 5 --after 0 -- sh -c \
    "echo \$\$ > '$tmp/$name-$i.pid'; exec env RUST_LOG=eframe::paint=info TALKDECK_RENDERER=$renderer XDG_DATA_HOME='$data' XDG_CONFIG_HOME='$data' '$tmp/$name'" \
    >/dev/null 2>&1 &
  local shot_pid=$!
  # shot starts the program once its Xvfb answers; 3 s after the program started, read
  # its RSS (shot keeps it 5 s).
  for _ in $(seq 100); do [[ -s $tmp/$name-$i.pid ]] && break; sleep 0.1; done
  sleep 3
  pid=$(cat "$tmp/$name-$i.pid" 2>/dev/null || echo 0)
  awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null >>"$tmp/$name.rss" || true
  awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null >>"$tmp/$name.hwm" || true
  wait "$shot_pid" || true
  awk '/first frame painted/ {printf "%.0f\n", $2 * 1000}' "$out.log" >>"$tmp/$name.ms"
  grep -q 'first frame painted' "$out.log" ||
    echo "$name run $i: no first-frame line in the log" >&2
}

report() {
  local name=$1
  printf '%-9s first frame painted: median %s ms (runs: %s)  RSS: median %s MiB (peak %s MiB)\n' \
    "$name" "$(median <"$tmp/$name.ms")" "$(tr '\n' ' ' <"$tmp/$name.ms" | sed 's/ $//')" \
    "$(median <"$tmp/$name.rss" | awk '{printf "%.0f", $1/1024}')" \
    "$(median <"$tmp/$name.hwm" | awk '{printf "%.0f", $1/1024}')"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
  start talkdeck "$i" glow
  start bare-glow "$i" glow
  start bare-wgpu "$i" wgpu
done
report talkdeck
report bare-glow
report bare-wgpu
