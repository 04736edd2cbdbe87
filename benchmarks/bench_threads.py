"""torch threads for headless training: 1 thread against 2 (and more), small and large models.

For each workload (a dlplayground graph built by the model builder, trained by a plain loop
on random tensors of its input shape: Adam, cross-entropy, batches in a fixed order) it times
training steps at each thread count, interleaved (1, 2, 1, 2, ...) so machine noise hits both
alike, and prints steps per second, the speed of N threads relative to 1, and what the CLI's
rule (:mod:`dlplayground.training.threads`) picks: the multiply-adds per step and the load
average it sees. ``--busy N`` starts N spinning processes of its own for the run, to measure a
busy machine on purpose (they are stopped at the end).

    python benchmarks/bench_threads.py [--seconds 1.0] [--rounds 3] [--busy 0] [--threads 1,2]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import time
from typing import Any

import torch

from dlplayground.compile import build_model
from dlplayground.compile.infer import infer
from dlplayground.graph.io import project_from_dict
from dlplayground.training.threads import choose_threads, step_macs

#: name -> (input shape, classes, batch size, layers as (type, params))
WORKLOADS: dict[str, tuple[tuple[int, ...], int, int, list[tuple[str, dict[str, Any]]]]] = {
    "spiral MLP 2-64-64-3": ((2,), 3, 32, [("Linear", {"out_features": 64}), ("Tanh", {}),
                                           ("Linear", {"out_features": 64}), ("Tanh", {}),
                                           ("Linear", {"out_features": 3})]),
    "digits CNN 8x8": ((1, 8, 8), 10, 32, [("Conv2d", {"out_channels": 8, "kernel_size": 3, "padding": 1}),
                                           ("ReLU", {}), ("MaxPool2d", {"kernel_size": 2}), ("Flatten", {}),
                                           ("Linear", {"out_features": 10})]),
    "MLP 784-512-256-10": ((784,), 10, 128, [("Linear", {"out_features": 512}), ("ReLU", {}),
                                             ("Linear", {"out_features": 256}), ("ReLU", {}),
                                             ("Linear", {"out_features": 10})]),
    "CNN 28x28 16-32": ((1, 28, 28), 10, 64, [("Conv2d", {"out_channels": 16, "kernel_size": 3, "padding": 1}),
                                              ("ReLU", {}), ("MaxPool2d", {"kernel_size": 2}),
                                              ("Conv2d", {"out_channels": 32, "kernel_size": 3, "padding": 1}),
                                              ("ReLU", {}), ("MaxPool2d", {"kernel_size": 2}), ("Flatten", {}),
                                              ("Linear", {"out_features": 10})]),
    "GRU 50x8 h64": ((50, 8), 3, 64, [("GRU", {"hidden_size": 64}), ("Linear", {"out_features": 3})]),
}


def build(layers: list[tuple[str, dict[str, Any]]], shape: tuple[int, ...]):
    nodes = [{"id": "x", "type": "Input", "params": {"shape": list(shape)}}]
    nodes += [{"id": f"n{i}", "type": t, "params": p} for i, (t, p) in enumerate(layers)]
    nodes.append({"id": "y", "type": "Output"})
    edges = [{"src": a["id"], "dst": b["id"]} for a, b in zip(nodes, nodes[1:])]
    graph = project_from_dict({"graph": {"nodes": nodes, "edges": edges}}).graph
    inference = infer(graph, shape)
    assert inference.ok, inference.problems
    return build_model(graph, shape), inference, {n.id: n.type for n in graph.nodes}


def steps_per_second(model, x, y, batch: int, seconds: float) -> float:
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    steps, start, offset = 0, time.perf_counter(), 0
    while time.perf_counter() - start < seconds:
        xb, yb = x[offset:offset + batch], y[offset:offset + batch]
        offset = (offset + batch) % (len(x) - batch)
        optimizer.zero_grad(set_to_none=True)
        loss_fn(model(xb), yb).backward()
        optimizer.step()
        steps += 1
    return steps / (time.perf_counter() - start)


def _spin() -> None:  # pragma: no cover - a busy core for --busy
    while True:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=1.0, help="seconds per timing")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (medians reported)")
    parser.add_argument("--busy", type=int, default=0, help="spinning processes to start (a busy machine)")
    parser.add_argument("--threads", default="1,2", help="thread counts to compare")
    args = parser.parse_args(argv)
    counts = [int(t) for t in args.threads.split(",")]
    spinners = [multiprocessing.Process(target=_spin, daemon=True) for _ in range(args.busy)]
    for spinner in spinners:
        spinner.start()
    try:
        time.sleep(0.5 if spinners else 0)
        load = os.getloadavg()[0]
        print(f"torch {torch.__version__}, {os.cpu_count()} logical cores, load average {load:.2f}, "
              f"{args.busy} spinning process(es) of this benchmark")
        header = "".join(f"{f'{t} thr st/s':>12}" for t in counts)
        ratios = "".join(f"{f'{t}/1':>7}" for t in counts[1:])
        print(f"{'workload':<22}{'MMAC/step':>10}{header}{ratios}  rule")
        for name, (shape, classes, batch, layers) in WORKLOADS.items():
            torch.manual_seed(0)
            model, inference, types = build(layers, shape)
            x = torch.randn(batch * 20, *shape)
            y = torch.randint(0, classes, (batch * 20,))
            found: dict[int, list[float]] = {t: [] for t in counts}
            for _ in range(args.rounds):
                for threads in counts:
                    torch.set_num_threads(threads)
                    found[threads].append(steps_per_second(model, x, y, batch, args.seconds))
            medians = {t: statistics.median(v) for t, v in found.items()}
            macs = step_macs(inference, types, batch)
            rule = choose_threads(macs, load=os.getloadavg()[0])
            print(f"{name:<22}{macs / 1e6:>10.1f}" + "".join(f"{medians[t]:>12.1f}" for t in counts)
                  + "".join(f"{medians[t] / medians[counts[0]]:>7.2f}" for t in counts[1:]) + f"  {rule}")
    finally:
        for spinner in spinners:
            spinner.terminate()
            spinner.join()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
