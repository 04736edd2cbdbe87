"""N-way comparisons: variants of one project differing in one setting, trained side by side.

``dlplayground experiment compare PROJECT --vary training.batch_size=full,32,1`` makes one copy
of the project per value (:mod:`dlplayground.experiments.settings`), and trains them as a
:class:`~dlplayground.training.compare.MultiComparison`: the same data section (hence the same
split), the same seed (the same batch order) and, wherever the architectures allow, the initial
weights of the first variant. The comparison folder holds one run folder per variant (as
``dlplayground train`` writes them) under ``runs/``, ``table.csv`` and ``table.md`` (final
metrics) and ``curves.png`` (the curves overlaid); like a run folder it is written under a
temporary name and renamed when complete.
"""

from __future__ import annotations

import csv
import io
import json
import math
import shutil
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from dlplayground import __version__
from dlplayground.experiments.plots import curves_png, run_curves
from dlplayground.experiments.settings import SettingError, check_path, format_value, with_setting
from dlplayground.graph.folders import OutputKind, check_replaceable, file_stem, partial_dir, publish_dir
from dlplayground.graph.io import atomic_write_bytes, atomic_write_text
from dlplayground.training.compare import MultiComparison
from dlplayground.training.events import Events
from dlplayground.training.runs import RunRecorder, final_metrics
from dlplayground.training.trainer import Trainer

TABLE_COLUMNS = ("variant", "value", "parameters", "train_loss", "val_loss", "train_acc", "val_acc", "epochs",
                 "steps", "seconds", "grad_ratio_end", "shared_layers", "stop_reason")
#: what a comparison folder holds (experiment.json is written last)
COMPARISON_FOLDER = OutputKind("comparison folder", frozenset(
    {"table.csv", "table.md", "curves.png", "experiment.json", "runs"}), "experiment.json")


@dataclass(frozen=True)
class VariantRow:
    """One trained variant: a row of the table, and its curves for the plot."""

    variant: str
    value: str
    parameters: int
    train_loss: float | None
    val_loss: float | None
    train_acc: float | None
    val_acc: float | None
    epochs: int
    steps: int
    seconds: float
    grad_ratio_end: float
    shared_layers: int
    stop_reason: str
    curves: dict[str, tuple[float, ...]] = field(default_factory=dict, repr=False)

    def as_record(self) -> dict[str, Any]:
        record = asdict(self)
        del record["curves"]
        return record


def variant_projects(project: Mapping[str, Any], key: str,
                     values: Sequence[Any]) -> tuple[list[dict[str, Any]], list[str]]:
    """One copy of ``project`` per value of the setting ``key``, and a label for each.

    Raises:
        SettingError: the path does not fit the project, fewer than two values, or a repeat.
    """
    path = check_path(key, project)
    if path.keys == ("seed",):
        raise SettingError(f"--vary {key}: the variants share the seed (the batch order and initial weights); "
                           "vary another setting")
    if len(values) < 2:
        raise SettingError(f"--vary {key}: give at least two values separated by commas")
    labels = [f"{key}={format_value(v)}" for v in values]
    if len(set(labels)) != len(labels):
        raise SettingError(f"--vary {key}: a value is repeated ({', '.join(format_value(v) for v in values)})")
    return [with_setting(project, path, value) for value in values], labels


