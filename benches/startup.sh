#!/usr/bin/env bash
# Startup time and memory of the real window against a bare eframe window with one label
# (examples/bare.rs), under Xvfb with the software renderer (lavapipe).
#
#   bash benches/startup.sh            # 5 runs of each; RUNS=9 for more
#
# Each run starts the program with RUST_LOG=talkdeck=info through the shot tool
# (../shared/tools/shot, which runs it in a fresh Xvfb and writes its log to
# OUT.png.log), reads "first frame after N ms" from the log, and the resident set
# (VmRSS, and its peak VmHWM) from /proc 3 s after the start. talkdeck gets a fresh data
# folder each run (no remembered notes file, no recovery offer).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
shot=${SHOT:-../shared/tools/shot}
cargo build --release --bin talkdeck --example bare >&2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

measure() {
  local name=$1 bin=$2 i pid
  for i in $(seq "$runs"); do
    local out="$tmp/$name-$i.png" data="$tmp/data-$name-$i"
    mkdir -p "$data"
    # The shell writes its pid, then becomes the program (exec), so the pid is the
    # program's.
    "$shot" "$out" --wait 3 --after 0 -- sh -c \
      "echo \$\$ > '$tmp/$name-$i.pid'; exec env RUST_LOG=talkdeck=info XDG_DATA_HOME='$data' XDG_CONFIG_HOME='$data' '$bin'" \
      >/dev/null 2>&1 &
    local shot_pid=$!
    # shot starts Xvfb and waits 1 s before starting the program; 3 s later, read RSS.
    sleep 4
    pid=$(cat "$tmp/$name-$i.pid" 2>/dev/null || echo 0)
    awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null >>"$tmp/$name.rss" || true
    awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null >>"$tmp/$name.hwm" || true
    wait "$shot_pid" || true
    grep -o 'first frame after [0-9]* ms' "$out.log" | grep -o '[0-9]\+' >>"$tmp/$name.ms" ||
      echo "$name run $i: no first-frame line in the log" >&2
  done
  printf '%-9s first frame: median %s ms (runs: %s)  RSS: median %s MiB (peak %s MiB)\n' \
    "$name" "$(median <"$tmp/$name.ms")" "$(tr '\n' ' ' <"$tmp/$name.ms" | sed 's/ $//')" \
    "$(median <"$tmp/$name.rss" | awk '{printf "%.0f", $1/1024}')" \
    "$(median <"$tmp/$name.hwm" | awk '{printf "%.0f", $1/1024}')"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
dir=${CARGO_TARGET_DIR:-target}
measure bare "$dir/release/examples/bare"
measure talkdeck "$dir/release/talkdeck"
