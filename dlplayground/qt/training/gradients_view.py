"""Gradient flow: per-layer gradient norms as curves, as a layers x steps heat map, and by depth.

Gradient norms span many decades, so every view is logarithmic: the curves on a log axis, the
heat map coloured by log10 with a colour bar, the bars measured in decades. Layers whose
norm drifts far below (vanishing) or above (exploding) the last layer's are listed, coloured
in the bar chart, and announced with :attr:`GradientsView.flags_changed` so the editor can
badge the nodes.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from dlplayground.qt.i18n import QT_TRANSLATE_NOOP
from dlplayground.qt.training import plotting
from dlplayground.qt.training.buffers import GrowingSeries
from dlplayground.qt.training.payloads import Progress, RunInfo

#: the curve plot has a legend only up to this many layers (beyond, the heat map names them)
LEGEND_LIMIT = 8
#: up to this many legend entries share one row (more take two rows)
LEGEND_ROW = 4
#: the least height of each plot (title row and axes included): below it, the panel scrolls
#: instead. The three and the flags line fit the training dock of a 1280x720 window, with a
#: finished run's one-line banner above the tabs (as the Curves tab does); a taller dock
#: gives the extra room to the plots, the heat map's rows first.
CURVE_MIN_HEIGHT = 64
HEATMAP_MIN_HEIGHT = 88
BAR_MIN_HEIGHT = 75
#: the title rows of the stacked plots: one line of title (pyqtgraph gives 30)
TITLE_HEIGHT = 21
#: the most layers the flags line names (the rest are in its tooltip)
NAMED_LAYERS = 4
#: the most layer names on the heat map's axis (fewer when it is short)
HEATMAP_TICK_LIMIT = 10
_COLOUR_MAP = "viridis"
#: what the tab says while no run is shown (before the first, or after another project was opened)
_IDLE_TEXT = QT_TRANSLATE_NOOP("GradientsView", "The gradient norm of every layer is drawn here while a model trains: "
                                                 "watch for layers whose gradients vanish or explode.")


class DecadeAxis(pg.AxisItem):
    """A left axis for values already in log10: ticks read 1e-3, 1e-2, ... at whole decades,
    every n-th decade where the axis is too short for all of them (they used to overlap)."""

    def tickValues(self, minVal: float, maxVal: float, size: float):  # noqa: N802 - Qt-style override
        low, high = math.floor(minVal), math.ceil(maxVal)
        fits = max(2, min(6, int(size // plotting.ReadableAxis.LABEL_SPACING)))
        step = max(1, math.ceil((high - low) / fits))
        return [(step, [float(v) for v in range(low, high + 1, step)])]

    def tickStrings(self, values, scale, spacing):  # noqa: N802
        return [f"1e{int(round(v))}" for v in values]


class GradientsView(QWidget):
    """The gradient-flow tab.

    Signals:
        flags_changed(dict): node id -> ``vanishing``/``exploding`` at the latest record.
    """

    flags_changed = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layer_ids: tuple[str, ...] = ()
        self._steps_per_epoch = 1
        self._norms = GrowingSeries(1)
        self._curves: list[plotting.LiveCurve] = []
        self._latest: np.ndarray | None = None
        self._flags: dict[str, str] = {}
        self._bar_range: tuple[float, float] | None = None
        self._dirty = False

        # one canvas for the three plots: one paint per frame, not three
        self.canvas = plotting.plot_stack()
        self.curve_plot = self.canvas.addPlot(row=0, col=0, axisItems={"left": plotting.ReadableAxis("left")})
        plotting.style_plot(self.curve_plot, self.tr("Gradient norm per layer"))
        self.curve_plot.setLogMode(y=True)
        self.curve_plot.getViewBox().disableAutoRange()
        self.curve_range = plotting.StickyRange(self.curve_plot)
        self.curve_range.reset(log=True)
        self.curve_x = plotting.GrowingXRange(self.curve_plot)
        self.curve_legend = plotting.TitleLegend(self.curve_plot, title_height=TITLE_HEIGHT)

        self.heatmap_plot = self.canvas.addPlot(row=1, col=0)
        plotting.style_plot(self.heatmap_plot, self.tr("Layers × steps (log10 gradient norm)"), bottom=self.tr("epoch"))
        self.heatmap_plot.invertY(True)  # the first layer on top, as in the editor's flow
        self.heatmap_plot.getViewBox().disableAutoRange()
        self.heatmap = pg.ImageItem(axisOrder="row-major")
        self.heatmap_plot.addItem(self.heatmap)
        # as many layer names as the map's height holds: a short map (a 1280x720 window) piled
        # ten of them into 30 px
        self.heatmap_plot.getViewBox().sigResized.connect(lambda _box: self._label_layers())
        # the colour bar gets a column of the canvas to itself, beside the heat map: every
        # plot keeps the same width, so a step is at the same place in the curves and the map
        self.colour_bar = pg.ColorBarItem(values=(-6, 0), colorMap=pg.colormap.get(_COLOUR_MAP),
                                          label=self.tr("log10 norm"), interactive=False, width=12)
        self.colour_bar.setImageItem(self.heatmap)
        self.canvas.addItem(self.colour_bar, row=1, col=1)
        # same steps by value, not by pixels (pyqtgraph's setXLink), whatever the widths
        plotting.share_x_range(self.curve_plot, self.heatmap_plot)

        self.bar_plot = self.canvas.addPlot(row=2, col=0, axisItems={"left": DecadeAxis("left")})
        plotting.style_plot(self.bar_plot, self.tr("Gradient norm by depth (latest step)"))
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.7)
        self.bar_plot.addItem(self.bars)
        self.threshold_line = pg.InfiniteLine(angle=0, pen=pg.mkPen(plotting.VANISHING_COLOUR, width=1,
                                                                    style=Qt.PenStyle.DashLine))
        self.threshold_line.setVisible(False)
        self.bar_plot.addItem(self.threshold_line)
        plotting.align_left_axes(self.curve_plot, self.heatmap_plot, self.bar_plot)
        plotting.hide_x_values(self.curve_plot)  # the heat map below shows the same epochs
        for plot in (self.heatmap_plot, self.bar_plot):
            plotting.title_left(plot)
        for plot, height in ((self.curve_plot, CURVE_MIN_HEIGHT), (self.heatmap_plot, HEATMAP_MIN_HEIGHT),
                             (self.bar_plot, BAR_MIN_HEIGHT)):
            plot.setMinimumHeight(height)
        for plot in (self.heatmap_plot, self.bar_plot):
            plotting.set_title_height(plot, TITLE_HEIGHT)
        layout_ = self.canvas.ci.layout
        layout_.setRowStretchFactor(0, 3)
        layout_.setRowStretchFactor(1, 3)
        layout_.setRowStretchFactor(2, 2)
        # tight: the canvas holds the three minimums, the rows' spacing and the margins (too
        # little, and the bars' layer names would be cut off at the canvas's bottom)
        layout_.setContentsMargins(4, 4, 4, 2)
        layout_.setVerticalSpacing(4)
        self._set_canvas_minimum()

        self.flags_label = QLabel()
        self.flags_label.setWordWrap(True)
        self.flags_label.setTextFormat(Qt.TextFormat.RichText)

        #: shown instead of the plots while no run is shown: empty axes would keep the last run's
        #: scales (or pyqtgraph's 0..1) and read as a broken chart
        self.idle_label = QLabel(self.tr(_IDLE_TEXT))
        self.idle_label.setObjectName("gradientsIdle")
        self.idle_label.setWordWrap(True)
        self.idle_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.idle_label.setStyleSheet("color: #52606d; padding: 12px;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)  # tight: the plots fit a 1280x720 window's dock
        layout.setSpacing(2)
        layout.addWidget(self.flags_label)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.idle_label, 1)
        self._show_plots(False)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """The plots' minimums and the flags at their wrapped height for this width: Qt's least
        height of a word-wrapped label is one line, so a two-line message pushed the bars'
        axis out of a 1280x720 window's dock instead of making it scroll."""
        hint = super().minimumSizeHint()
        label = self.flags_label
        if label.isVisibleTo(self) and label.text():
            layout = self.layout()
            assert layout is not None  # made in __init__
            margins = layout.contentsMargins()
            wrapped = label.heightForWidth(max(self.width() - margins.left() - margins.right(), 1))
            hint.setHeight(hint.height() + max(0, wrapped - label.minimumSizeHint().height()))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # the flags wrap anew

    # -- data ----------------------------------------------------------------------------
    def start(self, info: RunInfo) -> None:
        for curve in self._curves:
            self.curve_plot.removeItem(curve.item)
        self.curve_legend.clear()
        count = len(info.layer_ids)
        self.curve_legend.set_per_row(count if count <= LEGEND_ROW else math.ceil(count / 2))
        self._layer_ids = info.layer_ids
        self._steps_per_epoch = max(1, info.steps_per_epoch)
        count = len(self._layer_ids)
        self._norms = GrowingSeries(max(count, 1))
        colour_map = pg.colormap.get(_COLOUR_MAP)
        self._curves = []
        for index, node_id in enumerate(self._layer_ids):
            colour = colour_map.map(index / max(count - 1, 1) * 0.9, mode="qcolor")  # skip the palest end
            curve = plotting.LiveCurve(self.curve_plot, self._norms,
                                       node_id if count <= LEGEND_LIMIT else None, colour, 1.5, column=index)
            curve.log_y = True
            self._curves.append(curve)
        self.curve_legend.setVisible(0 < count <= LEGEND_LIMIT)
        self._set_canvas_minimum()  # a second legend row takes room from the curves' data
        self._latest = None
        self._set_flags({})
        ticks = [(i, node_id) for i, node_id in enumerate(self._layer_ids)]
        self._label_layers()
        self.bar_plot.getAxis("bottom").setTicks([_thin(ticks, 16), []])
        self.heatmap.clear()
        self.bars.setOpts(x=[], height=[])
        self.curve_x.reset(info.max_epochs)
        self.heatmap_plot.setYRange(-0.5, max(count, 1) - 0.5, padding=0)
        self.curve_range.reset(log=True)
        self._bar_range = None
        self.flags_label.setText("" if count else self.tr("This model has no trainable layers."))
        self._show_plots(True)
        self._dirty = True

    def _label_layers(self) -> None:
        """Name every n-th layer on the heat map's left axis, n such that the names are a line apart."""
        if not self._layer_ids:
            return
        axis = self.heatmap_plot.getAxis("left")
        line = QFontMetrics(axis.style.get("tickFont") or axis.font()).height()
        limit = max(2, min(HEATMAP_TICK_LIMIT, int(self.heatmap_plot.getViewBox().height() // line)))
        axis.setTicks([_thin(list(enumerate(self._layer_ids)), limit), []])

    def _set_canvas_minimum(self) -> None:
        """The curves' least height grows by the legend's rows past the first; the canvas
        holds the three plots' minimums, the spacing between them and its margins."""
        legend_rows = self.curve_legend.rowCount if self.curve_legend.isVisible() and self.curve_legend.items else 1
        curve = CURVE_MIN_HEIGHT + max(0, legend_rows - 1) * plotting.LEGEND_ROW_HEIGHT
        self.curve_plot.setMinimumHeight(curve)
        self.canvas.setMinimumHeight(curve + HEATMAP_MIN_HEIGHT + BAR_MIN_HEIGHT + 4 + 2 + 2 * 4)

    def _show_plots(self, shown: bool) -> None:
        self.canvas.setVisible(shown)
        self.idle_label.setVisible(not shown)

    def clear(self) -> None:
        """Show no run (another project was opened)."""
        for curve in self._curves:
            self.curve_plot.removeItem(curve.item)
        self._curves = []
        self.curve_legend.clear()
        self._layer_ids = ()
        self._norms = GrowingSeries(1)
        self._latest = None
        self._set_flags({})
        self.heatmap.clear()
        self.heatmap_plot.getAxis("left").setTicks(None)
        self.bar_plot.getAxis("bottom").setTicks(None)
        self.bars.setOpts(x=[], height=[])
        self.threshold_line.setVisible(False)
        self._bar_range = None
        self.flags_label.clear()
        # the next run sets its own scales; until then no axes of the last one are left on screen
        self.curve_range.reset(log=True)
        self._show_plots(False)
        self._dirty = False

    def add(self, progress: Progress) -> None:
        if not progress.gradients or not self._layer_ids:
            return
        for record in progress.gradients:
            if record.node_ids != self._layer_ids:
                continue
            self._norms.append(record.step / self._steps_per_epoch, record.grad_norms)
        self._latest = progress.gradients[-1].grad_norms.copy()
        from dlplayground.training.analysis import gradient_flags

        self._set_flags(gradient_flags(progress.gradients[-1]))
        self._dirty = True

    def _set_flags(self, flags: dict[str, str]) -> None:
        from_before = self._flags
        self._flags = flags
        vanishing = [n for n, f in flags.items() if f == "vanishing"]
        exploding = [n for n, f in flags.items() if f == "exploding"]
        parts = []
        if vanishing:
            parts.append(self.tr("<b style='color:{VANISHING_COLOUR}'>Vanishing gradients</b> in {count} layer(s): {value} — their gradient norm is below {value2} of the last layer's.").format(VANISHING_COLOUR=plotting.VANISHING_COLOUR, count=len(vanishing), value=_names(vanishing), value2=_ratio('VANISHING_RATIO')))
        if exploding:
            parts.append(self.tr("<b style='color:{EXPLODING_COLOUR}'>Exploding gradients</b> in {value} — norm above {value2} of the last layer's, or not finite.").format(EXPLODING_COLOUR=plotting.EXPLODING_COLOUR, value=_names(exploding), value2=_ratio('EXPLODING_RATIO')))
        if not parts and self._latest is not None:
            parts.append(self.tr("Gradients flow to every layer (no layer far below or above the last one)."))
        self.flags_label.setText("<br>".join(parts))
        # the line names a few layers; the tooltip names them all (the bars are coloured too)
        flagged = [*vanishing, *exploding]
        self.flags_label.setToolTip(", ".join(flagged) if len(flagged) > NAMED_LAYERS else "")
        self.updateGeometry()  # one line or two: the least height changes with it
        if flags != from_before:
            self.flags_changed.emit(dict(flags))

    @property
    def flags(self) -> dict[str, str]:
        return dict(self._flags)

    # -- drawing -------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self._dirty

    def redraw(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        for curve in self._curves:
            curve.redraw()
        self.curve_range.fit(self._norms.values.ravel())
        if len(self._norms):
            self.curve_x.fit(float(self._norms.x[-1]))
        self._draw_heatmap()
        self._draw_bars()

    def _draw_heatmap(self) -> None:
        count = len(self._norms)
        if count == 0:
            return
        with np.errstate(divide="ignore", invalid="ignore"):
            logs = np.log10(self._norms.values.T)  # [layers, records]
        logs[~np.isfinite(logs)] = np.nan
        finite = logs[np.isfinite(logs)]
        if finite.size == 0:
            return
        low, high = float(finite.min()), float(finite.max())
        if high - low < 1e-6:
            low, high = low - 0.5, high + 0.5
        self.heatmap.setImage(logs, autoLevels=False, levels=(low, high))
        self.colour_bar.setLevels((low, high))
        xs = self._norms.x
        width = max(xs[-1] - xs[0], 1.0 / self._steps_per_epoch)
        step = width / max(count - 1, 1)
        self.heatmap.setRect(QRectF(xs[0] - step / 2, -0.5, width + step, logs.shape[0]))

    def _draw_bars(self) -> None:
        latest = self._latest
        if latest is None or latest.size == 0:
            return
        from dlplayground.training.analysis import VANISHING_RATIO

        with np.errstate(divide="ignore", invalid="ignore"):
            logs = np.log10(latest)
        finite = logs[np.isfinite(logs)]
        reference = latest[-1]
        threshold = (math.log10(reference * VANISHING_RATIO) if np.isfinite(reference) and reference > 0
                     else None)
        self.threshold_line.setVisible(threshold is not None)
        if threshold is not None:
            self.threshold_line.setValue(threshold)
        # bars rise from a whole decade below everything drawn, the threshold line included
        drawn = [*finite.tolist(), *([threshold] if threshold is not None else [])]
        floor = math.floor(min(drawn, default=0.0)) - 1
        top = max(drawn, default=floor + 1)
        heights = np.where(np.isfinite(logs), logs - floor, 0.0)
        brushes = [pg.mkBrush(plotting.VANISHING_COLOUR if self._flags.get(n) == "vanishing" else
                              plotting.EXPLODING_COLOUR if self._flags.get(n) == "exploding" else
                              plotting.HEALTHY_COLOUR) for n in self._layer_ids]
        self.bars.setOpts(x=np.arange(len(latest)), height=heights, y0=floor, width=0.7, brushes=brushes,
                          pen=pg.mkPen(None))
        bar_range = (float(floor), float(math.ceil(top)))  # whole decades: the axis rarely moves
        if bar_range != self._bar_range:
            self._bar_range = bar_range
            self.bar_plot.setYRange(*bar_range, padding=0)
            self.bar_plot.setXRange(-0.6, len(latest) - 0.4, padding=0)


def _thin(ticks: list[tuple[int, str]], limit: int) -> list[tuple[int, str]]:
    """At most about ``limit`` tick labels: every n-th, and the last one (the head) in place of
    a neighbour it would collide with."""
    if len(ticks) <= limit:
        return ticks
    count = len(ticks)
    every = math.ceil(count / limit)
    kept = [ticks[i] for i in range(0, count, every) if count - 1 - i >= every or i == count - 1]
    return kept if kept[-1] == ticks[-1] else [*kept, ticks[-1]]


def _names(node_ids: list[str]) -> str:
    """The first few of ``node_ids`` and the last, so that the line fits a 1280x720 window's dock
    (a deep model's twenty names wrapped it onto a second line, and pushed the bars' axis out)."""
    if len(node_ids) <= NAMED_LAYERS:
        return ", ".join(node_ids)
    return ", ".join(node_ids[:NAMED_LAYERS - 1]) + " … " + node_ids[-1]


def _ratio(name: str) -> str:
    from dlplayground.training import analysis

    value = getattr(analysis, name)
    return f"{value:g}×"
