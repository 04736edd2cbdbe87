"""The canvas view: zoom to the cursor, pan, fit, a grid, and drops from the palette.

Pan with the middle mouse button or by holding the space bar while dragging; zoom with the
wheel (towards the cursor); fit everything with F; Tab asks for quick add at the pointer. Dropping a palette entry adds that layer
where it lands; dropping project files asks the window to open them.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QWidget

from dlplayground.qt.canvas import style
from dlplayground.qt.canvas.scene import GraphScene
from dlplayground.qt.mime import layer_from_mime

MIN_ZOOM, MAX_ZOOM = 0.02, 3.0
#: the smallest zoom at which node text stays readable; opening a project never goes below it
READABLE_ZOOM = 0.8
#: a resize bigger than a scroll bar refits a kept fit (a dock settling after a project opened)
_REFIT_PIXELS = 24


class GraphView(QGraphicsView):
    """Shows a :class:`GraphScene`.

    Signals:
        files_dropped(paths): project files were dropped on the canvas.
        zoom_changed(factor): the zoom factor changed (1.0 = 100 %).
        quick_add_requested(): Tab was pressed on the canvas (quick add at the pointer).
    """

    files_dropped = Signal(list)
    zoom_changed = Signal(float)
    quick_add_requested = Signal()

    def __init__(self, scene: GraphScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.graph_scene = scene
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pan_from: QPointF | None = None
        self._space_held = False
        self.last_mouse_pos: QPointF | None = None  # viewport coordinates: where quick add places
        #: the least zoom of a fit kept while the view is resized (docks settling after a project
        #: opened); None once the user zooms, pans or scrolls, whose view is then left alone
        self._kept_fit: float | None = None
        self._fitted_size = QSize()
        scene.changed.connect(self._grow_scene_rect)
        for bar in (self.horizontalScrollBar(), self.verticalScrollBar()):
            bar.actionTriggered.connect(self._user_moved)  # emitted for the user's scrolling only

    # -- zoom ------------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom to ``factor`` (clamped), keeping the scene point under ``anchor`` (viewport
        coordinates; default: the centre) where it is."""
        factor = min(max(factor, MIN_ZOOM), MAX_ZOOM)
        if math.isclose(factor, self.zoom):
            return
        anchor = anchor if anchor is not None else QPointF(self.viewport().rect().center())
        before = self.mapToScene(anchor.toPoint())
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.resetTransform()
        self.scale(factor, factor)
        after = self.mapToScene(anchor.toPoint())
        self.translate(after.x() - before.x(), after.y() - before.y())
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.graph_scene.set_zoom_detail(self.zoom)
        self.zoom_changed.emit(self.zoom)

    def zoom_in(self) -> None:
        self._user_moved()
        self.set_zoom(self.zoom * 1.25)

    def zoom_out(self) -> None:
        self._user_moved()
        self.set_zoom(self.zoom / 1.25)

    def reset_zoom(self) -> None:
        self._user_moved()
        self.set_zoom(1.0)

    def keep_fitted(self, min_zoom: float = MIN_ZOOM) -> None:
        """Fit every node (:meth:`fit_all`) and fit again whenever the view is resized, until the
        user moves the view: an opened project stays whole while the window's panels settle."""
        self._kept_fit = min_zoom
        self.fit_all(min_zoom=min_zoom)
        self._fitted_size = self.viewport().size()

    def stop_keeping_fit(self) -> None:
        """Resizes leave the view as it is from now on (the user moved it, or edited the graph)."""
        self._kept_fit = None

    def _user_moved(self, *_args: object) -> None:
        self.stop_keeping_fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self._kept_fit is None:
            return
        size = self.viewport().size()
        # a panel resized, not a scroll bar shown or hidden by the fit itself
        if max(abs(size.width() - self._fitted_size.width()),
               abs(size.height() - self._fitted_size.height())) > _REFIT_PIXELS:
            self.keep_fitted(self._kept_fit)

    def fit_all(self, min_zoom: float = MIN_ZOOM, max_zoom: float = 1.0) -> None:
        """Show every node (within ``min_zoom``..``max_zoom``; at the minimum, show the
        graph's start, where a left-to-right network begins)."""
        rect = self.graph_scene.nodes_rect()
        if rect.isEmpty():
            self.set_zoom(1.0)
            self.centerOn(0, 0)
            return
        rect = rect.adjusted(-40, -40, 40, 40)
        for _ in range(2):  # again once zooming has shown or hidden the scroll bars
            view = self.viewport().rect()
            factor = min(view.width() / rect.width(), view.height() / rect.height())
            self.set_zoom(min(max(factor, min_zoom), max_zoom))
        if factor >= min_zoom:
            self.centerOn(rect.center())
        else:
            visible_width = view.width() / self.zoom
            self.centerOn(QPointF(rect.left() + visible_width / 2, rect.center().y()))

    def show_readable(self) -> None:
        """Fit the graph, but never so small that its text becomes unreadable."""
        self.fit_all(min_zoom=READABLE_ZOOM)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        steps = event.angleDelta().y() / 120.0
        if steps == 0:
            super().wheelEvent(event)
            return
        self._user_moved()
        self.set_zoom(self.zoom * (1.15 ** steps), event.position())
        event.accept()

    # -- panning ---------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._user_moved()
        pan = event.button() == Qt.MouseButton.MiddleButton or (
            event.button() == Qt.MouseButton.LeftButton and self._space_held
        )
        if pan:
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.last_mouse_pos = event.position()
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() - round(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value() - round(delta.y()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().setCursor(
                Qt.CursorShape.OpenHandCursor if self._space_held else Qt.CursorShape.ArrowCursor
            )
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def event(self, event: QEvent) -> bool:
        # Tab opens quick add here (as in Blender's and Unreal's node editors) instead of
        # moving the focus; elsewhere in the window Tab keeps its usual meaning
        if (event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Tab  # type: ignore[attr-defined]
                and event.modifiers() == Qt.KeyboardModifier.NoModifier):  # type: ignore[attr-defined]
            self.quick_add_requested.emit()
            return True
        return super().event(event)

    def pointer_scene_pos(self) -> QPointF:
        """Where the pointer is over the canvas (scene coordinates), or the view's centre when
        it is elsewhere."""
        pos = self.last_mouse_pos
        if pos is None or not self.viewport().rect().contains(pos.toPoint()):
            return self.mapToScene(self.viewport().rect().center())
        return self.mapToScene(pos.toPoint())

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802
        self.last_mouse_pos = None
        super().leaveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        self._user_moved()
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_held = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape and self.graph_scene.connecting:
            self.graph_scene.cancel_connection()
            event.accept()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_held = False
            self.viewport().setCursor(Qt.CursorShape.ArrowCursor)
            event.accept()
            return
        super().keyReleaseEvent(event)

    # -- drops -----------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if layer_from_mime(event.mimeData()) or _project_paths(event):
            event.acceptProposedAction()
            return
        event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if layer_from_mime(event.mimeData()) or _project_paths(event):
            event.acceptProposedAction()
            return
        event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        type_name = layer_from_mime(event.mimeData())
        if type_name:
            pos = self.mapToScene(event.position().toPoint())
            node_id = self.graph_scene.editor.add_node(type_name, (round(pos.x()), round(pos.y())))
            if node_id:
                self.graph_scene.select_nodes([node_id])
                self.setFocus()
            event.acceptProposedAction()
            return
        paths = _project_paths(event)
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)
            return
        event.ignore()

    # -- background ------------------------------------------------------------------
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:  # noqa: N802
        painter.fillRect(rect, style.BACKGROUND)
        if self.zoom < 0.3:
            return  # the grid would only be noise
        for step, colour in ((20, style.GRID_MINOR), (100, style.GRID_MAJOR)):
            if step == 20 and self.zoom < 0.6:
                continue
            painter.setPen(QPen(colour, 0))
            left = math.floor(rect.left() / step) * step
            top = math.floor(rect.top() / step) * step
            x = left
            while x < rect.right():
                painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
                x += step
            y = top
            while y < rect.bottom():
                painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
                y += step

    def reset_scene_rect(self) -> None:
        """Fit the scrollable area to the current items (after another project was opened)."""
        self.setSceneRect(self.graph_scene.nodes_rect().adjusted(-2000, -2000, 2000, 2000))

    def _grow_scene_rect(self, regions: list[QRectF]) -> None:
        """Keep a generous margin around what changed, so nodes can be dragged past the edge
        (the changed regions, not every item: this runs after each repaint)."""
        rect = self.sceneRect()
        for region in regions:
            grown = region.adjusted(-2000, -2000, 2000, 2000)
            if not rect.contains(grown):
                rect = rect.united(grown)
        if rect != self.sceneRect():
            self.setSceneRect(rect)


def _project_paths(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[Path]:
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile() and url.toLocalFile().endswith(".json")]
