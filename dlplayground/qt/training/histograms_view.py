"""Weight and gradient histograms of the selected layer, updated while it trains.

The layer follows the editor's selection (or the combo box); the training thread computes
the histograms a few times a second only for that layer.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from dlplayground.qt.training import plotting
from dlplayground.qt.training.payloads import Analysis, RunInfo


class HistogramsView(QWidget):
    """Two histograms (weights, gradients) of one layer.

    Signals:
        layer_chosen(str): the user picked a layer in the combo box.
    """

    layer_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._latest = None
        self._dirty = False
        self.layer_box = QComboBox()
        self.layer_box.setToolTip(self.tr("The layer whose parameters are shown (follows the editor's selection)"))
        self.layer_box.currentTextChanged.connect(self._chosen)
        self.info = QLabel()
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Layer:")))
        row.addWidget(self.layer_box, 1)
        row.addWidget(self.info, 2)

        self.weight_plot = plotting.plot_widget(self.tr("Weights"), left="count", bottom="value")
        self.gradient_plot = plotting.plot_widget(self.tr("Gradients (latest step)"), left="count", bottom="value")
        self.weight_curve = pg.PlotDataItem(stepMode="center", fillLevel=0, pen=pg.mkPen(plotting.TRAIN_COLOUR),
                                            brush=pg.mkBrush(37, 99, 235, 90))
        self.gradient_curve = pg.PlotDataItem(stepMode="center", fillLevel=0, pen=pg.mkPen(plotting.VAL_COLOUR),
                                              brush=pg.mkBrush(234, 88, 12, 90))
        self.weight_plot.addItem(self.weight_curve)
        self.gradient_plot.addItem(self.gradient_curve)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.weight_plot, 1)
        layout.addWidget(self.gradient_plot, 1)

    @property
    def layer(self) -> str | None:
        return self.layer_box.currentText() or None

    def start(self, info: RunInfo) -> None:
        current = self.layer
        self.layer_box.blockSignals(True)
        self.layer_box.clear()
        self.layer_box.addItems(list(info.layer_ids))
        self.layer_box.blockSignals(False)
        if current in info.layer_ids:
            self.layer_box.setCurrentText(current)
        elif info.layer_ids:
            self.layer_box.setCurrentIndex(0)
        self._latest = None
        self.weight_curve.setData([], [])
        self.gradient_curve.setData([], [])
        self.info.clear()
        self.layer_chosen.emit(self.layer or "")

    def clear(self) -> None:
        """Show no run (another project was opened)."""
        self.layer_box.blockSignals(True)
        self.layer_box.clear()
        self.layer_box.blockSignals(False)
        self._latest = None
        self._dirty = False
        self.weight_curve.setData([], [])
        self.gradient_curve.setData([], [])
        self.info.clear()

    def select_layer(self, node_id: str) -> bool:
        """Show ``node_id`` if it is a trainable layer of the run; return whether it is."""
        if self.layer_box.findText(node_id) < 0:
            return False
        self.layer_box.setCurrentText(node_id)
        return True

    def _chosen(self, node_id: str) -> None:
        if node_id:
            self.layer_chosen.emit(node_id)

    def show_analysis(self, analysis: Analysis) -> None:
        if analysis.histograms is not None and analysis.histograms.node_id == self.layer:
            self._latest = analysis.histograms
            self._dirty = True

    @property
    def dirty(self) -> bool:
        return self._dirty

    def redraw(self) -> None:
        if not self._dirty or self._latest is None:
            return
        self._dirty = False
        latest = self._latest
        self.weight_curve.setData(latest.weights.edges, latest.weights.counts)
        if latest.gradients is not None:
            self.gradient_curve.setData(latest.gradients.edges, latest.gradients.counts)
        else:
            self.gradient_curve.setData([], [])
        spread = _spread(latest.weights.edges, latest.weights.counts)
        self.info.setText(self.tr("{parameter_count:,} parameters · weight std ≈ {spread:.3g} · step {step}").format(parameter_count=latest.parameter_count, spread=spread, step=latest.step))


def _spread(edges: np.ndarray, counts: np.ndarray) -> float:
    """Standard deviation estimated from a histogram (bin centres weighted by counts)."""
    total = counts.sum()
    if total == 0:
        return float("nan")
    centres = (edges[:-1] + edges[1:]) / 2
    mean = float((centres * counts).sum() / total)
    return float(np.sqrt(((centres - mean) ** 2 * counts).sum() / total))
