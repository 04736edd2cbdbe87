"""Live learning curves: loss (per step and per epoch), accuracy and learning rate.

The x axis counts epochs, fractional for per-step values, so the noisy batch loss and the
per-epoch train/validation points share one axis. The band between the train and validation
curves is shaded: a widening band is over-fitting, visible at a glance.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from dlplayground.qt.training import plotting
from dlplayground.qt.training.buffers import GrowingSeries
from dlplayground.qt.training.payloads import Progress, RunInfo

#: the least height of each plot (title row included): below it, the panel scrolls instead.
#: The three fit the training dock of a 1280x720 window (the learning rate, usually a flat
#: line or a simple schedule, is a strip under the curves; it carries the shared epoch axis).
LOSS_MIN_HEIGHT = 86
ACCURACY_MIN_HEIGHT = 60
LR_MIN_HEIGHT = 78
#: the title rows of the stacked plots: one line of title or legend (pyqtgraph gives 30)
TITLE_HEIGHT = 21


class CurvesView(QWidget):
    """Loss, accuracy and learning-rate plots of the current run."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._steps_per_epoch = 1
        self._classification = True
        self._last_row = None
        self._dirty = False
        self.step_loss = GrowingSeries()
        self.epoch_loss = GrowingSeries(2)  # train, val
        self.epoch_acc = GrowingSeries(2)
        self.lr = GrowingSeries()

        # one canvas for the three plots: one paint per frame, not three. They share the x
        # axis, so only the lowest shows its numbers and label, and each legend sits in its
        # plot's title row: the room goes to the data, and no legend hides a curve.
        self.canvas = plotting.plot_stack()
        self.loss_plot = self.canvas.addPlot(row=0, col=0, axisItems={"left": plotting.ReadableAxis("left")})
        self.accuracy_plot = self.canvas.addPlot(row=1, col=0, axisItems={"left": plotting.ReadableAxis("left")})
        self.lr_plot = self.canvas.addPlot(row=2, col=0, axisItems={"left": plotting.ReadableAxis("left")})
        for plot, title in ((self.loss_plot, self.tr("Loss")), (self.accuracy_plot, self.tr("Accuracy")),
                            (self.lr_plot, self.tr("Learning rate"))):
            plotting.style_plot(plot, title, bottom=self.tr("epoch") if plot is self.lr_plot else "")
            plotting.title_left(plot)
        for plot in (self.loss_plot, self.accuracy_plot):
            plotting.hide_x_values(plot)
        for plot, height in ((self.loss_plot, LOSS_MIN_HEIGHT), (self.accuracy_plot, ACCURACY_MIN_HEIGHT),
                             (self.lr_plot, LR_MIN_HEIGHT)):
            plot.setMinimumHeight(height)
        layout_ = self.canvas.ci.layout
        layout_.setRowStretchFactor(0, 3)
        layout_.setRowStretchFactor(1, 2)
        layout_.setRowStretchFactor(2, 1)
        self.lr_plot.setMaximumHeight(LR_MIN_HEIGHT + 24)  # a strip: the room goes to loss and accuracy
        self.lr_plot.setPreferredHeight(LR_MIN_HEIGHT)
        # the canvas holds the three minimums, the rows' spacing and the margins (too little,
        # and the learning rate's axis would be cut off at the canvas's bottom)
        layout_.setContentsMargins(4, 4, 4, 2)
        layout_.setVerticalSpacing(4)
        self.canvas.setMinimumHeight(LOSS_MIN_HEIGHT + ACCURACY_MIN_HEIGHT + LR_MIN_HEIGHT + 4 + 2 + 2 * 4)
        plotting.align_left_axes(self.loss_plot, self.accuracy_plot, self.lr_plot)
        self.loss_legend = plotting.TitleLegend(self.loss_plot, title_height=TITLE_HEIGHT)
        self.accuracy_legend = plotting.TitleLegend(self.accuracy_plot, title_height=TITLE_HEIGHT)
        plotting.set_title_height(self.lr_plot, TITLE_HEIGHT)
        self.accuracy_plot.setYRange(0, 1, padding=0.02)
        self.accuracy_plot.getAxis("left").setTicks([[(v, f"{v:g}") for v in (0.0, 0.5, 1.0)],
                                                      [(v, "") for v in (0.25, 0.75)]])
        for plot in (self.accuracy_plot, self.lr_plot):
            plot.setXLink(self.loss_plot)  # one width (aligned left axes, no colour bar): pixels match
        self.loss_plot.getViewBox().disableAutoRange()  # x: the run's epochs; y: sticky
        self.accuracy_plot.getViewBox().disableAutoRange()
        self.loss_range = plotting.StickyRange(self.loss_plot)
        self.x_range = plotting.GrowingXRange(self.loss_plot)
        self.lr_range = plotting.StickyRange(self.lr_plot, margin=0.15)

        dash = Qt.PenStyle.DashLine
        self.curves = {
            "step": plotting.LiveCurve(self.loss_plot, self.step_loss, self.tr("batch loss"), plotting.STEP_COLOUR, 1.0),
            "train_loss": plotting.LiveCurve(self.loss_plot, self.epoch_loss, self.tr("train"), plotting.TRAIN_COLOUR, 2.0),
            "val_loss": plotting.LiveCurve(self.loss_plot, self.epoch_loss, self.tr("validation"), plotting.VAL_COLOUR,
                                           2.0, dash, column=1),
            "train_acc": plotting.LiveCurve(self.accuracy_plot, self.epoch_acc, self.tr("train"), plotting.TRAIN_COLOUR, 2.0),
            "val_acc": plotting.LiveCurve(self.accuracy_plot, self.epoch_acc, self.tr("validation"), plotting.VAL_COLOUR,
                                          2.0, dash, column=1),
            "lr": plotting.LiveCurve(self.lr_plot, self.lr, None, plotting.LR_COLOUR, 1.5),
        }
        # the over-fitting gap: shaded between the train and validation curves
        gap_brush = pg.mkBrush(*plotting.GAP_COLOUR)
        self.loss_gap = pg.FillBetweenItem(self.curves["train_loss"].item, self.curves["val_loss"].item, gap_brush)
        self.accuracy_gap = pg.FillBetweenItem(self.curves["train_acc"].item, self.curves["val_acc"].item, gap_brush)
        self.loss_plot.addItem(self.loss_gap)
        self.accuracy_plot.addItem(self.accuracy_gap)

        self.log_loss = QCheckBox(self.tr("log loss axis"))
        self.log_loss.setToolTip(self.tr("Show the loss on a logarithmic axis (late progress stays visible)"))
        self.log_loss.toggled.connect(self.set_log_loss)
        self.gap_label = QLabel()
        self.gap_label.setAutoFillBackground(True)
        self.gap_label.hide()  # an empty opaque label would show as a grey patch
        self.gap_label.setToolTip(self.tr("Validation minus training at the last epoch: a growing gap means over-fitting"))
        options = QHBoxLayout()
        options.addWidget(self.log_loss)
        options.addStretch(1)
        options.addWidget(self.gap_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)  # tight: the plots fit a 1280x720 window's dock
        layout.setSpacing(2)
        layout.addLayout(options)
        layout.addWidget(self.canvas, 1)

    # -- data ----------------------------------------------------------------------------
    def start(self, info: RunInfo) -> None:
        """Forget the previous run's curves."""
        self._steps_per_epoch = max(1, info.steps_per_epoch)
        self._classification = info.is_classification
        self._clear_curves()
        self._show_accuracy(self._classification)
        self._last_row = None
        self.x_range.reset(info.max_epochs)
        self.loss_range.reset()
        self.lr_range.reset()
        self._dirty = True

    def clear(self) -> None:
        """Show no run (another project was opened)."""
        self._clear_curves()
        self._show_accuracy(True)
        self._last_row = None
        self.x_range.reset(self.x_range.start)
        self.loss_range.reset()
        self.lr_range.reset()
        for plot in (self.loss_plot, self.lr_plot):
            plot.setYRange(0, 1, padding=0.02)
        self._dirty = False

    def _clear_curves(self) -> None:
        for curve in self.curves.values():
            curve.clear()
        for gap in (self.loss_gap, self.accuracy_gap):
            gap.setPath(QPainterPath())  # an emptied curve keeps its old path: the band would stay
        self.gap_label.clear()
        self.gap_label.hide()

    def _show_accuracy(self, visible: bool) -> None:
        """Put the accuracy plot in the stack or take it out (regression has no accuracy)."""
        shown = self.accuracy_plot in self.canvas.ci.items
        if visible and not shown:
            self.canvas.ci.removeItem(self.lr_plot)
            self.canvas.addItem(self.accuracy_plot, row=1, col=0)
            self.canvas.addItem(self.lr_plot, row=2, col=0)
        elif not visible and shown:
            self.canvas.ci.removeItem(self.accuracy_plot)
        self.canvas.ci.layout.setRowStretchFactor(1, 2 if visible else 0)
        self.accuracy_plot.setVisible(visible)

    def add(self, progress: Progress) -> None:
        if progress.steps:
            xs = [s / self._steps_per_epoch for s in progress.steps]
            self.step_loss.extend(xs, progress.batch_losses)
            self.lr.extend(xs, progress.lrs)
            self._dirty = True
        for row in progress.epochs:
            val_loss = math.nan if row.val_loss is None else row.val_loss
            self.epoch_loss.append(row.epoch, [row.train_loss, val_loss])
            if row.train_acc is not None:
                val_acc = math.nan if row.val_acc is None else row.val_acc
                self.epoch_acc.append(row.epoch, [row.train_acc, val_acc])
            self._last_row = row
            self._dirty = True

    def _show_gap(self, row) -> None:
        parts = []
        if row.val_loss is not None and math.isfinite(row.val_loss):
            parts.append(self.tr("loss gap (val − train) {value:+.3g}").format(value=row.val_loss - row.train_loss))
        if row.val_acc is not None and row.train_acc is not None:
            parts.append(self.tr("accuracy gap {value:+.1f} pts").format(value=100 * (row.train_acc - row.val_acc)))
        self.gap_label.setText("   ".join(parts))
        self.gap_label.setVisible(bool(parts))

    # -- drawing -------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self._dirty

    def redraw(self) -> None:
        """Push new points to the curves (called by the panel's frame timer)."""
        if not self._dirty:
            return
        self._dirty = False
        for curve in self.curves.values():
            curve.redraw()
        if self._last_row is not None:
            self._show_gap(self._last_row)  # with the frame: a label change repaints the panel behind it
        self.loss_range.fit(self.step_loss.y(), self.epoch_loss.values.ravel())
        if len(self.step_loss):
            self.x_range.fit(float(self.step_loss.x[-1]))
        rates = self.lr.y()
        if len(rates):
            # from zero: a constant rate must read as a level, not as noise around itself
            self.lr_range.fit(np.array([0.0]), rates)

    def set_log_loss(self, on: bool) -> None:
        for key in ("step", "train_loss", "val_loss"):
            self.curves[key].log_y = on
        self.loss_plot.setLogMode(y=on)
        self.loss_range.reset(log=on)
        self._dirty = True
        self.redraw()
