"""The layer palette: the catalogue grouped by category, searchable, dragged onto the canvas.

Each entry's tooltip is the catalogue's one-line doc; its icon is the category colour used for
node headers on the canvas. Dragging an entry carries its type name (see :mod:`.mime`);
double-clicking or pressing Enter asks the window to add it in the middle of the view.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dlplayground.layers.catalogue import by_category
from dlplayground.qt.canvas import style
from dlplayground.qt.mime import LAYER_MIME_TYPE, layer_mime
from dlplayground.qt.i18n import translate
from dlplayground.qt.engine_text import shown

TYPE_ROLE = Qt.ItemDataRole.UserRole


def colour_icon(colour: QColor, size: int = 12) -> QIcon:
    """A small rounded square of ``colour`` (the category's colour on the canvas)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(colour.darker(120))
    painter.setBrush(colour)
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pixmap)


class _LayerTree(QTreeWidget):
    """The tree of categories and layer types; dragging an entry carries its type name."""

    def mimeData(self, items: list[QTreeWidgetItem]) -> QMimeData:  # noqa: N802 - Qt override
        for item in items:
            type_name = item.data(0, TYPE_ROLE)
            if type_name:
                return layer_mime(type_name)
        return QMimeData()

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [LAYER_MIME_TYPE]


class PaletteWidget(QWidget):
    """Search box over a tree of the catalogue's layer types.

    Signals:
        layer_activated(type_name): an entry was double-clicked or activated with Enter.
    """

    layer_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search layers…"))
        self.search.setClearButtonEnabled(True)
        self.tree = _LayerTree(self)
        self.tree.setHeaderHidden(True)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setIconSize(QSize(12, 12))
        self.tree.setIndentation(12)
        self.tree.setUniformRowHeights(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        self._populate()
        self.search.textChanged.connect(self.filter)
        self.tree.itemActivated.connect(self._activated)

    def _populate(self) -> None:
        bold = self.tree.font()
        bold.setBold(True)
        for category, specs in by_category().items():
            if not specs:
                continue
            group = QTreeWidgetItem(self.tree, [translate("style", category)])
            group.setFont(0, bold)
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setIcon(0, colour_icon(QColor(style.CATEGORY_COLOURS.get(category, style.UNKNOWN_COLOUR))))
            for spec in specs:
                item = QTreeWidgetItem(group, [spec.type])
                item.setData(0, TYPE_ROLE, spec.type)
                item.setToolTip(0, self.tr("<b>{type}</b><br>{doc}").format(type=spec.type, doc=shown(spec.doc)))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled)
            group.setExpanded(True)

    def filter(self, text: str) -> None:
        """Show only layers whose type name or doc contains ``text`` (case-insensitive)."""
        needle = text.strip().lower()
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            visible = 0
            for child_index in range(group.childCount()):
                child = group.child(child_index)
                matched = not needle or needle in child.text(0).lower() or needle in child.toolTip(0).lower()
                child.setHidden(not matched)
                visible += matched
            group.setHidden(visible == 0)
            group.setExpanded(True)

    def visible_types(self) -> list[str]:
        """The layer types currently shown (after filtering)."""
        found = []
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            if group.isHidden():
                continue
            for child_index in range(group.childCount()):
                child = group.child(child_index)
                if not child.isHidden():
                    found.append(child.data(0, TYPE_ROLE))
        return found

    def item_for(self, type_name: str) -> QTreeWidgetItem | None:
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            for child_index in range(group.childCount()):
                if group.child(child_index).data(0, TYPE_ROLE) == type_name:
                    return group.child(child_index)
        return None

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        type_name = item.data(0, TYPE_ROLE)
        if type_name:
            self.layer_activated.emit(type_name)
