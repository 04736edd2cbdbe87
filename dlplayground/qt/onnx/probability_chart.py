"""A horizontal bar chart of class probabilities, the most likely class highlighted.

Horizontal bars keep long class names ("class 2", "triangle") readable on the left axis; each
bar carries its percentage. One ``BarGraphItem`` is updated in place on every prediction.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSize
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QWidget

from dlplayground.qt.training import plotting

BAR_COLOUR = "#93b4f5"
TOP_COLOUR = "#2563eb"
#: bars longer than this carry their percentage inside, in this colour (on the top bar's blue)
INSIDE_FROM, INSIDE_TEXT = 0.6, "#ffffff"


class ProbabilityChart(pg.PlotWidget):
    """Probabilities per class, 0..1 along x, classes top to bottom."""

    def __init__(self, parent: QWidget | None = None) -> None:
        # no context menu: built and then disabled, it cost a tenth of a second at startup
        super().__init__(parent=parent, background=plotting.BACKGROUND, enableMenu=False)
        item = self.getPlotItem()
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        item.showGrid(x=True, y=False, alpha=plotting.GRID_ALPHA)
        item.setLabel("bottom", "probability", color=plotting.FOREGROUND)
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setPen(pg.mkPen(plotting.FOREGROUND))
            axis.setTextPen(pg.mkPen(plotting.FOREGROUND))
        item.getViewBox().invertY(True)
        # the view reaches past 1 to leave room for the last bar's percentage: ticks stop at 1
        item.getAxis("bottom").setTicks([[(v / 5, f"{v / 5:g}") for v in range(6)],
                                         [(v / 10, "") for v in range(11)]])
        self._labels: list[str] = []
        self._values = np.zeros(0)
        self._bars = pg.BarGraphItem(x0=[], y=[], height=0.7, width=[], brushes=[])
        item.addItem(self._bars)
        self._texts: list[pg.TextItem] = []
        # ten classes stay readable at 120 px: the chart fits beside or below its input
        self.setMinimumSize(160, 120)

    def sizeHint(self) -> QSize:
        return QSize(240, 200)

    @property
    def values(self) -> np.ndarray:
        """The probabilities shown (a copy)."""
        return self._values.copy()

    @property
    def labels(self) -> list[str]:
        return list(self._labels)

    def set_labels(self, labels: Sequence[str]) -> None:
        """Show these classes (clears the bars)."""
        self._labels = [str(label) for label in labels]
        axis = self.getPlotItem().getAxis("left")
        axis.setTicks([list(enumerate(self._labels))])
        # room for the longest name now: the axis would only widen after a first paint
        metrics = QFontMetrics(axis.style.get("tickFont") or self.font())
        axis.setWidth(max((metrics.horizontalAdvance(label) for label in self._labels), default=0) + 18)
        for text in self._texts:
            self.getPlotItem().removeItem(text)
        self._texts = []
        for row in range(len(self._labels)):
            text = pg.TextItem("", color=plotting.FOREGROUND, anchor=(0, 0.5))
            text.setPos(0, row)
            self.getPlotItem().addItem(text)
            self._texts.append(text)
        self.getPlotItem().setRange(xRange=(0, 1.18), yRange=(-0.6, max(len(self._labels), 1) - 0.4), padding=0)
        self.set_probabilities(np.zeros(len(self._labels)))

    def set_probabilities(self, probabilities: Sequence[float]) -> None:
        """Draw ``probabilities`` (one per label); the largest bar is highlighted."""
        values = np.nan_to_num(np.asarray(probabilities, np.float64), nan=0.0)
        if len(values) != len(self._labels):
            raise ValueError(f"{len(values)} probabilities for {len(self._labels)} classes")
        self._values = values
        best = int(values.argmax()) if len(values) and values.max() > 0 else -1
        brushes = [pg.mkBrush(TOP_COLOUR if i == best else BAR_COLOUR) for i in range(len(values))]
        self._bars.setOpts(x0=np.zeros(len(values)), y=np.arange(len(values)), width=values,
                           height=0.7, brushes=brushes, pens=[pg.mkPen(None)] * len(values))
        for row, (text, value) in enumerate(zip(self._texts, values)):
            # small values get no label: a column of "0.0%" would only hide the axis
            text.setText(f"{value:.1%}" if best >= 0 and value >= 0.005 else "")
            if value > INSIDE_FROM:
                # a long bar carries its percentage inside its end: past it, a narrow chart
                # (the Inference dock at 1280x720) would cut "100.0%" off
                text.setAnchor((1, 0.5))
                text.setColor(INSIDE_TEXT if row == best else plotting.FOREGROUND)
                text.setPos(value - 0.01, row)
            else:
                text.setAnchor((0, 0.5))
                text.setColor(plotting.FOREGROUND)
                text.setPos(value + 0.01, row)
