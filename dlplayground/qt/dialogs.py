"""Small dialogs of the main window: the examples gallery, About, and the unsaved-changes prompt."""

from __future__ import annotations

import html
import importlib.metadata
from enum import Enum
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from dlplayground import __version__
from dlplayground.resources import Example, list_examples

PATH_ROLE = Qt.ItemDataRole.UserRole


class UnsavedChoice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_unsaved(parent: QWidget, name: str) -> UnsavedChoice:
    """Ask whether to save changes to ``name`` before they would be lost."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Unsaved changes")
    box.setText(f"Save the changes to “{name}”?")
    box.setInformativeText("Your changes will be lost if you don't save them.")
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                           | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return UnsavedChoice.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return UnsavedChoice.DISCARD
    return UnsavedChoice.CANCEL


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def versions() -> dict[str, str]:
    """Versions of dlplayground and the libraries it is built on (read without importing them)."""
    return {
        "dlplayground": __version__,
        "PyTorch": _version("torch"),
        "Qt": f"{qVersion()} (PySide6 {PySide6.__version__})",
        "ONNX Runtime": _version("onnxruntime"),
        "ONNX": _version("onnx"),
        "pyqtgraph": _version("pyqtgraph"),
    }


def about_text() -> str:
    rows = "".join(f"<tr><td>{html.escape(k)}</td><td>&nbsp;&nbsp;{html.escape(v)}</td></tr>"
                   for k, v in versions().items())
    return (
        f"<h3>dlplayground {html.escape(__version__)}</h3>"
        "<p>A desktop playground for neural networks: build graphs visually, train them live, "
        "compare plain and residual nets, export to ONNX.</p>"
        f"<table>{rows}</table>"
    )


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, "About dlplayground", about_text())


class ExamplesDialog(QDialog):
    """Lists the example projects with their descriptions; the chosen one is :attr:`chosen`."""

    def __init__(self, parent: QWidget | None = None, examples: list[Example] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Examples")
        self.resize(560, 420)
        self.chosen: Path | None = None
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        examples = list_examples() if examples is None else examples
        for example in examples:
            item = QListWidgetItem(f"{example.name}\n{example.description}" if example.description else example.name)
            item.setData(PATH_ROLE, str(example.path))
            item.setToolTip(str(example.path))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        intro = QLabel("Open an example project. It opens as a copy: saving asks where to put it.")
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept_current)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Open).setEnabled(self.list.count() > 0)
        self.list.itemActivated.connect(lambda _item: self._accept_current())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def select(self, path: Path) -> bool:
        """Make the example at ``path`` the current one."""
        for row in range(self.list.count()):
            if Path(self.list.item(row).data(PATH_ROLE)) == Path(path):
                self.list.setCurrentRow(row)
                return True
        return False

    def _accept_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.chosen = Path(item.data(PATH_ROLE))
        self.accept()
