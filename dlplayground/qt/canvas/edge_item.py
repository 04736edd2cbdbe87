"""Edges on the canvas: a curve from an output port to an input port, labelled with the
tensor shape it carries.

Short edges are S-curves. An edge that spans several columns (a skip connection) bends to its
target's row right after leaving its source and runs straight from there, so it passes beside
the layers it skips rather than through them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QStyleOptionGraphicsItem, QWidget

from dlplayground.graph.document import Edge
from dlplayground.qt.canvas import style

if TYPE_CHECKING:
    from dlplayground.qt.canvas.node_item import NodeItem

_LONG_EDGE = style.NODE_WIDTH * 2.4  # longer than this (horizontally) and it is routed
_BEND = 90.0
_ARROW = 7.0


def edge_path(start: QPointF, end: QPointF) -> QPainterPath:
    """The curve from an output anchor ``start`` to an input anchor ``end``."""
    path = QPainterPath(start)
    dx, dy = end.x() - start.x(), end.y() - start.y()
    if dx < 0:  # a backwards edge loops out of the source and into the target
        reach = max(80.0, abs(dy) / 2)
        path.cubicTo(start + QPointF(reach, 0), end - QPointF(reach, 0), end)
        return path
    if dx <= _LONG_EDGE:
        c = max(dx / 2.0, 30.0)
        path.cubicTo(start + QPointF(c, 0), end - QPointF(c, 0), end)
        return path
    # a long edge: leave on a row of its own (the target's, or one just below the source's)
    row = end.y() if abs(dy) > style.NODE_HEIGHT * 0.6 else start.y() + style.NODE_HEIGHT * 0.5 + 24
    bend_end = QPointF(start.x() + _BEND, row)
    path.cubicTo(start + QPointF(_BEND / 2, 0), QPointF(bend_end.x() - _BEND / 2, row), bend_end)
    if row == end.y():
        path.lineTo(end)
    else:
        approach = QPointF(end.x() - _BEND, row)
        path.lineTo(approach)
        path.cubicTo(approach + QPointF(_BEND / 2, 0), end - QPointF(_BEND / 2, 0), end)
    return path


# pens and brushes made once (normal, hovered, selected): thousands of edges paint per frame
_LOOKS = [(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap), QBrush(colour))
          for colour, width in ((style.EDGE, 1.6), (style.EDGE.darker(140), 2.2), (style.SELECTION, 2.6))]
_ANTIALIASING = QPainter.RenderHint.Antialiasing
_NO_BRUSH, _NO_PEN = Qt.BrushStyle.NoBrush, Qt.PenStyle.NoPen

#: room kept free around a port (its circle) when a label sits on the line
_PORT_CLEARANCE = 12.0
#: how far a label that does not fit between the ports rises above its edge
_LABEL_LIFT = 15.0


class EdgeLabel(QGraphicsItem):
    """The shape an edge carries, on a small white pill at the edge's middle."""

    def __init__(self, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self._text = ""
        self._font = style.font(7.5)
        self._rect = QRectF()
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def set_text(self, text: str) -> None:
        self.prepareGeometryChange()
        self._text = text
        width = QFontMetricsF(self._font).horizontalAdvance(text) + 10 if text else 0.0
        self._rect = QRectF(-width / 2, -8, width, 16) if text else QRectF()
        self.update()

    @property
    def text(self) -> str:
        return self._text

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if not self._text or QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform()) < style.LOD_TEXT:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#cfd6df"), 0.8))
        painter.setBrush(QColor(255, 255, 255, 235))
        painter.drawRoundedRect(self._rect, 8, 8)
        painter.setFont(self._font)
        painter.setPen(style.TEXT_MUTED)
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self._text)


