"""The session's runs: a list of every run with how it ended, and an overlay of chosen runs.

Selecting runs draws their learning curves together (loss and, for classifiers, accuracy),
one colour per run, training solid and validation dashed; the curves come from memory.
"""

from __future__ import annotations

import math
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import Qt, QUrl

from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dlplayground.qt.engine_text import shown, stop_text
from dlplayground.qt.training import plotting
from dlplayground.qt.runs.records import RunRecord
from dlplayground.qt.i18n import translate


def describe_run(record: RunRecord) -> str:
    """One line: ``#2 Spiral MLP · 60 epochs · val acc 0.987 · completed``."""
    parts = [f"#{record.run_id} {record.name}"]
    if record.error:
        return translate("runs_view", "{value} · could not start: {value2}").format(value=parts[0], value2=record.error.splitlines()[0])
    if record.result is None:
        return translate("runs_view", "{value} · running…").format(value=parts[0])
    history = record.result.history
    parts.append(translate("runs_view", "1 epoch") if len(history) == 1
                 else translate("runs_view", "{count} epochs").format(count=len(history)))
    if history:
        last = history[-1]
        if last.val_acc is not None:
            parts.append(translate("runs_view", "val acc {val_acc:.3f}").format(val_acc=last.val_acc))
        elif last.val_loss is not None and math.isfinite(last.val_loss):
            parts.append(translate("runs_view", "val loss {val_loss:.4g}").format(val_loss=last.val_loss))
        else:
            parts.append(translate("runs_view", "loss {loss:.4g}").format(loss=last.train_loss))
    parts.append(stop_text(record.result.stop_reason))
    return " · ".join(parts)


class RunsView(QWidget):
    """The runs list with an overlay of the selected runs' curves."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runs: list[RunRecord] = []
        self._stale = False  # the overlay is drawn when the tab is shown, not while training
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setToolTip(self.tr("Select two or more runs (Ctrl+click) to compare their curves"))
        self.list.itemSelectionChanged.connect(self._draw_selected)
        self.open_button = QPushButton(self.tr("Open run folder"))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self._open_folder)
        self.hint = QLabel(self.tr("Finished runs are kept here and saved as run folders."))
        self.hint.setWordWrap(True)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self.hint, 1)
        row.addWidget(self.open_button)
        top_layout.addLayout(row)

        self.loss_plot = plotting.plot_widget(self.tr("Loss of the selected runs"), bottom=self.tr("epoch"))
        self.loss_legend = plotting.legend(self.loss_plot)
        self.accuracy_plot = plotting.plot_widget(self.tr("Validation accuracy of the selected runs"), bottom=self.tr("epoch"))
        self.accuracy_plot.setXLink(self.loss_plot)
        splitter = QSplitter(Qt.Orientation.Vertical)
        for widget in (top, self.loss_plot, self.accuracy_plot):
            splitter.addWidget(widget)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setStretchFactor(2, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

    def set_runs(self, runs: list[RunRecord]) -> None:
        """Show ``runs``, keeping the selection by run id."""
        selected = {r.run_id for r in self.selected_runs()}
        self._runs = list(runs)
        self.list.blockSignals(True)
        self.list.clear()
        for record in self._runs:
            item = QListWidgetItem(describe_run(record))
            item.setData(Qt.ItemDataRole.UserRole, record.run_id)
            folder = record.result.folder if record.result is not None else None
            tip = [shown(record.result.message)] if record.result is not None and record.result.message else []
            if folder is not None:
                tip.append(self.tr("Run folder: {folder}").format(folder=folder))
            if record.info is not None and record.info.note:
                tip.append(f"Weights: {record.info.note}")
            item.setToolTip("\n".join(tip) or describe_run(record))
            item.setForeground(plotting.palette_colour(record.run_id - 1))
            self.list.addItem(item)
            item.setSelected(record.run_id in selected)
        self.list.blockSignals(False)
        self._draw_selected()

    def select_runs(self, run_ids: list[int]) -> None:
        for index in range(self.list.count()):
            item = self.list.item(index)
            item.setSelected(item.data(Qt.ItemDataRole.UserRole) in run_ids)

    def selected_runs(self) -> list[RunRecord]:
        ids = {item.data(Qt.ItemDataRole.UserRole) for item in self.list.selectedItems()}
        return [r for r in self._runs if r.run_id in ids]

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            self._draw_selected()

    def _draw_selected(self) -> None:
        folders = [r.result.folder for r in self.selected_runs() if r.result is not None and r.result.folder]
        self.open_button.setEnabled(len(folders) == 1)
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        self.loss_plot.getPlotItem().clear()
        self.accuracy_plot.getPlotItem().clear()
        self.loss_legend.clear()
        chosen = [r for r in self.selected_runs() if r.history]
        any_accuracy = False
        for record in chosen:
            colour = plotting.palette_colour(record.run_id - 1)
            epochs = [m.epoch for m in record.history]
            dash = Qt.PenStyle.DashLine
            self.loss_plot.plot(epochs, [m.train_loss for m in record.history], pen=_pen(colour),
                                name=f"#{record.run_id} train")
            validation = [(m.epoch, m.val_loss) for m in record.history if m.val_loss is not None]
            if validation:
                self.loss_plot.plot(*zip(*validation), pen=_pen(colour, dash), name=f"#{record.run_id} val")
            accuracy = [(m.epoch, m.val_acc) for m in record.history if m.val_acc is not None]
            if accuracy:
                any_accuracy = True
                self.accuracy_plot.plot(*zip(*accuracy), pen=_pen(colour), name=f"#{record.run_id}")
        self.accuracy_plot.setVisible(any_accuracy or not chosen)

    def _open_folder(self) -> None:
        folders = [r.result.folder for r in self.selected_runs() if r.result is not None and r.result.folder]
        if folders:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(folders[0]))))


def _pen(colour, style=Qt.PenStyle.SolidLine):
    return pg.mkPen(colour, width=2, style=style)
