"""The minimap: an overview of the whole graph in the canvas's corner, with the part the view
shows outlined; a click or a drag on it moves the view there.

The overview is a picture of the graph (nodes as coloured rectangles, edges as lines) drawn at
most every :data:`RENDER_DELAY_MS` after the scene changed, not on every pan: panning only
repaints the outline over the cached picture, so its cost does not grow with the graph.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsView, QWidget

from dlplayground.qt.canvas import style
from dlplayground.qt.canvas.group_item import GROUP_COLOUR


def block_colour() -> QColor:
    return GROUP_COLOUR

RENDER_DELAY_MS = 150
MAX_SIZE = QSize(240, 150)
MARGIN = 60.0  # scene units around the graph


class Minimap(QWidget):
    """An overview of ``view``'s scene; a child of the view, kept in its bottom-right corner.

    Signals:
        navigated(point): the view was centred on this scene point by a click or drag.
    """

    navigated = Signal(QPointF)

    def __init__(self, view: QGraphicsView) -> None:
        super().__init__(view)
        self.view = view
        self.setObjectName("minimap")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Overview of the whole graph: click or drag to move the view (View › Minimap, Ctrl+M)"))
        self._pixmap = QPixmap()
        self._source = QRectF()  # the scene rectangle the picture shows
        self._scale, self._offset = 1.0, QPointF()  # scene -> picture: scaled, then offset
        self.renders = 0  # how many times the scene was rendered (tests check it is not per pan)
        self._timer = QTimer(self, singleShot=True, interval=RENDER_DELAY_MS)
        self._timer.timeout.connect(self.render_scene)
        self._rendered_for = QSize()  # the size limit of the last picture
        view.scene().changed.connect(self._scene_changed)
        view.horizontalScrollBar().valueChanged.connect(self.update)
        view.verticalScrollBar().valueChanged.connect(self.update)
        view.viewport().installEventFilter(self)
        self.resize(MAX_SIZE)
        self.place()

    def _scene_changed(self, *_args: object) -> None:
        if self.isVisible() and not self._timer.isActive():
            self._timer.start()

    def showEvent(self, event) -> None:  # noqa: N802
        self.render_scene()
        super().showEvent(event)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == event.Type.Resize:
            if self.isVisible() and self._source.isValid() and not self._fits(self.size()):
                self.render_scene()  # a smaller canvas: a smaller overview
            elif self.isVisible() and self.max_size() != self._rendered_for:
                self._timer.start()  # a larger canvas: the overview may grow back
            self.place()
        return False

    def max_size(self) -> QSize:
        """At most :data:`MAX_SIZE`, and at most a quarter of the canvas's width and a third of
        its height: on a 1280x720 screen the canvas is about 720x240 pixels, and a full-size
        overview would hide the nodes it shows."""
        viewport = self.view.viewport().size()
        return QSize(max(60, min(MAX_SIZE.width(), viewport.width() // 4)),
                     max(40, min(MAX_SIZE.height(), viewport.height() // 3)))

    def _fits(self, size: QSize) -> bool:
        limit = self.max_size()
        return size.width() <= limit.width() and size.height() <= limit.height()

    def place(self) -> None:
        """Keep to the bottom-right corner of the view's viewport."""
        viewport = self.view.viewport().geometry()
        self.move(viewport.right() - self.width() - 10, viewport.bottom() - self.height() - 10)

    def scene_rect(self) -> QRectF:
        scene = self.view.scene()
        rect = scene.nodes_rect() if hasattr(scene, "nodes_rect") else scene.itemsBoundingRect()
        for block in getattr(scene, "group_blocks", {}).values():
            rect = rect.united(block.sceneBoundingRect())
        return rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN) if not rect.isEmpty() else QRectF()

    def render_scene(self) -> None:
        """Render the whole scene into the cached picture (and size the widget to its shape)."""
        source = self.scene_rect()
        self._source = source
        if source.isEmpty():
            self._pixmap = QPixmap()
            self.update()
            return
        limit = self.max_size()
        self._rendered_for = limit
        scale = min(limit.width() / source.width(), limit.height() / source.height())
        size = QSize(max(40, round(source.width() * scale)), max(30, round(source.height() * scale)))
        if size != self.size():
            self.resize(size)
            self.place()
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(size * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(QColor(255, 255, 255, 225))
        # the graph centred in the picture at one scale (the widget may be wider or taller)
        self._scale = min(size.width() / source.width(), size.height() / source.height())
        self._offset = QPointF((size.width() - source.width() * self._scale) / 2,
                               (size.height() - source.height() * self._scale) / 2)
        painter = QPainter(pixmap)
        painter.translate(self._offset)
        painter.scale(self._scale, self._scale)
        painter.translate(-source.left(), -source.top())
        self._draw_overview(painter)
        painter.end()
        self._pixmap = pixmap
        self.renders += 1
        self.update()

    def _draw_overview(self, painter: QPainter) -> None:
        """Edges as straight lines, nodes and blocks as coloured rectangles: the overview's
        few pixels per node show no more, and this is a fraction of rendering the items."""
        scene = self.view.scene()
        painter.setPen(QPen(style.EDGE, 0))  # cosmetic: one pixel at any scale
        for edge in getattr(scene, "edge_items", {}).values():
            if edge.isVisible():
                painter.drawLine(edge.src_item.output_anchor(), edge.dst_item.input_anchor())
        painter.setPen(Qt.PenStyle.NoPen)
        for item in getattr(scene, "node_items", {}).values():
            if item.isVisible():
                painter.setBrush(style.SELECTION if item.isSelected() else item.colour)
                painter.drawRect(item.card_rect().translated(item.pos()))
        for block in getattr(scene, "group_blocks", {}).values():
            painter.setBrush(style.SELECTION if block.isSelected() else block_colour())
            painter.drawRect(block.boundingRect().translated(block.pos()))

    # -- mapping ---------------------------------------------------------------------
    def to_scene(self, point: QPointF) -> QPointF:
        """The scene point under widget point ``point``."""
        if self._source.isEmpty():
            return QPointF()
        return QPointF(self._source.left() + (point.x() - self._offset.x()) / self._scale,
                       self._source.top() + (point.y() - self._offset.y()) / self._scale)

    def to_widget(self, rect: QRectF) -> QRectF:
        """A scene rectangle in widget coordinates."""
        if self._source.isEmpty():
            return QRectF()
        return QRectF(self._offset.x() + (rect.left() - self._source.left()) * self._scale,
                      self._offset.y() + (rect.top() - self._source.top()) * self._scale,
                      rect.width() * self._scale, rect.height() * self._scale)

    def visible_scene_rect(self) -> QRectF:
        return self.view.mapToScene(self.view.viewport().rect()).boundingRect()

    # -- painting and input ----------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(255, 255, 255, 225))
        if not self._pixmap.isNull():
            painter.drawPixmap(0, 0, self._pixmap)
            outline = self.to_widget(self.visible_scene_rect()).intersected(QRectF(self.rect()).adjusted(1, 1, -1, -1))
            painter.setPen(QPen(style.SELECTION, 1.5))
            painter.setBrush(QColor(37, 99, 235, 30))
            painter.drawRect(outline)
        painter.setPen(QPen(style.NODE_BORDER, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self._go(event.position())
            event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._go(event.position())
            event.accept()

    def _go(self, point: QPointF) -> None:
        target = self.to_scene(point)
        self.view.centerOn(target)
        self.update()
        self.navigated.emit(target)
