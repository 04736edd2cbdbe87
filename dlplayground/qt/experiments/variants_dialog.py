"""The N-way Compare dialog: variants of the open project along one setting, side by side.

The engine's :func:`~dlplayground.experiments.variants.compare_variants` trains them (same data,
seed, batch order and initial weights where the architectures allow) and writes the comparison
folder; the dialog overlays each variant's loss curves as epochs complete, shows the table of
final metrics, and the gradient flow of each variant (gradient norm per layer at the last
logged step, log axis) side by side.
"""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)
from dlplayground.qt.i18n import QT_TRANSLATE_NOOP

from dlplayground.qt.experiments.colour_key import ColourKey
from dlplayground.qt.engine_text import stop_text
from dlplayground.qt.experiments.runner import JobRunner
from dlplayground.qt.screen_fit import fit_to_screen
from dlplayground.qt.i18n import translate
from dlplayground.qt.training.plotting import ReadableAxis, plot_widget, style_plot

#: settings offered in the key box (any dotted path may be typed)
COMMON_KEYS = {
    "training.batch_size": "full,32,1",
    "training.optimizer.lr": "0.1,0.01,0.001",
    "training.optimizer.type": "SGD,RMSprop,Adam",
    "training.optimizer.weight_decay": "0,0.001,0.01",
    "data.params.noise": "0,0.2,0.5",
}
#: the table's headers (translated where they are shown)
COLUMNS = (QT_TRANSLATE_NOOP("variants_dialog", "value"), QT_TRANSLATE_NOOP("variants_dialog", "train loss"),
           QT_TRANSLATE_NOOP("variants_dialog", "val loss"), QT_TRANSLATE_NOOP("variants_dialog", "val acc"),
           QT_TRANSLATE_NOOP("variants_dialog", "epochs"), QT_TRANSLATE_NOOP("variants_dialog", "steps"),
           QT_TRANSLATE_NOOP("variants_dialog", "seconds"), QT_TRANSLATE_NOOP("variants_dialog", "shared layers"),
           QT_TRANSLATE_NOOP("variants_dialog", "stop"))
#: a metric a run did not report (no validation set, a regression's accuracy)
NOT_AVAILABLE = QT_TRANSLATE_NOOP("variants_dialog", "n/a")


def colour(index: int) -> str:
    return pg.intColor(index, hues=9, values=1, maxValue=230).name()


