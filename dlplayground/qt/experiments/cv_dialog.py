"""The Cross-Validate dialog: k folds of the open project, per-fold curves, mean and spread."""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)
from dlplayground.qt.i18n import QT_TRANSLATE_NOOP

from dlplayground.qt.experiments.colour_key import ColourKey
from dlplayground.qt.experiments.runner import JobRunner
from dlplayground.qt.training.plotting import plot_widget
from dlplayground.qt.experiments.variants_dialog import NOT_AVAILABLE, colour
from dlplayground.qt.i18n import translate

#: the table's headers (translated where they are shown)
COLUMNS = (QT_TRANSLATE_NOOP("cv_dialog", "fold"), QT_TRANSLATE_NOOP("cv_dialog", "train samples"),
           QT_TRANSLATE_NOOP("cv_dialog", "val samples"), QT_TRANSLATE_NOOP("cv_dialog", "train loss"),
           QT_TRANSLATE_NOOP("cv_dialog", "val loss"), QT_TRANSLATE_NOOP("cv_dialog", "train acc"),
           QT_TRANSLATE_NOOP("cv_dialog", "val acc"), QT_TRANSLATE_NOOP("cv_dialog", "epochs"))


class CrossValidationDialog(QDialog):
    """Run ``cv`` on a project snapshot: one run per fold, their curves and a table."""

    def __init__(self, snapshot: Callable[[], dict[str, Any]], base_dir: Callable[[], Path | None],
                 runs_root: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cross-Validate"))
        self.setObjectName("cv_dialog")
        self.resize(900, 600)
        self._snapshot, self._base_dir, self._runs_root = snapshot, base_dir, Path(runs_root)
        self.runner = JobRunner(self)
        self.runner.posted.connect(self._on_posted)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(lambda m: self._done(self.tr("Cross-validation failed: {value}").format(value=m.splitlines()[0])))
        self._curves: dict[int, list[float]] = {}
        self._items: dict[int, pg.PlotDataItem] = {}
        self._trainer = None

        self.folds_spin = QSpinBox(minimum=2, maximum=100, value=5, prefix=self.tr("folds: "))
        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.clicked.connect(self.start)
        self.stop_button = QPushButton(self.tr("Stop"), enabled=False)
        self.stop_button.clicked.connect(self.runner.stop)
        self.status = QLabel(self.tr("Each fold is once the validation set; the project's val_split is not used."))
        self.status.setWordWrap(True)
        self.plot = plot_widget(self.tr("Validation loss per epoch, by fold"), self.tr("loss"), self.tr("epoch"), grid=True)
        self.key = ColourKey()  # above the plot: a legend inside it covered the curves
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([translate("cv_dialog", c) for c in COLUMNS])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.resizeColumnsToContents()  # whole headers ("train acc" is longer in Turkish)
        top = QHBoxLayout()
        for widget in (self.folds_spin, self.start_button, self.stop_button):
            top.addWidget(widget)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.key)
        layout.addWidget(self.plot, 2)
        layout.addWidget(self.table, 1)

    def start(self) -> None:
        from dlplayground.experiments.cv import cross_validate
        from dlplayground.training.events import Events

        project, folds = self._snapshot(), self.folds_spin.value()
        name = str(project.get("name", "project")).replace(" ", "-")
        out = self._runs_root / f"cv-{name}-{time.strftime('%Y%m%d-%H%M%S')}"
        for item in self._items.values():
            self.plot.removeItem(item)
        self._curves.clear()
        self._items.clear()
        self.table.setRowCount(0)
        self.key.set_entries("", [(self.tr("fold {number}").format(number=i + 1), colour(i)) for i in range(folds)])
        stopped = []

        def job(post):
            def connect(index, trainer):
                self._trainer = trainer
                if stopped:
                    trainer.terminate()
                trainer.on(Events.EPOCH_COMPLETED,
                           lambda t: post(("epoch", index, t.state.history[-1].val_loss)))

            return cross_validate(project, folds, out, self._base_dir(), device="cpu",
                                  on_fold=lambda row: post(("fold", row)), on_trainer=connect)

        def stop():
            stopped.append(True)
            if self._trainer is not None:
                self._trainer.terminate()

        self.runner.start(job, stop)
        self.start_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.status.setText(self.tr("Training {folds} folds…").format(folds=folds))

    def _on_posted(self, payload) -> None:
        if payload[0] == "epoch":
            _, index, value = payload
            values = self._curves.setdefault(index, [])
            values.append(math.nan if value is None else value)
            if index not in self._items:
                self._items[index] = self.plot.plot(pen=pg.mkPen(colour(index), width=2))
            self._items[index].setData(np.arange(1, len(values) + 1), np.asarray(values, float), connect="finite")
            return
        row = payload[1]
        r = self.table.rowCount()
        self.table.insertRow(r)
        for c, cell in enumerate((row.fold, row.train_samples, row.val_samples, _fixed(row.train_loss),
                                  _fixed(row.val_loss), _fixed(row.train_acc), _fixed(row.val_acc), row.epochs)):
            self.table.setItem(r, c, QTableWidgetItem(str(cell)))
        self.table.resizeColumnsToContents()

    def _on_finished(self, result) -> None:
        rows, stats, folder = result
        # each metric named as its column is (the engine's keys are train_loss, val_acc, ...)
        shown = "  ".join(f"{translate('cv_dialog', k.replace('_', ' '))} {v['mean']:.4f} ± {v['std']:.4f}"
                          for k, v in stats.items() if v["mean"] is not None)
        self._done(self.tr("{count} folds: {shown} (mean ± standard deviation); written to {folder}").format(count=len(rows), shown=shown, folder=folder))

    def _done(self, message: str) -> None:
        self.status.setText(message)
        self.start_button.setEnabled(True)
        self.stop_button.setEnabled(False)
        self._trainer = None

    def shutdown(self) -> None:
        self.runner.shutdown()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.runner.stop()
        super().closeEvent(event)


def _fixed(value: float | None) -> str:
    return translate("variants_dialog", NOT_AVAILABLE) if value is None or not math.isfinite(value) else f"{value:.4f}"
