"""Shared look and building blocks of the training plots (pyqtgraph).

Plots are light-themed to match the editor. A :class:`LiveCurve` is one ``PlotDataItem`` over
a :class:`GrowingSeries`: it clips to the view, downsamples by peaks when zoomed out, and
drops non-finite points (and non-positive ones on a log axis) before drawing, since a NaN
loss must never break a plot.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QWidget

from dlplayground.qt.training.buffers import GrowingSeries
from dlplayground.qt.training.colours import (  # noqa: F401 - the plots' colours, re-exported
    BACKGROUND,
    EXPLODING_COLOUR,
    FOREGROUND,
    GAP_COLOUR,
    GRID_ALPHA,
    HEALTHY_COLOUR,
    LR_COLOUR,
    PALETTE,
    STEP_COLOUR,
    TRAIN_COLOUR,
    VAL_COLOUR,
    VANISHING_COLOUR,
    palette_colour,
)


def palette_rgb(count: int) -> np.ndarray:
    """``[count, 3]`` RGB (0..255) of the first ``count`` palette colours (cycled)."""
    return np.array([palette_colour(i).getRgb()[:3] for i in range(count)], np.float64)


Plot = pg.PlotWidget | pg.PlotItem


def plot_item(plot: Plot) -> pg.PlotItem:
    """The PlotItem of a PlotWidget, or the item itself."""
    return plot.getPlotItem() if isinstance(plot, pg.PlotWidget) else plot


def style_plot(item: pg.PlotItem, title: str = "", left: str = "", bottom: str = "", grid: bool = False) -> None:
    """Light colours, axis labels, no context-menu clutter.

    Plots are best made with ``enableMenu=False`` (:func:`plot_widget`, :func:`plot_stack` do):
    pyqtgraph builds a view box's menu eagerly, about a sixth of the window's start-up time for
    menus that are disabled here anyway.

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
    widget = pg.PlotWidget(parent=parent, background=BACKGROUND, enableMenu=False)
    style_plot(widget.getPlotItem(), title, left, bottom, grid)
    widget.setMinimumHeight(120)
    return widget


def whole_width(widget: pg.PlotWidget, least: int = 0) -> None:
    """Make ``widget`` no narrower than its plot needs: the title on one line, the axes and
    a colour bar whole (at least ``least`` pixels).

    pyqtgraph's layout knows its least width (a title label's is its text's), but the widget
    around it tells Qt's layouts only 68 px, so a narrow dialog cut titles and colour bars off.
    Call it once the title, axes and colour bar are set.
    """
    needed = widget.getPlotItem().effectiveSizeHint(Qt.SizeHint.MinimumSize).width()
    frame = 2 * widget.frameWidth()
    widget.setMinimumWidth(max(least, math.ceil(needed) + frame))


#: width of the left axis of stacked plots, so that their x axes line up
STACK_AXIS_WIDTH = 52


