"""A small type-to-filter popup over the canvas: quick add (a layer type placed at the pointer,
as Blender's and Unreal's node editors do) and find (a node by id).

Typing filters the list (case-insensitive; entries that start with the text first); Up/Down
choose, Enter or a click takes the choice, Escape closes. Only the first
:data:`MAX_SHOWN` matches are listed, so a graph of thousands of nodes filters as fast as a
small one.
"""

from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

MAX_SHOWN = 200


class FilterPopup(QFrame):
    """A line edit over a filtered list of ``(key, text)`` entries.

    Signals:
        chosen(key): an entry was taken (Enter, or a click).
    """

    chosen = Signal(str)

    def __init__(self, title: str, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("filter_popup")
        self.title = QLabel(f"<b>{title}</b>")
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)
        self.edit.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setUniformItemSizes(True)
        self.list.setMinimumSize(260, 220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.edit)
        layout.addWidget(self.list)
        self._entries: list[tuple[str, str, str]] = []  # key, text, lower-case text
        self.edit.textChanged.connect(self.apply_filter)
        self.edit.installEventFilter(self)
        self.list.itemActivated.connect(self._take)
        self.list.itemClicked.connect(self._take)

    def open_at(self, entries: Sequence[tuple[str, str]], global_pos: QPoint) -> None:
        """Show the popup at ``global_pos`` listing ``entries`` (key, text), with an empty filter."""
        self._entries = [(key, text, text.lower()) for key, text in entries]
        self.edit.blockSignals(True)
        self.edit.clear()
        self.edit.blockSignals(False)
        self.apply_filter("")
        self.adjustSize()
        self.move(global_pos)
        self.show()
        self.raise_()
        self.activateWindow()
        self.edit.setFocus()

    def apply_filter(self, text: str) -> None:
        """List the entries containing ``text``; those starting with it first."""
        needle = text.strip().lower()
        starts = [e for e in self._entries if e[2].startswith(needle)]
        contains = [e for e in self._entries if needle and needle in e[2] and not e[2].startswith(needle)]
        matches = (starts + contains)[:MAX_SHOWN]
        self.list.clear()
        for key, shown, _ in matches:
            item = QListWidgetItem(shown)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.list.addItem(item)
        if matches:
            self.list.setCurrentRow(0)

    def current_key(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.edit and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if key == Qt.Key.Key_Down else -1
                row = min(max(self.list.currentRow() + step, 0), self.list.count() - 1)
                self.list.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._take(self.list.currentItem())
                return True
            if key == Qt.Key.Key_Escape:
                self.hide()
                return True
        return super().eventFilter(watched, event)

    def _take(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        key = item.data(Qt.ItemDataRole.UserRole)
        self.hide()
        self.chosen.emit(key)
