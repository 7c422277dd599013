#!/usr/bin/env python3
"""What one input costs in the real window: painted frames and CPU time per input.

    bash benches/frames.sh              # builds, then runs this (ROUNDS=9 by default)
    python3 benches/frames.py [--rounds N] [--only talkdeck-glow,bare-glow] [--talk FILE]

The talk is the built-in one unless --talk names another (a long transcript, a deck with
pictures); the walks visit all its cards, or the first --walk ones.

Each program runs in its own Xvfb (software rendering: llvmpipe for GL, lavapipe for
Vulkan) with RUST_LOG=talkdeck::frames=debug, so it logs one line per egui pass
(src/frames.rs), and eframe (patches/eframe, glow) one line per pass it painted or left
unpainted as unchanged (`eframe::paint`; a program that does not skip paints every pass). Inputs are sent through the XTEST extension (what xdotool uses) from
this process, so their send time is known to the microsecond:

- cold walk: Right through every card of the talk, none of which the window has shown
          yet (it starts on the first card, with fresh settings), then
- warm walk: Home and the same walk again: what a first visit costs beside a revisit;
- move:   the pointer moves 10 px over an empty part of the window;
- key:    Right, then Left (each a card change); the time until the new card is on
          the screen is read by polling the screen's pixels where the card is drawn;
- scroll: one wheel notch down, then up, over the speaker notes;
- type:   one character into a note (Ctrl+N first adds the note and focuses it).

After each input the script waits SETTLE seconds and takes the difference of the
process's CPU time (the sum over its threads of /proc/PID/task/*/schedstat, in ns;
utime+stime from /proc/PID/stat agrees but counts 10 ms ticks) and of the frame lines.
Medians over the rounds are printed, one table row per program and input, the bare
window (examples/bare, one label) beside talkdeck, in the same run.
"""

import argparse
import ctypes
import ctypes.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

VERBOSE = bool(os.environ.get("VERBOSE"))
SETTLE = 1.2  # seconds after an input: longer than any animation egui runs by default
W, H = 1280, 800

# --- X11 through ctypes: XTEST for input, XGetImage for watching the screen ----------

x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
xtst = ctypes.CDLL(ctypes.util.find_library("Xtst") or "libXtst.so.6")
x11.XOpenDisplay.restype = ctypes.c_void_p
x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
x11.XDefaultRootWindow.restype = ctypes.c_ulong
x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
x11.XStringToKeysym.restype = ctypes.c_ulong
x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
x11.XKeysymToKeycode.restype = ctypes.c_ubyte
x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
x11.XFlush.argtypes = [ctypes.c_void_p]
x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
x11.XGetImage.restype = ctypes.c_void_p
x11.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                          ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
x11.XFree.argtypes = [ctypes.c_void_p]
xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
xtst.XTestFakeButtonEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
xtst.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                                      ctypes.c_ulong]


class XImage(ctypes.Structure):
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int),
                ("format", ctypes.c_int), ("data", ctypes.c_void_p), ("byte_order", ctypes.c_int),
                ("bitmap_unit", ctypes.c_int), ("bitmap_bit_order", ctypes.c_int),
                ("bitmap_pad", ctypes.c_int), ("depth", ctypes.c_int),
                ("bytes_per_line", ctypes.c_int), ("bits_per_pixel", ctypes.c_int)]


class Screen:
    def __init__(self, display):
        self.d = x11.XOpenDisplay(display.encode())
        if not self.d:
            raise SystemExit(f"cannot open display {display}")
        self.root = x11.XDefaultRootWindow(self.d)

    def period(self, seconds):
        """(cpu ms, painted frames, None, passes) over `seconds` of no input."""
        cpu0, n0, k0 = cpu_ns(self.proc.pid), len(self.frames), self.skipped
        time.sleep(seconds)
        passes = len(self.frames) - n0
        return (cpu_ns(self.proc.pid) - cpu0) / 1e6, passes - (self.skipped - k0), None, passes

    def close(self):
        x11.XCloseDisplay(self.d)

    def keycode(self, name):
        return x11.XKeysymToKeycode(self.d, x11.XStringToKeysym(name.encode()))

    def key(self, name, modifier=None):
        codes = ([self.keycode(modifier)] if modifier else []) + [self.keycode(name)]
        for c in codes:
            xtst.XTestFakeKeyEvent(self.d, c, 1, 0)
        for c in reversed(codes):
            xtst.XTestFakeKeyEvent(self.d, c, 0, 0)
        x11.XFlush(self.d)

    def move(self, x, y):
        xtst.XTestFakeMotionEvent(self.d, -1, x, y, 0)
        x11.XFlush(self.d)

    def button(self, b):
        xtst.XTestFakeButtonEvent(self.d, b, 1, 0)
        xtst.XTestFakeButtonEvent(self.d, b, 0, 0)
        x11.XFlush(self.d)

    def pixels(self, rect):
        x, y, w, h = rect
        img = x11.XGetImage(self.d, self.root, x, y, w, h, 0xFFFFFFFF, 2)  # ZPixmap
        if not img:
            return b""
        im = XImage.from_address(img)
        data = ctypes.string_at(im.data, im.bytes_per_line * im.height)
        x11.XFree(im.data)
        x11.XFree(img)
        return data


