"""The Sweep dialog: an Optuna search over the open project, watched live.

The engine's :class:`~dlplayground.experiments.sweep.Sweep` runs the trials (TPE sampler, median
pruning by epoch, optionally a shared storage); the dialog lists every finished trial, plots the
objective by trial (complete trials filled, pruned hollow, the best so far as a line) and a
slice plot (one searched setting against the objective), and opens the best trial's project in
the window.
"""

from __future__ import annotations

import json
from typing import Any, Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSpinBox,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from dlplayground.graph.io import loads_json
from dlplayground.qt.experiments.runner import JobRunner
from dlplayground.qt.screen_fit import fit_to_screen
from dlplayground.qt.training.plotting import ReadableAxis, plot_widget, style_plot

DEFAULT_SPACE = {"training.optimizer.lr": {"float": [0.0001, 0.3], "log": True},
                 "training.batch_size": {"choice": ["full", 64, 16]}}


class SweepDialog(QDialog):
    """Search the settings of a project (a ``to_dict()`` snapshot) with Optuna.

    Signals:
        open_project_requested(dict): "Open Best Trial as Project" was pressed.
    """

    open_project_requested = Signal(object)

    def __init__(self, snapshot: Callable[[], dict[str, Any]], base_dir: Callable[[], Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hyperparameter Sweep"))
        self.setObjectName("sweep_dialog")
        fit_to_screen(self, QSize(1100, 860))  # the buttons and the table stay on a 1280x720 screen
        self._snapshot, self._base_dir = snapshot, base_dir
        self.runner = JobRunner(self)
        self.runner.posted.connect(self._on_trial)
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.sweep = None
        self.trials: list[Any] = []
        self._names: list[str] = []

        self.space_edit = QPlainTextEdit(json.dumps(DEFAULT_SPACE, indent=1))
        self.space_edit.setMaximumHeight(110)
        self.space_edit.setToolTip(self.tr(
            "A JSON object: each key a setting's dotted path in the project, each value its distribution:\n"
            "{\"float\": [low, high]} or {\"int\": [low, high]}, with \"log\": true for a log scale,\n"
            "or {\"choice\": [value, ...]}. Example: \"training.optimizer.lr\": {\"float\": [0.0001, 0.3], \"log\": true}"))
        self.space_edit.textChanged.connect(self._space_edited)
        self.trials_spin = QSpinBox(minimum=1, maximum=10_000, value=20)
        self.epochs_spin = QSpinBox(minimum=0, maximum=100_000, specialValueText=self.tr("project's"))
        self.trials_spin.setToolTip(self.tr("How many settings to try; Optuna's TPE sampler picks each from the results so far"))
        self.epochs_spin.setToolTip(self.tr("Epochs each trial trains (the project's own number at the lowest value); "
                                            "trials that fall behind the median are pruned early"))
        self.metric_box = QComboBox()
        self.metric_box.addItems(["val_loss", "train_loss", "val_acc", "train_acc"])
        self.metric_box.currentIndexChanged.connect(lambda _i: self._space_edited())
        self.metric_box.setToolTip(self.tr("What the sweep optimises: losses are minimised, accuracies maximised"))
        self.storage_edit = QLineEdit(placeholderText=self.tr("in memory; or sqlite:///study.db, journal:PATH"))
        self.storage_edit.setToolTip(self.tr("Where the study is kept: empty keeps it in memory; a database or "
                                             "journal file lets several processes or machines add trials to one study"))
        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.clicked.connect(self.start)
        self.stop_button = QPushButton(self.tr("Stop"), enabled=False)
        self.stop_button.clicked.connect(self.runner.stop)
        self.best_button = QPushButton(self.tr("Open Best Trial as Project"), enabled=False)
        self.best_button.clicked.connect(self._open_best)
        self.status = QLabel(self.tr("Edit the search space (dotted paths to distributions), then Start."))
        self.status.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Search space"), self.space_edit)
        form.addRow(self.tr("Trials"), self.trials_spin)
        form.addRow(self.tr("Epochs per trial"), self.epochs_spin)
        form.addRow(self.tr("Metric"), self.metric_box)
        form.addRow(self.tr("Storage"), self.storage_edit)
        buttons = QHBoxLayout()
        for button in (self.start_button, self.stop_button, self.best_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.objective_plot = plot_widget(self.tr("Objective by trial"), "", "trial", grid=True)
        self.complete_points = self.objective_plot.plot(pen=None, symbol="o", symbolBrush="#1f77b4", name="complete")
        self.pruned_points = self.objective_plot.plot(pen=None, symbol="o", symbolBrush=None,
                                                      symbolPen="#d62728", name="pruned")
        self.best_line = self.objective_plot.plot(pen=pg.mkPen("#2ca02c", width=2), stepMode=None)
        self.slice_box = QComboBox()
        self.slice_box.currentIndexChanged.connect(lambda _i: self._draw_slice())
        self.slice_plot = plot_widget(self.tr("Slice: setting against objective"), grid=True)
        # a learning rate's log axis: whole decades, in the setting's own units (no SI factor)
        readable = ReadableAxis("bottom")
        readable.enableAutoSIPrefix(False)
        self.slice_plot.setAxisItems({"bottom": readable})
        style_plot(self.slice_plot.getPlotItem(), self.tr("Slice: setting against objective"), grid=True)
        self.slice_points = self.slice_plot.plot(pen=None, symbol="o", symbolBrush="#1f77b4")
        slice_choice = QHBoxLayout()
        slice_choice.addWidget(QLabel(self.tr("Setting:")))
        slice_choice.addWidget(self.slice_box, 1)
        slice_column = QVBoxLayout()
        slice_column.addLayout(slice_choice)
        slice_column.addWidget(self.slice_plot)
        plots = QHBoxLayout()
        plots.addWidget(self.objective_plot, 1)
        plots.addLayout(slice_column, 1)

        self.table = QTableWidget(0, 3)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)  # the trial column numbers the rows
        self.table.horizontalHeader().setStretchLastSection(True)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addLayout(plots, 2)
        layout.addWidget(self.table, 1)
        self._space_edited()  # the columns and the slice's settings of the search space shown

    # -- running -------------------------------------------------------------------------
    def start(self) -> None:
        from dlplayground.experiments.space import SpaceError, parse_space_text
        from dlplayground.experiments.sweep import Sweep

        project = self._snapshot()
        try:
            space = parse_space_text(self.space_edit.toPlainText(), project)
        except SpaceError as exc:  # bad JSON, or every wrong entry line by line
            self.status.setText(self.tr("Cannot sweep: {exc}").format(exc=exc))
            return
        metric = self.metric_box.currentText()
        self._names = [d.name for d in space]
        self._reset()
        trials, epochs = self.trials_spin.value(), self.epochs_spin.value() or None
        storage = self.storage_edit.text().strip() or None
        name = f"sweep-{project.get('name', 'project')}"

        def job(post):
            sweep = Sweep(project, space, metric=metric, storage=storage, study_name=name if storage else None,
                          base_dir=self._base_dir(), epochs=epochs, on_trial=post)
            self.sweep = sweep
            self.runner.set_stop(sweep.stop)
            sweep.run(trials)
            return sweep

        self.runner.start(job)
        self.start_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.status.setText(self.tr("Running {trials} trials, optimising {metric}…").format(trials=trials, metric=metric))

    def _space_edited(self) -> None:
        """Before a sweep runs, the table's columns and the slice's choices follow the search
        space as typed (its keys, when it parses as a JSON object)."""
        if self.runner.busy or self.trials:  # the columns are the sweep's shown
            return
        try:
            raw = loads_json(self.space_edit.toPlainText())
        except ValueError:  # not (yet) JSON, or nested too deeply to read
            return
        if isinstance(raw, dict):
            self._names = [str(key) for key in raw]
            self._reset()

    def _reset(self) -> None:
        self.trials.clear()
        columns = [self.tr("trial"), self.tr("state"), self.metric_box.currentText(), *self._names]
        self.table.setColumnCount(len(columns))
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setRowCount(0)
        self.table.resizeColumnsToContents()  # the settings' dotted paths readable in full
        self.slice_box.blockSignals(True)
        self.slice_box.clear()
        self.slice_box.addItems(self._names)
        self.slice_box.blockSignals(False)
        self.objective_plot.setLabel("left", self.metric_box.currentText())
        self.best_button.setEnabled(False)
        self._draw()

    def _on_trial(self, result) -> None:
        self.trials.append(result)
        row = self.table.rowCount()
        self.table.insertRow(row)
        value = "" if result.value is None else f"{result.value:.4g}"
        cells = [result.number, result.state, value,
                 *(_shown(result.params.get(n, "")) for n in self._names)]
        for column, cell in enumerate(cells):
            self.table.setItem(row, column, QTableWidgetItem(str(cell)))
        self.table.resizeColumnsToContents()
        self.table.scrollToBottom()
        self._draw()
        if any(t.state == "complete" for t in self.trials):
            self.best_button.setEnabled(True)

    def _draw(self) -> None:
        maximise = self.metric_box.currentText().endswith("acc")
        done = [(t.number, t.value) for t in self.trials if t.state == "complete" and t.value is not None]
        pruned = [(t.number, t.value) for t in self.trials if t.state == "pruned" and t.value is not None]
        for item, points in ((self.complete_points, done), (self.pruned_points, pruned)):
            item.setData(*(np.asarray(list(zip(*points)), float) if points else (np.zeros(0), np.zeros(0))))
        if done:
            xs, ys = np.asarray(done, float).T
            best = np.maximum.accumulate(ys) if maximise else np.minimum.accumulate(ys)
            self.best_line.setData(xs, best)
        else:
            self.best_line.setData([], [])
        self._draw_slice()

    def _draw_slice(self) -> None:
        name = self.slice_box.currentText()
        self.slice_plot.setLabel("bottom", name)
        self.slice_plot.setLabel("left", self.metric_box.currentText())
        points = [(t.params[name], t.value) for t in self.trials
                  if t.state == "complete" and t.value is not None and name in t.params]
        axis = self.slice_plot.getAxis("bottom")
        if not points:
            self.slice_points.setData([], [])
            return
        values = [p for p, _ in points]
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            axis.setTicks(None)
            positive = all(v > 0 for v in values)
            log = positive and max(values) / min(values) > 50  # learning rates: log axis
            self.slice_plot.setLogMode(x=log)
            x = np.asarray(values, float)
        else:  # a choice: one column per value
            self.slice_plot.setLogMode(x=False)
            labels = list(dict.fromkeys(_shown(v) for v in values))
            axis.setTicks([list(enumerate(labels))])
            x = np.asarray([labels.index(_shown(v)) for v in values], float)
        self.slice_points.setData(x, np.asarray([v for _, v in points], float))

    def _on_finished(self, sweep) -> None:
        results = sweep.results()
        done = sum(r.state == "complete" for r in results)
        best = ""
        if done:
            trial = sweep.study.best_trial
            best = self.tr("; best: trial {number}, {metric} {value}").format(
                number=trial.number, metric=self.metric_box.currentText(), value=f"{trial.value:.4g}")
        self.status.setText(self.tr("Done: {count} trials, {done} complete, {value} pruned{best}").format(count=len(results), done=done, value=sum(r.state == 'pruned' for r in results), best=best))
        self._idle()

    def _on_failed(self, message: str) -> None:
        self.status.setText(self.tr("The sweep failed: {value}").format(value=message.splitlines()[0]))
        self._idle()

    def _idle(self) -> None:
        self.start_button.setEnabled(True)
        self.stop_button.setEnabled(False)

    def best_project(self) -> dict[str, Any] | None:
        return None if self.sweep is None else self.sweep.best_project()

    def _open_best(self) -> None:
        project = self.best_project()
        if project is not None:
            self.open_project_requested.emit(project)

    def shutdown(self) -> None:
        self.runner.shutdown()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        self.runner.stop()
        super().closeEvent(event)


def _shown(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return value if isinstance(value, str) else json.dumps(value)
