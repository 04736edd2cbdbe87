"""Trainer overhead: the app's Trainer (gradient statistics on) vs a minimal hand-written loop.

Both train the same freshly seeded model on the same tensors with the same batch size and
epochs, and both report what a person needs to follow a run: the mean training loss and the
validation loss and accuracy after every epoch. The Trainer also records training accuracy,
per-layer gradient and weight norms (about five times an epoch), fires its events and checks
for pause, stop and non-finite losses at every step: that is the overhead measured. Runs are
interleaved (A B A B ...) so machine noise hits both alike; medians are compared, of the wall
time and of the process's CPU time (with one torch thread the CPU time is the work done; on a
machine loaded by other processes the wall time also counts the time they held the cores).
Workloads: an MLP (spiral), a CNN (digits) and a GRU (sine). Target: Trainer / minimal <= 1.05.

The minimal loop steps ``torch.optim`` as a person would; the Trainer steps the same optimiser
without torch's compile-only wrappers and without its profiler ranges while no profiler records
(``dlplayground/training/optimizers.py``: identical updates, less time a step on small models).
The last column compares the Trainer with the minimal loop stepping that same optimiser: the
Trainer's own overhead, the optimiser set aside.

    python benchmarks/bench_trainer.py [--repeats 5] [--threads 1]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import torch

from dlplayground.graph.io import load_project, project_to_dict
from dlplayground.training import prepare_training
from dlplayground.training.optimizers import make_optimizer

EXAMPLES = Path(__file__).resolve().parent.parent / "assets" / "examples"
CASES = {"spiral_mlp": 20, "digits_cnn": 8, "sine_gru": 4}


def minimal_loop(setup, app_optimiser: bool = False) -> tuple[float, float]:
    """The loop a person would write by hand: shuffle, forward, loss, backward, step, and a
    validation pass after each epoch. With ``app_optimiser`` it steps the optimiser the Trainer
    uses (torch's, without its compile-only wrappers and idle profiler ranges:
    ``dlplayground/training/optimizers.py``)."""
    model, data, config = setup.model, setup.dataset, setup.config
    x, y = torch.as_tensor(data.x_train), torch.as_tensor(data.y_train)
    x_val, y_val = torch.as_tensor(data.x_val), torch.as_tensor(data.y_val)
    if app_optimiser:
        optimizer = make_optimizer(config.optimizer, model.parameters(), config.optimizer_args)
    else:
        optimizer = getattr(torch.optim, config.optimizer)(model.parameters(), **config.optimizer_args)
    loss_fn = getattr(torch.nn, config.loss)()
    classify = data.is_classification
    generator = torch.Generator().manual_seed(config.seed)
    batch = config.batch_size or len(x)
    history = []
    started, cpu = time.perf_counter(), time.process_time()
    model.train()
    for _ in range(config.epochs):
        order = torch.randperm(len(x), generator=generator)
        xs, ys = x[order], y[order]
        running = 0.0
        for start in range(0, len(xs), batch):
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(xs[start : start + batch]), ys[start : start + batch])
            loss.backward()
            optimizer.step()
            running += loss.item() * len(ys[start : start + batch])
        model.eval()
        with torch.no_grad():
            scores = model(x_val)
            val_loss = loss_fn(scores, y_val).item()
            val_acc = (scores.argmax(1) == y_val).float().mean().item() if classify else None
        model.train()
        history.append((running / len(x), val_loss, val_acc))
    return time.perf_counter() - started, time.process_time() - cpu


def app_trainer(setup) -> tuple[float, float]:
    trainer = setup.trainer()
    started, cpu = time.perf_counter(), time.process_time()
    state = trainer.run()
    assert state.stop_reason == "completed", state.message
    return time.perf_counter() - started, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s), {args.repeats} interleaved repeats")
    print(f"{'example':<14}{'epochs':>7}{'minimal s':>11}{'Trainer s':>11}{'ratio':>8}"
          f"{'minimal CPU':>13}{'Trainer CPU':>13}{'CPU ratio':>11}{'same optimiser':>16}")
    worst = worst_cpu = 0.0
    runs = (("minimal", minimal_loop), ("trainer", app_trainer), ("same", lambda s: minimal_loop(s, True)))
    for name, epochs in CASES.items():
        project = project_to_dict(load_project(EXAMPLES / f"{name}.dlp.json"))
        times: dict[str, list[tuple[float, float]]] = {label: [] for label, _ in runs}
        for _ in range(args.repeats):
            for label, run in runs:
                times[label].append(run(prepare_training(project, EXAMPLES, epochs=epochs, device="cpu")))
        minimal, trainer, same = (statistics.median(t[0] for t in times[k]) for k in ("minimal", "trainer", "same"))
        minimal_cpu, trainer_cpu = (statistics.median(t[1] for t in times[k]) for k in ("minimal", "trainer"))
        print(f"{name:<14}{epochs:>7}{minimal:>11.3f}{trainer:>11.3f}{trainer / minimal:>8.3f}"
              f"{minimal_cpu:>13.3f}{trainer_cpu:>13.3f}{trainer_cpu / minimal_cpu:>11.3f}{trainer / same:>16.3f}",
              flush=True)
        worst, worst_cpu = max(worst, trainer / minimal), max(worst_cpu, trainer_cpu / minimal_cpu)
    print(f"target: Trainer / minimal <= 1.05 for every workload -> worst {worst:.3f} wall, {worst_cpu:.3f} CPU: "
          + ("met" if worst <= 1.05 else "MISSED") + " (wall), " + ("met" if worst_cpu <= 1.05 else "MISSED")
          + f" (CPU); load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
