"""A canvas to draw a digit with the mouse, read back as an 8x8 image like the digits dataset.

The digits dataset (UCI optical digits) was made from 32x32 bitmaps of digits normalised in
size, counting the inked pixels in each 4x4 block: 8x8 values from 0 to 16. The canvas keeps
the strokes as lines, and :meth:`DigitCanvas.digit` does the same: it fits the strokes'
bounding box into the frame (height filling it, aspect kept, centred, as in the dataset),
renders them with a fixed pen at 128x128 and averages 16x16 blocks, scaled to 0..16. A digit
drawn small in a corner therefore reaches the model like a dataset digit.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

#: side of the model's input image
GRID = 8
#: the maximum cell value (a 4x4 block of a 32x32 bitmap fully inked)
MAX_VALUE = 16.0
#: resolution strokes are rendered at before averaging down to GRID x GRID
_RENDER = 128
#: pen width when rendering, as a fraction of the frame (the dataset's stroke thickness)
PEN_FRACTION = 0.15
#: margin kept around the fitted digit, as a fraction of the frame
_MARGIN = PEN_FRACTION / 2
_INK = QColor("#111827")
_GRID_COLOUR = QColor(0, 0, 0, 28)


class DigitCanvas(QWidget):
    """Draw with the left mouse button; :meth:`digit` gives the 8x8 image (0..16).

    Signals:
        drawing_changed(): a stroke was extended, or the canvas was cleared.
    """

    drawing_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: strokes as lists of points in unit coordinates (0..1 across the square)
        self._strokes: list[list[QPointF]] = []
        self._drawing = False
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 120)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip(self.tr("Draw a digit with the mouse; it is scaled to the dataset's 8x8 format"))

    # -- reading -------------------------------------------------------------------------
    def is_empty(self) -> bool:
        return not self._strokes

    def digit(self) -> np.ndarray:
        """The drawing as the dataset stores a digit: ``[8, 8]`` float32 values in 0..16."""
        image = QImage(_RENDER, _RENDER, QImage.Format.Format_Grayscale8)
        image.fill(0)
        if self._strokes:
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            pen = QPen(QColor(255, 255, 255), PEN_FRACTION * _RENDER, Qt.PenStyle.SolidLine,
                       Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            fit = self._fit()
            for stroke in self._strokes:
                points = [fit(p) * _RENDER for p in stroke]
                if len(points) == 1:
                    painter.drawPoint(points[0])
                else:
                    painter.drawPolyline(QPolygonF(points))
            painter.end()
        pixels = np.frombuffer(image.constBits(), np.uint8).reshape(_RENDER, image.bytesPerLine())[:, :_RENDER]
        block = _RENDER // GRID
        coverage = pixels.astype(np.float32).reshape(GRID, block, GRID, block).mean(axis=(1, 3)) / 255.0
        return np.round(coverage * MAX_VALUE, 3).astype(np.float32)

    def _fit(self):
        """Map unit points so the strokes' box fills the frame's height (or width), centred."""
        xs = [p.x() for s in self._strokes for p in s]
        ys = [p.y() for s in self._strokes for p in s]
        left, top = min(xs), min(ys)
        width, height = max(xs) - left, max(ys) - top
        usable = 1.0 - 2 * _MARGIN
        scale = usable / max(width, height) if max(width, height) > 1e-6 else 1.0
        offset = QPointF(0.5 - (left + width / 2) * scale, 0.5 - (top + height / 2) * scale)
        return lambda p: QPointF(p.x() * scale, p.y() * scale) + offset

    # -- editing -------------------------------------------------------------------------
    def clear(self) -> None:
        self._strokes.clear()
        self._drawing = False
        self.update()
        self.drawing_changed.emit()

    # -- mouse ---------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        self._drawing = True
        self._strokes.append([self._unit(event.position())])
        self.update()
        self.drawing_changed.emit()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        # a flag rather than event.buttons(): synthetic moves (tests, tablets) may carry no buttons
        if not self._drawing:
            return super().mouseMoveEvent(event)
        point = self._unit(event.position())
        stroke = self._strokes[-1]
        if (point - stroke[-1]).manhattanLength() < 0.004:
            return
        stroke.append(point)
        self.update()
        self.drawing_changed.emit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._drawing = False
        super().mouseReleaseEvent(event)

    # -- painting ------------------------------------------------------------------------
    def _square(self) -> QRectF:
        side = min(self.width(), self.height()) - 2
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def _unit(self, position: QPointF) -> QPointF:
        square = self._square()
        x = (position.x() - square.left()) / square.width()
        y = (position.y() - square.top()) / square.height()
        return QPointF(min(max(x, 0.0), 1.0), min(max(y, 0.0), 1.0))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        square = self._square()
        painter.fillRect(square, QColor("white"))
        painter.setPen(QPen(_GRID_COLOUR, 1))
        for i in range(1, GRID):
            x = square.left() + square.width() * i / GRID
            y = square.top() + square.height() * i / GRID
            painter.drawLine(QPointF(x, square.top()), QPointF(x, square.bottom()))
            painter.drawLine(QPointF(square.left(), y), QPointF(square.right(), y))
        painter.setPen(QPen(QColor("#9ca3af"), 1))
        painter.drawRect(square)
        pen = QPen(_INK, max(2.0, square.width() * 0.06), Qt.PenStyle.SolidLine,
                   Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        for stroke in self._strokes:
            points = [QPointF(square.left() + p.x() * square.width(), square.top() + p.y() * square.height())
                      for p in stroke]
            if len(points) == 1:
                painter.drawPoint(points[0])
            else:
                painter.drawPolyline(QPolygonF(points))
        if not self._strokes:
            painter.setPen(QColor("#9ca3af"))
            painter.drawText(square, Qt.AlignmentFlag.AlignCenter, self.tr("draw a digit here"))
        painter.end()

    def sizeHint(self) -> QSize:
        # no height-for-width: the square is drawn centred in whatever the layout gives, so a
        # wide canvas does not grow tall (and push the prediction out of a short dock)
        return QSize(200, 200)
