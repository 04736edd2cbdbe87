"""Groups on the canvas: a collapsed group is one block standing for its members; an expanded
group is a labelled frame drawn behind them.

The block has the ports of a node (edges into and out of the group end on it), shows the
group's label, how many layers it holds and their parameters, and expands on a double-click.
Dragging it moves its members (one undo step, like any move). The frame's header toggles the
group: a click on its arrow collapses it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneMouseEvent, QStyleOptionGraphicsItem, QWidget

from dlplayground.qt.canvas import style
from dlplayground.qt.i18n import translate

if TYPE_CHECKING:
    from dlplayground.qt.canvas.scene import GraphScene

BLOCK_WIDTH, BLOCK_HEIGHT = style.NODE_WIDTH + 30.0, style.NODE_HEIGHT
_STACK = 4.0  # the offset of the cards drawn behind a block (it stands for several layers)
_CARD = QRectF(-BLOCK_WIDTH / 2, -BLOCK_HEIGHT / 2, BLOCK_WIDTH, BLOCK_HEIGHT)
_BOUNDS = _CARD.adjusted(-8, -8, 2 * _STACK + 8, 2 * _STACK + 8)
GROUP_COLOUR = QColor("#334e68")
FRAME_FILL = QColor(51, 78, 104, 18)
HEADER_HEIGHT = 20.0
FRAME_MARGIN = 14.0


class GroupBlock(QGraphicsItem):
    """A collapsed group: one card in place of its members."""

    def __init__(self, group_id: str, label: str) -> None:
        super().__init__()
        self.group_id = group_id
        self.label = label
        self.member_count = 0
        self.param_count: int | None = None
        self.home = QPointF()  # where the block belongs: the centre of its members
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsMovable | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(1)
        self.setAcceptHoverEvents(True)

    def set_info(self, label: str, member_count: int, param_count: int | None) -> None:
        self.label, self.member_count, self.param_count = label, member_count, param_count
        params = "" if param_count is None else f", {style.format_count(param_count)} params"
        self.setToolTip(f"<b>{label}</b> — a collapsed group of {member_count} layers{params}.<br>"
                        "Double-click (or Ctrl+Shift+E) to expand it; drag it to move its layers.")
        self.update()

    def place(self, home: QPointF) -> None:
        self.home = QPointF(home)
        self.setPos(home)

    # -- what edges attach to --------------------------------------------------------
    def input_anchor(self, index: int = 0, count: int = 1) -> QPointF:
        return self.mapToScene(QPointF(-BLOCK_WIDTH / 2, 0.0))

    def output_anchor(self) -> QPointF:
        return self.mapToScene(QPointF(BLOCK_WIDTH / 2, 0.0))

    # -- painting --------------------------------------------------------------------
    def boundingRect(self) -> QRectF:  # noqa: N802
        return _BOUNDS

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        selected = self.isSelected()
        border = QPen(style.SELECTION if selected else GROUP_COLOUR.darker(120), 2.4 if selected else 1.2)
        if lod < style.LOD_BLOCKS:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(style.SELECTION if selected else GROUP_COLOUR)
            painter.drawRect(_CARD)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = style.CORNER_RADIUS
        for step in (2, 1):  # the cards behind: a stack of layers
            painter.setPen(QPen(GROUP_COLOUR.lighter(160), 1.0))
            painter.setBrush(style.NODE_FILL)
            painter.drawRoundedRect(_CARD.translated(step * _STACK, step * _STACK), radius, radius)
        painter.setPen(border)
        painter.setBrush(GROUP_COLOUR)
        painter.drawRoundedRect(_CARD, radius, radius)
        pad = 10.0
        painter.setPen(QColor("#ffffff"))
        painter.setFont(style.font(9.5, bold=True))
        text_rect = QRectF(_CARD.left() + pad, _CARD.top() + 4, _CARD.width() - 2 * pad, 24)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         painter.fontMetrics().elidedText(self.label, Qt.TextElideMode.ElideRight, int(text_rect.width())))
        if lod < style.LOD_TEXT:
            return
        painter.setFont(style.font(8.5))
        painter.setPen(QColor("#d9e2ec"))
        params = "" if self.param_count is None else f" · {style.format_count(self.param_count)} params"
        painter.drawText(QRectF(_CARD.left() + pad, _CARD.top() + 28, _CARD.width() - 2 * pad, 18),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         f"{self.member_count} layers{params}")
        painter.setFont(style.font(7.5))
        painter.setPen(QColor("#9fb3c8"))
        painter.drawText(QRectF(_CARD.left() + pad, _CARD.top() + 48, _CARD.width() - 2 * pad, 18),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "double-click to expand")
        for x in (-BLOCK_WIDTH / 2, BLOCK_WIDTH / 2):  # the ports edges attach to
            painter.setPen(QPen(GROUP_COLOUR.darker(115), 1.6))
            painter.setBrush(style.NODE_FILL)
            painter.drawEllipse(QPointF(x, 0.0), style.PORT_RADIUS, style.PORT_RADIUS)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        # after this event: expanding removes this very item from the scene
        scene, group_id = self._graph_scene(), self.group_id
        QTimer.singleShot(0, lambda: scene.editor.groups.set_collapsed([group_id], False))
        event.accept()

    def _graph_scene(self) -> "GraphScene":
        return self.scene()  # type: ignore[return-value]


class GroupFrame(QGraphicsItem):
    """An expanded group: a tinted frame around its members, its label on a header that
    collapses the group when clicked."""

    def __init__(self, group_id: str, label: str) -> None:
        super().__init__()
        self.group_id, self.label = group_id, label
        self._rect = QRectF()
        self.setZValue(-1)  # behind edges and nodes
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        self.setToolTip(translate("GroupFrame", "Group '{label}': click its header to collapse it into one block")
                        .format(label=label))

    def set_rect(self, members: QRectF) -> None:
        """Frame the members' rectangle (scene coordinates)."""
        rect = members.adjusted(-FRAME_MARGIN, -FRAME_MARGIN - HEADER_HEIGHT, FRAME_MARGIN, FRAME_MARGIN)
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = rect

    def header_rect(self) -> QRectF:
        return QRectF(self._rect.left(), self._rect.top(), self._rect.width(), HEADER_HEIGHT)

    def boundingRect(self) -> QRectF:  # noqa: N802
        return self._rect.adjusted(-1, -1, 1, 1)

    def shape(self) -> QPainterPath:  # only the header takes clicks: a rubber band may start inside
        path = QPainterPath()
        path.addRect(self.header_rect())
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, lod >= style.LOD_BLOCKS)
        painter.setPen(QPen(GROUP_COLOUR.lighter(140), 1.0, Qt.PenStyle.DashLine))
        painter.setBrush(QBrush(FRAME_FILL))
        painter.drawRoundedRect(self._rect, 10, 10)
        if lod < style.LOD_BLOCKS:
            return
        painter.setPen(GROUP_COLOUR)
        painter.setFont(style.font(8.5, bold=True))
        painter.drawText(self.header_rect().adjusted(10, 0, -10, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         f"▾ {self.label}")

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self.header_rect().contains(event.pos()):
            scene, group_id = self.scene(), self.group_id  # after this event: collapsing removes the frame
            QTimer.singleShot(0, lambda: scene.editor.groups.set_collapsed([group_id], True))  # type: ignore[attr-defined]
            event.accept()
            return
        event.ignore()
