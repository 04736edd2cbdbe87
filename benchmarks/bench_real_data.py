"""Real data at real size: loading 60,000 28x28 MNIST-format images, and training on them.

Writes 60,000 + 10,000 random 28x28 images as IDX files (the MNIST layout) into a temporary
folder, then:

- load: a fresh interpreter loads them through the ``mnist`` dataset (``val_split`` 0.2, so the
  split is taken too) and reports the time and the peak resident memory (VmHWM, reset before
  loading) above the interpreter's baseline after imports (Linux /proc). Targets: under 2 s, under 2x the raw 47 MB.
- epoch: the app's Trainer against a hand-written loop on the same uint8 tensors (shuffle,
  standardise each batch, forward, loss, backward, step, a validation pass), for an MLP
  784-256-10 with Adam and batch 128, interleaved repeats, median seconds per epoch.
  Target: ratio <= 1.10. The hand loop on a float32 copy made up front is shown for reference.

    python benchmarks/bench_real_data.py [--repeats 3] [--threads 1] [--gz]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

N_TRAIN, N_TEST, SIDE = 60_000, 10_000, 28
RAW_BYTES = N_TRAIN * SIDE * SIDE

_LOAD = """
import json, sys, time
from pathlib import Path
from dlplayground.data import load_dataset

def status(key):  # kB, from /proc/self/status
    line = next(l for l in Path("/proc/self/status").read_text().splitlines() if l.startswith(key))
    return int(line.split()[1])

Path("/proc/self/clear_refs").write_text("5")  # reset the high-water mark to the current size
base = status("VmRSS:")
started = time.perf_counter()
data = load_dataset({"name": "mnist", "params": {"path": sys.argv[1]}, "val_split": 0.2, "seed": 0})
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "above_kb": status("VmHWM:") - base, "train": len(data.x_train),
                  "val": len(data.x_val)}))
"""


def write_idx(folder: Path, gz: bool) -> None:
    import gzip
    import struct

    rng = np.random.default_rng(0)
    for stem, shape in (("train-images-idx3-ubyte", (N_TRAIN, SIDE, SIDE)), ("train-labels-idx1-ubyte", (N_TRAIN,)),
                        ("t10k-images-idx3-ubyte", (N_TEST, SIDE, SIDE)), ("t10k-labels-idx1-ubyte", (N_TEST,))):
        values = rng.integers(0, 10 if len(shape) == 1 else 256, shape, dtype=np.uint8)
        data = bytes([0, 0, 8, len(shape)]) + struct.pack(f">{len(shape)}I", *shape) + values.tobytes()
        if gz:
            (folder / (stem + ".gz")).write_bytes(gzip.compress(data, compresslevel=1))
        else:
            (folder / stem).write_bytes(data)


def measure_load(folder: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _LOAD, str(folder)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def project(folder: Path) -> dict:
    nodes = [{"id": "x", "type": "Input"}, {"id": "flat", "type": "Flatten"},
             {"id": "fc1", "type": "Linear", "params": {"out_features": 256}}, {"id": "relu", "type": "ReLU"},
             {"id": "fc2", "type": "Linear", "params": {"out_features": 10}}, {"id": "y", "type": "Output"}]
    return {"format": "dlplayground/project", "version": 1, "name": "bench",
            "graph": {"nodes": nodes, "edges": [{"src": a["id"], "dst": b["id"]} for a, b in zip(nodes, nodes[1:])]},
            "data": {"name": "mnist", "params": {"path": str(folder)}, "val_split": "test", "seed": 0},
            "training": {"loss": "CrossEntropyLoss", "optimizer": {"type": "Adam", "lr": 0.001},
                         "batch_size": 128, "epochs": 1, "seed": 0}}


def hand_loop(setup, float_copy: bool) -> float:
    """What a person writes: shuffle, standardise the batch, forward, loss, backward, step, and a
    validation pass (in chunks) after the epoch."""
    import torch

    model, data, config = setup.model, setup.dataset, setup.config
    mean, std = torch.as_tensor(data.mean), torch.as_tensor(data.std)
    x, y = torch.as_tensor(data.x_train.raw), torch.as_tensor(data.y_train)
    x_val, y_val = torch.as_tensor(data.x_val.raw), torch.as_tensor(data.y_val)
    if float_copy:
        x, x_val = (x.float() - mean) / std, (x_val.float() - mean) / std
    prepare = (lambda b: b) if float_copy else (lambda b: (b.float() - mean) / std)
    optimizer = torch.optim.Adam(model.parameters(), **config.optimizer_args)
    loss_fn = torch.nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(0)
    batch = config.batch_size
    started = time.perf_counter()
    model.train()
    order = torch.randperm(len(x), generator=generator)
    xs, ys = x[order], y[order]
    running = 0.0
    for start in range(0, len(xs), batch):
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(prepare(xs[start : start + batch])), ys[start : start + batch])
        loss.backward()
        optimizer.step()
        running += loss.item() * len(ys[start : start + batch])
    model.eval()
    with torch.no_grad():
        correct = 0
        for start in range(0, len(x_val), 4096):
            scores = model(prepare(x_val[start : start + 4096]))
            correct += int((scores.argmax(1) == y_val[start : start + 4096]).sum())
    return time.perf_counter() - started


def app_trainer(setup) -> float:
    trainer = setup.trainer()
    started = time.perf_counter()
    state = trainer.run()
    assert state.stop_reason == "completed", state.message
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--gz", action="store_true", help="write and read gzipped IDX files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_idx(folder, args.gz)
        load = min((measure_load(folder) for _ in range(args.repeats)), key=lambda r: r["seconds"])
        above = load["above_kb"] * 1024
        print(f"load 60,000 x 28 x 28 {'(.gz) ' if args.gz else ''}IDX + split: {load['seconds']:.3f} s "
              f"(target < 2 s), peak memory above baseline {above / 1e6:.1f} MB = {above / RAW_BYTES:.2f}x the "
              f"raw {RAW_BYTES / 1e6:.1f} MB (target < 2x); {load['train']} train / {load['val']} val")

        import torch

        from dlplayground.training import prepare_training

        torch.set_num_threads(args.threads)
        times: dict[str, list[float]] = {"hand": [], "hand_float": [], "trainer": []}
        for _ in range(args.repeats):
            for label, run in (("hand", lambda s: hand_loop(s, False)), ("trainer", app_trainer),
                               ("hand_float", lambda s: hand_loop(s, True))):
                times[label].append(run(prepare_training(project(folder), device="cpu")))
        hand, trainer, hand_float = (statistics.median(times[k]) for k in ("hand", "trainer", "hand_float"))
        print(f"MLP 784-256-10, batch 128, {torch.get_num_threads()} thread(s), {args.repeats} interleaved repeats, "
              f"s per epoch (60,000 train + 10,000 val):")
        print(f"  hand-written loop, uint8 standardised per batch {hand:8.3f}")
        print(f"  Trainer                                         {trainer:8.3f}   ratio {trainer / hand:.3f} "
              f"(target <= 1.10)")
        print(f"  hand-written loop on a float32 copy (reference) {hand_float:8.3f}   ratio {trainer / hand_float:.3f}")


if __name__ == "__main__":
    main()
