"""The window's style: Fusion, with tab labels that keep their accents.

Fusion lays the label of an unselected tab into a rectangle two pixels shorter than the font's
line (the unselected tab sits lower than the selected one, and its label box is cut by that
shift). QPainter clips text that does not fit its rectangle, so the top of a tall letter is cut:
the dots of the Turkish "Ü" (in "Üretici", "Görünüm") vanish and the tab reads "Uretici".
:class:`PlaygroundStyle` grows the label box of every tab to at least the height of the font's
line around the same centre, so the label is drawn where Fusion puts it, uncut.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QStyleOptionTab, QTabBar, QWidget

#: the tab shapes whose label runs across the tab (West/East tabs turn the box on its side)
_VERTICAL = {QTabBar.Shape.RoundedWest, QTabBar.Shape.RoundedEast, QTabBar.Shape.TriangularWest,
             QTabBar.Shape.TriangularEast}


class PlaygroundStyle(QProxyStyle):
    """Fusion whose tab labels are never shorter than a line of their font."""

    def __init__(self) -> None:
        super().__init__("Fusion")

    def subElementRect(self, element: QStyle.SubElement, option: QStyleOption,  # noqa: N802 - Qt override
                       widget: QWidget | None = None) -> QRect:
        # Qt takes a null widget here; PySide's stubs do not say so
        rect = super().subElementRect(element, option, widget)  # type: ignore[arg-type]
        if element != QStyle.SubElement.SE_TabBarTabText or not isinstance(option, QStyleOptionTab):
            return rect
        return label_box(rect, option.fontMetrics.height(), option.shape in _VERTICAL)


def label_box(rect: QRect, line_height: int, vertical: bool = False) -> QRect:
    """``rect`` grown across the text to ``line_height`` around its centre (unchanged if taller)."""
    if vertical:
        short = line_height - rect.width()
        return rect.adjusted(-(short // 2), 0, short - short // 2, 0) if short > 0 else rect
    short = line_height - rect.height()
    return rect.adjusted(0, -(short // 2), 0, short - short // 2) if short > 0 else rect
