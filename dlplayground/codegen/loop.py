"""The training loop of an exported training script, copied into every script verbatim.

Its imports become the script's imports and the rest follows the generated network and
settings (see :mod:`dlplayground.codegen.script`). It imports only numpy, torch and
safetensors, and takes everything project-specific as arguments. The names it takes from
:mod:`dlplayground.training.data_parallel` are defined in the script by that module's source,
copied in before this one's (so ``torchrun --nproc-per-node N train.py`` splits batches as
``dlplayground train --nproc-per-node N`` does).
"""
import argparse
import copy
import csv
import json
import math
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import save_file
from torch import nn  # noqa: F401 (the generated network and settings are written with nn)

from dlplayground.training.data_parallel import DataParallel, SingleProcess, pick_device, under_torchrun

# ---- the training loop ------------------------------------------------------------------
# dlplayground's Trainer, step for step (seeding, batch order, evaluation, early stopping,
# schedulers, the non-finite-loss guard) without its events, pause button or gradient
# statistics: on the same device this script repeats the app's run. Under torchrun every
# process takes its part of each batch (see the data-parallel section above).

EVAL_CHUNK = 4096  # validation runs in chunks of this many samples


def load_split(path, device):
    """The training and validation tensors from the ``data.npz`` written with this script."""
    with np.load(path, allow_pickle=False) as data:
        return {name: torch.as_tensor(data[name], device=device)
                for name in ("x_train", "y_train", "x_val", "y_val")}


class EarlyStopping:
    """dlplayground's early-stopping rule, epoch by epoch (``settings`` None: it never stops).

    The monitored value improves when it beats the best by ``min_delta`` (up for an accuracy,
    down for a loss); after ``patience`` epochs without improvement the run stops, back on the
    best epoch's weights when ``restore_best`` is set.
    """

    def __init__(self, settings):
        self.settings = settings
        self.best_value, self.best_weights, self.best_epoch, self.since_best = None, None, None, 0

    def stop(self, rows, model, weights):
        """After the epoch of ``rows[-1]`` whose weights are ``weights``: None to go on, else
        (the message saying why the run stops, the row of the weights it ends with)."""
        settings = self.settings
        if settings is None:
            return None
        row = rows[-1]
        value = row[settings["monitor"]]
        maximise = settings["monitor"].endswith("acc")
        delta = settings["min_delta"]
        best = self.best_value
        if value is not None and (best is None or (value > best + delta if maximise else value < best - delta)):
            self.best_value, self.best_epoch, self.since_best = value, row["epoch"], 0
            self.best_weights = weights if settings["restore_best"] else None
            return None
        self.since_best += 1
        if self.since_best < settings["patience"]:
            return None
        message = (f"stopped early at epoch {row['epoch']}: {settings['monitor']} has not improved "
                   f"for {settings['patience']} epochs (best at epoch {self.best_epoch})")
        if self.best_weights is None:
            return message, row
        model.load_state_dict(self.best_weights)
        return message + "; the best weights were restored", rows[self.best_epoch - 1]


def step_after_epoch(scheduler, scheduler_step, val_loss, row):
    """An epoch's scheduler step (a plateau scheduler watches the validation loss, else the
    training loss)."""
    if scheduler is not None and scheduler_step == "epoch":
        scheduler.step()
    elif scheduler is not None and scheduler_step == "plateau":
        scheduler.step(val_loss if val_loss is not None else row["train_loss"])


def evaluate(model, loss_fn, x, targets, labels, predict, parallel):
    """Mean loss and accuracy (None without classes) over ``x``, in eval mode; each process
    evaluates its share and the sums are added up."""
    if len(x) == 0:
        return None, None
    loss_sum, correct = 0.0, 0
    first, last = parallel.eval_bounds(len(x))
    model.eval()
    with torch.no_grad():
        for start in range(first, last, EVAL_CHUNK):
            stop = min(start + EVAL_CHUNK, last)
            outputs = model(x[start:stop])
            loss_sum += loss_fn(outputs, targets[start:stop]).item() * len(outputs)
            if predict is not None:
                correct += int((predict(outputs) == labels[start:stop]).sum())
    model.train()
    loss_sum, correct = parallel.all_sum(loss_sum, correct)
    return loss_sum / len(x), (correct / len(x) if predict is not None else None)