def compare_variants(project: Mapping[str, Any], key: str, values: Sequence[Any], out_dir: str | Path,
                     base_dir: str | Path | None = None, *, epochs: int | None = None, seed: int | None = None,
                     device: str | None = None, command: str = "",
                     on_epoch: Callable[[int, Trainer], None] | None = None,
                     on_start: Callable[[MultiComparison], None] | None = None,
                     ) -> tuple[list[VariantRow], Path, MultiComparison]:
    """Train the variants side by side and write the comparison folder.

    Args:
        on_epoch: called with (variant index, trainer) after each epoch of each variant.
        on_start: called with the comparison before it runs (to connect a Ctrl-C handler).

    Returns:
        The rows, where the folder is (``out_dir`` or beside it) and the comparison trained.
    """
    projects, labels = variant_projects(project, key, values)
    comparison = MultiComparison(projects, base_dir, epochs=epochs, seed=seed, device=device, labels=labels)
    out_dir = check_replaceable(out_dir, COMPARISON_FOLDER)
    partial = partial_dir(out_dir)
    try:
        for index, run in enumerate(comparison.runs):
            name = f"{index + 1:02d}-{file_stem(format_value(values[index]), 'variant')}"
            RunRecorder(partial / "runs" / name, run.setup.project).attach(run.trainer)
        if on_epoch is not None:
            comparison.on(Events.EPOCH_COMPLETED, on_epoch)
        if on_start is not None:
            on_start(comparison)
        started = time.perf_counter()
        comparison.run()
        seconds = time.perf_counter() - started
        rows = [_row(comparison, index, format_value(values[index])) for index in range(len(values))]
        atomic_write_text(partial / "table.csv", table_csv(rows))
        atomic_write_text(partial / "table.md", table_markdown(rows, project, key, command, seconds))
        atomic_write_bytes(partial / "curves.png", plot_png(rows, project, key))
        meta = {"vary": key, "values": list(values), "seconds": round(seconds, 1), "command": command,
                "shared_initial_weights": comparison.shared_by_run, "dlplayground": __version__,
                "python": sys.version.split()[0]}
        atomic_write_text(partial / "experiment.json", json.dumps(meta, indent=2) + "\n")
        published = publish_dir(partial, out_dir, COMPARISON_FOLDER)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return rows, published, comparison


def _row(comparison: MultiComparison, index: int, value: str) -> VariantRow:
    run = comparison.runs[index]
    state, trainer = run.state, run.trainer
    final = final_metrics(trainer)
    log = state.gradient_log
    ratio = log[-1].ratio_first_to_last() if log else math.nan
    history = state.history
    curves = run_curves(history)
    shared = len(comparison.shared_by_run[index]) if index else sum(
        1 for _, m in run.setup.model.node_modules() if m.state_dict())
    return VariantRow(
        run.label, value, sum(p.numel() for p in run.setup.model.parameters()),
        None if final is None else final.train_loss, None if final is None else final.val_loss,
        None if final is None else final.train_acc, None if final is None else final.val_acc,
        len(history), state.iteration, round(state.seconds, 3), ratio, shared, state.stop_reason or "", curves)


# -- the table ---------------------------------------------------------------------------
def table_csv(rows: Sequence[VariantRow]) -> str:
    stream = io.StringIO()
    writer = csv.DictWriter(stream, TABLE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_value(v) for k, v in row.as_record().items()})
    return stream.getvalue()


def table_markdown(rows: Sequence[VariantRow], project: Mapping[str, Any], key: str, command: str = "",
                   seconds: float | None = None) -> str:
    lines = [f"# {project.get('name', 'project')}: {key}", "",
             "Every variant trains on the same data split with the same seed (the same batch order); "
             "layers the variants share start from the first variant's initial weights "
             "(shared layers: how many).", ""]
    if command:
        lines += [f"Command: `{command}`" + (f" ({seconds:.0f} s)" if seconds is not None else ""), ""]
    lines += ["| value | train loss | val loss | val acc | epochs | steps | seconds | grad ratio first/last | "
              "shared layers | stop |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for row in rows:
        lines.append(f"| {row.value} | {_fixed(row.train_loss)} | {_fixed(row.val_loss)} | {_fixed(row.val_acc)} | "
                     f"{row.epochs} | {row.steps} | {row.seconds:.1f} | {_sci(row.grad_ratio_end)} | "
                     f"{row.shared_layers} | {row.stop_reason} |")
    lines += ["", "Losses and accuracies are those of the weights each run ends with (its last epoch, or "
              "the best one when early stopping restored it). Grad ratio: first layer's gradient norm over the "
              "last layer's at the last logged step.", ""]
    return "\n".join(lines)


def _fixed(value: float | None) -> str:
    return "n/a" if value is None or not math.isfinite(value) else f"{value:.4f}"


def _sci(value: float) -> str:
    return "n/a" if not math.isfinite(value) else ("0" if value == 0 else f"{value:.1e}")


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else str(value)
    return value


# -- the plot ----------------------------------------------------------------------------
def plot_png(rows: Sequence[VariantRow], project: Mapping[str, Any], key: str) -> bytes:
    """The variants' curves overlaid, as a PNG."""
    return curves_png([(row.value, row.curves) for row in rows], f"{project.get('name', 'project')}: {key}", key)
