"""Shared look and building blocks of the training plots (pyqtgraph).

Plots are light-themed to match the editor. A :class:`LiveCurve` is one ``PlotDataItem`` over
a :class:`GrowingSeries`: it clips to the view, downsamples by peaks when zoomed out, and
drops non-finite points (and non-positive ones on a log axis) before drawing, since a NaN
loss must never break a plot.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QWidget

from dlplayground.qt.training.buffers import GrowingSeries

BACKGROUND = "#ffffff"
FOREGROUND = "#1f2933"
GRID_ALPHA = 0.25
TRAIN_COLOUR = "#2563eb"
VAL_COLOUR = "#ea580c"
LR_COLOUR = "#7c3aed"
STEP_COLOUR = "#93b4f5"
GAP_COLOUR = (234, 88, 12, 45)
VANISHING_COLOUR = "#d97706"
EXPLODING_COLOUR = "#dc2626"
HEALTHY_COLOUR = "#2f7bbf"
#: categorical colours for classes and runs (Tableau 10, readable on white)
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf")


def palette_colour(index: int) -> QColor:
    return QColor(PALETTE[index % len(PALETTE)])


def palette_rgb(count: int) -> np.ndarray:
    """``[count, 3]`` RGB (0..255) of the first ``count`` palette colours (cycled)."""
    return np.array([palette_colour(i).getRgb()[:3] for i in range(count)], np.float64)


Plot = pg.PlotWidget | pg.PlotItem


def plot_item(plot: Plot) -> pg.PlotItem:
    """The PlotItem of a PlotWidget, or the item itself."""
    return plot.getPlotItem() if isinstance(plot, pg.PlotWidget) else plot


def style_plot(item: pg.PlotItem, title: str = "", left: str = "", bottom: str = "", grid: bool = False) -> None:
    """Light colours, axis labels, no context-menu clutter.

    Live plots have no grid: pyqtgraph draws grid lines with the axis items across the whole
    plot, so every new point would repaint both axes (their tick text included).
    """
    if title:
        item.setTitle(title, color=FOREGROUND, size="10pt")
    for side, label in (("left", left), ("bottom", bottom)):
        axis = item.getAxis(side)
        axis.setPen(pg.mkPen(FOREGROUND))
        axis.setTextPen(pg.mkPen(FOREGROUND))
        if label:
            item.setLabel(side, label, color=FOREGROUND)
    if grid:
        item.showGrid(x=True, y=True, alpha=GRID_ALPHA)
    item.setMenuEnabled(False)
    item.hideButtons()


def plot_widget(title: str = "", left: str = "", bottom: str = "", parent: QWidget | None = None,
                grid: bool = False) -> pg.PlotWidget:
    """A light plot in a widget of its own (see :func:`style_plot`)."""
    widget = pg.PlotWidget(parent=parent, background=BACKGROUND)
    style_plot(widget.getPlotItem(), title, left, bottom, grid)
    widget.setMinimumHeight(120)
    return widget


#: width of the left axis of stacked plots, so that their x axes line up
STACK_AXIS_WIDTH = 52


def plot_stack(parent: QWidget | None = None) -> pg.GraphicsLayoutWidget:
    """One canvas for several live plots: one paint per frame instead of one per plot."""
    canvas = pg.GraphicsLayoutWidget(parent=parent)
    canvas.setBackground(BACKGROUND)
    return canvas


def align_left_axes(*plots: pg.PlotItem) -> None:
    """Give stacked plots left axes of one width, so that the same x is at the same place."""
    for plot in plots:
        plot.getAxis("left").setWidth(STACK_AXIS_WIDTH)


def legend(plot: Plot) -> pg.LegendItem:
    item = plot_item(plot).addLegend(offset=(-8, 8), labelTextColor=FOREGROUND,
                                     brush=pg.mkBrush(255, 255, 255, 200), pen=pg.mkPen("#c8ced6"))
    item.setLabelTextSize("8pt")
    return item


def small_font(points: float = 8.0) -> QFont:
    font = QFont()
    font.setPointSizeF(points)
    return font


class LiveCurve:
    """A curve drawn from a growing buffer.

    Args:
        plot: where to draw.
        name: legend entry (None: not in the legend).
        colour, width, style: the pen.
        log_y: whether the plot's y axis is logarithmic (non-positive points are dropped).
        column: which y column of ``series`` to draw.
    """

    def __init__(self, plot: Plot, series: GrowingSeries, name: str | None = None,
                 colour: str | QColor = TRAIN_COLOUR, width: float = 2.0,
                 style: Qt.PenStyle = Qt.PenStyle.SolidLine, column: int = 0, symbol: str | None = None) -> None:
        self.series = series
        self.column = column
        self.log_y = False
        pen = pg.mkPen(colour, width=width, style=style)
        options = {"symbol": symbol, "symbolSize": 5, "symbolBrush": pg.mkBrush(colour),
                   "symbolPen": pg.mkPen(colour)} if symbol else {}
        self.item = pg.PlotDataItem(pen=pen, name=name, **options)
        self.item.setClipToView(True)
        self.item.setDownsampling(auto=True, method="peak")
        plot.addItem(self.item)

    def redraw(self) -> None:
        x, y = self.series.finite(self.column)
        if self.log_y:
            keep = y > 0
            if not keep.all():
                x, y = x[keep], y[keep]
        self.item.setData(x, y)

    def clear(self) -> None:
        self.series.clear()
        self.item.setData([], [])


class StickyRange:
    """Keeps a plot's y range still while the data stays comfortably inside it.

    pyqtgraph's auto-range follows every new point, which regenerates and repaints the axis
    on every frame; this changes the range only when the data leaves it or shrinks to less
    than ``shrink_below`` of it, so most frames repaint just the curves.

    Args:
        plot: the plot whose y range is kept.
        margin: the share of the data's span added on each side when the range changes.
        shrink_below: refit when the data covers less than this share of the range.
    """

    def __init__(self, plot: Plot, margin: float = 0.08, shrink_below: float = 0.4) -> None:
        self.plot = plot_item(plot)
        self.margin = margin
        self.shrink_below = shrink_below
        self.log = False
        self.range: tuple[float, float] | None = None
        self.plot.getViewBox().disableAutoRange(pg.ViewBox.YAxis)

    def reset(self, log: bool | None = None) -> None:
        if log is not None:
            self.log = log
        self.range = None

    def fit(self, *arrays: np.ndarray) -> None:
        """Make sure the finite (and, on a log axis, positive) values of ``arrays`` show."""
        values = [np.asarray(a, np.float64) for a in arrays if len(a)]
        if not values:
            return
        data = np.concatenate(values)
        data = data[np.isfinite(data) & (data > 0)] if self.log else data[np.isfinite(data)]
        if data.size == 0:
            return
        low, high = float(data.min()), float(data.max())
        if self.log:
            low, high = np.log10(low), np.log10(high)
        span = max(high - low, 1e-9 if self.log else max(abs(high), 1e-9) * 1e-3)
        current = self.range
        if current is not None:
            inside = current[0] <= low and high <= current[1]
            if inside and span >= self.shrink_below * (current[1] - current[0]):
                return
        pad = span * self.margin
        self.range = (low - pad, high + pad)
        self.plot.setYRange(*self.range, padding=0)


class GrowingXRange:
    """An x range (epochs) that doubles when the data reaches its right edge, up to ``limit``.

    A short run fills the plot; a long one starts readable and rescales only a few times.
    """

    def __init__(self, plot: Plot, start: float = 10.0) -> None:
        self.plot = plot_item(plot)
        self.start = start
        self.limit = start
        self.right = start

    def reset(self, limit: float) -> None:
        self.limit = max(1.0, float(limit))
        self.right = min(self.limit, self.start)
        self.plot.setXRange(0, self.right, padding=0.02)

    def fit(self, x: float) -> None:
        if x > 0.95 * self.right and self.right < self.limit:
            while x > 0.95 * self.right and self.right < self.limit:
                self.right = min(self.limit, self.right * 2)
            self.plot.setXRange(0, self.right, padding=0.02)
