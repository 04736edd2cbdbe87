"""Run every benchmark, one after the other, and print (or save) their reports.

    python benchmarks/run_all.py                 # print everything
    python benchmarks/run_all.py --markdown OUT  # also write a Markdown report with the
                                                 # machine, the commands and the date

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

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

#: (title, script, arguments): the order of BENCHMARKS.md
BENCHMARKS = [
    ("Trainer overhead: the app's Trainer vs a minimal hand-written loop", "bench_trainer.py", []),
    ("Window responsiveness and throughput while training", "bench_training_ui.py", []),
    ("Inference: onnxruntime vs PyTorch eager", "bench_onnx.py", []),
    ("Cold start: a visible window, a first trained epoch", "bench_startup.py", []),
    ("A 300-node graph: load, layout, shape inference, opening in the window", "bench_graph.py", []),
]

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
    args = parser.parse_args()
    env = dict(os.environ)
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    sections = []
    failed = False
    for title, script, extra in BENCHMARKS:
        if args.only and Path(script).stem not in args.only:
            continue
        command = [sys.executable, str(HERE / script), *extra]
        shown = " ".join(["python", f"benchmarks/{script}", *extra])
        print(f"\n== {title}\n$ {shown}", flush=True)
        started = time.perf_counter()
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        output = "\n".join(line for line in (result.stdout + result.stderr).rstrip().splitlines()
                           if line != OFFSCREEN_NOISE)
        print(output)
        print(f"({time.perf_counter() - started:.0f} s, exit {result.returncode})", flush=True)
        failed |= result.returncode != 0
        sections.append(f"## {title}\n\n```\n$ {shown}\n{output}\n```\n")
    if args.markdown:
        header = (f"# Benchmarks\n\nMeasured on {datetime.date.today().isoformat()}: {machine()}.\n"
                  f"Command: `python benchmarks/run_all.py --markdown {args.markdown}`\n")
        args.markdown.write_text(header + "\n" + "\n".join(sections), encoding="utf-8")
        print(f"\nwrote {args.markdown}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
