"""Overlaid training curves of several runs as a PNG (variants of a comparison, folds of a
cross-validation), drawn on matplotlib's Agg canvas: no display needed."""

from __future__ import annotations

import io
import math
from typing import Mapping, Sequence

from dlplayground.training.trainer import EpochMetrics

Curves = Mapping[str, Sequence[float]]


def run_curves(history: Sequence[EpochMetrics]) -> dict[str, tuple[float, ...]]:
    """A run's per-epoch curves (NaN where a value is missing: no validation split, regression)."""
    return {
        "train_loss": tuple(m.train_loss for m in history),
        "val_loss": tuple(math.nan if m.val_loss is None else m.val_loss for m in history),
        "val_acc": tuple(math.nan if m.val_acc is None else m.val_acc for m in history),
        "seconds": tuple(m.seconds for m in history),
    }


def curves_png(runs: Sequence[tuple[str, Curves]], title: str, legend_title: str) -> bytes:
    """Training and validation loss and validation accuracy by epoch, and training loss against
    time (batch vs stochastic gradient descent differ most there), one colour per run."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(11, 8), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    train, val, acc, timed = figure.subplots(2, 2).ravel()
    has_acc = any(math.isfinite(v) for _, curves in runs for v in curves["val_acc"])
    for index, (label, curves) in enumerate(runs):
        colour = f"C{index % 10}"
        epochs = range(1, len(curves["train_loss"]) + 1)
        train.plot(epochs, curves["train_loss"], color=colour, label=label)
        val.plot(epochs, curves["val_loss"], color=colour, label=label)
        if has_acc:
            acc.plot(epochs, curves["val_acc"], color=colour, label=label)
        timed.plot(curves["seconds"], curves["train_loss"], color=colour, marker=".", label=label)
    train.set(title="Training loss per epoch (batch mean)", xlabel="epoch", ylabel="loss")
    val.set(title="Validation loss per epoch", xlabel="epoch", ylabel="loss")
    if has_acc:
        acc.set(title="Validation accuracy per epoch", xlabel="epoch", ylabel="accuracy", ylim=(0, 1.02))
    else:
        acc.set_axis_off()
        acc.text(0.5, 0.5, "regression: no accuracy", ha="center", va="center")
    timed.set(title="Training loss against training time", xlabel="seconds", ylabel="loss")
    for axes in (train, val, timed) + ((acc,) if has_acc else ()):
        axes.grid(alpha=0.3)
        axes.legend(fontsize="small", title=legend_title, title_fontsize="small")
    figure.suptitle(title)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
