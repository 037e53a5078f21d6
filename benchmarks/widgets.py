"""Latency of every explorer: from setting a control's value to the PNG a browser gets.

Each explorer in ``reglab.widgets`` (found by name, ``*_explorer``) is built with its
default data, then driven through 50 control changes: its controls in turn, each
stepping through its range. A change is timed from ``control.value = v`` to the
finished Agg draw plus PNG encoding, which is what ``ipywidgets.Image`` sends to the
browser (the observer runs synchronously, so the assignment returns when the PNG is
ready). Printed per explorer: median, 95th percentile and maximum wall-clock time in
milliseconds, the median CPU time of this process per change (what the change costs
when the CPU is not shared), the part of it spent encoding the PNG (CPU time of
encoding the drawn canvas again; the rest is the explorer's update and the Agg
draw), the PNG size, the time and size of the text equivalent
(setting the live region's HTML, what a change adds for
screen readers; included in the latency), and the build time.

Targets (issue 3): p95 <= 100 ms and median <= 50 ms on a 2-core machine. Timings are
noisy when other processes share the CPU; the load average is printed with the table.

Run: .venv/bin/python benchmarks/widgets.py [--changes 50] [explorer names...]
"""

import argparse
import inspect
import os
import sys
import time

import matplotlib

matplotlib.use("Agg")

import ipywidgets
import numpy as np

import reglab.widgets
from reglab.widgets._explorer import description_html, png_bytes


def control_values(control, count):
    """``count`` values walking a control's range back and forth (ends included)."""
    if isinstance(control, ipywidgets.FloatLogSlider):
        ends = 10 ** np.linspace(control.min, control.max, 12)
    elif isinstance(control, (ipywidgets.IntSlider, ipywidgets.FloatSlider)):
        ends = np.linspace(control.min, control.max, 12)
        if isinstance(control, ipywidgets.IntSlider):
            ends = np.unique(ends.round().astype(int))
    elif isinstance(control, ipywidgets.Checkbox):
        ends = [True, False]
    elif isinstance(control, ipywidgets.Text):
        ends = ["1 0 0 0", "0.5 0.5 0 0", "0.26 0.25 0.25 0.25", "2 -1 0.5 0"]
    else:  # ToggleButtons, SelectionSlider
        ends = [o[1] if isinstance(o, tuple) else o for o in control.options]
    walk = list(ends) + list(ends)[-2:0:-1]  # there and back, no repeats at the ends
    return [walk[i % len(walk)] for i in range(count)]


def schedule(explorer, n_changes):
    """(name, value) pairs: sliders get most changes, buttons and boxes a few."""
    names = list(explorer.controls)
    weights = np.array(
        [
            1 if isinstance(c, (ipywidgets.Checkbox, ipywidgets.ToggleButtons)) else 4
            for c in explorer.controls.values()
        ],
        dtype=float,
    )
    counts = np.floor(weights / weights.sum() * n_changes).astype(int)
    counts[np.argmax(weights)] += n_changes - counts.sum()
    plan = []
    for name, count in zip(names, counts, strict=True):
        plan += [(name, v) for v in control_values(explorer.controls[name], count)]
    # interleave controls so a slider move follows a button press, as in a lesson
    order = np.argsort([i / max(c, 1) for c in counts for i in range(c)], kind="stable")
    return [plan[i] for i in order]


def measure(name, n_changes):
    builder = getattr(reglab.widgets, name)
    start = time.perf_counter()
    explorer = builder()
    build = time.perf_counter() - start
    times, cpu_times, sizes, text_times, text_sizes = [], [], [], [], []
    png_cpu_times = []
    for control_name, value in schedule(explorer, n_changes):
        control = explorer.controls[control_name]
        if control.value == value:  # no change, no event: nudge to another value
            continue
        renders = explorer.n_renders
        start, cpu_start = time.perf_counter(), time.process_time()
        control.value = value
        elapsed = time.perf_counter() - start
        cpu = time.process_time() - cpu_start
        if explorer.n_renders > renders:
            times.append(elapsed)
            cpu_times.append(cpu)
            sizes.append(len(explorer.png))
            # what the PNG encoding of this frame costs (the canvas as drawn)
            cpu_start = time.process_time()
            png_bytes(explorer.figure)
            png_cpu_times.append(time.process_time() - cpu_start)
            # what the text equivalent costs: the trait set on every change
            start = time.perf_counter()
            explorer.text.value = description_html(explorer.description)
            text_times.append(time.perf_counter() - start)
            text_sizes.append(len(explorer.text.value) + len(explorer.description))
    times = np.array(times) * 1e3
    return {
        "explorer": name,
        "changes": len(times),
        "median_ms": float(np.median(times)),
        "p95_ms": float(np.percentile(times, 95)),
        "max_ms": float(times.max()),
        "cpu_median_ms": float(np.median(cpu_times) * 1e3),
        "png_cpu_ms": float(np.median(png_cpu_times) * 1e3),
        "png_kb": float(np.median(sizes) / 1024),
        "text_ms": float(np.median(text_times) * 1e3),
        "text_b": float(np.median(text_sizes)),
        "build_s": build,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="explorers to run (default: all)")
    parser.add_argument("--changes", type=int, default=50)
    args = parser.parse_args(argv)
    names = args.names or [
        n
        for n, f in inspect.getmembers(reglab.widgets, inspect.isfunction)
        if n.endswith("_explorer")
    ]
    load = os.getloadavg()
    print(
        f"reglab explorer latency: {args.changes} control changes each; time from "
        "setting the value to a finished Agg draw + PNG encoding"
    )
    print(
        f"python {sys.version.split()[0]}, matplotlib {matplotlib.__version__}, "
        f"ipywidgets {ipywidgets.__version__}, {os.cpu_count()} CPUs, load average "
        f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at start"
    )
    header = (
        f"{'explorer':26s} {'changes':>7s} {'median ms':>9s} {'p95 ms':>7s} "
        f"{'max ms':>7s} {'CPU med ms':>10s} {'PNG CPU':>7s} {'PNG kB':>7s} "
        f"{'text ms':>7s} "
        f"{'text B':>6s} {'build s':>7s} target"
    )
    print(header)
    print("-" * len(header))
    failed = []
    for name in names:
        row = measure(name, args.changes)
        ok = row["median_ms"] <= 50 and row["p95_ms"] <= 100
        if not ok:
            failed.append(name)
        print(
            f"{row['explorer']:26s} {row['changes']:7d} {row['median_ms']:9.1f} "
            f"{row['p95_ms']:7.1f} {row['max_ms']:7.1f} {row['cpu_median_ms']:10.1f} "
            f"{row['png_cpu_ms']:7.1f} {row['png_kb']:7.1f} {row['text_ms']:7.2f} "
            f"{row['text_b']:6.0f} "
            f"{row['build_s']:7.1f} {'met' if ok else 'MISSED'}",
            flush=True,
        )
    load = os.getloadavg()
    print(f"load average at end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(
        "targets: median <= 50 ms, p95 <= 100 ms;",
        "all met" if not failed else f"missed by: {', '.join(failed)}",
    )


if __name__ == "__main__":
    main()
