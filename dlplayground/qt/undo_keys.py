"""Ctrl+Z and Ctrl+Shift+Z reach the project's undo stack while a form field has focus.

A focused line edit or spin box claims the undo keys for its own text (Qt's ShortcutOverride),
so with a field of the Inspector focused Ctrl+Z did nothing. :func:`let_window_undo` lets the
window's Undo/Redo actions have the keys unless the user is in the middle of typing in the
field (then the field undoes its own typing first, as everywhere else).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QWidget

_UNDO_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


def mid_edit(widget: QWidget) -> bool:
    """Whether ``widget`` holds typing not yet committed (what its own undo would take back)."""
    spin = widget if isinstance(widget, QAbstractSpinBox) else widget.parentWidget()
    if isinstance(spin, QAbstractSpinBox):
        line = spin.lineEdit()
        if line is None:
            return False
        shown = spin.specialValueText() if (spin.specialValueText() and line.text() == spin.specialValueText()) else None
        if shown is not None:
            return False
        committed = spin.textFromValue(spin.value()) if hasattr(spin, "value") else line.text()  # type: ignore[attr-defined]
        return line.text().strip() != committed.strip()
    return isinstance(widget, QLineEdit) and widget.isModified()


class _UndoKeys(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
                and isinstance(watched, QWidget) and any(event.matches(k) for k in _UNDO_KEYS)
                and not mid_edit(watched)):
            event.ignore()  # not claimed by the field: the window's shortcut fires
            return True
        return False


_FILTER: _UndoKeys | None = None


def let_window_undo(root: QWidget) -> None:
    """Install the undo-key rule on every line edit and spin box under ``root``."""
    global _FILTER
    if _FILTER is None:
        _FILTER = _UndoKeys()
    for widget in root.findChildren(QLineEdit) + root.findChildren(QAbstractSpinBox):
        widget.installEventFilter(_FILTER)
