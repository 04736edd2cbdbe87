"""Run every benchmark, one after the other, and print (or save) their reports.

    python benchmarks/run_all.py                 # print everything
    python benchmarks/run_all.py --markdown OUT  # also write a Markdown report with the
                                                 # machine, the commands and the date
    python benchmarks/run_all.py --packaging     # also build and time the desktop bundle

Each benchmark measures its own ratios side by side within one run (this is how a noisy
machine still gives comparable figures); this script only runs them in turn.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: (title, script relative to the repository): the order of BENCHMARKS.md
BENCHMARKS = [
    ("Trainer overhead: the app's Trainer vs a minimal hand-written loop", "benchmarks/bench_trainer.py"),
    ("Window responsiveness and throughput while training", "benchmarks/bench_training_ui.py"),
    ("One-off pauses of the window: ONNX import, data preview, window start, first run",
     "benchmarks/bench_gui_stalls.py"),
    ("Threads for headless training: 1 vs 2", "benchmarks/bench_threads.py"),
    ("Peak memory of a run against its floor", "benchmarks/bench_memory.py"),
    ("Inference: onnxruntime vs PyTorch eager", "benchmarks/bench_onnx.py"),
    ("Cold start: a visible window, a first trained epoch", "benchmarks/bench_startup.py"),
    ("Graphs of 300 to 10,000 nodes: load, infer, validate, layout, edit, open in the window", "benchmarks/bench_graph.py"),
    ("Real data: 60,000 MNIST-size images, loading and training", "benchmarks/bench_real_data.py"),
    ("Data-parallel training on the CPU: 1 process vs 2 gloo ranks", "benchmarks/bench_distributed.py"),
    ("Large tabular files: 100 MB CSV and text files", "benchmarks/bench_csv.py"),
]
#: with --packaging: builds the desktop bundle (minutes) and smoke-tests it, timing each start;
#: it runs first, so that the cold-start benchmark times the bundle of the code measured
PACKAGING = ("Desktop bundle: build, size and start times", "packaging/build.sh")

#: printed by Qt's offscreen platform for every window shown; says nothing about the benchmark
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"


def machine() -> str:
    import torch

    cores = os.cpu_count()
    return (f"{platform.system()} {platform.machine()}, {cores} logical cores, Python {platform.python_version()}, "
            f"torch {torch.__version__}, CUDA available: {torch.cuda.is_available()}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", type=Path, help="also write a Markdown report to this file")
    parser.add_argument("--only", nargs="*", help="run only the scripts with these names (e.g. bench_onnx)")
    parser.add_argument("--packaging", action="store_true",
                        help="also build and smoke-test the desktop bundle (takes minutes)")
    args = parser.parse_args()
    env = dict(os.environ)
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    sections = []
    failed = False
    chosen = [entry for entry in BENCHMARKS if not args.only or Path(entry[1]).stem in args.only]
    if args.packaging:
        chosen.insert(0, PACKAGING)  # first: the cold-start benchmark then times this bundle
    for title, script in chosen:
        if script.endswith(".py"):
            command, shown = [sys.executable, str(ROOT / script)], f"python {script}"
        else:
            command, shown = [str(ROOT / script)], script
        print(f"\n== {title}\n$ {shown}", flush=True)
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        output = "\n".join(line for line in (result.stdout + result.stderr).rstrip().splitlines()
                           if line != OFFSCREEN_NOISE)
        print(output)
        # the machine's load decides how far wall times can be trusted: say it beside them
        took = (f"{time.perf_counter() - started:.0f} s, exit {result.returncode}, one-minute load average "
                f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after")
        print(f"({took})", flush=True)
        failed |= result.returncode != 0
        sections.append(f"## {title}\n\n```\n$ {shown}\n{output}\n```\n({took})\n")
    if args.markdown:
        flags = " --packaging" if args.packaging else ""
        header = (f"# Benchmarks\n\nMeasured on {datetime.date.today().isoformat()}: {machine()}.\n"
                  f"Command: `python benchmarks/run_all.py --markdown {args.markdown}{flags}`\n")
        args.markdown.write_text(header + "\n" + "\n".join(sections), encoding="utf-8")
        print(f"\nwrote {args.markdown}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