class EdgeItem(QGraphicsPathItem):
    """One document edge between two node items."""

    def __init__(self, edge: Edge, src: "NodeItem", dst: "NodeItem") -> None:
        super().__init__()
        self.edge, self.src_item, self.dst_item = edge, src, dst
        self.port_index, self.port_count = 0, 1
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setZValue(0)
        self._hover = False
        self._shape: QPainterPath | None = None  # the hit area, stroked when first asked for
        self._bounds = QRectF()
        self.label = EdgeLabel(self)
        self._tooltip_stale = True  # built on the first hover: thousands of edges are made at once
        self.update_path()

    def set_shape_text(self, text: str) -> None:
        if text == self.label.text:
            return
        self.label.set_text(text)
        self._place_label()
        self._tooltip_stale = True

    def set_port(self, index: int, count: int) -> None:
        """Which of the target's inputs this edge is (merges spread their inputs)."""
        if (index, count) != (self.port_index, self.port_count):
            self.port_index, self.port_count = index, count
            self.update_path()

    def update_path(self) -> None:
        start = self.src_item.output_anchor()
        end = self.dst_item.input_anchor(self.port_index, self.port_count)
        path = edge_path(start, end)
        self._shape = None
        self.prepareGeometryChange()
        self._bounds = path.controlPointRect().adjusted(-_ARROW - 2, -_ARROW - 2, _ARROW + 2, _ARROW + 2)
        self.setPath(path)
        self._place_label()

    def _place_label(self) -> None:
        """On the edge's middle; lifted above the line when the gap between the ports is too
        short for the label to sit between them without covering a port."""
        path = self.path()
        middle = path.pointAtPercent(0.5)
        gap = abs(path.currentPosition().x() - path.elementAt(0).x)
        if self.label.boundingRect().width() + 2 * _PORT_CLEARANCE > gap:
            middle += QPointF(0.0, -_LABEL_LIFT)
        self.label.setPos(middle)

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(10.0)
            self._shape = stroker.createStroke(self.path())
        return self._shape

    def boundingRect(self) -> QRectF:  # noqa: N802 - kept from the last path: Qt asks often
        return self._bounds

    def refresh_tooltip(self) -> None:
        """``src → dst`` with the input port and the shape carried."""
        edge, text = self.edge, self.label.text
        tip = f"{edge.src} → {edge.dst}" + (f" (input {edge.dst_port})" if edge.dst_port else "")
        self.setToolTip(f"{tip}: {text}" if text else tip)
        self._tooltip_stale = False

    def toolTip(self) -> str:  # noqa: N802 - what Qt shows on hover (tests read it)
        if self._tooltip_stale:
            self.refresh_tooltip()
        return super().toolTip()

    def hoverEnterEvent(self, event) -> None:  # noqa: N802
        if self._tooltip_stale:
            self.refresh_tooltip()
        self._hover = True
        self.update()

    def hoverLeaveEvent(self, event) -> None:  # noqa: N802
        self._hover = False
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        painter.setRenderHint(_ANTIALIASING, lod >= style.LOD_BLOCKS)
        pen, brush = _LOOKS[2 if self.isSelected() else 1 if self._hover else 0]
        painter.setPen(pen)
        painter.setBrush(_NO_BRUSH)
        path = self.path()
        painter.drawPath(path)
        if lod < style.LOD_BLOCKS:
            return  # an arrow head would be a speck
        end = path.currentPosition()
        arrow = QPolygonF([end, end + QPointF(-_ARROW, -_ARROW / 2), end + QPointF(-_ARROW, _ARROW / 2)])
        painter.setPen(_NO_PEN)
        painter.setBrush(brush)
        painter.drawPolygon(arrow)


class PendingEdge(QGraphicsPathItem):
    """The dashed curve following the mouse while a connection is dragged."""

    def __init__(self, start: QPointF) -> None:
        super().__init__()
        self._start = start
        self.setZValue(3)
        self.set_state(None)
        self.set_end(start)

    def set_state(self, ok: bool | None) -> None:
        """Colour the curve: neutral while over nothing, green over a valid target, red otherwise."""
        colour = style.EDGE if ok is None else (style.OK if ok else style.PROBLEM)
        self.setPen(QPen(colour, 2.0, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap))

    def set_end(self, end: QPointF) -> None:
        path = QPainterPath(self._start)
        c = max(abs(end.x() - self._start.x()) / 2.0, 30.0)
        path.cubicTo(self._start + QPointF(c, 0), end - QPointF(c, 0), end)
        self.setPath(path)
