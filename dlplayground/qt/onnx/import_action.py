"""File › Import ONNX…: an ONNX model becomes a project with its weights, opened in the window.

The same pipeline as ``dlplayground import``: the model is mapped onto the catalogue, checked
against onnxruntime, and written as a project plus a ``.safetensors`` beside it (named by
``training.init``); nothing is written when an operator cannot be mapped or the check fails,
and the message lists why. onnx and onnxruntime load when the first import starts.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

if TYPE_CHECKING:
    from dlplayground.qt.main_window import MainWindow

#: window setting: the folder of the last imported model
IMPORT_DIR_KEY = "onnx/import_dir"
SHORTCUT = "Ctrl+Shift+I"
TIP = ("Open an ONNX model as an editable project: its layers on the canvas, its weights as the "
       "starting point of training (training.init)")


class OnnxImport(QObject):
    """The import action and what it does; kept as ``window.onnx_import``.

    Attributes:
        action: File › Import ONNX…
        last_error: the message of the last refused import ("" after a success), for the tests.
    """

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.window = window
        self.last_error = ""
        self.action = QAction("&Import ONNX…", window)
        self.action.setShortcut(SHORTCUT)
        self.action.setStatusTip(TIP)
        self.action.setToolTip(TIP)
        self.action.triggered.connect(self.run_dialog)
        file_menu = window.menu("File")
        entries = file_menu.actions()  # right after Examples: another way to start a project
        examples = entries.index(window.actions["examples"])
        file_menu.insertAction(entries[examples + 1], self.action)
        window.addAction(self.action)
        window.actions["import_onnx"] = self.action

    def _settings(self) -> QSettings:
        return self.window.settings

    def run_dialog(self) -> bool:
        """Ask for a model and where to save the project, then import it."""
        if not self.window.files.maybe_save():
            return False
        start = str(self._settings().value(IMPORT_DIR_KEY, str(Path.home())))
        model, _ = QFileDialog.getOpenFileName(self.window, "Import ONNX model", start,
                                               "ONNX models (*.onnx);;All files (*)")
        if not model:
            return False
        model_path = Path(model)
        self._settings().setValue(IMPORT_DIR_KEY, str(model_path.parent))
        proposed = model_path.with_name(model_path.stem + ".dlp.json")
        target, _ = QFileDialog.getSaveFileName(self.window, "Save the imported project as", str(proposed),
                                                "dlplayground projects (*.dlp.json)")
        if not target:
            return False
        return self.import_file(model_path, Path(target))

    def import_file(self, model_path: Path, project_path: Path, show_errors: bool = True) -> bool:
        """Import ``model_path`` to ``project_path`` (and its weights beside it) and open it.

        Returns False, with the reason in :attr:`last_error` (and a message box unless
        ``show_errors`` is False), when the model cannot be imported; nothing is written then.
        """
        from dlplayground.commands.import_onnx import weights_name
        from dlplayground.onnx_import import OnnxImportError, UnmappedOperators, import_model, write_import

        project_path = Path(project_path)
        if not project_path.name.endswith(".json"):
            project_path = project_path.with_name(project_path.name + ".dlp.json")
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.window.show_message(self.tr("Importing {name}…").format(name=model_path.name), 0)
        try:
            result = import_model(model_path, name=model_path.stem, weights_file=weights_name(project_path))
            if not result.comparison.ok:
                raise OnnxImportError(
                    f"the imported project does not reproduce the model under onnxruntime (relative "
                    f"difference {result.comparison.relative:.3g}); nothing was written")
            weights_path = write_import(result, project_path)
        except (UnmappedOperators, OnnxImportError, OSError) as exc:
            self.last_error = f"{model_path.name}: {exc}"
        else:
            self.last_error = ""
        finally:
            QGuiApplication.restoreOverrideCursor()
        if self.last_error:
            self.window.show_message(self.tr("Import failed"))
            if show_errors:
                QMessageBox.warning(self.window, "Cannot import the model", self.last_error)
            return False
        if not self.window.files.open_path(project_path, ask=False):
            return False
        self.window.show_message(
            f"Imported {result.imported.layer_count} layers from {model_path.name}; weights in {weights_path.name} "
            f"(training starts from them). Uncheck 'trainable' in the Inspector to freeze a layer.")
        return True


def install_import(window: "MainWindow") -> OnnxImport:
    """Add File › Import ONNX… to ``window`` (kept as ``window.onnx_import``)."""
    ui = OnnxImport(window)
    window.onnx_import = ui  # type: ignore[attr-defined]
    return ui
