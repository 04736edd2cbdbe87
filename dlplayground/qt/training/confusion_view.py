"""The confusion matrix of a classifier on its validation set.

Computed by the training thread at the end of every run and when asked for ("Compute now");
cells are coloured by the share of their true class (each row sums to 1) and show the counts.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from dlplayground.qt.i18n import QT_TRANSLATE_NOOP

from dlplayground.qt.training import plotting
from dlplayground.qt.training.payloads import Analysis, RunInfo
from dlplayground.qt.i18n import translate

#: cells with text are drawn up to this many classes (beyond, colour only)
TEXT_LIMIT = 12
_WHITE_TO_BLUE = pg.ColorMap([0.0, 1.0], [QColor("#ffffff"), QColor("#1d4ed8")])


#: what the view says before a run (or after another project was opened)
_NO_RUN = QT_TRANSLATE_NOOP("confusion_view", "Shown while a classifier trains (about once a second) and at the end of the run.")


class ConfusionView(QWidget):
    """A class x class heat map with counts.

    Signals:
        compute_requested(): the user wants a fresh matrix now.
    """

    compute_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._matrix = None
        self._step = 0
        self._texts: list[pg.TextItem] = []
        self._dirty = False
        self.plot = plotting.plot_widget(self.tr("Confusion matrix (validation)"), left=self.tr("true class"), bottom=self.tr("predicted class"))
        self.plot.getPlotItem().invertY(True)
        self.plot.getPlotItem().setAspectLocked(True)
        self.plot.getPlotItem().showGrid(x=False, y=False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setColorMap(_WHITE_TO_BLUE)
        self.plot.addItem(self.image)
        self.compute_button = QPushButton(self.tr("Compute now"))
        self.compute_button.setToolTip(self.tr("Evaluate the current weights on the validation set"))
        self.compute_button.clicked.connect(self.compute_requested)
        self.plot.setVisible(False)  # until there is a matrix to show
        self.caption = QLabel(translate("confusion_view", _NO_RUN))
        self.caption.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.caption, 1)
        row.addWidget(self.compute_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.plot, 1)
        layout.addLayout(row)

    @property
    def matrix(self):
        return self._matrix

    def start(self, info: RunInfo) -> None:
        self._matrix = None
        self.image.clear()
        self._clear_texts()
        self.plot.setVisible(False)
        self.compute_button.setEnabled(info.is_classification)
        self.caption.setText(self.tr("Updated about once a second while this tab is shown, and at the end of the run.")
                             if info.is_classification else self.tr("A regression model has no confusion matrix."))

    def clear(self) -> None:
        """Show no run (another project was opened): nothing to compute a matrix of."""
        self._matrix = None
        self._dirty = False
        self.image.clear()
        self._clear_texts()
        self.plot.setVisible(False)
        self.compute_button.setEnabled(False)
        self.caption.setText(translate("confusion_view", _NO_RUN))

    def show_analysis(self, analysis: Analysis) -> None:
        if analysis.confusion is not None:
            self._matrix = analysis.confusion
            self._step = analysis.step
            self._dirty = True

    @property
    def dirty(self) -> bool:
        return self._dirty

    def redraw(self) -> None:
        if not self._dirty or self._matrix is None:
            return
        self._dirty = False
        matrix = self._matrix
        self.plot.setVisible(True)
        shares = matrix.normalised()
        classes = len(shares)
        self.image.setImage(shares, autoLevels=False, levels=(0.0, 1.0))
        self.image.setRect(QRectF(-0.5, -0.5, classes, classes))
        ticks = [(i, name) for i, name in enumerate(matrix.class_names)]
        for side in ("left", "bottom"):
            self.plot.getPlotItem().getAxis(side).setTicks([ticks, []])
        self._clear_texts()
        if classes <= TEXT_LIMIT:
            for (row, col), count in np.ndenumerate(matrix.counts):
                colour = "w" if shares[row, col] > 0.55 else plotting.FOREGROUND
                text = pg.TextItem(str(count), color=colour, anchor=(0.5, 0.5))
                text.setFont(plotting.small_font(8))
                text.setPos(col, row)
                self.plot.addItem(text)
                self._texts.append(text)
        self.plot.setRange(xRange=(-0.5, classes - 0.5), yRange=(-0.5, classes - 0.5), padding=0.02)
        self.caption.setText(self.tr("Validation set at step {step}: accuracy {value:.1f}% ({value2} of {value3}). Rows: true class; colour: share of the row.").format(step=self._step, value=100 * matrix.accuracy, value2=int(np.trace(matrix.counts)), value3=int(matrix.counts.sum())))

    def _clear_texts(self) -> None:
        for text in self._texts:
            self.plot.removeItem(text)
        self._texts = []
