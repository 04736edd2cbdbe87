"""File > Export ONNX: choose a file and an opset, export on a worker thread, show the verdict.

The dialog shows the ONNX checker's result and, for batch 1 and the larger batch, the largest
absolute and relative difference between onnxruntime and PyTorch, with a clear pass/fail.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any, Mapping

import torch
from PySide6.QtCore import QThread, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QProgressBar, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget,
)

from dlplayground.compile.module import GraphModule
from dlplayground.data import Dataset
from dlplayground.export.exporter import DEFAULT_OPSET, MAX_OPSET, MIN_OPSET
from dlplayground.export.pipeline import ExportReport, WeightsSource
from dlplayground.export.verify import ATOL, RTOL
from dlplayground.graph.folders import file_stem
from dlplayground.qt.onnx import export_worker
from dlplayground.qt.canvas import style

PASS_COLOUR = "#15803d"
FAIL_COLOUR = style.PROBLEM.name()
WARN_COLOUR = "#b45309"


class ExportDialog(QDialog):
    """Export a project to ONNX and verify it against PyTorch.

    Args:
        project: the project as its JSON dict (``Project.to_dict()``: a snapshot).
        weights: trained weights (a ``GraphModule``, tensors keyed ``<node id>.<name>``, or a
            ``.safetensors`` path); ``None`` exports fresh weights, which the dialog says.
        dataset: the project's dataset when already loaded (else loaded on the worker thread).
        parent: the parent window.
        base_dir: the project's folder, for data files given by relative path.
        default_path: the file proposed.
        weights_note: where the weights come from (a run), or why fresh ones are used; shown
            with the weights.
        weights_warning: a caution shown below them (a run still training whose weights these
            are not), or "".

    Signals:
        exported(object): an :class:`ExportReport` (verification passed or not).
        export_failed(str): the export could not be done.
    """

    exported = Signal(object)
    export_failed = Signal(str)

    def __init__(self, project: Mapping[str, Any], weights: WeightsSource, dataset: Dataset | None = None,
                 parent: QWidget | None = None, *, base_dir: str | Path | None = None,
                 default_path: str | Path | None = None, weights_note: str = "",
                 weights_warning: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export ONNX"))
        self.setMinimumWidth(560)
        self._project = dict(project)
        self._weights = weights
        self._weights_note = weights_note
        self._dataset = dataset
        self._base_dir = Path(base_dir) if base_dir is not None else None
        self._thread: QThread | None = None
        # the job has no Qt parent (it moves to the thread): this reference keeps it alive
        self._job: export_worker.ExportJob | None = None
        self.report: ExportReport | None = None
        name = str(self._project.get("name") or "model")

        self.path_edit = QLineEdit(str(default_path or Path.cwd() / f"{file_stem(name)}.onnx"))
        self.path_edit.setObjectName("onnx_path")
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        self.opset_box = QSpinBox()
        self.opset_box.setRange(MIN_OPSET, MAX_OPSET)
        self.opset_box.setValue(DEFAULT_OPSET)
        self.opset_box.setToolTip(self.tr("ONNX operator set. {DEFAULT_OPSET} is what the exporter writes natively; lower ones are converted and may fail, higher ones need a newer runtime.").format(DEFAULT_OPSET=DEFAULT_OPSET))
        self.weights_label = QLabel()
        self.weights_label.setWordWrap(True)
        self.weights_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.weights_warning = QLabel()
        self.weights_warning.setObjectName("weights_warning")
        self.weights_warning.setWordWrap(True)
        self.weights_warning.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        weights_box = QVBoxLayout()
        weights_box.setContentsMargins(0, 0, 0, 0)
        weights_box.addWidget(self.weights_label)
        weights_box.addWidget(self.weights_warning)
        self._show_weights(weights_warning)
        form = QFormLayout()
        form.addRow(self.tr("Project:"), QLabel(self.tr("<b>{value}</b>").format(value=html.escape(name))))
        form.addRow(self.tr("Weights:"), weights_box)
        form.addRow(self.tr("File:"), path_row)
        form.addRow(self.tr("Opset:"), self.opset_box)

        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.stage_label = QLabel(self.tr("The model takes raw inputs: the dataset's standardisation is built in."))
        self.stage_label.setWordWrap(True)

        self.checker_label = QLabel(self.tr("ONNX checker: not run yet"))
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["batch", self.tr("max abs error"), self.tr("max rel error"), "result"])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setMaximumHeight(96)
        self.verdict_label = QLabel("")
        self.verdict_label.setObjectName("verdict")
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_label = QLabel("")
        self.details_label.setObjectName("details")
        self.details_label.setWordWrap(True)
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_label.setVisible(False)
        results = QGroupBox(self.tr("Verification: onnxruntime vs PyTorch (rtol {RTOL:g}, atol {ATOL:g})").format(RTOL=RTOL, ATOL=ATOL))
        box = QVBoxLayout(results)
        box.addWidget(self.checker_label)
        box.addWidget(self.table)
        box.addWidget(self.verdict_label)
        box.addWidget(self.details_label)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.stage_label)
        layout.addWidget(results)
        layout.addWidget(self.buttons)

    # -- state ---------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._thread is not None

    @property
    def project(self) -> dict[str, Any]:
        """The project snapshot this dialog exports (a copy)."""
        return dict(self._project)

    @property
    def weights(self) -> WeightsSource:
        """The weights the next export uses (None: fresh ones)."""
        return self._weights

    def set_weights(self, weights: WeightsSource, note: str = "", warning: str = "") -> None:
        """Export other weights from now on (a run finished while the dialog was open).

        An export already running keeps the weights it started with.
        """
        self._weights, self._weights_note = weights, note
        self._show_weights(warning)

    def _show_weights(self, warning: str) -> None:
        self.weights_label.setText(self._weights_text())
        self.weights_label.setStyleSheet(f"color: {WARN_COLOUR}" if self._weights is None else "")
        self.weights_warning.setText(f"⚠ {warning}" if warning else "")
        self.weights_warning.setStyleSheet(f"color: {WARN_COLOUR}; font-weight: bold")
        self.weights_warning.setVisible(bool(warning))

    def start_export(self) -> None:
        """Export to the chosen file on a worker thread (does nothing while one runs)."""
        if self.running:
            return
        text = self.path_edit.text().strip()
        if not text:
            self._show_failure(self.tr("choose a file to write"))
            return
        path = Path(text).expanduser()
        if path.suffix.lower() != ".onnx":
            path = path.with_name(path.name + ".onnx")
            self.path_edit.setText(str(path))
        self.report = None
        self._clear_results()
        self._set_running(True)
        job = export_worker.ExportJob(self._project, path, self._snapshot_weights(), self._dataset,
                                      self.opset_box.value(), self._base_dir)
        job.progressed.connect(self._on_progress)
        job.succeeded.connect(self._on_succeeded)
        job.failed.connect(self._on_failed)
        self._job = job
        self._thread = export_worker.start(job, self, self._on_thread_finished)

    def wait_until_idle(self, milliseconds: int = 60_000) -> bool:
        """Block until a running export ends (window shutdown); True when none is left running."""
        return self._thread is None or self._thread.wait(milliseconds)

    def shutdown(self) -> None:
        """Let a running export finish, then close (the window is closing).

        An export cannot be interrupted halfway, and its thread must not be destroyed while it
        runs: this waits for it however long it takes (seconds for the playground's models).
        """
        if self._thread is not None:
            self.hide()  # nothing left to do in it: do not show a frozen dialog meanwhile
            self._thread.wait()
            self._on_thread_finished()  # its queued notice would come too late for close()
        self.close()

    def _snapshot_weights(self) -> WeightsSource:
        # a live model may be training on another thread: copy its tensors now
        if isinstance(self._weights, GraphModule):
            return {k: v.detach().clone() for k, v in self._weights.state_dict_by_node().items()}
        if isinstance(self._weights, Mapping):
            return {k: torch.as_tensor(v).detach().clone() for k, v in self._weights.items()}
        return self._weights

    def _weights_text(self) -> str:
        note = self._weights_note
        if self._weights is None:
            return self.tr("fresh, untrained weights: {value}").format(value=note or 'train the model first for useful predictions')
        lead = note[:1].upper() + note[1:]
        if isinstance(self._weights, (str, Path)):
            return f"{lead}, from {self._weights}" if note else f"from {self._weights}"
        return lead or self.tr("the current model's trained weights")

    # -- slots ---------------------------------------------------------------------------
    def _on_progress(self, stage: str, fraction: float) -> None:
        self.progress.setValue(int(round(fraction * 100)))
        self.stage_label.setText(stage[:1].upper() + stage[1:] + "…" if fraction < 1 else "Done.")

    def _on_succeeded(self, report: ExportReport) -> None:
        self.report = report
        self.stage_label.setText(self.tr("Exported and verified in {seconds:.1f} s.").format(seconds=report.seconds))
        verification = report.verification
        self.checker_label.setText(self.tr("ONNX checker (full check): {checker_message}").format(checker_message=verification.checker_message))
        self.table.setRowCount(len(verification.comparisons))
        for row, comparison in enumerate(verification.comparisons):
            cells = [str(comparison.batch), f"{comparison.max_abs:.3g}", f"{comparison.max_rel:.3g}",
                     "pass" if comparison.ok else f"FAIL ({comparison.mismatched} of {comparison.total})"]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if column == 3:
                    item.setForeground(Qt.GlobalColor.darkGreen if comparison.ok else Qt.GlobalColor.red)
                self.table.setItem(row, column, item)
        self._fit_table()
        size = f"{report.size_bytes / 1024:.1f} KiB"
        if report.ok:
            self._set_verdict(self.tr("✔ Verified: onnxruntime matches PyTorch. Wrote {name} ({size}, opset {opset}).").format(name=report.path.name, size=size, opset=report.opset), PASS_COLOUR)
        else:
            self._set_verdict(self.tr("✘ Verification failed: the ONNX model written to {name} does not compute what PyTorch computes.").format(name=report.path.name), FAIL_COLOUR)
        self.exported.emit(report)

    def _on_failed(self, message: str) -> None:
        self.progress.setValue(0)
        self.stage_label.setText(self.tr("Export failed."))
        self.checker_label.setText(self.tr("ONNX checker: not run (nothing was exported)"))
        self._show_failure(message)
        self.export_failed.emit(message)

    def _on_thread_finished(self) -> None:
        self._thread = None
        self._job = None
        self._set_running(False)

    # -- helpers -------------------------------------------------------------------------
    def _show_failure(self, message: str) -> None:
        self._set_verdict(self.tr("✘ Export failed"), FAIL_COLOUR, message)

    def _set_verdict(self, text: str, colour: str, details: str = "") -> None:
        self.verdict_label.setText(text)
        self.verdict_label.setStyleSheet(f"color: {colour}; font-weight: bold; font-size: 11pt")
        self.details_label.setText(details)
        self.details_label.setStyleSheet(f"color: {colour}")
        self.details_label.setVisible(bool(details))
        self.adjustSize()  # a long message (several nodes) must not be cut off

    def _fit_table(self) -> None:
        """As tall as its rows: no empty strip below them, no scroll bar."""
        rows = sum(self.table.rowHeight(row) for row in range(self.table.rowCount()))
        self.table.setFixedHeight(self.table.horizontalHeader().height() + rows + 2 * self.table.frameWidth())

    def _clear_results(self) -> None:
        self.checker_label.setText(self.tr("ONNX checker: running…"))
        self.table.setRowCount(0)
        self._set_verdict("", PASS_COLOUR)
        self.progress.setValue(0)

    def _set_running(self, running: bool) -> None:
        self.export_button.setEnabled(not running)
        self.close_button.setEnabled(not running)
        self.path_edit.setEnabled(not running)
        self.browse_button.setEnabled(not running)
        self.opset_box.setEnabled(not running)

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export ONNX model"), self.path_edit.text(),
                                              self.tr("ONNX models (*.onnx);;All files (*)"))
        if name:
            self.path_edit.setText(name)

    # -- closing: never while the worker runs --------------------------------------------
    def reject(self) -> None:
        if not self.running:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.running:
            event.ignore()
        else:
            super().closeEvent(event)

