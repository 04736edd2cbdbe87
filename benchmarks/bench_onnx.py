"""Inference latency of exported models: onnxruntime vs PyTorch eager, side by side.

Run from the repository root::

    python benchmarks/bench_onnx.py                  # the spiral MLP and the digits CNN
    python benchmarks/bench_onnx.py PROJECT... --threads 1 --repeats 100 --check

Each project is exported in memory (fresh weights: latency does not depend on their values),
then both engines are timed in interleaved repetitions with the same thread count, at batch 1
and 64. ``--check`` exits 1 unless onnxruntime is at least 3x faster than eager at batch 1 and
not slower at the largest batch (the targets set for the spiral MLP).
"""

from __future__ import annotations

import argparse
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dlplayground.export.bench import BenchResult, benchmark  # noqa: E402
from dlplayground.export.runtime import default_threads  # noqa: E402
from dlplayground.export.subjects import subject_from_project  # noqa: E402
from dlplayground.graph import load_project  # noqa: E402

EXAMPLES = ROOT / "assets" / "examples"
DEFAULT_PROJECTS = (EXAMPLES / "spiral_mlp.dlp.json", EXAMPLES / "digits_cnn.dlp.json")
#: onnxruntime's required speed-up at batch 1 and at the largest batch
TARGETS = {"small batch": 3.0, "large batch": 1.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("projects", nargs="*", type=Path, default=list(DEFAULT_PROJECTS))
    parser.add_argument("--threads", type=int, default=None, help="threads for both engines (default: physical cores)")
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--batch", type=int, nargs="+", default=[1, 64])
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    threads = args.threads or default_threads()

    print(f"machine: {platform.processor() or platform.machine()}, {threads} thread(s) per engine")
    missed = []
    for path in args.projects:
        subject = subject_from_project(load_project(path), path.parent, threads=threads)
        result = benchmark(subject.session, subject.eager, subject.samples, tuple(args.batch), args.repeats,
                           threads, subject.title)
        print()
        print("\n".join(result.lines()))
        missed += check(result)
    if missed:
        print("\ntargets missed:\n  " + "\n  ".join(missed))
    else:
        print(f"\ntargets met: onnxruntime >= {TARGETS['small batch']:g}x eager at batch {min(args.batch)}, "
              f"not slower at batch {max(args.batch)}")
    return 1 if missed and args.check else 0


def check(result: BenchResult) -> list[str]:
    """The targets this result misses, as sentences."""
    rows = sorted(result.rows, key=lambda r: r.batch)
    missed = []
    for row, (name, target) in ((rows[0], ("small batch", TARGETS["small batch"])),
                                (rows[-1], ("large batch", TARGETS["large batch"]))):
        if row.speedup is not None and row.speedup < target:
            missed.append(f"{result.title}: batch {row.batch}: {row.speedup:.2f}x < {target:g}x ({name})")
    return missed


if __name__ == "__main__":
    sys.exit(main())
