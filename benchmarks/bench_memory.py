"""Peak memory of a headless run on a 60,000 x 784 NPZ against its floor.

The floor is what any run must hold: the interpreter with torch imported, the model and Adam's
state, the data once (float32) and one shuffled copy of the training split (a batch order).
Both are peak resident set sizes of fresh processes (``ru_maxrss``): the floor process builds
just those; the run is ``dlplayground train`` for one epoch. Target: run / floor <= 1.25.

    python benchmarks/bench_memory.py [--samples 60000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

FLOOR = """
import resource, sys
import numpy as np, torch
with np.load(sys.argv[1]) as archive:
    x = torch.from_numpy(np.asarray(archive["x"], np.float32)); y = torch.from_numpy(archive["y"].astype(np.int64))
model = torch.nn.Sequential(torch.nn.Linear(784, 64), torch.nn.ReLU(), torch.nn.Linear(64, 10))
optimizer = torch.optim.Adam(model.parameters())
n_train = int(len(x) * 0.8)
order = torch.randperm(n_train)
shuffled = x[:n_train][order]
loss = torch.nn.functional.cross_entropy(model(shuffled[:128]), y[:128]); loss.backward(); optimizer.step()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
RUN = """
import resource, sys
from dlplayground.cli import main
assert main(["train", sys.argv[1], "--epochs", "1", "--quiet", "--out", sys.argv[2]]) == 0
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=60000)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="bench_memory_"))
    rng = np.random.default_rng(0)
    np.savez(folder / "data.npz", x=rng.random((args.samples, 784), dtype=np.float32),
             y=rng.integers(0, 10, args.samples))
    project = {
        "format": "dlplayground/project", "version": 1, "name": "memory",
        "graph": {"nodes": [{"id": "x", "type": "Input"}, {"id": "fc1", "type": "Linear", "params": {"out_features": 64}},
                            {"id": "r", "type": "ReLU"}, {"id": "fc2", "type": "Linear", "params": {"out_features": 10}},
                            {"id": "y", "type": "Output"}],
                  "edges": [{"src": a, "dst": b} for a, b in (("x", "fc1"), ("fc1", "r"), ("r", "fc2"), ("fc2", "y"))]},
        "data": {"name": "npz", "params": {"path": "data.npz"}, "val_split": 0.2, "seed": 0},
        "training": {"loss": "CrossEntropyLoss", "optimizer": {"type": "Adam", "lr": 0.001}, "batch_size": 128,
                     "epochs": 1, "seed": 0},
    }
    (folder / "p.dlp.json").write_text(json.dumps(project))

    def peak(code: str, *extra: str) -> float:
        out = subprocess.run([sys.executable, "-c", code, *extra], capture_output=True, text=True, check=True)
        return int(out.stdout.split()[-1]) / 1024  # kB -> MB (Linux)

    data_mb = args.samples * 784 * 4 / 2**20
    floor = peak(FLOOR, str(folder / "data.npz"))
    run = peak(RUN, str(folder / "p.dlp.json"), str(folder / "run"))
    print(f"{args.samples:,} x 784 float32 NPZ ({data_mb:.0f} MB of inputs)")
    print(f"  floor (torch + model + Adam + the data + one shuffled copy)  {floor:8.0f} MB")
    print(f"  dlplayground train, 1 epoch                                  {run:8.0f} MB")
    ratio = run / floor
    print(f"ratio run / floor {ratio:.2f} (target <= 1.25) -> {'met' if ratio <= 1.25 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
