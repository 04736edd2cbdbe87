"""k-fold cross-validation of a project (``dlplayground cv PROJECT --folds K``).

The samples of the project's data section are shuffled with the data seed and cut into K
near-equal folds (:func:`~dlplayground.data.dataset.kfold_indices`); each fold is once the
validation set while the model trains on the others, from the same initial weights (the
training seed) with the inputs standardised on that fold's training samples only. The project's
``val_split`` is not used. The cross-validation folder holds one run folder per fold under
``runs/``, ``folds.csv`` (one row per fold: final metrics), ``curves.png`` (per-fold curves)
and ``cv.json`` (mean and standard deviation of each final metric), written last; like a run
folder it is written under a temporary name and renamed when complete.
"""

from __future__ import annotations

import csv
import io
import json
import math
import shutil
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from dlplayground import __version__
from dlplayground.data.dataset import Dataset, kfold_indices, prepare_split
from dlplayground.data.registry import load_raw
from dlplayground.experiments.plots import curves_png, run_curves
from dlplayground.graph.folders import OutputKind, check_replaceable, partial_dir, publish_dir
from dlplayground.graph.io import atomic_write_bytes, atomic_write_text, project_from_dict
from dlplayground.training.runs import RunRecorder, final_metrics
from dlplayground.training.setup import prepare_training
from dlplayground.training.trainer import Trainer

METRICS = ("train_loss", "val_loss", "train_acc", "val_acc")
FOLD_COLUMNS = ("fold", "train_samples", "val_samples", *METRICS, "epochs", "seconds", "stop_reason")
CV_FOLDER = OutputKind("cross-validation folder", frozenset({"folds.csv", "curves.png", "cv.json", "runs"}),
                       "cv.json")


@dataclass(frozen=True)
class FoldRow:
    """One fold's run: a row of ``folds.csv`` and its curves."""

    fold: int
    train_samples: int
    val_samples: int
    train_loss: float | None
    val_loss: float | None
    train_acc: float | None
    val_acc: float | None
    epochs: int
    seconds: float
    stop_reason: str
    curves: dict[str, tuple[float, ...]] = field(default_factory=dict, repr=False)

    def as_record(self) -> dict[str, Any]:
        record = asdict(self)
        del record["curves"]
        return record


def fold_datasets(data: Mapping[str, Any], folds: int, base_dir: str | Path | None = None) -> list[Dataset]:
    """The K datasets of a data section's folds (each fold once the validation split).

    Raises:
        DataError: a data section that cannot be loaded, or fewer samples than folds.
    """
    name, raw, seed = load_raw(data, base_dir)
    return [prepare_split(name, raw, train, val) for train, val in kfold_indices(len(raw.x), folds, seed)]


def cross_validate(project: Mapping[str, Any], folds: int, out_dir: str | Path,
                   base_dir: str | Path | None = None, *, epochs: int | None = None, seed: int | None = None,
                   device: str | None = None, command: str = "",
                   on_fold: Callable[[FoldRow], None] | None = None,
                   on_trainer: Callable[[int, Trainer], None] | None = None,
                   ) -> tuple[list[FoldRow], dict[str, dict[str, float | None]], Path]:
    """Train one run per fold and write the cross-validation folder.

    Args:
        on_fold: called with each finished fold's row (progress).
        on_trainer: called with (fold index, trainer) before each fold trains (handlers, Ctrl-C).

    Returns:
        The rows, the mean and standard deviation of each final metric, where the folder is.
    """
    document = project_from_dict(dict(project))  # a format error before any data is generated
    datasets = fold_datasets(document.data, folds, base_dir)
    out_dir = check_replaceable(out_dir, CV_FOLDER)
    partial = partial_dir(out_dir)
    try:
        started = time.perf_counter()
        rows: list[FoldRow] = []
        for index, dataset in enumerate(datasets):
            setup = prepare_training(project, base_dir, epochs=epochs, seed=seed, device=device, dataset=dataset)
            trainer = setup.trainer(keep_gradient_log=False)
            RunRecorder(partial / "runs" / f"fold-{index + 1}", setup.project).attach(trainer)
            if on_trainer is not None:
                on_trainer(index, trainer)
            state = trainer.run()
            if state.stop_reason == "terminated":
                raise KeyboardInterrupt
            final = final_metrics(trainer)
            values = final.as_dict() if final is not None else {}
            row = FoldRow(index + 1, len(dataset.x_train), len(dataset.x_val),
                          *(values.get(k) for k in METRICS), len(state.history), round(state.seconds, 3),
                          state.stop_reason or "", run_curves(state.history))
            rows.append(row)
            if on_fold is not None:
                on_fold(row)
        stats = statistics_of(rows)
        atomic_write_text(partial / "folds.csv", folds_csv(rows))
        atomic_write_bytes(partial / "curves.png", curves_png(
            [(f"fold {r.fold}", r.curves) for r in rows],
            f"{project.get('name', 'project')}: {folds}-fold cross-validation", "fold"))
        meta = {"folds": folds, "mean": {k: v["mean"] for k, v in stats.items()},
                "std": {k: v["std"] for k, v in stats.items()}, "seconds": round(time.perf_counter() - started, 1),
                "command": command, "dlplayground": __version__, "python": sys.version.split()[0]}
        atomic_write_text(partial / "cv.json", json.dumps(meta, indent=2) + "\n")
        published = publish_dir(partial, out_dir, CV_FOLDER)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return rows, stats, published


def statistics_of(rows: Sequence[FoldRow]) -> dict[str, dict[str, float | None]]:
    """Mean and sample standard deviation (n - 1) over the folds of each final metric that every
    fold has (None otherwise: accuracies of a regression task)."""
    result: dict[str, dict[str, float | None]] = {}
    for key in METRICS:
        values = [getattr(r, key) for r in rows]
        if any(v is None or not math.isfinite(v) for v in values) or not values:
            result[key] = {"mean": None, "std": None}
        else:
            result[key] = {"mean": statistics.fmean(values),
                           "std": statistics.stdev(values) if len(values) > 1 else 0.0}
    return result


def folds_csv(rows: Sequence[FoldRow]) -> str:
    stream = io.StringIO()
    writer = csv.DictWriter(stream, FOLD_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else repr(v) if isinstance(v, float) else v)
                         for k, v in row.as_record().items()})
    return stream.getvalue()
