"""Small dialogs of the main window: the examples gallery, About, and the unsaved-changes prompt."""

from __future__ import annotations

import html
from enum import Enum
from pathlib import Path

import PySide6
from PySide6.QtCore import QSize, Qt, qVersion
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
from dlplayground.qt.screen_fit import fit_to_screen
from dlplayground.resources import Example, list_examples
from dlplayground.qt.i18n import translate

PATH_ROLE = Qt.ItemDataRole.UserRole


class UnsavedChoice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_unsaved(parent: QWidget, name: str) -> UnsavedChoice:
    """Ask whether to save changes to ``name`` before they would be lost."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("dialogs", "Unsaved changes"))
    box.setText(translate("dialogs", "Save the changes to “{name}”?").format(name=name))
    box.setInformativeText(translate("dialogs", "Your changes will be lost if you don't save them."))
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                           | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return UnsavedChoice.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return UnsavedChoice.DISCARD
    return UnsavedChoice.CANCEL


#: example files whose names start so are the plain-vs-residual presets, listed after the others
_PRESET_PREFIX = "deep_"


def _entry_html(example: Example, selected: bool) -> str:
    colour = "#ffffff" if selected else "#57606a"
    name = f"<b style='color:#ffffff'>{html.escape(example.name)}</b>" if selected else f"<b>{html.escape(example.name)}</b>"
    if not example.description:
        return name
    return translate("dialogs", "{name}<br><span style='color:{colour}'>{value}</span>").format(name=name, colour=colour, value=html.escape(example.description))


def _grouped(examples: list[Example]) -> list[tuple[str, list[Example]]]:
    """The gallery's sections: first steps first, then the plain-vs-residual presets."""
    presets = [e for e in examples if e.path.name.startswith(_PRESET_PREFIX)]
    first = [e for e in examples if not e.path.name.startswith(_PRESET_PREFIX)]
    return [(title, group) for title, group in (("Getting started", first), ("Plain vs residual", presets)) if group]


def _version(distribution: str) -> str:
    # imported for the About box only: importlib.metadata (and the email package it reads
    # metadata with) would add 20 ms to every start
    import importlib.metadata

    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return translate("dialogs", "not installed")


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
        translate("dialogs", "<h3>dlplayground {value}</h3><p>A desktop playground for neural networks: build graphs visually, train them live, compare plain and residual nets, export to ONNX.</p><table>{rows}</table>").format(value=html.escape(__version__), rows=rows)
    )


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, translate("dialogs", "About dlplayground"), about_text())


class ExamplesDialog(QDialog):
    """Lists the example projects with their descriptions; the chosen one is :attr:`chosen`."""

    def __init__(self, parent: QWidget | None = None, examples: list[Example] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Examples"))
        fit_to_screen(self, QSize(560, 420))
        self.chosen: Path | None = None
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self._entries: dict[int, tuple[Example, QLabel]] = {}
        self.list.currentItemChanged.connect(self._restyle)
        examples = list_examples() if examples is None else examples
        for title, group in _grouped(examples):
            header = QListWidgetItem(title)
            header.setFlags(Qt.ItemFlag.NoItemFlags)  # a heading: not selectable
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            self.list.addItem(header)
            for example in group:
                self._add(example)
        first = next((row for row in range(self.list.count()) if self.list.item(row).data(PATH_ROLE)), None)
        if first is not None:
            self.list.setCurrentRow(first)
        intro = QLabel(self.tr("Open an example project. It opens as a copy: saving asks where to put it."))
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

    def _add(self, example: Example) -> None:
        """One example: its name in bold over its description."""
        item = QListWidgetItem()
        item.setData(PATH_ROLE, str(example.path))
        item.setToolTip(str(example.path))
        label = QLabel(_entry_html(example, selected=False))
        label.setWordWrap(True)
        label.setContentsMargins(12, 3, 6, 3)
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # clicks select the item
        width = 500
        label.setFixedWidth(width)
        item.setSizeHint(QSize(width, label.heightForWidth(width) + 2))
        self.list.addItem(item)
        self.list.setItemWidget(item, label)
        self._entries[id(item)] = (example, label)

    def _restyle(self, current: QListWidgetItem | None, previous: QListWidgetItem | None) -> None:
        """Light text on the selection's highlight, muted descriptions elsewhere."""
        for item, selected in ((previous, False), (current, True)):
            entry = self._entries.get(id(item)) if item is not None else None
            if entry is not None:
                entry[1].setText(_entry_html(entry[0], selected))

    def select(self, path: Path) -> bool:
        """Make the example at ``path`` the current one."""
        for row in range(self.list.count()):
            stored = self.list.item(row).data(PATH_ROLE)
            if stored and Path(stored) == Path(path):
                self.list.setCurrentRow(row)
                return True
        return False

    def _accept_current(self) -> None:
        item = self.list.currentItem()
        if item is None or not item.data(PATH_ROLE):
            return
        self.chosen = Path(item.data(PATH_ROLE))
        self.accept()
