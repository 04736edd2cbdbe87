"""The Neurons tab: each hidden neuron's output over the input plane, as TensorFlow Playground shows it.

One row per hidden layer, one small map per neuron (up to
:data:`~dlplayground.training.neuron_maps.MAX_NEURONS`): orange where the neuron's output is
negative, white near zero, blue where it is positive, scaled per layer so that a layer's
neurons compare with each other. The maps are plain images (no plot axes): many of them fit,
and redrawing them costs a few milliseconds.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import Qt

from dlplayground.qt.i18n import QT_TRANSLATE_NOOP
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from dlplayground.qt.i18n import translate
from dlplayground.qt.training.payloads import Analysis, RunInfo

#: each map's side on screen (px): as large as the view's width allows, between these
MAP_SIZE, MIN_MAP_SIZE = 52, 26
_NEGATIVE, _ZERO, _POSITIVE = np.array([245, 147, 34]), np.array([255, 255, 255]), np.array([8, 119, 189])
_NO_RUN = QT_TRANSLATE_NOOP("neurons_view", "Train a project on a 2-D dataset to see what each neuron computes here.")


def neuron_image(values: np.ndarray, scale: float) -> np.ndarray:
    """``[H, W]`` outputs as ``[H, W, 3]`` RGB rows from the top (y grows upwards on screen)."""
    t = np.clip(np.asarray(values, np.float64) / (scale if scale > 0 else 1.0), -1.0, 1.0)[..., None]
    rgb = np.where(t < 0, _ZERO + (_NEGATIVE - _ZERO) * -t, _ZERO + (_POSITIVE - _ZERO) * t)
    return np.ascontiguousarray(np.flipud(rgb).astype(np.uint8))


def _pixmap(rgb: np.ndarray, size: int) -> QPixmap:
    height, width, _ = rgb.shape
    image = QImage(rgb.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()  # own its bytes
    return QPixmap.fromImage(image).scaled(size, size, Qt.AspectRatioMode.IgnoreAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation)


class NeuronsView(QWidget):
    """Per-neuron maps of the latest analysis (planar datasets)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._maps: Any = None  # the latest analysis's NeuronMaps
        self._step = 0
        self._dirty = False
        self.grid_widget = QWidget()
        self.grid = QGridLayout(self.grid_widget)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(3)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.scroll_area = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.grid_widget)
        self.caption = QLabel(translate("neurons_view", _NO_RUN))
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.caption)
        #: the map labels by (layer row, neuron); rebuilt when the layers change
        self.labels: dict[tuple[int, int], QLabel] = {}
        self._shape: tuple = ()
        self.map_size = MAP_SIZE

    def _fitting_size(self) -> int:
        """The map side that fits the widest layer's row into the view's width."""
        widest = max((shown for _node, shown, _width in self._shape), default=1)
        names = max((widget.sizeHint().width() for r in range(len(self._shape))
                     if (item := self.grid.itemAtPosition(r, 0)) is not None and (widget := item.widget()) is not None),
                    default=0)
        room = self.scroll_area.viewport().width() - names - self.grid.spacing() * (widest + 1)
        return int(min(MAP_SIZE, max(MIN_MAP_SIZE, room // max(widest, 1))))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self._shape and self._fitting_size() != self.map_size:
            self._dirty = True
            self._shape = ()  # rebuilt at the new size on the next frame

    def start(self, info: RunInfo) -> None:
        self._clear_grid()
        self._maps = None
        if info.planar:
            self.caption.setText(self.tr("Each map: one neuron's output over the input plane (orange negative, "
                                         "blue positive, scaled per layer), updated as the network trains."))
        else:
            self.caption.setText(self.tr("Neuron maps are drawn for datasets of 2-D points."))

    def clear(self) -> None:
        self._clear_grid()
        self._maps = None
        self._dirty = False
        self.caption.setText(translate("neurons_view", _NO_RUN))

    def show_analysis(self, analysis: Analysis) -> None:
        if analysis.neurons is not None:
            self._maps, self._step = analysis.neurons, analysis.step
            self._dirty = True

    @property
    def dirty(self) -> bool:
        return self._dirty

    def redraw(self) -> None:
        if not self._dirty or self._maps is None:
            return
        self._dirty = False
        maps = self._maps
        shape = tuple((node_id, len(values), width) for (node_id, values), width in zip(maps.layers, maps.widths))
        if shape != self._shape:
            self._build(shape)
        for row, (_node_id, values) in enumerate(maps.layers):
            scale = float(np.max(np.abs(values))) if values.size else 1.0
            for column, neuron in enumerate(values):
                self.labels[(row, column)].setPixmap(_pixmap(neuron_image(neuron, scale), self.map_size))

    def _build(self, shape: tuple) -> None:
        self._clear_grid()
        self._shape = shape
        for row, (node_id, shown, width) in enumerate(shape):
            name = QLabel(self.tr("<b>{node_id}</b><br>{width} neurons").format(node_id=node_id, width=width)
                          if shown == width else
                          self.tr("<b>{node_id}</b><br>{shown} of {width} neurons").format(
                              node_id=node_id, shown=shown, width=width))
            name.setTextFormat(Qt.TextFormat.RichText)
            self.grid.addWidget(name, row, 0)
        self.map_size = self._fitting_size()
        for row, (node_id, shown, _width) in enumerate(shape):
            for column in range(shown):
                label = QLabel()
                label.setFixedSize(self.map_size, self.map_size)
                label.setToolTip(self.tr("{node_id}, neuron {index}").format(node_id=node_id, index=column))
                self.grid.addWidget(label, row, column + 1)
                self.labels[(row, column)] = label

    def _clear_grid(self) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.labels = {}
        self._shape = ()
