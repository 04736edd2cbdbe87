"""The degradation experiment: do deeper plain nets train worse, and do residual twins not?

For each depth, a plain MLP on the spiral set (:func:`deep_mlp`) and its residual twin are
trained as a :class:`Comparison`: the same data split, seed, initial weights of shared layers,
batch order and budget. The experiment folder holds one run folder per network (as
``dlplayground train`` writes them), ``table.csv`` and ``table.md`` (final training loss,
validation accuracy, first-to-last-layer gradient-norm ratio at the first step and at the
last logged one) and ``degradation.png``. Like a run folder, it is written under a temporary
name and renamed when complete.
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
from typing import Any, Callable, Sequence

import numpy as np

from dlplayground import __version__
from dlplayground.experiments.presets import MLP_TRAINING, SPIRAL_DATA, deep_mlp
from dlplayground.graph.folders import OutputKind, check_replaceable, partial_dir, publish_dir
from dlplayground.graph.io import atomic_write_bytes, atomic_write_text
from dlplayground.training.compare import Comparison
from dlplayground.training.runs import RunRecorder
from dlplayground.training.trainer import TrainerState

KINDS = ("plain", "residual")
TABLE_COLUMNS = ("depth", "network", "parameters", "train_loss", "val_loss", "train_acc", "val_acc",
                 "epoch_train_loss", "grad_ratio_init", "grad_ratio_end", "epochs", "seconds", "stop_reason")


@dataclass(frozen=True)
class DegradationSettings:
    """What the experiment trains.

    Attributes:
        depths: Linear layers per network, the head included (at least 4).
        epochs: the budget of every run.
        activation: the hidden layers' activation (a catalogue type: ReLU, Tanh, Sigmoid, ...).
        width: units per hidden layer.
        batchnorm: a BatchNorm1d after every hidden Linear (as the ResNet paper's plain nets).
        seed: initial weights and batch order.
        lr: Adam's learning rate (the examples' setting by default).
    """

    depths: tuple[int, ...] = (8, 20, 50)
    epochs: int = 50
    activation: str = "ReLU"
    width: int = 32
    batchnorm: bool = False
    seed: int = 0
    lr: float = float(MLP_TRAINING["optimizer"]["lr"])

    def __post_init__(self) -> None:
        if not self.depths:
            raise ValueError("give at least one depth")
        for depth in self.depths:
            if depth < 4:
                raise ValueError(f"depth {depth}: a network needs at least 4 layers to get a skip connection")
        for name in ("epochs", "width"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be a positive integer, got {getattr(self, name)}")
        if not self.lr > 0:
            raise ValueError(f"the learning rate must be positive, got {self.lr}")

    def project(self, depth: int) -> dict[str, Any]:
        """The plain network of one depth, as a project."""
        training = {**MLP_TRAINING, "optimizer": {**MLP_TRAINING["optimizer"], "lr": self.lr},
                    "epochs": self.epochs, "seed": self.seed}
        return deep_mlp(depth, self.activation, self.width, self.batchnorm, SPIRAL_DATA, training)


@dataclass(frozen=True)
class DegradationRow:
    """One trained network: a row of the table.

    Attributes:
        train_loss, train_acc: the final model on the whole training set, in eval mode (the
            fairest "how well did it fit": no dropout, batch norm on its running statistics).
        epoch_train_loss: the mean over the last epoch's batches, in training mode (metrics.csv).
        grad_ratio_init, grad_ratio_end: first-layer over last-layer gradient norm at the first
            step, and over the last epoch (the geometric mean of its records: one step is noisy).
        curve: the per-epoch batch-mean training loss.
    """

    depth: int
    network: str
    parameters: int
    train_loss: float
    val_loss: float | None
    train_acc: float | None
    val_acc: float | None
    epoch_train_loss: float
    grad_ratio_init: float
    grad_ratio_end: float
    epochs: int
    seconds: float
    stop_reason: str
    curve: tuple[float, ...] = field(default=(), repr=False)

    def as_record(self) -> dict[str, Any]:
        record = asdict(self)
        del record["curve"]
        return record


def train_depth(settings: DegradationSettings, depth: int, out_dir: Path | None = None) -> list[DegradationRow]:
    """Train the plain net of ``depth`` and its twin side by side; one row each.

    Args:
        out_dir: where to write the two run folders (``d<depth>-plain``, ``d<depth>-residual``).
    """
    comparison = Comparison(settings.project(depth), device="cpu")
    if out_dir is not None:
        for kind, run in zip(KINDS, comparison.runs):
            RunRecorder(out_dir / f"d{depth}-{kind}", run.setup.project).attach(run.trainer)
    states = comparison.run()
    rows = []
    for kind, run, state in zip(KINDS, comparison.runs, states):
        parameters = sum(p.numel() for p in run.setup.model.parameters())
        train_loss, train_acc = run.trainer.evaluate("train")
        rows.append(_row(depth, kind, parameters, state, train_loss, train_acc))
    return rows


def _row(depth: int, kind: str, parameters: int, state: TrainerState, train_loss: float | None,
         train_acc: float | None) -> DegradationRow:
    last = state.last
    if last is None or not state.gradient_log or train_loss is None:
        raise RuntimeError(f"the {kind} net of depth {depth} ended before its first epoch: {state.message}")
    return DegradationRow(
        depth, kind, parameters, train_loss, last.val_loss, train_acc, last.val_acc, last.train_loss,
        state.gradient_log[0].ratio_first_to_last(), _last_epoch_ratio(state),
        len(state.history), round(state.seconds, 2), state.stop_reason or "",
        tuple(m.train_loss for m in state.history),
    )


def _last_epoch_ratio(state: TrainerState) -> float:
    """The geometric mean of the first/last gradient ratio over the last epoch's records (records
    where the first layer's gradient underflowed to 0 are left out; 0 when all did)."""
    epoch = state.gradient_log[-1].epoch
    ratios = np.array([r.ratio_first_to_last() for r in state.gradient_log if r.epoch == epoch])
    ratios = ratios[np.isfinite(ratios)]
    positive = ratios[ratios > 0]
    if len(ratios) == 0:
        return math.nan
    return float(np.exp(np.mean(np.log(positive)))) if len(positive) else 0.0