# --- the process under test ---------------------------------------------------------

def cpu_ns(pid):
    """CPU time of all live threads of `pid`, in ns."""
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                total += int(f.read().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total


def ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Program:
    """A program running in its own Xvfb, its frame lines collected as they come."""

    def __init__(self, argv, env_extra):
        self.tmp = tempfile.mkdtemp(prefix="frames-")
        self.display = free_display()
        self.xvfb = subprocess.Popen(["Xvfb", self.display, "-screen", "0", f"{W}x{H}x24",
                                      "-nolisten", "tcp"], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        for _ in range(100):
            if os.path.exists(f"/tmp/.X11-unix/X{self.display[1:]}"):
                break
            time.sleep(0.05)
        time.sleep(0.3)
        self.screen = Screen(self.display)
        self.screen.move(W - 5, H - 5)
        runtime = os.path.join(self.tmp, "run")
        os.mkdir(runtime, 0o700)
        env = dict(os.environ, DISPLAY=self.display, XDG_RUNTIME_DIR=runtime,
                   XDG_DATA_HOME=os.path.join(self.tmp, "data"),
                   XDG_CONFIG_HOME=os.path.join(self.tmp, "config"),
                   RUST_LOG="talkdeck=info,talkdeck::frames=debug,eframe::paint=debug",
                   LANG="zh_CN.UTF-8")
        env.pop("WAYLAND_DISPLAY", None)
        env.update(env_extra)
        self.frames = []  # wall-clock seconds at which each frame began
        self.viewports = []  # and of which window: "main" or "second"
        self.skipped = 0  # passes eframe left unpainted: the picture was unchanged
        self.first_frame_ms = None
        self.log = []
        self.started = time.time()
        self.proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stderr:
            if " talkdeck::frames] frame " in line:
                self.frames.append(int(line.split(" at ")[1].split()[0]) / 1e6)
                self.viewports.append(line.split(" frame ")[1].split()[1])
            elif "first frame painted" in line:
                # "[   0.139 s INFO  eframe::paint] first frame painted, window shown"
                self.first_frame_ms = round(float(line.split()[1]) * 1000)
            elif " eframe::paint] " in line:
                self.skipped += line.rstrip().endswith(": unchanged")
            else:
                self.log.append(line.rstrip())

    def wait_quiet(self, quiet=1.0, limit=30.0):
        """Until no frame has been painted for `quiet` seconds."""
        start = time.time()
        while time.time() - start < limit:
            last = self.frames[-1] if self.frames else self.started
            if self.frames and time.time() - last > quiet:
                return
            time.sleep(0.05)
        raise SystemExit(f"still painting after {limit} s: {self.log[-5:]}")

    def focus(self):
        out = subprocess.run(["xdotool", "search", "--pid", str(self.proc.pid)],
                             env=dict(os.environ, DISPLAY=self.display), capture_output=True,
                             text=True).stdout.split()
        if out:
            subprocess.run(["xdotool", "windowfocus", out[-1]],
                           env=dict(os.environ, DISPLAY=self.display), capture_output=True)

    def measure(self, send, watch=None):
        """Sends one input; returns (cpu ms, painted frames, ms until `watch` pixels
        changed, passes)."""
        pid = self.proc.pid
        before = self.screen.pixels(watch) if watch else None
        cpu0, n0, k0 = cpu_ns(pid), len(self.frames), self.skipped
        sent = time.time()
        send()
        shown = None
        if watch:
            while time.time() - sent < SETTLE:
                if self.screen.pixels(watch) != before:
                    shown = (time.time() - sent) * 1000
                    break
                time.sleep(0.001)
        time.sleep(max(0.0, SETTLE - (time.time() - sent)))
        if VERBOSE:
            offsets = [f"{(t - sent) * 1000:.0f}" for t in self.frames[n0:]]
            print(f"    frames at ms: {' '.join(offsets)}", file=sys.stderr)
        passes = len(self.frames) - n0
        return (cpu_ns(pid) - cpu0) / 1e6, passes - (self.skipped - k0), shown, passes

    def period(self, seconds):
        """(cpu ms, painted frames, None, passes) over `seconds` of no input."""
        cpu0, n0, k0 = cpu_ns(self.proc.pid), len(self.frames), self.skipped
        time.sleep(seconds)
        passes = len(self.frames) - n0
        return (cpu_ns(self.proc.pid) - cpu0) / 1e6, passes - (self.skipped - k0), None, passes

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.screen.close()
        self.xvfb.terminate()
        self.xvfb.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)


def free_display():
    for n in range(150, 250):
        if not os.path.exists(f"/tmp/.X11-unix/X{n}") and not os.path.exists(f"/tmp/.X{n}-lock"):
            return f":{n}"
    raise SystemExit("no free X display")


# --- where things are in talkdeck's window at 1280×800 (seed talk, first card) ---------

EMPTY = [(1100, 500), (1110, 500)]  # the empty notes panel (no notes on the first card)
NOTES = (600, 600)                # over the speaker notes text
CARD = (280, 60, 640, 100)        # the slide's title and counter (x, y, w, h)


def run(name, argv, env, rounds, app, walk):
    p = Program(argv, env)
    rows = {}
    try:
        p.wait_quiet(1.5)
        startup = p.first_frame_ms
        rss = rss_mib(p.proc.pid)
        p.focus()
        p.screen.move(*EMPTY[0])
        p.wait_quiet(1.0)
        rows["idle 2 s"] = [p.period(2.0)]
        s = p.screen
        rows["move"] = [p.measure(lambda i=i: s.move(*EMPTY[(i + 1) % 2])) for i in range(rounds)]
        if not app:
            rows["key"] = [p.measure(lambda: s.key("Right")) for _ in range(rounds)]
        if app:
            rows["cold walk"] = [p.measure(lambda: s.key("Right"), CARD) for _ in range(walk)]
            s.key("Home")
            p.wait_quiet(1.0)
            rows["warm walk"] = [p.measure(lambda: s.key("Right"), CARD) for _ in range(walk)]
            keys = ["Right", "Left"]
            rows["key"] = [p.measure(lambda i=i: s.key(keys[i % 2]), CARD) for i in range(rounds)]
            s.move(*NOTES)
            p.wait_quiet(1.0)
            rows["scroll"] = [p.measure(lambda i=i: s.button(5 if i % 2 == 0 else 4))
                              for i in range(rounds)]
            s.move(*EMPTY[0])
            s.key("n", "Control_L")
            time.sleep(1.5)  # a focused text field may blink its cursor: never quiet
            letters = "abcdefghijklmnopqrstuvwxyz"
            rows["type"] = [p.measure(lambda i=i: s.key(letters[i % 26])) for i in range(rounds)]
            rows["focused note, 3 s"] = [p.period(3.0)]
            # Presenting, timer running: the speaker's view ticks once a second.
            s.key("Escape")
            time.sleep(0.5)
            s.key("F5")
            time.sleep(2.0)
            n0 = len(p.frames)
            rows["presenting, 5 s"] = [p.period(5.0)]
            seconds = p.viewports[n0:].count("second")
            rows["presenting, 5 s"][0] += (f"{seconds} of the passes in the audience window",)
        total_ticks = ticks(p.proc.pid)
    finally:
        p.close()
    return {"name": name, "startup": startup, "rss": rss, "rows": rows, "ticks": total_ticks,
            "log": p.log}


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=int(os.environ.get("ROUNDS", 9)))
    ap.add_argument("--bin", default="target/release/talkdeck")
    ap.add_argument("--bare", default="target/release/examples/bare")
    ap.add_argument("--only", default="")
    ap.add_argument("--renderers", default="glow,wgpu")
    ap.add_argument("--talk", default=None, help="a talk file instead of the built-in one")
    ap.add_argument("--walk", type=int, default=None,
                    help="cards to walk (default: all cards of the talk but the first)")
    args = ap.parse_args()
    talk = [args.talk] if args.talk else []
    walk = args.walk
    if walk is None:
        source = args.talk or os.path.join(os.path.dirname(__file__), "..", "seeds",
                                           "000_187f639e31b962a3.txt")
        outline = subprocess.run([args.bin, "outline", "--json", source], capture_output=True,
                                 text=True, check=True).stdout
        walk = len(json.loads(outline)["cards"]) - 1
    subjects = []
    for r in args.renderers.split(","):
        subjects.append((f"bare-{r}", [args.bare], {"TALKDECK_RENDERER": r}, False))
        subjects.append((f"talkdeck-{r}", [args.bin, *talk], {"TALKDECK_RENDERER": r}, True))
    only = set(filter(None, args.only.split(",")))
    print(f"load average before: {open('/proc/loadavg').read().split()[:3]}; "
          f"{args.rounds} rounds, {SETTLE} s after each input")
    results = [run(*s[:3], args.rounds, s[3], walk) for s in subjects
               if not only or s[0] in only]
    print(f"\n{'program':<16}{'input':<19}{'CPU ms':>8}{'painted':>8}{'passes':>8}"
          f"{'shown ms':>10}   CPU ms per round")
    for r in results:
        print(f"{r['name']:<16}{'start':<19}{'':>8}{'':>8}{'':>8}{r['startup'] or 0:>10}"
              f"   first frame painted after {r['startup']} ms, RSS {r['rss']:.0f} MiB")
        for input_, samples in r["rows"].items():
            cpu = med(s[0] for s in samples)
            frames = med(s[1] for s in samples)
            passes = med(s[3] for s in samples)
            shown = med(s[2] for s in samples)
            shown = f"{shown:.0f}" if shown is not None else ""
            per = " ".join(f"{s[0]:.0f}" for s in samples)
            per += "".join(f" ({s[4]})" for s in samples if len(s) > 4)
            print(f"{r['name']:<16}{input_:<19}{cpu:>8.1f}{frames:>8g}{passes:>8g}{shown:>10}"
                  f"   {per}")
        warnings = [line for line in r["log"] if "WARN" in line or "ERROR" in line]
        for line in warnings[:5]:
            print(f"    {r['name']} log: {line}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
