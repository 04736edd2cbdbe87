"""File › Import ONNX…: an ONNX model becomes a project with its weights, opened in the window.

The same pipeline as ``dlplayground import``: the model is mapped onto the catalogue, checked
against onnxruntime, and written as a project plus a ``.safetensors`` beside it (named by
``training.init``); nothing is written when an operator cannot be mapped or the check fails,
and the message lists why. The import runs on a worker thread (``import_worker``) behind a
progress dialog naming the model and the stage (``import_progress``), so the window stays
responsive; Cancel stops it before anything is written. onnx and onnxruntime load on that worker
thread when the first import starts (the dialog names that stage); the GUI thread never imports them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QSettings, QThread, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from dlplayground.qt.onnx import import_worker

if TYPE_CHECKING:
    from dlplayground.qt.main_window import MainWindow
    from dlplayground.qt.onnx.import_progress import ImportProgress

#: window setting: the folder of the last imported model
IMPORT_DIR_KEY = "onnx/import_dir"
SHORTCUT = "Ctrl+Shift+I"


class OnnxImport(QObject):
    """The import action and what it does; kept as ``window.onnx_import``.

    Signals:
        import_finished(bool): an import ended; True when its project was written and opened.

    Attributes:
        action: File › Import ONNX…
        last_error: the message of the last refused import ("" after a success or a cancel), for the tests.
        was_cancelled: whether the last import stopped on Cancel (nothing written).
        progress: the progress dialog while an import runs, else None.
    """

    import_finished = Signal(bool)

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.last_error = ""
        self.was_cancelled = False
        self.progress: ImportProgress | None = None
        self._thread: QThread | None = None
        # the job has no Qt parent (it moves to the thread): this reference keeps it alive
        self._job: import_worker.ImportJob | None = None
        self._model_name = ""
        self._show_errors = True
        self._opened = False
        self._closed = False
        self.action = QAction(self.tr("&Import ONNX…"), window)
        self.action.setShortcut(SHORTCUT)
        tip = self.tr("Open an ONNX model as an editable project: its layers on the canvas, its weights as the "
                      "starting point of training (training.init)")
        self.action.setStatusTip(tip)
        self.action.setToolTip(tip)
        self.action.triggered.connect(self.run_dialog)
        file_menu = window.menu("File")
        entries = file_menu.actions()  # right after Examples: another way to start a project
        examples = entries.index(window.actions["examples"])
        file_menu.insertAction(entries[examples + 1], self.action)
        window.addAction(self.action)
        window.actions["import_onnx"] = self.action
        window.closing.connect(self.shutdown)
        application = QCoreApplication.instance()
        if application is not None:  # a safety net: the window also shuts down on close
            application.aboutToQuit.connect(self.shutdown)

    @property
    def running(self) -> bool:
        """Whether an import is under way (its worker thread has not finished)."""
        return self._thread is not None

    def _settings(self) -> QSettings:
        return self.window.settings

    def run_dialog(self) -> bool:
        """Ask for a model and where to save the project, then start importing it (in the background)."""
        if self.running or not self.window.files.maybe_save():
            return False
        start = str(self._settings().value(IMPORT_DIR_KEY, str(Path.home())))
        model, _ = QFileDialog.getOpenFileName(self.window, self.tr("Import ONNX model"), start,
                                               self.tr("ONNX models (*.onnx);;All files (*)"))
        if not model:
            return False
        model_path = Path(model)
        self._settings().setValue(IMPORT_DIR_KEY, str(model_path.parent))
        proposed = model_path.with_name(model_path.stem + ".dlp.json")
        target, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save the imported project as"), str(proposed),
                                                self.tr("dlplayground projects (*.dlp.json)"))
        if not target:
            return False
        return self.import_file(model_path, Path(target), wait=False)

    def import_file(self, model_path: Path, project_path: Path, show_errors: bool = True, wait: bool = True) -> bool:
        """Import ``model_path`` to ``project_path`` (and its weights beside it) and open it.

        The import runs on a worker thread behind a progress dialog. With ``wait`` this returns
        when it has ended, the window's events going on meanwhile (a local event loop), and says
        whether the project opened; without, it returns at once, True when the import started
        (False while another runs), and :attr:`import_finished` tells the outcome.

        A refused model leaves its reason in :attr:`last_error` (and a message box unless
        ``show_errors`` is False); nothing is written then, nor after a Cancel.
        """
        from dlplayground.commands.import_onnx import weights_name
        from dlplayground.qt.onnx.import_progress import ImportProgress

        if self.running or self._closed:
            return False
        model_path, project_path = Path(model_path), Path(project_path)
        if not project_path.name.endswith(".json"):
            project_path = project_path.with_name(project_path.name + ".dlp.json")
        self.last_error, self.was_cancelled, self._opened = "", False, False
        self._model_name, self._show_errors = model_path.name, show_errors
        job = import_worker.ImportJob(model_path, project_path, weights_name(project_path))
        progress = ImportProgress(model_path.name, self.window)
        job.progressed.connect(progress.set_stage)
        job.succeeded.connect(self._on_succeeded)
        job.failed.connect(self._on_failed)
        job.cancelled.connect(self._on_cancelled)
        progress.cancel_requested.connect(self.cancel)
        self._job, self.progress = job, progress
        self.window.show_message(self.tr("Importing {name}…").format(name=model_path.name), 0)
        progress.show()
        self._thread = import_worker.start(job, self, self._on_thread_finished)
        if not wait:
            return True
        loop = QEventLoop()
        self.import_finished.connect(loop.quit)
        if self.running:
            loop.exec()
        self.import_finished.disconnect(loop.quit)
        return self._opened

    def cancel(self) -> None:
        """Stop the running import before its next stage; nothing is written (unless writing has begun,
        which then completes)."""
        if self._job is not None and not self._job.cancel() and self.progress is not None:
            self.progress.refuse_cancel()

    def shutdown(self) -> None:
        """The window is closing: cancel a running import and wait for its thread to end.

        Its current stage cannot be interrupted, so this waits for that stage (and, when writing
        had begun, for the write to complete); then nothing more is opened or shown.
        """
        self._closed = True
        if self._thread is None:
            return
        if self._job is not None:
            self._job.cancel()
        if self.progress is not None:
            self.progress.hide()
        self._thread.wait()
        self._on_thread_finished()  # its queued notice would come after the window has gone

    # -- the worker's notices (on the GUI thread) ------------------------------------------
    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.finish()
            self.progress.deleteLater()
            self.progress = None

    def _on_succeeded(self, done: import_worker.ImportDone) -> None:
        if self._closed:
            return
        self._close_progress()
        if not self.window.files.open_path(done.project_path, ask=False):
            return
        self._opened = True
        self.window.show_message(
            self.tr("Imported {count} layers from {model}; weights in {weights} (training starts from them). "
                    "Uncheck 'trainable' in the Inspector to freeze a layer.").format(
                count=done.layer_count, model=self._model_name, weights=done.weights_path.name))

    def _on_failed(self, message: str) -> None:
        self.last_error = f"{self._model_name}: {message}"
        if self._closed:
            return
        self._close_progress()
        self.window.show_message(self.tr("Import failed"))
        if self._show_errors:
            QMessageBox.warning(self.window, self.tr("Cannot import the model"), self.last_error)

    def _on_cancelled(self) -> None:
        self.was_cancelled = True
        if self._closed:
            return
        self._close_progress()
        self.window.show_message(self.tr("Import of {name} cancelled; nothing was written").format(
            name=self._model_name))

    def _on_thread_finished(self) -> None:
        if self._thread is None:
            return  # shutdown() has already run this
        self._thread = None
        self._job = None
        self._close_progress()
        self.import_finished.emit(self._opened)


def install_import(window: "MainWindow") -> OnnxImport:
    """Add File › Import ONNX… to ``window`` (kept as ``window.onnx_import``)."""
    ui = OnnxImport(window)
    window.onnx_import = ui  # type: ignore[attr-defined]
    return ui