#: what an experiment folder holds (experiment.json is written last)
EXPERIMENT_FOLDER = OutputKind("experiment folder", frozenset(
    {"table.csv", "table.md", "degradation.png", "experiment.json", "runs"}), "experiment.json")


def run_degradation(settings: DegradationSettings, out_dir: str | Path, command: str = "",
                    on_row: Callable[[DegradationRow], None] | None = None) -> tuple[list[DegradationRow], Path]:
    """Run the whole experiment and write its folder; return the rows and where the folder is
    (``out_dir``, or beside it when something else took that place meanwhile).

    Args:
        out_dir: the experiment folder to create; an earlier experiment folder there is replaced
            once this one is complete, any other existing folder refused (``FolderInUse``).
        command: the command line that ran it, recorded in ``table.md``.
        on_row: called with every finished row (progress reports).
    """
    out_dir = check_replaceable(out_dir, EXPERIMENT_FOLDER)
    partial = partial_dir(out_dir)
    try:
        started = time.perf_counter()
        rows: list[DegradationRow] = []
        for depth in settings.depths:
            for row in train_depth(settings, depth, partial / "runs"):
                rows.append(row)
                if on_row is not None:
                    on_row(row)
        seconds = time.perf_counter() - started
        atomic_write_text(partial / "table.csv", table_csv(rows))
        atomic_write_text(partial / "table.md", table_markdown(rows, settings, command, seconds))
        atomic_write_bytes(partial / "degradation.png", plot_png(rows, settings))
        meta = {"settings": asdict(settings), "seconds": round(seconds, 1), "command": command,
                "dlplayground": __version__, "python": sys.version.split()[0]}
        atomic_write_text(partial / "experiment.json", json.dumps(meta, indent=2) + "\n")
        published = publish_dir(partial, out_dir, EXPERIMENT_FOLDER)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return rows, published


# -- the table ---------------------------------------------------------------------------
def table_csv(rows: Sequence[DegradationRow]) -> str:
    stream = io.StringIO()
    writer = csv.DictWriter(stream, TABLE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_value(v) for k, v in row.as_record().items()})
    return stream.getvalue()


