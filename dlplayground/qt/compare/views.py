"""The comparison's plots: both runs' curves overlaid, gradient norm by depth, gradient flow.

Built from the live-training plots' parts (:mod:`dlplayground.qt.training.plotting`): growing
buffers, live curves that drop non-finite points, sticky ranges, the same colours and the same
vanishing/exploding rule (:func:`~dlplayground.training.analysis.gradient_flags`). The live
Gradients tab draws its heat map in one canvas with its other plots, x-linked to them, so the
comparison has its own :class:`FlowHeatmap`, drawn the same way. Run A is red and run B blue,
as in the degradation experiment's figure (plain red, residual blue).
"""

from __future__ import annotations

import math
from typing import Mapping

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from dlplayground.qt.training import plotting
from dlplayground.qt.training.buffers import GrowingSeries
from dlplayground.qt.training.payloads import Progress, RunInfo
from dlplayground.qt.i18n import translate

#: run A, run B
RUN_COLOURS = ("#d62728", "#1f77b4")
#: the same, faded, for the noisy per-step losses
STEP_COLOURS = ("#f2b5b5", "#b3cfe8")
RUN_NAMES = ("A", "B")
_TICK_LIMIT = 16
#: the least width of the loss and accuracy plots (their titles are short; the numbers need room)
CURVE_LEAST_WIDTH = 150
#: the most layer names on a heat map's axis (fewer when it is short)
HEATMAP_TICK_LIMIT = 12