class PlotStack(pg.GraphicsLayoutWidget):
    """A canvas whose plots are made without a context menu (see :func:`plot_stack`)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # pyqtgraph binds addPlot to its layout's method on the instance, so wrap that one
        add_plot = self.addPlot

        def add_plot_without_menu(*args, **kwargs) -> pg.PlotItem:
            kwargs.setdefault("enableMenu", False)
            return add_plot(*args, **kwargs)

        self.addPlot = add_plot_without_menu


def plot_stack(parent: QWidget | None = None) -> pg.GraphicsLayoutWidget:
    """One canvas for several live plots: one paint per frame instead of one per plot."""
    canvas = PlotStack(parent=parent)
    canvas.setBackground(BACKGROUND)
    return canvas


def title_left(plot: Plot) -> None:
    """Put the title at the left, over the y axis (stacked plots read as a column of panels)."""
    title = plot_item(plot).titleLabel
    title.setAttr("justify", "left")
    title.setText(title.text)


class ReadableAxis(pg.AxisItem):
    """An axis whose labels never pile up on a short plot.

    On a linear axis, tick levels finer than the labels that fit are dropped. On a log
    axis, pyqtgraph labels the 2..9 multiples of every decade when a plot spans few decades; they
    crowd towards the top of each decade and overlap on a short plot. This one labels whole
    decades (every n-th if they do not fit), or 1, 2, 5 multiples when less than two decades
    show, and leaves the other multiples as unlabelled ticks.
    """

    #: the least distance between two labels, in pixels
    LABEL_SPACING = 22

    def __init__(self, orientation: str = "left", **kwargs) -> None:
        super().__init__(orientation, **kwargs)
        self.setStyle(maxTextLevel=0)

    def tickSpacing(self, minVal: float, maxVal: float, size: float):  # noqa: N802 - pyqtgraph override
        levels = super().tickSpacing(minVal, maxVal, size)
        fits = max(2, int(size // self.LABEL_SPACING))
        span = abs(maxVal - minVal)
        kept = [level for level in levels if level[0] > 0 and span / level[0] <= fits]
        if kept or not (math.isfinite(span) and span > 0):
            return kept or levels
        # even pyqtgraph's coarsest level is too fine: the first 1, 2, 5 step that fits
        exponent = math.floor(math.log10(span / fits))
        step = next(m * 10.0 ** exponent for m in (1, 2, 5, 10) if span / (m * 10.0 ** exponent) <= fits)
        return [(step, 0)]

    def logTickValues(self, minVal: float, maxVal: float, size: float, stdTicks):  # noqa: N802 - pyqtgraph override
        if not (math.isfinite(minVal) and math.isfinite(maxVal)) or maxVal <= minVal:
            return super().logTickValues(minVal, maxVal, size, stdTicks)
        fits = max(2, int(size // self.LABEL_SPACING))
        low, high = math.floor(minVal), math.ceil(maxVal)
        decades = [float(v) for v in range(low, high + 1) if minVal <= v <= maxVal]
        minor = [v + math.log10(m) for v in range(low, high) for m in range(2, 10)]
        minor = [v for v in minor if minVal <= v <= maxVal]
        if len(decades) >= 2:
            every = math.ceil(len(decades) / fits)
            labelled = decades[::every]
            return [(None, labelled), (None, [v for v in decades if v not in labelled] + minor)]
        # less than two decades: 1, 2, 5 multiples (as many as fit), the rest unlabelled
        for multiples in ((1, 2, 5), (1, 5), (1,)):
            labelled = [v + math.log10(m) for v in range(low, high + 1) for m in multiples]
            labelled = [v for v in labelled if minVal <= v <= maxVal]
            if len(labelled) <= fits:
                break
        rest = [v for v in decades + minor if all(abs(v - mark) > 1e-9 for mark in labelled)]
        return [(None, labelled), (None, rest)]


def hide_x_values(plot: Plot) -> None:
    """No numbers under a plot whose x axis repeats the one of the plot below it."""
    axis = plot_item(plot).getAxis("bottom")
    axis.setStyle(showValues=False)
    axis.setHeight(6)


def share_x_range(*plots: Plot) -> None:
    """Keep the plots' x ranges equal by value.

    pyqtgraph's ``setXLink`` matches screen pixels: a plot narrower than the other (a colour
    bar beside it) would show fewer steps, and the newest ones would be off screen.
    """
    items = [plot_item(p) for p in plots]
    busy = [False]

    def follow(source: pg.ViewBox, x_range) -> None:
        if busy[0]:
            return
        busy[0] = True
        try:
            for item in items:
                if item.getViewBox() is not source:
                    item.setXRange(*x_range, padding=0)
        finally:
            busy[0] = False

    for item in items:
        item.getViewBox().sigXRangeChanged.connect(follow)


def align_left_axes(*plots: pg.PlotItem) -> None:
    """Give stacked plots left axes of one width, so that the same x is at the same place."""
    for plot in plots:
        axis = plot.getAxis("left")
        axis.setWidth(STACK_AXIS_WIDTH)
        # stacked plots are short: fewer, well-spaced labels rather than a pile of them
        axis.setStyle(textFillLimits=[(0, 0.6), (2, 0.45), (4, 0.3), (6, 0.2)])


def legend(plot: Plot) -> pg.LegendItem:
    """A framed legend in the top-right corner of the data (for plots whose data leaves it free)."""
    item = plot_item(plot).addLegend(offset=(-8, 8), labelTextColor=FOREGROUND,
                                     brush=pg.mkBrush(255, 255, 255, 200), pen=pg.mkPen("#c8ced6"))
    item.setLabelTextSize("8pt")
    return item


#: height of a plot's title row (pyqtgraph's default)
TITLE_ROW_HEIGHT = 30
#: height of one row of entries of a :class:`TitleLegend`
LEGEND_ROW_HEIGHT = 17


class TitleLegend(pg.LegendItem):
    """A legend in the plot's title row, right-aligned beside a left-aligned title.

    It never covers data, however small the plot and wherever the curves go. Entries run
    side by side, ``per_row`` to a row (default: all in one); the title row grows to hold
    more than one row.

    Args:
        plot: the plot (its title moves to the left).
        per_row: entries per row (None: one row).
        title_height: the least height of the title row (a stack of short plots gives less).
    """

    def __init__(self, plot: Plot, per_row: int | None = None, title_height: int = 0) -> None:
        super().__init__(offset=None, labelTextColor=FOREGROUND, labelTextSize="8pt", horSpacing=2,
                         verSpacing=0, brush=pg.mkBrush(None), pen=pg.mkPen(None), frame=False)
        self.layout.setContentsMargins(0, 0, 0, 0)  # the title row has no room for margins
        self.plot = plot_item(plot)
        self.per_row = per_row
        self.title_height = title_height or TITLE_ROW_HEIGHT
        title_left(self.plot)
        self.setParentItem(self.plot)
        self.anchor(itemPos=(1, 0), parentPos=(1, 0), offset=(-6, 1))
        self.plot.legend = self  # named curves added to the plot join it
        self._lay_out()

    def set_per_row(self, per_row: int | None) -> None:
        self.per_row = per_row
        self._lay_out()

    def addItem(self, item, name) -> None:  # noqa: N802 - pyqtgraph override
        super().addItem(item, name)
        sample, label = self.items[-1]
        sample.setFixedHeight(LEGEND_ROW_HEIGHT)
        label.setFixedHeight(LEGEND_ROW_HEIGHT)
        self._lay_out()

    def removeItem(self, item) -> None:  # noqa: N802
        super().removeItem(item)
        self._lay_out()

    def clear(self) -> None:
        super().clear()
        self._lay_out()

    def updateSize(self) -> None:  # noqa: N802 - pyqtgraph override
        """Exactly the rows' height (pyqtgraph measures labels before they are laid out, taller)."""
        hint = self.layout.effectiveSizeHint(Qt.SizeHint.PreferredSize)
        rows = max(1, math.ceil(len(self.items) / max(self.columnCount, 1))) if self.items else 0
        self.setGeometry(0, 0, hint.width() if self.items else 0, rows * LEGEND_ROW_HEIGHT)

    def _lay_out(self) -> None:
        """Put the entries in rows of ``per_row`` and size the title row to them."""
        count = len(self.items)
        columns = max(1, min(count, self.per_row or count))
        for index in range(self.layout.count() - 1, -1, -1):
            self.layout.removeAt(index)
        self.columnCount = columns
        for index, (sample, label) in enumerate(self.items):
            row, column = divmod(index, columns)
            self.layout.addItem(sample, row, 2 * column, alignment=Qt.AlignmentFlag.AlignVCenter)
            self.layout.addItem(label, row, 2 * column + 1, alignment=Qt.AlignmentFlag.AlignVCenter)
        rows = max(1, math.ceil(count / columns))
        self.rowCount = rows
        self.updateSize()
        set_title_height(self.plot, max(self.title_height, rows * LEGEND_ROW_HEIGHT + 4))


def set_title_height(plot: Plot, height: int) -> None:
    """Give the title row of ``plot`` exactly ``height`` pixels."""
    item = plot_item(plot)
    item.layout.setRowFixedHeight(0, height)
    item.titleLabel.setMaximumHeight(height)


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