class VariantsDialog(QDialog):
    """Compare N variants of a project (a ``to_dict()`` snapshot) along one setting.

    Args:
        snapshot: returns the project to vary (the open one, when Start is pressed).
        base_dir: returns the folder relative data paths are resolved against.
        runs_root: where comparison folders go.
    """

    def __init__(self, snapshot: Callable[[], dict[str, Any]], base_dir: Callable[[], Path | None],
                 runs_root: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare Variants"))
        self.setObjectName("variants_dialog")
        fit_to_screen(self, QSize(1100, 720))  # its buttons stay on a 1280x720 screen
        self._snapshot, self._base_dir, self._runs_root = snapshot, base_dir, Path(runs_root)
        self.runner = JobRunner(self)
        self.runner.posted.connect(self._on_epoch)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.folder: Path | None = None
        self._labels: list[str] = []
        self._curves: dict[tuple[int, str], list[float]] = {}
        self._items: dict[tuple[int, str], pg.PlotDataItem] = {}

        self.key_box = QComboBox(editable=True)
        self.key_box.addItems(list(COMMON_KEYS))
        self.values_edit = QLineEdit(COMMON_KEYS["training.batch_size"])
        self.key_box.currentTextChanged.connect(
            lambda key: self.values_edit.setText(COMMON_KEYS.get(key, self.values_edit.text())))
        self.epochs_spin = QSpinBox(minimum=0, maximum=100_000, specialValueText=self.tr("project's"))
        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.clicked.connect(self.start)
        self.stop_button = QPushButton(self.tr("Stop"), enabled=False)
        self.stop_button.clicked.connect(self.runner.stop)
        self.status = QLabel(self.tr("Choose a setting and its values, then Start."))
        self.status.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Setting"), self.key_box)
        form.addRow(self.tr("Values (comma-separated)"), self.values_edit)
        form.addRow(self.tr("Epochs"), self.epochs_spin)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)

        epoch, loss, norm = self.tr("epoch"), self.tr("loss"), self.tr("norm")
        self.loss_plot = self._plot(self.tr("Training loss per epoch"), epoch, loss)
        self.val_plot = self._plot(self.tr("Validation loss per epoch"), epoch, loss)
        self.gradient_plot = self._plot(self.tr("Gradient norm per layer"), self.tr("layer (last logged step)"), norm)
        # whole decades labelled, in the gradient's own units (pyqtgraph would rescale a log
        # axis by an SI factor and label every 2..9 multiple)
        readable = ReadableAxis("left")
        readable.enableAutoSIPrefix(False)
        self.gradient_plot.setAxisItems({"left": readable})
        style_plot(self.gradient_plot.getPlotItem(), self.tr("Gradient norm per layer"), norm,
                   self.tr("layer (last logged step)"),
                   grid=True)
        self.gradient_plot.setLogMode(y=True)
        # one key for the three plots, above them: legends inside the plots covered the curves
        self.key = ColourKey()
        plots = QHBoxLayout()
        for plot in (self.loss_plot, self.val_plot, self.gradient_plot):
            plots.addWidget(plot)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([translate("variants_dialog", c) for c in COLUMNS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.resizeColumnsToContents()  # whole headers before the first run too
        self.table.setMaximumHeight(170)
        self.table.horizontalHeader().setStretchLastSection(True)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.key)
        layout.addLayout(plots, 1)
        layout.addWidget(self.table)

    def _plot(self, title: str, x: str, y: str) -> pg.PlotWidget:
        return plot_widget(title, y, x, grid=True)  # the light style of the window's other plots

    # -- running -------------------------------------------------------------------------
    def start(self) -> None:
        from dlplayground.commands.common import CommandError
        from dlplayground.commands.vary import parse_vary
        from dlplayground.experiments.variants import compare_variants, variant_projects

        key = self.key_box.currentText().strip()
        try:
            key, values = parse_vary(f"{key}={self.values_edit.text()}")
            project = self._snapshot()
            _, self._labels = variant_projects(project, key, values)
        except (CommandError, ValueError) as exc:
            self.status.setText(self.tr("Cannot compare: {exc}").format(exc=exc))
            return
        self._reset()
        self.key.set_entries(key, [(label.split("=", 1)[-1], colour(i)) for i, label in enumerate(self._labels)])
        epochs = self.epochs_spin.value() or None
        name = str(project.get("name", "project")).replace(" ", "-")
        out = self._runs_root / f"compare-{name}-{key}-{time.strftime('%Y%m%d-%H%M%S')}"
        holder: dict[str, Any] = {}

        def job(post):
            def on_epoch(index, trainer):
                state = trainer.state
                last = state.history[-1]
                grads = state.gradients
                post((index, last.epoch, last.train_loss, last.val_loss,
                      None if grads is None else (grads.node_ids, np.asarray(grads.grad_norms, float))))

            def on_start(comparison) -> None:
                holder["comparison"] = comparison
                if holder.get("stopped"):  # Stop came while the variants were being prepared
                    comparison.terminate()

            return compare_variants(project, key, values, out, self._base_dir(), epochs=epochs, device="cpu",
                                    on_epoch=on_epoch, on_start=on_start)

        def stop() -> None:
            holder["stopped"] = True
            if "comparison" in holder:
                holder["comparison"].terminate()

        self.runner.start(job, stop=stop)
        self.start_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.status.setText(self.tr("Training {count} variants of {value} side by side…").format(count=len(values), value=project.get('name', 'the project')))

    def _reset(self) -> None:
        for plot in (self.loss_plot, self.val_plot, self.gradient_plot):
            plot.clear()
        self.key.clear_entries()
        self._curves.clear()
        self._items.clear()
        self.table.setRowCount(0)
        self.folder = None

    def _on_epoch(self, payload) -> None:
        index, epoch, train_loss, val_loss, grads = payload
        for plot, name, value in ((self.loss_plot, "train", train_loss), (self.val_plot, "val", val_loss)):
            values = self._curves.setdefault((index, name), [])
            values.append(math.nan if value is None else value)
            item = self._items.get((index, name))
            if item is None:
                item = plot.plot(pen=pg.mkPen(colour(index), width=2))
                self._items[(index, name)] = item
            y = np.asarray(values, float)
            item.setData(np.arange(1, len(y) + 1), y, connect="finite")
        if grads is not None:
            ids, norms = grads
            item = self._items.get((index, "grad"))
            if item is None:
                item = self.gradient_plot.plot(pen=pg.mkPen(colour(index), width=2), symbol="o", symbolSize=6,
                                               symbolBrush=colour(index))
                self._items[(index, "grad")] = item
                axis = self.gradient_plot.getAxis("bottom")
                axis.setTicks([list(enumerate(ids))])
                self.gradient_plot.setXRange(-0.5, len(ids) - 0.5)  # the first and last names stay readable
            safe = np.where(norms > 0, norms, np.nan)
            item.setData(np.arange(len(norms)), safe, connect="finite")

    def _on_finished(self, result) -> None:
        rows, folder, comparison = result
        self.folder = folder
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = (row.value, _fixed(row.train_loss), _fixed(row.val_loss), _fixed(row.val_acc), row.epochs,
                     row.steps, f"{row.seconds:.1f}", row.shared_layers, stop_text(row.stop_reason))
            for c, cell in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(str(cell)))
        self.table.resizeColumnsToContents()
        differing = self.tr("; own initial weights (shapes differ): {value}").format(value=', '.join(comparison.differing)) if comparison.differing else ""
        self.status.setText(self.tr("Done: {count} variants, written to {folder}{differing}").format(count=len(rows), folder=folder, differing=differing))
        self._idle()

    def _on_failed(self, message: str) -> None:
        self.status.setText(self.tr("The comparison failed: {value}").format(value=message.splitlines()[0]))
        self._idle()

    def _idle(self) -> None:
        self.start_button.setEnabled(True)
        self.stop_button.setEnabled(False)

    def shutdown(self) -> None:
        self.runner.shutdown()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.runner.stop()
        super().closeEvent(event)


def _fixed(value: float | None) -> str:
    return translate("variants_dialog", NOT_AVAILABLE) if value is None or not math.isfinite(value) else f"{value:.4f}"