def train(model, data, *, epochs, seed, batch_size, make_loss, encode, predict, make_optimizer,
          make_scheduler, scheduler_step, early_stopping, log, parallel=None):
    """Train ``model`` in place; return (metrics rows, the row of the weights it ends with,
    stop reason, message, best epoch under early stopping)."""
    parallel = parallel or SingleProcess()
    device = data["x_train"].device
    network = parallel.wrap(model)  # what each step calls (DistributedDataParallel under torchrun)
    loss_fn = make_loss()
    x_train, y_train, x_val, y_val = data["x_train"], data["y_train"], data["x_val"], data["y_val"]
    t_train, t_val = encode(y_train), encode(y_val)
    count = len(x_train)
    batch_size = count if batch_size is None else min(batch_size, count)
    steps = math.ceil(count / batch_size)
    optimizer = make_optimizer(model.parameters())
    scheduler = make_scheduler(optimizer, steps, epochs)
    order_generator = torch.Generator().manual_seed(seed)

    rows, final, reason, message = [], None, None, ""
    started = time.perf_counter()
    good_weights = copy.deepcopy(model.state_dict())
    stopping = EarlyStopping(early_stopping)
    iteration = 0
    for epoch in range(1, epochs + 1):
        model.train()
        order = torch.randperm(count, generator=order_generator).to(device)
        xs, ys, ts = x_train[order], y_train[order], t_train[order]
        loss_sum, seen, predictions = 0.0, 0, []
        for start in range(0, count, batch_size):
            xb, tb = xs[start:start + batch_size], ts[start:start + batch_size]
            total = len(xb)  # the global batch; under torchrun each process takes its part
            xb, tb = parallel.shard(xb), parallel.shard(tb)
            optimizer.zero_grad(set_to_none=True)
            outputs = network(xb)
            loss = parallel.scaled_loss(loss_fn(outputs, tb), outputs, len(xb), total)
            loss.backward()
            batch_loss = parallel.mean_over_ranks(loss).item()  # the global batch's mean loss
            if not math.isfinite(batch_loss):
                model.load_state_dict(good_weights)
                reason = "non_finite_loss"
                message = (f"the loss became {batch_loss} at epoch {epoch}, step {iteration + 1}: training "
                           "stopped; the weights of the last complete epoch were kept")
                break
            optimizer.step()
            if scheduler is not None and scheduler_step == "step":
                scheduler.step()
            loss_sum += batch_loss * total
            seen += total
            iteration += 1
            if predict is not None:  # predictions, not outputs: holding outputs slows small models
                predictions.append(predict(outputs.detach()))
        if reason is not None:
            break

        train_acc = None
        if predictions:
            train_acc = parallel.train_accuracy(predictions, ys, seen, batch_size)
        val_loss, val_acc = evaluate(model, loss_fn, x_val, t_val, y_val, predict, parallel)
        row = {"epoch": epoch, "train_loss": loss_sum / seen, "val_loss": val_loss, "train_acc": train_acc,
               "val_acc": val_acc, "lr": optimizer.param_groups[0]["lr"],
               "seconds": time.perf_counter() - started}
        rows.append(row)
        log(row)
        good_weights = copy.deepcopy(model.state_dict())

        stopped = stopping.stop(rows, model, good_weights)
        if stopped is not None:
            reason, (message, final) = "early_stopping", stopped
            break
        step_after_epoch(scheduler, scheduler_step, val_loss, row)
    model.eval()
    return rows, final or (rows[-1] if rows else None), reason or "completed", message, stopping.best_epoch


RUN_FILES = {"metrics.csv", "gradients.csv", "weights.safetensors", "summary.json", "project.json"}


def replaceable(out):
    """``out`` made absolute, if it is absent, empty or an earlier run folder (holding only run
    files, summary.json among them); anything else is refused, never deleted. (The rule of
    ``dlplayground.graph.folders``, repeated here: the script imports nothing of dlplayground.)"""
    out = out.absolute()
    if not (out.exists() or out.is_symlink()):
        return out
    if not out.is_dir():
        raise SystemExit(f"error: {out} exists and is not a folder: choose another --out")
    here = Path.cwd().resolve()
    if out.resolve() == here or out.resolve() in here.parents:
        raise SystemExit(f"error: {out} is the current folder (or holds it): choose a new --out")
    names = {p.name for p in out.iterdir()}
    if names and (names - RUN_FILES or "summary.json" not in names):
        shown = ", ".join(sorted(names - RUN_FILES or names)[:5])
        raise SystemExit(f"error: {out} holds other files ({shown}): choose a new --out or an earlier run folder")
    return out


