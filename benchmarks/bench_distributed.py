"""Data-parallel training on the CPU: samples per second of one process against two gloo ranks.

Runs ``dlplayground train`` on a small and a larger MLP, as one process with one thread, as one
process with two threads and as two ranks of one thread each (``--nproc-per-node 2``, started
through torchrun's launcher), interleaved round by round so that the machine's load hits every
configuration alike. Training speed is samples per second of training time as the run folder
records it (``summary.json``: steps and seconds, start-up excluded); the wall time of the whole
command (Python, torch and the ranks starting, the rendezvous) is printed beside it. The
one-minute load average is printed before and after: on a shared machine it says how many cores
the runs really had.

    python benchmarks/bench_distributed.py [--rounds 3] [--epochs 20]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers import chain_project  # noqa: E402 (the repository's own project builder)

#: name -> (hidden width, training samples + validation samples, batch size)
WORKLOADS = {
    "small MLP (2-32-32-3, batch 32)": (32, 2500, 32),
    "wide MLP (2-512-512-3, batch 256)": (512, 12500, 256),
}
#: label -> extra command-line options
CONFIGS = {
    "1 process x 1 thread": ["--threads", "1"],
    "1 process x 2 threads": ["--threads", "2"],
    "2 ranks x 1 thread": ["--threads", "1", "--nproc-per-node", "2"],
}


def project(hidden: int, samples: int, batch: int, epochs: int) -> dict:
    return chain_project(("fc1", "Linear", {"out_features": hidden}), ("a1", "ReLU", {}),
                         ("fc2", "Linear", {"out_features": hidden}), ("a2", "ReLU", {}),
                         ("fc3", "Linear", {"out_features": 3}),
                         data={"name": "spiral", "params": {"samples": samples, "classes": 3}, "val_split": 0.2,
                               "seed": 0},
                         training={"loss": "CrossEntropyLoss", "optimizer": {"type": "SGD", "lr": 0.05},
                                   "batch_size": batch, "epochs": epochs, "seed": 0})


def train_once(path: Path, out: Path, options: list[str], train_samples: int) -> tuple[float, float]:
    """(training samples per second, wall seconds of the command)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "dlplayground", "train", str(path), "--device", "cpu",
                           "--quiet", "--out", str(out), *options], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "OMP_NUM_THREADS": "1"})
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"train failed ({options}):\n{done.stderr[-2000:]}")
    summary = json.loads((out / "summary.json").read_text())
    return summary["epochs"] * train_samples / summary["seconds"], wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=20)
    args = parser.parse_args()
    import torch

    print(f"torch {torch.__version__}, {os.cpu_count()} CPU(s), load average before: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as folder:
        for name, (hidden, samples, batch) in WORKLOADS.items():
            path = Path(folder) / "p.dlp.json"
            path.write_text(json.dumps(project(hidden, samples, batch, args.epochs)))
            train_samples = samples - round(samples * 0.2)
            speeds: dict[str, list[float]] = {label: [] for label in CONFIGS}
            walls: dict[str, list[float]] = {label: [] for label in CONFIGS}
            for round_ in range(args.rounds):
                for label, options in CONFIGS.items():
                    speed, wall = train_once(path, Path(folder) / f"run-{round_}", options, train_samples)
                    speeds[label].append(speed)
                    walls[label].append(wall)
            print(f"\n{name}: {train_samples} training samples x {args.epochs} epochs, {args.rounds} rounds "
                  "(median, min-max)")
            base = statistics.median(speeds["1 process x 1 thread"])
            for label in CONFIGS:
                median = statistics.median(speeds[label])
                print(f"  {label:24s} {median:>10,.0f} samples/s ({min(speeds[label]):,.0f}-"
                      f"{max(speeds[label]):,.0f}), x{median / base:.2f}; command "
                      f"{statistics.median(walls[label]):.1f} s wall")
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
