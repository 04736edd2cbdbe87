"""A node on the canvas: a card with its type, id, key parameters and parameter count.

The card is drawn in one ``paint`` (cheap for hundreds of nodes); its two ports are child
items so that a drag from the output port can start a connection. Problems turn the border
red and list themselves in the tooltip. :meth:`NodeItem.set_badge` lets other panels flag a
node (the live-training view marks vanishing or exploding gradients with it).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem, QGraphicsSceneMouseEvent, QStyleOptionGraphicsItem, QWidget

from dlplayground.layers.catalogue import CATALOGUE, PORT_NAMES
from dlplayground.layers.shapes import fmt
from dlplayground.qt.canvas import style
from dlplayground.qt.i18n import translate
from dlplayground.qt.engine_text import shown

if TYPE_CHECKING:
    from dlplayground.qt.canvas.scene import GraphScene

INPUT, OUTPUT = "input", "output"
_BADGE_MARGIN = 4.0
# enum members looked up once: PySide's enum attribute access costs microseconds, and a
# 2,000-node graph builds 6,000 items
_NODE_FLAGS = (QGraphicsItem.GraphicsItemFlag.ItemIsMovable | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
_CARD = QRectF(-style.NODE_WIDTH / 2, -style.NODE_HEIGHT / 2, style.NODE_WIDTH, style.NODE_HEIGHT)
_BOUNDS = _CARD.adjusted(-(style.PORT_RADIUS + 3), -(style.BADGE_HEIGHT + _BADGE_MARGIN + 2),
                         style.PORT_RADIUS + 3, style.PORT_RADIUS + 3)
_PORT_PENS: dict[str, tuple[QBrush, QPen, QBrush]] = {}  # colour name -> idle brush, pen, hover brush
#: room left of a card for the names of its input ports (a Reparameterize's mu and logvar)
_PORT_LABEL_WIDTH = 40.0
_BOUNDS_NAMED = _BOUNDS.adjusted(-_PORT_LABEL_WIDTH, 0, 0, 0)

class PortItem(QGraphicsEllipseItem):
    """An input or output port; dragging from an output port starts a connection."""

    def __init__(self, node: "NodeItem", kind: str) -> None:
        r = style.PORT_RADIUS
        super().__init__(-r, -r, 2 * r, 2 * r, node)
        self.node, self.kind = node, kind
        self.setPos(QPointF((style.NODE_WIDTH / 2) * (1 if kind == OUTPUT else -1), 0.0))
        self.setAcceptHoverEvents(True)
        self.setZValue(2)
        self._set_highlight(False)
        self._dressed = False  # cursor and tooltip: set on the first hover (costly x thousands)

    def _set_highlight(self, on: bool) -> None:
        colour = self.node.colour
        looks = _PORT_PENS.get(colour.name())
        if looks is None:
            looks = _PORT_PENS[colour.name()] = (QBrush(style.NODE_FILL), QPen(colour.darker(115), 1.6), QBrush(colour))
        self.setBrush(looks[2] if on else looks[0])
        self.setPen(looks[1])

    def hoverEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if not self._dressed and self.kind == OUTPUT:
            self._dressed = True
            self.setCursor(Qt.CursorShape.CrossCursor)
            self.setToolTip(translate("PortItem", "Drag to an input to connect"))
        self._set_highlight(True)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event) -> None:  # noqa: N802
        self._set_highlight(False)
        super().hoverLeaveEvent(event)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self.kind == OUTPUT and event.button() == Qt.MouseButton.LeftButton:
            self._graph_scene().begin_connection(self.node.node_id, event.scenePos())
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self._graph_scene().connecting:
            self._graph_scene().update_connection(event.scenePos())
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        if self._graph_scene().connecting:
            self._graph_scene().finish_connection(event.scenePos())
            return
        super().mouseReleaseEvent(event)

    def _graph_scene(self) -> "GraphScene":
        return self.scene()  # type: ignore[return-value]


class NodeItem(QGraphicsItem):
    """One layer node. Its position is the node's centre, as stored in the document."""

    def __init__(self, node_id: str, type_name: str) -> None:
        super().__init__()
        self.node_id = node_id
        self.type_name = type_name
        self._spec = CATALOGUE.get(type_name)
        self._params_text = ""
        self._count_text = ""
        self._shape: tuple[int, ...] | None = None
        self._problems: list[str] = []
        self._badge: tuple[str, QColor, str] | None = None
        self._frozen = False
        self._colour = style.category_colour(type_name)
        # no ItemSendsGeometryChanges and no itemChange override: Qt would call into Python
        # for every change of every item; the scene redraws edges after a drag step or a move
        self.setFlags(_NODE_FLAGS)
        self.setAcceptHoverEvents(True)
        self.setZValue(1)
        self._info_key: tuple | None = None
        self._tooltip_stale = True  # the tooltip is built when the pointer first rests on the node
        self.input_port = PortItem(self, INPUT) if self._spec is None or self._spec.max_inputs != 0 else None
        self.output_port = PortItem(self, OUTPUT) if self._spec is None or self._spec.has_output else None

    # -- public API ------------------------------------------------------------------
    def set_info(self, params: dict[str, Any], shape: tuple[int, ...] | None, param_count: int | None,
                 problems: list[str]) -> None:
        """Show the node's parameters, inferred output shape, parameter count and problems."""
        key = (repr(params), shape, param_count, tuple(problems))
        if key == self._info_key:
            return  # an edit elsewhere re-infers the whole graph: most nodes are unchanged
        self._info_key = key
        self._params_text = style.key_params_text(self.type_name, params)
        self._shape = shape
        # type names are the catalogue's, never translated
        if self.type_name == "Input":
            self._params_text = fmt(shape) if shape is not None else translate("NodeItem", "shape from the data")
            self._count_text = translate("NodeItem", "model input")
        elif self.type_name == "Output":
            self._params_text = fmt(shape) if shape is not None else translate("NodeItem", "shape unknown")
            self._count_text = translate("NodeItem", "model output")
        elif param_count is None:
            self._count_text = translate("NodeItem", "? params")
        else:
            self._count_text = translate("NodeItem", "{value} params").format(value=style.format_count(param_count)) if param_count else translate("NodeItem", "no params")
        self._problems = list(problems)
        self._update_tooltip()
        self.update()

    def set_frozen(self, frozen: bool) -> None:
        """Draw the node as frozen (``"trainable": false``): hatched, and saying so."""
        if frozen != self._frozen:
            self._frozen = frozen
            self._update_tooltip()
            self.update()

    def set_ports_visible(self, visible: bool) -> None:
        for port in (self.input_port, self.output_port):
            if port is not None:
                port.setVisible(visible)

    @property
    def colour(self) -> QColor:
        """The node's category colour."""
        return self._colour

    @property
    def frozen(self) -> bool:
        return self._frozen

    @property
    def problems(self) -> list[str]:
        return list(self._problems)

    def set_badge(self, text: str, colour: QColor | str, tooltip: str = "") -> None:
        """Show a small coloured label above the node (e.g. ``"vanishing"`` in amber).

        Args:
            text: a word or two.
            colour: the label's fill (white text is drawn on it).
            tooltip: an explanation added to the node's tooltip.
        """
        self._badge = (text, QColor(colour), tooltip)
        self._update_tooltip()
        self.update()

    def clear_badge(self) -> None:
        """Remove the badge, if any."""
        if self._badge is not None:
            self._badge = None
            self._update_tooltip()
            self.update()

    @property
    def badge_text(self) -> str | None:
        return self._badge[0] if self._badge else None

    def input_anchor(self, index: int = 0, count: int = 1) -> QPointF:
        """Where an edge ends: the input port, spread out for the inputs of a merge."""
        spacing = 12.0
        offset = (index - (count - 1) / 2.0) * spacing if count > 1 else 0.0
        return self.mapToScene(QPointF(-style.NODE_WIDTH / 2, offset))

    def output_anchor(self) -> QPointF:
        return self.mapToScene(QPointF(style.NODE_WIDTH / 2, 0.0))

    # -- painting --------------------------------------------------------------------
    def card_rect(self) -> QRectF:
        return QRectF(_CARD)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt asks often: a constant, not a computation
        return _BOUNDS_NAMED if self.type_name in PORT_NAMES else _BOUNDS

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self.card_rect(), style.CORNER_RADIUS, style.CORNER_RADIUS)
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        rect = self.card_rect()
        radius = style.CORNER_RADIUS
        colour = self._colour
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        if lod < style.LOD_BLOCKS:  # zoomed far out: a coloured block, the cheapest thing that still reads
            self._paint_block(painter, rect, colour)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)

        painter.setPen(Qt.PenStyle.NoPen)  # soft shadow
        painter.setBrush(QColor(15, 23, 42, 28))
        painter.drawRoundedRect(rect.translated(0, 2.5), radius, radius)

        body = QPainterPath()
        body.addRoundedRect(rect, radius, radius)
        painter.setBrush(style.NODE_FILL)
        painter.drawPath(body)
        if self._frozen:  # frozen weights: the body hatched in ice blue
            painter.setBrush(QBrush(style.FROZEN_HATCH, Qt.BrushStyle.BDiagPattern))
            painter.drawPath(body)
        header = QPainterPath()
        header.addRect(QRectF(rect.left(), rect.top(), rect.width(), style.HEADER_HEIGHT))
        painter.setBrush(colour)
        painter.drawPath(body.intersected(header))

        if self.isSelected():
            border = QPen(style.SELECTION, 2.4)
        elif self._problems:
            border = QPen(style.PROBLEM, 2.0)
        else:
            border = QPen(colour.darker(125) if self._spec else style.NODE_BORDER, 1.1)
        painter.setPen(border)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(body)

        pad = 9.0
        text_width = rect.width() - 2 * pad
        title_font = style.font(9.0, bold=True)
        painter.setFont(title_font)
        painter.setPen(QColor("#ffffff"))
        title_rect = QRectF(rect.left() + pad, rect.top(), text_width - (16 if self._problems else 0), style.HEADER_HEIGHT)
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         _elide(self.type_name, title_font, title_rect.width()))
        if self._problems:
            self._paint_problem_mark(painter, QPointF(rect.right() - pad - 5, rect.top() + style.HEADER_HEIGHT / 2))
        if lod < style.LOD_TEXT:  # the small lines would be unreadable specks: skip their layout
            return

        count_text = f"{self._count_text} · frozen" if self._frozen else self._count_text
        lines = [
            (self.node_id, style.font(9.0, bold=True), style.TEXT),
            (self._params_text, style.font(8.5), style.TEXT_MUTED),
            (count_text, style.font(8.0, bold=self._frozen), style.FROZEN if self._frozen else style.TEXT_FAINT),
        ]
        lines = [line for line in lines if line[0]]  # no gap where a layer has no key parameters
        body_height = rect.height() - style.HEADER_HEIGHT - 6
        line_height = body_height / 3
        top = rect.top() + style.HEADER_HEIGHT + 3 + (body_height - line_height * len(lines)) / 2
        for text, line_font, line_colour in lines:
            painter.setFont(line_font)
            painter.setPen(line_colour)
            painter.drawText(QRectF(rect.left() + pad, top, text_width, line_height),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             _elide(text, line_font, text_width))
            top += line_height

        if self._badge is not None:
            self._paint_badge(painter, rect)
        names = PORT_NAMES.get(self.type_name)
        if names:
            self._paint_port_names(painter, rect, names)

    def _paint_port_names(self, painter: QPainter, rect: QRectF, names: tuple[str, ...]) -> None:
        """Name the input ports where their edges arrive (a Reparameterize's mu above, logvar below)."""
        painter.setFont(style.font(7.5, bold=True))
        painter.setPen(style.TEXT_MUTED)
        for index, name in enumerate(names):
            y = self.mapFromScene(self.input_anchor(index, len(names))).y()
            box = QRectF(rect.left() - _PORT_LABEL_WIDTH - 4, y - 12 if index == 0 else y + 1, _PORT_LABEL_WIDTH, 11)
            painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name)

    def _paint_block(self, painter: QPainter, rect: QRectF, colour: QColor) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        if self.isSelected():
            colour = style.SELECTION
        elif self._problems:
            colour = style.PROBLEM
        painter.setBrush(colour)
        painter.drawRect(rect)
        if self._frozen:
            painter.setBrush(QBrush(style.NODE_FILL, Qt.BrushStyle.BDiagPattern))
            painter.drawRect(rect)

    def _paint_problem_mark(self, painter: QPainter, centre: QPointF) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#ffffff"))
        painter.drawEllipse(centre, 7.0, 7.0)
        painter.setPen(style.PROBLEM)
        painter.setFont(style.font(8.5, bold=True))
        painter.drawText(QRectF(centre.x() - 7, centre.y() - 7, 14, 14), Qt.AlignmentFlag.AlignCenter, "!")

    def _paint_badge(self, painter: QPainter, rect: QRectF) -> None:
        text, colour, _ = self._badge  # type: ignore[misc]
        badge_font = style.font(7.5, bold=True)
        width = min(QFontMetricsF(badge_font).horizontalAdvance(text) + 12, rect.width())
        badge = QRectF(rect.left() + 4, rect.top() - style.BADGE_HEIGHT - _BADGE_MARGIN, width, style.BADGE_HEIGHT)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(badge, style.BADGE_HEIGHT / 2, style.BADGE_HEIGHT / 2)
        painter.setPen(QColor("#ffffff"))
        painter.setFont(badge_font)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, _elide(text, badge_font, width - 8))

    # -- behaviour -------------------------------------------------------------------
    def hoverEnterEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._tooltip_stale:
            self.refresh_tooltip()
        super().hoverEnterEvent(event)

    def toolTip(self) -> str:  # noqa: N802 - what Qt would show now (tests read it)
        if self._tooltip_stale:
            self.refresh_tooltip()
        return super().toolTip()

    def _update_tooltip(self) -> None:
        """Mark the tooltip out of date; it is rebuilt when next shown."""
        self._tooltip_stale = True

    def refresh_tooltip(self) -> None:
        """Build the tooltip: id, type, documentation, shape, problems, badge."""
        self._tooltip_stale = False
        parts = [f"<b>{html.escape(self.node_id)}</b> — {html.escape(self.type_name)}"]
        if self._spec is not None:
            parts.append(html.escape(shown(self._spec.doc)))
        else:
            parts.append(translate("NodeItem", "Unknown layer type."))
        if self._shape is not None:
            parts.append(translate("NodeItem", "Output: {shape}").format(shape=fmt(self._shape)))
        if self._frozen:
            parts.append(translate("NodeItem", "Frozen: training leaves its weights as they are (uncheck "
                                   "<i>trainable</i> in the Inspector to change that)"))
        for problem in self._problems:
            parts.append(f"<span style='color:{style.PROBLEM.name()}'>⚠ {html.escape(shown(problem))}</span>")
        if self._badge is not None and self._badge[2]:
            parts.append(f"<span style='color:{self._badge[1].name()}'>● {html.escape(self._badge[2])}</span>")
        self.setToolTip("<br>".join(parts))


def _elide(text: str, text_font, width: float) -> str:
    return QFontMetricsF(text_font).elidedText(text, Qt.TextElideMode.ElideRight, width)