def publish(partial, out):
    """Move the finished run into place, replacing an earlier run folder (checked again: the run
    took a while); beside it (OUT-2, ...) when something else is there now."""
    try:
        replaceable(out)
    except SystemExit:
        index = 2
        while out.with_name(f"{out.name}-{index}").exists():
            index += 1
        out = out.with_name(f"{out.name}-{index}")
    old = None
    if out.exists() or out.is_symlink():
        old = out.with_name(f"{out.name}.old-{time.time_ns()}")
        out.rename(old)
    partial.rename(out)
    if old is not None:
        old.unlink() if old.is_symlink() else shutil.rmtree(old, ignore_errors=True)
    return out


def main(model_class, settings, project_name, here, run_name="run"):
    """Parse the command line, train, and write the run folder."""
    parser = argparse.ArgumentParser(description=f"Train {project_name!r} (exported from dlplayground).")
    parser.add_argument("--epochs", type=int, default=settings["epochs"])
    parser.add_argument("--seed", type=int, default=settings["seed"],
                        help="initial weights and batch order (the split in data.npz stays as exported)")
    parser.add_argument("--device", choices=("auto", "cpu", "cuda", "mps"), default="auto",
                        help="auto: CUDA, then Apple's MPS, then the CPU")
    parser.add_argument("--data", default=str(here / "data.npz"))
    parser.add_argument("--out", help="run folder (default: runs/<name>-<timestamp>)")
    args = parser.parse_args()
    # started by torchrun (torchrun --nproc-per-node N train.py): one process of several
    parallel = DataParallel.from_environment(args.device) if under_torchrun() else SingleProcess()
    device = parallel.device or pick_device(args.device)
    out = replaceable(Path(args.out or f"runs/{run_name}-{time.strftime('%Y%m%d-%H%M%S')}"))

    data = load_split(args.data, device)
    torch.manual_seed(args.seed)  # before building: the initial weights follow the seed
    model = model_class().to(device)
    classification = settings["predict"] is not None
    columns = ["epoch", "train_loss", "val_loss"] + (["train_acc", "val_acc"] if classification else [])
    columns += ["lr", "seconds"]
    options = dict(epochs=args.epochs, seed=args.seed, batch_size=settings["batch_size"],
                   make_loss=settings["loss"], encode=settings["encode"], predict=settings["predict"],
                   make_optimizer=settings["optimizer"], make_scheduler=settings["scheduler"],
                   scheduler_step=settings["scheduler_step"], early_stopping=settings["early_stopping"],
                   parallel=parallel)
    if not parallel.is_main:  # under torchrun, the processes but rank 0 train and write nothing
        train(model, data, log=lambda row: None, **options)
        parallel.close(finished=True)
        return 0

    out.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=f"{out.name}.partial-", dir=out.parent))  # renamed to OUT at the end
    finished = False
    try:
        with open(partial / "metrics.csv", "w", newline="", encoding="utf-8") as stream:
            writer = csv.DictWriter(stream, columns, extrasaction="ignore")
            writer.writeheader()

            def log(row):
                writer.writerow({k: "" if v is None else v for k, v in row.items()})
                stream.flush()
                shown = ", ".join(f"{k} {row[k]:.4g}" for k in columns[1:-2] if row[k] is not None)
                print(f"epoch {row['epoch']}/{args.epochs}: {shown}", flush=True)

            rows, final, reason, message, best_epoch = train(model, data, log=log, **options)

        weights = {f"{node_id}.{name}": tensor.detach().cpu().contiguous()
                   for node_id, module in model.node_modules() for name, tensor in module.state_dict().items()}
        save_file(weights, str(partial / "weights.safetensors"),
                  metadata={"format": "dlplayground/weights", "project": project_name})
        if (here / "project.json").exists():
            shutil.copyfile(here / "project.json", partial / "project.json")
        keys = ("train_loss", "val_loss", "train_acc", "val_acc")
        summary = {"epochs": len(rows), "seconds": round(rows[-1]["seconds"], 3) if rows else 0.0,
                   "final": {k: (final or {}).get(k) for k in keys}, "final_epoch": final and final["epoch"],
                   "stop_reason": reason, "message": message, "best_epoch": best_epoch, "device": str(device),
                   "ranks": parallel.world_size}
        (partial / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
        finished = True
    except BaseException:  # a failed run (or a lost partner process) leaves no unfinished folder
        shutil.rmtree(partial, ignore_errors=True)
        raise
    finally:
        parallel.close(finished)
    out = publish(partial, out)
    if message:
        print(message)
    print(f"run folder: {out}")
    return 1 if reason == "non_finite_loss" else 0
