"""The progress dialog of File › Import ONNX…: the model's name, the stage under way, Cancel.

A stage cannot be interrupted halfway (onnxruntime's check of a large model takes a while), so
Cancel asks, says that the import stops after the current stage, and the dialog stays until the
worker has stopped; once the files are being written, Cancel is off (a write is finished, never
left half done). Escape and the title bar's close button count as Cancel.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QVBoxLayout, QWidget

from dlplayground.qt.onnx.import_worker import LIBRARIES, ORDER, WRITING


class ImportProgress(QDialog):
    """Window-modal: the window repaints and its timers run, but its project is not edited while
    the import that will replace it runs.

    Signals:
        cancel_requested(): Cancel, Escape or the close button, while cancelling is possible.
    """

    cancel_requested = Signal()

    def __init__(self, model_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import ONNX model"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(420)
        self._done = False
        self.heading = QLabel(self.tr("Importing {name}").format(name=model_name))
        self.heading.setObjectName("import_heading")
        self.heading.setStyleSheet("font-weight: bold")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.stage_label = QLabel(self.tr("Starting…"))
        self.stage_label.setObjectName("import_stage")
        self.stage_label.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, len(ORDER))
        self.bar.setValue(0)
        # stages, not a percentage: a stage's share of the time depends on the model
        self.bar.setFormat(self.tr("Stage %v of %m"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.clicked.connect(self.request_cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.stage_label)
        layout.addWidget(self.bar)
        layout.addWidget(self.buttons)

    def stage_text(self, stage: str) -> str:
        """What the dialog says while ``stage`` runs."""
        texts = {
            LIBRARIES: self.tr("Loading the ONNX libraries (onnx, onnxruntime)…"),
            "loading": self.tr("Reading the model file…"),
            "preparing": self.tr("Preparing the graph: upgrading its opset, folding constants…"),
            "mapping": self.tr("Mapping the operators onto layers…"),
            "checking": self.tr("Checking the project against onnxruntime…"),
            WRITING: self.tr("Writing the project and its weights…"),
        }
        return texts.get(stage, stage)

    def set_stage(self, stage: str) -> None:
        """``stage`` has started (a name of :data:`ORDER`)."""
        if not self.cancel_button.isEnabled():
            return  # cancelling: keep saying so until the worker stops
        self.stage_label.setText(self.stage_text(stage))
        if stage in ORDER:
            self.bar.setValue(ORDER.index(stage) + 1)
        if stage == WRITING:
            self.cancel_button.setEnabled(False)
            self.cancel_button.setToolTip(self.tr("The files are being written; the import completes"))

    def request_cancel(self) -> None:
        if not self.cancel_button.isEnabled():
            return
        self.cancel_button.setEnabled(False)
        self.stage_label.setText(self.tr("Cancelling: the import stops after the current stage, writing nothing…"))
        self.cancel_requested.emit()

    def refuse_cancel(self) -> None:
        """The worker had already begun writing: say that it completes."""
        self.stage_label.setText(self.stage_text(WRITING))
        self.bar.setValue(len(ORDER))

    def finish(self) -> None:
        """The worker has stopped: close for good."""
        self._done = True
        self.accept()

    # -- closing: only once the worker has stopped ---------------------------------------
    def reject(self) -> None:  # Escape
        if self._done:
            super().reject()
        else:
            self.request_cancel()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._done:
            super().closeEvent(event)
        else:
            event.ignore()
            self.request_cancel()