def table_markdown(rows: Sequence[DegradationRow], settings: DegradationSettings, command: str = "",
                   seconds: float | None = None) -> str:
    """The table as Markdown, with what was trained and how to reproduce it."""
    norm = ", BatchNorm1d after every hidden Linear" if settings.batchnorm else ""
    lines = [
        "# Degradation: plain vs residual MLPs",
        "",
        f"spiral (1000 samples, 3 classes, 20% validation); {settings.activation}, width {settings.width}{norm}; "
        f"Adam lr {settings.lr:g}, batch {MLP_TRAINING['batch_size']}, {settings.epochs} epochs, seed {settings.seed}. "
        "Each residual net is the twin of the plain one (identity skips around every two layers) and "
        "starts from its weights.",
        "",
    ]
    if command:
        lines += [f"Command: `{command}`" + (f" ({seconds:.0f} s)" if seconds is not None else ""), ""]
    lines += [
        "| depth | network | train loss | val loss | val acc | grad ratio first/last (init) | (last epoch) |",
        "|---:|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row.depth} | {row.network} | {_fixed(row.train_loss)} | {_fixed(row.val_loss)} | "
            f"{_fixed(row.val_acc)} | {_sci(row.grad_ratio_init)} | {_sci(row.grad_ratio_end)} |"
        )
    lines += ["", "Train loss: the final model on the whole training set (eval mode; table.csv also has the "
              "last epoch's batch mean, epoch_train_loss). Grad ratio: the gradient norm of the first layer over that of the last (the head), at the first "
              "step and over the last epoch (geometric mean of its records); tiny values mean the first layers' "
              "gradients vanish.", ""]
    return "\n".join(lines)


def _fixed(value: float | None) -> str:
    return "n/a" if value is None or not math.isfinite(value) else f"{value:.3f}"


def _sci(value: float) -> str:
    return "n/a" if not math.isfinite(value) else ("0" if value == 0 else f"{value:.1e}")


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else str(value)
    return value


# -- the plot ----------------------------------------------------------------------------
def plot_png(rows: Sequence[DegradationRow], settings: DegradationSettings) -> bytes:
    """Training curves, final training loss and validation accuracy by depth, and the gradient
    ratio by depth, as a PNG (matplotlib's Agg canvas: no display needed)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    colours = {"plain": "#d62728", "residual": "#1f77b4"}
    depths = sorted({row.depth for row in rows})
    figure = Figure(figsize=(11, 8), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    curves, losses, accuracy, ratios = figure.subplots(2, 2).ravel()

    shades = {depth: 0.35 + 0.65 * i / max(1, len(depths) - 1) for i, depth in enumerate(depths)}
    for row in rows:
        epochs = range(1, len(row.curve) + 1)
        curves.plot(epochs, row.curve, color=colours[row.network], alpha=shades[row.depth],
                    linestyle="-" if row.network == "residual" else "--", label=f"{row.network} {row.depth}")
    curves.set(title="Training loss per epoch (batch mean)", xlabel="epoch", ylabel="training loss")
    curves.legend(fontsize="small", ncol=2)

    for kind in KINDS:
        mine = sorted((r for r in rows if r.network == kind), key=lambda r: r.depth)
        x = [r.depth for r in mine]
        style = dict(color=colours[kind], marker="o", label=kind)
        losses.plot(x, [r.train_loss for r in mine], **style)
        accuracy.plot(x, [r.val_acc if r.val_acc is not None else math.nan for r in mine], **style)
        ratios.plot(x, [_positive(r.grad_ratio_init) for r in mine], color=colours[kind], marker="o",
                    linestyle="--", label=f"{kind}, first step")
        ratios.plot(x, [_positive(r.grad_ratio_end) for r in mine], color=colours[kind], marker="s",
                    label=f"{kind}, end")
    losses.set(title="Final training loss by depth (eval mode)", xlabel="layers", ylabel="training loss")
    accuracy.set(title="Validation accuracy by depth", xlabel="layers", ylabel="accuracy", ylim=(0, 1.02))
    ratios.set(title="Gradient norm, first layer / last layer", xlabel="layers", ylabel="ratio", yscale="log")
    if any(not _positive(r.grad_ratio_init) > 0 or not _positive(r.grad_ratio_end) > 0 for r in rows):
        ratios.set_xlabel("layers (a ratio of 0 cannot be drawn on a log axis)")
    for axes in (losses, accuracy, ratios):
        axes.set_xticks(depths)
        axes.legend(fontsize="small")
        axes.grid(alpha=0.3)
    curves.grid(alpha=0.3)
    norm = ", batch norm" if settings.batchnorm else ""
    figure.suptitle(f"Plain vs residual MLPs on spiral ({settings.activation}, width {settings.width}{norm}, "
                    f"{settings.epochs} epochs)")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _positive(value: float) -> float:
    # a log axis cannot show 0 (a dead network): leave a gap instead
    return value if math.isfinite(value) and value > 0 else math.nan
