"""The decision boundary of a 2-D dataset, drawn under its points as in TensorFlow Playground.

For classification every grid cell takes the colours of the classes mixed by the model's
probabilities and faded towards white where the model is unsure, so the boundary shows as a
soft edge that sharpens while the model learns. For regression the predicted value is drawn
with a colour map whose bar also colours the points by their target.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from dlplayground.qt.i18n import QT_TRANSLATE_NOOP

from dlplayground.qt.training import plotting
from dlplayground.qt.training.payloads import Analysis, RunInfo
from dlplayground.qt.i18n import translate

#: how strongly a fully confident cell takes its class colour (1: as strong as the points)
TINT = 0.62
_REGRESSION_MAP = "CET-D1"
#: the most training (and, apart, validation) points drawn: past a few thousand the points hide
#: the boundary under them, and every repaint of the plane (each new boundary) draws them all
#: on the GUI thread while the model trains
MAX_DRAWN_POINTS = 2000


def thinned(count: int, limit: int = MAX_DRAWN_POINTS) -> slice:
    """Every k-th of ``count`` points, at most ``limit``: spread over the whole set, so class
    proportions hold however the points are ordered."""
    return slice(None, None, max(1, -(-count // limit)))


def class_image(probabilities: np.ndarray, tint: float = TINT) -> np.ndarray:
    """RGB ``[H, W, 3]`` uint8 from class probabilities ``[H, W, K]``.

    The colour is the probability-weighted mix of the class colours; confidence (how far the
    top probability is above chance) decides how far it is from white.
    """
    classes = probabilities.shape[-1]
    mix = probabilities @ plotting.palette_rgb(classes)
    chance = 1.0 / classes
    confidence = np.clip((probabilities.max(axis=-1) - chance) / (1.0 - chance), 0.0, 1.0)[..., None]
    weight = tint * confidence
    return np.clip(255.0 * (1.0 - weight) + mix * weight, 0, 255).astype(np.uint8)


#: what the view says before a run (or after another project was opened)
_NO_RUN = QT_TRANSLATE_NOOP("boundary_view", "Train a project on a 2-D dataset to see its decision boundary here.")


class BoundaryView(QWidget):
    """The model's view of the input plane, with the training and validation points on top."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._surface = None
        self._dirty = False
        self._info: RunInfo | None = None
        self._framed = False
        self.plot = plotting.plot_widget(self.tr("Decision boundary"), left="x₂", bottom="x₁")
        self.plot.getPlotItem().setAspectLocked(True)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        self.plot.addItem(self.image)
        self.legend = plotting.legend(self.plot)
        self._scatters: list[pg.ScatterPlotItem] = []
        self.colour_bar = pg.ColorBarItem(values=(0, 1), colorMap=pg.colormap.get(_REGRESSION_MAP),
                                          label=self.tr("prediction"), interactive=False, width=14)
        self._bar_inserted = False
        self.caption = QLabel(translate("boundary_view", _NO_RUN))
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.caption)
        self.plot.setVisible(False)  # empty axes say nothing: shown once a run on 2-D points starts

    def start(self, info: RunInfo) -> None:
        self._info = info
        self._surface = None
        self.image.clear()
        for scatter in self._scatters:
            self.plot.removeItem(scatter)
        self._scatters = []
        self.legend.clear()
        self.colour_bar.setVisible(info.planar and not info.is_classification)
        self.legend.setVisible(info.planar and info.is_classification)
        self.plot.setVisible(info.planar and info.points is not None)
        if not info.planar or info.points is None:
            self.caption.setText(self.tr("The decision boundary is drawn for datasets of 2-D points."))
            return
        if info.is_classification:
            self._add_class_points(info)
            self.caption.setText(self.tr("Colour: the class the model predicts, paler where it is unsure. "
                                 "Filled points: training set; ringed: validation set."))
        else:
            self._add_value_points(info)
            self.caption.setText(self.tr("Colour: the predicted value; points are coloured by their target."))
        drawn = len(info.points[thinned(len(info.points))])
        if drawn < len(info.points):
            self.caption.setText(self.caption.text() + " " + self.tr("Drawn: {drawn:,} of the {total:,} training points.")
                                 .format(drawn=drawn, total=len(info.points)))
        x0, x1 = float(np.min(info.points[:, 0])), float(np.max(info.points[:, 0]))
        y0, y1 = float(np.min(info.points[:, 1])), float(np.max(info.points[:, 1]))
        self.plot.setRange(xRange=(x0, x1), yRange=(y0, y1))
        self._framed = False  # the first surface of the run sets the view to its extent

    def set_axis_names(self, names: tuple[str, ...] | None) -> None:
        """Name the axes after the dataset's input columns (x₁ and x₂ without names)."""
        names = names or ()
        item = self.plot.getPlotItem()
        item.setLabel("bottom", names[0] if len(names) > 0 else "x₁")
        item.setLabel("left", names[1] if len(names) > 1 else "x₂")

    def clear(self) -> None:
        """Show no run (another project was opened)."""
        self._info = None
        self._surface = None
        self._dirty = False
        self.image.clear()
        for scatter in self._scatters:
            self.plot.removeItem(scatter)
        self._scatters = []
        self.legend.clear()
        self.plot.setVisible(False)
        self.caption.setText(translate("boundary_view", _NO_RUN))

    def _add_class_points(self, info: RunInfo) -> None:
        for index, name in enumerate(info.class_names):
            colour = plotting.palette_colour(index)
            for points, labels, pen, label in ((info.points, info.labels, pg.mkPen("w", width=0.8), name),
                                               (info.val_points, info.val_labels, pg.mkPen("#1f2933", width=1.2),
                                                None)):
                if points is None or labels is None:
                    continue
                every = thinned(len(points))
                chosen = points[every][labels[every] == index]
                scatter = pg.ScatterPlotItem(chosen[:, 0], chosen[:, 1], size=6, brush=pg.mkBrush(colour), pen=pen,
                                             name=label)
                self.plot.addItem(scatter)
                self._scatters.append(scatter)

    def _add_value_points(self, info: RunInfo) -> None:
        colour_map = pg.colormap.get(_REGRESSION_MAP)
        targets = np.concatenate([info.labels.reshape(len(info.labels), -1)[:, 0],
                                  info.val_labels.reshape(len(info.val_labels), -1)[:, 0]])
        low, high = float(targets.min()), float(targets.max())
        self._value_range = (low, high if high > low else low + 1.0)
        for points, values, pen in ((info.points, info.labels, pg.mkPen("w", width=0.8)),
                                    (info.val_points, info.val_labels, pg.mkPen("#1f2933", width=1.2))):
            every = thinned(len(points))
            points, values = points[every], values[every]
            scaled = (values.reshape(len(values), -1)[:, 0] - low) / (self._value_range[1] - low)
            brushes = [pg.mkBrush(c) for c in colour_map.map(np.clip(scaled, 0, 1), mode="qcolor")]
            scatter = pg.ScatterPlotItem(points[:, 0], points[:, 1], size=6, brush=brushes, pen=pen)
            self.plot.addItem(scatter)
            self._scatters.append(scatter)
        if not self._bar_inserted:
            self.colour_bar.setImageItem(self.image, insert_in=self.plot.getPlotItem())
            self._bar_inserted = True
        self.colour_bar.setLevels(self._value_range)

    def show_analysis(self, analysis: Analysis) -> None:
        if analysis.surface is not None:
            self._surface = analysis.surface
            self._step = analysis.step
            self._dirty = True

    @property
    def dirty(self) -> bool:
        return self._dirty

    def redraw(self) -> None:
        if not self._dirty or self._surface is None:
            return
        self._dirty = False
        surface = self._surface
        if surface.task == "classification":
            self.image.setImage(class_image(surface.values), autoLevels=False, levels=(0, 255))
        else:
            self.image.setImage(surface.values, autoLevels=False, levels=self._value_range)
        x0, x1, y0, y1 = surface.extent
        self.image.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        if not self._framed:
            self._framed = True
            self.plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        # (no step in the title: a title that changes width re-lays out the plot and its axes)
