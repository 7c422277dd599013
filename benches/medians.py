#!/usr/bin/env python3
"""Prints the median of every benchmark criterion has run (its printout shows the mean).

    python3 benches/medians.py            # after `cargo bench`
    python3 benches/medians.py frame/     # only ids starting with frame/
"""

import glob
import json
import os
import sys

prefix = sys.argv[1] if len(sys.argv) > 1 else ""
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "criterion")
rows = []
for path in glob.glob(os.path.join(root, "**", "new", "estimates.json"), recursive=True):
    with open(path) as f:
        median_ns = json.load(f)["median"]["point_estimate"]
    with open(path.replace("estimates.json", "benchmark.json")) as f:
        bench_id = json.load(f)["full_id"]
    if bench_id.startswith(prefix):
        rows.append((bench_id, median_ns))
for bench_id, ns in sorted(rows):
    if ns >= 1e6:
        shown = f"{ns / 1e6:.3g} ms"
    elif ns >= 1e3:
        shown = f"{ns / 1e3:.3g} µs"
    else:
        shown = f"{ns:.3g} ns"
    print(f"{bench_id:64} {shown}")
