"""One colour key for plots that share their colours (a legend outside every plot).

The comparison dialogs draw each variant (or fold) in one colour in several small plots. A
legend inside each plot covers their curves once the dialog is small (980x520) and repeats the
same entries three times; this key says it once, above the plots, and wraps rather than
overlaps when the entries do not fit on one line.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

#: the line sample drawn before each entry (a heavy horizontal bar, in the entry's colour)
SAMPLE = "\u2501\u2501"


class ColourKey(QLabel):
    """``title: ━━ entry  ━━ entry …`` with each sample in its entry's colour; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.entries: list[tuple[str, str]] = []
        self.title = ""
        self.hide()

    def set_entries(self, title: str, entries: list[tuple[str, str]]) -> None:
        """Show ``entries`` as (label, colour name) pairs after ``title``."""
        self.title, self.entries = title, list(entries)
        parts = [f"<span style='color:{colour}'>{SAMPLE}</span>&nbsp;{escape(label)}" for label, colour in entries]
        head = f"<b>{escape(title)}</b>: " if title else ""
        self.setText(head + " &nbsp; ".join(parts))
        self.setVisible(bool(entries))

    def clear_entries(self) -> None:
        self.set_entries("", [])