class CompareCurves(QWidget):
    """Loss and accuracy of both runs on shared axes (x: epochs, fractional for steps)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loss_plot = plotting.plot_widget(self.tr("Loss"), bottom=self.tr("epoch"))
        self.accuracy_plot = plotting.plot_widget(self.tr("Accuracy"), bottom=self.tr("epoch"))
        for plot in (self.loss_plot, self.accuracy_plot):  # no legends: the dialog's header says what is what
            plot.getPlotItem().getViewBox().disableAutoRange()
        self.accuracy_plot.setXLink(self.loss_plot)
        self.accuracy_plot.setYRange(0, 1, padding=0.02)
        self.loss_range = plotting.StickyRange(self.loss_plot)
        self._steps_per_epoch = [1, 1]
        self._dirty = False
        self.step_loss = [GrowingSeries(), GrowingSeries()]
        self.epoch_loss = [GrowingSeries(2), GrowingSeries(2)]  # train, val
        self.epoch_acc = [GrowingSeries(2), GrowingSeries(2)]
        dash = Qt.PenStyle.DashLine
        self.curves: list[plotting.LiveCurve] = []
        for run in range(2):
            name, colour = RUN_NAMES[run], RUN_COLOURS[run]
            self.curves += [
                plotting.LiveCurve(self.loss_plot, self.step_loss[run], None, STEP_COLOURS[run], 1.0),
                plotting.LiveCurve(self.loss_plot, self.epoch_loss[run], f"{name} train", colour, 2.0),
                plotting.LiveCurve(self.loss_plot, self.epoch_loss[run], f"{name} validation", colour, 2.0, dash,
                                   column=1),
                plotting.LiveCurve(self.accuracy_plot, self.epoch_acc[run], f"{name} train", colour, 2.0),
                plotting.LiveCurve(self.accuracy_plot, self.epoch_acc[run], f"{name} validation", colour, 2.0,
                                   dash, column=1),
            ]
        for plot in (self.loss_plot, self.accuracy_plot):  # room for the axis's numbers too
            plotting.whole_width(plot, CURVE_LEAST_WIDTH)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.loss_plot)
        layout.addWidget(self.accuracy_plot)

    def start(self, infos: tuple[RunInfo, RunInfo]) -> None:
        for curve in self.curves:
            curve.clear()
        self._steps_per_epoch = [max(1, info.steps_per_epoch) for info in infos]
        self.accuracy_plot.setVisible(all(info.is_classification for info in infos))
        self.loss_plot.setXRange(0, max(1, max(info.max_epochs for info in infos)), padding=0.02)
        self.loss_range.reset()
        self._dirty = True

    def add(self, run: int, progress: Progress) -> None:
        if progress.steps:
            xs = np.asarray(progress.steps, np.float64) / self._steps_per_epoch[run]
            self.step_loss[run].extend(xs, np.asarray(progress.batch_losses, np.float64))
            self._dirty = True
        for row in progress.epochs:
            self.epoch_loss[run].append(row.epoch, [row.train_loss, _value(row.val_loss)])
            if row.train_acc is not None:
                self.epoch_acc[run].append(row.epoch, [row.train_acc, _value(row.val_acc)])
            self._dirty = True

    @property
    def dirty(self) -> bool:
        return self._dirty

    def redraw(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        for curve in self.curves:
            curve.redraw()
        self.loss_range.fit(*(s.y() for s in self.step_loss), *(s.values.ravel() for s in self.epoch_loss))


class DepthProfile(QWidget):
    """Gradient norm of every weighted layer of both runs at the same step, first on the left.

    Layers are matched by node id (run A's order); layers only run B has, such as the skip
    projections of a residual twin, are left out, and so are normalisation layers, whose norms
    would zigzag between the convolutions' (the heat maps show every layer).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = plotting.plot_widget(self.tr("Gradient norm by depth"), left=self.tr("gradient norm"),
                                         bottom=self.tr("layer"))
        self.plot.setLogMode(y=True)
        self.plot.getPlotItem().getAxis("left").enableAutoSIPrefix(False)  # no "(x0.001)" on a log axis
        self.plot.getPlotItem().showGrid(x=False, y=True, alpha=plotting.GRID_ALPHA)
        # no legend (it would cover points): the dialog's header names the red and the blue run
        self.items = [
            pg.PlotDataItem(pen=pg.mkPen(colour, width=2), symbol="o", symbolSize=6, symbolBrush=pg.mkBrush(colour),
                            symbolPen=pg.mkPen(colour))
            for colour in RUN_COLOURS
        ]
        for item in self.items:
            self.plot.addItem(item)
        self._layer_ids: tuple[str, ...] = ()
        self._records: list[dict[int, np.ndarray]] = [{}, {}]
        self._positions: list[np.ndarray] = [np.zeros(0, int), np.zeros(0, int)]
        self.step: int | None = None
        self._dirty = False
        plotting.whole_width(self.plot)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)

    def start(self, infos: tuple[RunInfo, RunInfo], layer_types: Mapping[str, str] | None = None) -> None:
        """Forget the previous comparison; ``layer_types`` (node id -> type, run A's) lets the
        plot leave normalisation layers out."""
        types = layer_types or {}
        self._layer_ids = tuple(n for n in infos[0].layer_ids if _category(types.get(n)) != "Normalisation")
        # where each plotted layer sits in each run's records (-1: that run has no such layer)
        self._positions = [_positions(infos[0].layer_ids, self._layer_ids),
                           _positions(infos[1].layer_ids, self._layer_ids)]
        self._records = [{}, {}]
        self.step = None
        for item in self.items:
            item.setData([], [])
        self.plot.getPlotItem().getAxis("bottom").setTicks([_thinned(self._layer_ids, 8), []])
        self.plot.setXRange(-0.5, max(len(self._layer_ids), 1) - 0.5, padding=0.02)
        self.plot.setTitle(self.tr("Gradient norm by depth"), color=plotting.FOREGROUND, size="10pt")
        self.plot.setLabel("bottom", self.tr("layer"), color=plotting.FOREGROUND)
        self._dirty = True

    def add(self, run: int, progress: Progress) -> None:
        for record in progress.gradients:
            self._records[run][record.step] = record.grad_norms
        if progress.gradients:
            self._dirty = True

    @property
    def dirty(self) -> bool:
        return self._dirty

    def latest_common_step(self) -> int | None:
        common = set(self._records[0]) & set(self._records[1])
        return max(common) if common else None

    def norms(self, run: int, step: int) -> np.ndarray:
        """Run ``run``'s gradient norms at ``step`` in run A's layer order (NaN where absent)."""
        values = self._records[run][step]
        positions = self._positions[run]
        out = np.full(len(positions), np.nan)
        present = (positions >= 0) & (positions < len(values))
        out[present] = values[positions[present]]
        return out

    def redraw(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        step = self.latest_common_step()
        if step is None:
            return
        self.step = step
        for run, item in enumerate(self.items):
            norms = self.norms(run, step)
            keep = np.isfinite(norms) & (norms > 0)  # a log axis: dead layers leave a gap
            item.setData(np.arange(len(norms))[keep], norms[keep])
        # older records are no longer drawn: keep only the one shown
        for records in self._records:
            for old in [s for s in records if s < step]:
                del records[old]
        # the step under the axis, not in the title: a title's one line is the plot's least
        # width, and the longer (Turkish) title pushed the plot past the dialog's edge
        self.plot.setLabel("bottom", self.tr("layer (both at step {step})").format(step=step), color=plotting.FOREGROUND)


class FlowHeatmap(QWidget):
    """One run's gradient flow: log10 gradient norm of every layer (rows) at every logged step
    (columns), with a line naming the layers whose gradients vanish or explode."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flags_label = QLabel()
        self.flags_label.setWordWrap(True)
        self.flags_label.setTextFormat(Qt.TextFormat.RichText)
        self.plot = plotting.plot_widget(self.tr("Layers × steps (log10 gradient norm)"), bottom=self.tr("epoch"))
        item = self.plot.getPlotItem()
        item.invertY(True)  # the first layer on top
        item.getViewBox().disableAutoRange()
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.colour_bar = pg.ColorBarItem(values=(-6, 0), colorMap=pg.colormap.get("viridis"),
                                          label=self.tr("log10 gradient norm"), interactive=False, width=14)
        self.colour_bar.setImageItem(self.image, insert_in=item)
        plotting.whole_width(self.plot)  # the title and the colour bar whole in a narrow dialog
        # as many layer names as the plot's height holds: a short dialog piled them up
        item.getViewBox().sigResized.connect(lambda _box: self._label_layers())
        self.norms = GrowingSeries(1)
        self.flags: dict[str, str] = {}
        self._layer_ids: tuple[str, ...] = ()
        self._steps_per_epoch = 1
        self._levels: tuple[float, float] | None = None
        self._dirty = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.flags_label)
        layout.addWidget(self.plot, 1)

    def start(self, info: RunInfo) -> None:
        self._layer_ids = info.layer_ids
        self._steps_per_epoch = max(1, info.steps_per_epoch)
        self.norms = GrowingSeries(max(len(self._layer_ids), 1))
        self.flags = {}
        self.flags_label.setText("")
        self.image.clear()
        self._label_layers()
        self.plot.setXRange(0, max(1, info.max_epochs), padding=0.02)
        self.plot.setYRange(-0.5, max(len(self._layer_ids), 1) - 0.5, padding=0)
        self._dirty = True

    def _label_layers(self) -> None:
        """Name every n-th layer on the left axis, n such that the names are a line apart."""
        height = self.plot.getPlotItem().getViewBox().height()
        axis = self.plot.getPlotItem().getAxis("left")
        line = QFontMetrics(axis.style.get("tickFont") or axis.font()).height()
        limit = max(2, min(HEATMAP_TICK_LIMIT, int(height // line)))
        axis.setTicks([_thinned(self._layer_ids, limit), []])

    def add(self, progress: Progress) -> None:
        records = [r for r in progress.gradients if r.node_ids == self._layer_ids]
        if not records:
            return
        for record in records:
            self.norms.append(record.step / self._steps_per_epoch, record.grad_norms)
        from dlplayground.training.analysis import gradient_flags

        self.flags = gradient_flags(records[-1])
        self._dirty = True

    @property
    def dirty(self) -> bool:
        return self._dirty

    def log_norms(self) -> np.ndarray:
        """``[layers, records]`` log10 gradient norms (NaN where not finite or zero)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            logs = np.log10(self.norms.values.T)
        logs[~np.isfinite(logs)] = np.nan
        return logs

    def redraw(self, levels: tuple[float, float] | None = None) -> None:
        """Draw what is new; ``levels`` (log10 low, high) fixes the colour scale, so that two
        heat maps side by side use one scale (default: this map's own range)."""
        if not self._dirty and levels == self._levels:
            return
        self._dirty = False
        self._levels = levels
        self.flags_label.setText(_flags_text(self.flags))
        count = len(self.norms)
        if count == 0:
            return
        logs = self.log_norms()
        levels = levels or shared_levels(logs)
        if levels is None:
            return
        low, high = levels
        self.image.setImage(logs, autoLevels=False, levels=(low, high))
        self.colour_bar.setLevels((low, high))
        xs = self.norms.x
        width = max(xs[-1] - xs[0], 1.0 / self._steps_per_epoch)
        step = width / max(count - 1, 1)
        self.image.setRect(QRectF(xs[0] - step / 2, -0.5, width + step, logs.shape[0]))


def shared_levels(*logs: np.ndarray) -> tuple[float, float] | None:
    """One colour range (log10 low, high) covering every finite value of ``logs``."""
    finite = np.concatenate([a[np.isfinite(a)].ravel() for a in logs]) if logs else np.zeros(0)
    if finite.size == 0:
        return None
    low, high = float(finite.min()), float(finite.max())
    return (low - 0.5, high + 0.5) if high - low < 1e-6 else (low, high)


def _flags_text(flags: dict[str, str]) -> str:
    from dlplayground.training.analysis import EXPLODING_RATIO, VANISHING_RATIO

    vanishing = [n for n, f in flags.items() if f == "vanishing"]
    exploding = [n for n, f in flags.items() if f == "exploding"]
    parts = []
    if vanishing:
        parts.append(translate("views", "<b style='color:{VANISHING_COLOUR}'>Vanishing gradients</b> in {count} layer(s) ({value}): below {VANISHING_RATIO:g}× the last layer's.").format(VANISHING_COLOUR=plotting.VANISHING_COLOUR, count=len(vanishing), value=_span(vanishing), VANISHING_RATIO=VANISHING_RATIO))
    if exploding:
        parts.append(translate("views", "<b style='color:{EXPLODING_COLOUR}'>Exploding gradients</b> in {count} layer(s) ({value}): above {EXPLODING_RATIO:g}× the last layer's, or not finite.").format(EXPLODING_COLOUR=plotting.EXPLODING_COLOUR, count=len(exploding), value=_span(exploding), EXPLODING_RATIO=EXPLODING_RATIO))
    return "<br>".join(parts) or translate("views", "Gradients reach every layer (none far below or above the last one).")


def _span(node_ids: list[str]) -> str:
    return ", ".join(node_ids) if len(node_ids) <= 4 else f"{node_ids[0]}, {node_ids[1]} … {node_ids[-1]}"


def _positions(ids: tuple[str, ...], wanted: tuple[str, ...]) -> np.ndarray:
    index = {node_id: i for i, node_id in enumerate(ids)}
    return np.array([index.get(n, -1) for n in wanted], int)


def _category(type_name: str | None) -> str | None:
    from dlplayground.layers.catalogue import CATALOGUE

    spec = CATALOGUE.get(type_name) if type_name else None
    return spec.category if spec is not None else None


def _thinned(layer_ids: tuple[str, ...], limit: int = _TICK_LIMIT) -> list[tuple[int, str]]:
    """Tick labels for at most about ``limit`` layers: every n-th, and the last one (the head)
    in place of a neighbour it would collide with."""
    count = len(layer_ids)
    every = max(1, math.ceil(count / limit))
    kept = [i for i in range(0, count, every) if count - 1 - i >= every or i == count - 1]
    if count and kept[-1] != count - 1:
        kept.append(count - 1)
    return [(i, layer_ids[i]) for i in kept]


def _value(value: float | None) -> float:
    return math.nan if value is None else value
