# Shared by the harness's scripts (sourced, not run): checking for the X tools, waiting,
# and a private Xvfb on the first free display of a range.

# need COMMAND PACKAGE: stop with exit 2 and the package to install when COMMAND is
# missing (the harness installs nothing itself; .ci/run does, with apt-get).
need() {
  command -v "$1" >/dev/null 2>&1 && return
  echo "harness: $1 is missing (apt-get install $2)" >&2
  exit 2
}

# wait_for SECONDS COMMAND...: run COMMAND every 0.2 s until it succeeds (status 0) or
# SECONDS have passed (status 1). Its output is dropped.
wait_for() {
  local tries=$(($1 * 5))
  shift
  while ((tries-- > 0)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  return 1
}

# start_xvfb FIRST LAST WxH LOG: start Xvfb on the first display number in FIRST..LAST
# that no other server holds (by its lock file and socket), wait until it answers, and
# set XVFB_DISPLAY (":N") and XVFB_PID. Another run may take the same number in the
# meantime; then that Xvfb fails and the next number is tried.
start_xvfb() {
  local n
  XVFB_DISPLAY="" XVFB_PID=""
  for n in $(seq "$1" "$2"); do
    [[ -e /tmp/.X$n-lock || -e /tmp/.X11-unix/X$n ]] && continue
    Xvfb ":$n" -screen 0 "${3}x24" -nolisten tcp -noreset >"$4" 2>&1 &
    XVFB_PID=$!
    if wait_for 10 xdpyinfo -display ":$n"; then
      XVFB_DISPLAY=":$n"
      return 0
    fi
    kill "$XVFB_PID" 2>/dev/null
    wait "$XVFB_PID" 2>/dev/null
    XVFB_PID=""
  done
  echo "harness: no free X display in :$1-:$2" >&2
  return 1
}

# window_of PID: print the id of PID's last visible window; status 1 while it has none.
window_of() {
  local w
  w=$(xdotool search --onlyvisible --pid "$1" 2>/dev/null | tail -1)
  [[ -n $w ]] && echo "$w"
}
