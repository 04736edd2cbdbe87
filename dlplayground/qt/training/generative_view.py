"""Watching a generative model learn: GAN Lab's picture, samples, reconstructions, curves.

- A GAN on 2-D data: the discriminator's probability of "real" as a heat map (green: real,
  purple: fake), the real points (green), the generator's points from fixed noise (purple) and
  arrows where the generator's loss pushes them, redrawn live as in GAN Lab.
- A GAN on images: a grid of samples from fixed noise.
- An autoencoder or VAE: validation inputs (top row) above their reconstructions; a VAE whose
  z is 2-D also shows mu of the validation samples coloured by class.
- The objective's own curves per epoch (``d_loss, g_loss, d_real, d_fake``; ``recon_loss, kl``)
  and a visible note when the discriminator wins (``d_fake`` near 0) or the generator's samples
  collapse to a few modes.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, QTimer
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from dlplayground.qt.i18n import QT_TRANSLATE_NOOP
from dlplayground.qt.training import plotting
from dlplayground.qt.training.buffers import GrowingSeries
from dlplayground.qt.training.payloads import Analysis, GenerativeFrame, Progress, RunInfo

REAL_COLOUR, FAKE_COLOUR = "#1a9850", "#7b3294"
#: the discriminator's map: purple (says fake) through white to green (says real)
_FAKE_TO_REAL = pg.ColorMap([0.0, 0.5, 1.0], [QColor("#c2a5cf"), QColor("#f7f7f7"), QColor("#a6dba0")])
#: below this mean probability on fakes the discriminator has won
DISCRIMINATOR_WINS = 0.05
#: samples spreading less than this fraction of the data's: the generator has collapsed
COLLAPSED = 0.25
#: the narrowest a wrapped plot title gets, in pixels
TITLE_LEAST_WIDTH = 140
_CURVE_COLOURS = ("#d62728", "#1f77b4", REAL_COLOUR, FAKE_COLOUR)
_NO_RUN = QT_TRANSLATE_NOOP("GenerativeView", "Shown while an autoencoder, VAE or GAN trains (training.objective).")


def tile(images: np.ndarray, columns: int, gap: int = 1) -> np.ndarray:
    """``[N, C, H, W]`` (C 1 or 3) or ``[N, L]`` samples as one picture, ``columns`` per row
    (row-major; NaN between tiles)."""
    images = np.asarray(images, np.float32)
    if images.ndim == 2:  # vectors: one row of pixels each
        images = images[:, None, None, :]
    count, channels, height, width = images.shape
    rows = -(-count // columns)
    out = np.full(((height + gap) * rows - gap, (width + gap) * columns - gap, channels), np.nan, np.float32)
    for index in range(count):
        r, c = divmod(index, columns)
        out[r * (height + gap): r * (height + gap) + height, c * (width + gap): c * (width + gap) + width] = \
            images[index].transpose(1, 2, 0)
    return out[..., 0] if channels == 1 else out


class GenerativeView(QWidget):
    """The live pictures and curves of a generative run (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._info: RunInfo | None = None
        self._frame: GenerativeFrame | None = None
        self._dirty = False
        self._columns: tuple[str, ...] = ()
        self._shares: dict[int, float] = {}
        self._series = GrowingSeries(columns=4)
        self.layout_widget = plotting.plot_stack()
        self.picture = self.layout_widget.addPlot(row=0, col=0)
        plotting.style_plot(self.picture, "")
        self.picture.setAspectLocked(True)
        self.heat = pg.ImageItem(axisOrder="row-major")
        self.heat.setColorMap(_FAKE_TO_REAL)
        self.grid = pg.ImageItem(axisOrder="row-major")
        self.arrows = pg.PlotDataItem(pen=pg.mkPen(FAKE_COLOUR, width=1.2), connect="pairs")
        self.real = pg.ScatterPlotItem(size=4, pen=None, brush=pg.mkBrush(REAL_COLOUR))
        self.fake = pg.ScatterPlotItem(size=5, pen=pg.mkPen("w", width=0.5), brush=pg.mkBrush(FAKE_COLOUR))
        for item in (self.heat, self.grid, self.arrows, self.real, self.fake):
            self.picture.addItem(item)
        self.latent = self.layout_widget.addPlot(row=0, col=1)
        plotting.style_plot(self.latent, self.tr("Latent space (mu) by class"), left="z[1]", bottom="z[0]")
        self.latent_points = pg.ScatterPlotItem(size=5, pen=None)
        self.latent.addItem(self.latent_points)
        # side by side: the picture keeps its aspect ratio, so a wide dock has room beside it
        self.curves_plot = self.layout_widget.addPlot(row=0, col=2)
        plotting.style_plot(self.curves_plot, self.tr("Per epoch"), bottom=self.tr("epoch"))
        self.curves: list[pg.PlotDataItem] = []
        self.note = QLabel(self.tr(_NO_RUN))
        self.note.setObjectName("generativeNote")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.layout_widget, 1)
        layout.addWidget(self.note)
        self.clear()

    # -- the views' protocol ----------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self._dirty

    def start(self, info: RunInfo) -> None:
        self.clear()
        self._info = info
        if not info.is_generative:
            self.note.setText(self.tr(_NO_RUN))
            return
        gan = info.objective == "gan"
        self._columns = ("d_loss", "g_loss", "d_real", "d_fake") if gan else \
            ("recon_loss", "kl") if info.objective == "vae" else ("train_loss", "val_loss")
        for index, column in enumerate(self._columns):
            curve = pg.PlotDataItem(pen=pg.mkPen(_CURVE_COLOURS[index], width=2), name=column)
            self.curves_plot.addItem(curve)
            self.curves.append(curve)
        # the title is the legend: each column's name in its curve's colour
        self.curves_plot.setTitle(" &nbsp; ".join(
            f"<span style='color:{_CURVE_COLOURS[i]}'>&#9644;&nbsp;{c}</span>" for i, c in enumerate(self._columns)),
            size="9pt")
        title = (self.tr("Real (green), generated (purple), D's belief behind, arrows: G's moves")
                 if gan and info.planar else
                 self.tr("Samples from fixed noise") if gan else self.tr("Inputs (top) and reconstructions (below)"))
        self.picture.setTitle(title, size="9pt")
        self._arrange(gan, info.objective == "vae" and info.latent_dim == 2)
        self._wrap_titles()
        self.layout_widget.setVisible(True)
        self.note.setText(self.tr("Waiting for the first pictures..."))
        self.note.setStyleSheet("")

    def clear(self) -> None:
        self._info, self._frame, self._dirty = None, None, False
        self._series.clear()
        for item in (self.heat, self.grid):
            item.clear()
        for item in (self.arrows, self.real, self.fake, self.latent_points):
            item.setData([], [])
        for curve in self.curves:
            self.curves_plot.removeItem(curve)
        self.curves = []
        self.curves_plot.setTitle(self.tr("Per epoch"), size="9pt")
        self._wrap_titles()
        self.latent.setVisible(False)
        self.layout_widget.setVisible(False)
        self.note.setText(self.tr(_NO_RUN))
        self.note.setStyleSheet("")

    def _arrange(self, gan: bool, latent: bool) -> None:
        """A GAN: its picture beside the curves; an autoencoder: the reconstructions above the
        curves (and a VAE's latent plane beside them)."""
        layout = self.layout_widget.ci
        for item in (self.picture, self.latent, self.curves_plot):
            if item in layout.items:
                layout.removeItem(item)
        # the share of the width each plot's column gets, for its title (_wrap_titles)
        half = 0.36  # of the width, leaving room for two plots' axes and the spacing
        self._shares = {id(self.picture): half if gan else 0.9, id(self.latent): half,
                        id(self.curves_plot): half if gan or latent else 0.9}
        if gan:
            layout.addItem(self.picture, row=0, col=0)
            layout.addItem(self.curves_plot, row=0, col=1)
        else:
            layout.addItem(self.picture, row=0, col=0, colspan=2)
            if latent:
                layout.addItem(self.latent, row=1, col=0)
            layout.addItem(self.curves_plot, row=1, col=1 if latent else 0, colspan=1 if latent else 2)
        self.latent.setVisible(latent)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._wrap_titles()

    def _wrap_titles(self) -> None:
        """Wrap a plot's title to the share of the width its column gets: pyqtgraph makes a
        title's one line the plot's least width, and in a narrow dock (1280x720) the curves
        beside a GAN's picture were pushed past the view's edge."""
        width = max(self.layout_widget.width(), 1)
        for plot in (self.picture, self.curves_plot, self.latent):
            label = plot.titleLabel
            text = label.item
            text.setTextWidth(-1)  # the natural width first
            share = width * self._shares.get(id(plot), 0.9)
            if text.boundingRect().width() > share:
                text.setTextWidth(max(share, TITLE_LEAST_WIDTH))
            # pyqtgraph keeps a title row 30 pixels tall: a third wrapped line fell on the plot
            plotting.set_title_height(plot, max(plotting.TITLE_ROW_HEIGHT, math.ceil(text.boundingRect().height())))
            label.updateMin()
            label.resizeEvent(None)
        # the layout grew to the titles' old widths and keeps that size until the view is
        # resized: give it the view's width again, once the new minimum widths are in (the
        # layout takes them when it handles its posted layout request)
        QTimer.singleShot(0, self._fit_layout)

    def _fit_layout(self) -> None:
        self.layout_widget.ci.setGeometry(self.layout_widget.range)

    def show_analysis(self, analysis: Analysis) -> None:
        if analysis.generative is not None:
            self._frame = analysis.generative
            self._dirty = True

    def add(self, progress: Progress) -> None:
        """The objective's columns of every epoch completed."""
        if self._info is None or not self._columns:
            return
        for row in progress.epochs:
            values = row.as_dict()
            point = [values.get(c) for c in self._columns] + [np.nan] * (4 - len(self._columns))
            self._series.append(row.epoch, np.asarray([np.nan if v is None else v for v in point], np.float64))
            self._dirty = True

    def redraw(self) -> None:
        if not self._dirty:
            return
        self._dirty = False
        for index, curve in enumerate(self.curves):
            x, y = self._series.finite(index)
            curve.setData(x, y)
        frame = self._frame
        if frame is not None:
            if frame.field is not None:
                self._draw_field(frame)
            elif frame.samples is not None:
                self._draw_grid(frame.samples.images, 8)
            elif frame.reconstructions is not None:
                recon = frame.reconstructions
                self._draw_grid(np.concatenate([recon.inputs, recon.outputs]), len(recon.inputs))
            if frame.latent is not None and self.latent.isVisible():
                colours = plotting.palette_rgb(int(frame.latent.labels.max()) + 1 if len(frame.latent.labels) else 1)
                brushes = [pg.mkBrush(*colours[int(label) % len(colours)]) for label in frame.latent.labels]
                self.latent_points.setData(frame.latent.points[:, 0], frame.latent.points[:, 1], brush=brushes)
        self.note.setText(self.verdict())
        warning = self.warning()
        self.note.setStyleSheet("color: #b42318; font-weight: bold;" if warning else "")

    # -- drawing --------------------------------------------------------------------------------
    def _draw_field(self, frame: GenerativeFrame) -> None:
        field = frame.field
        assert field is not None
        xmin, xmax, ymin, ymax = field.bounds
        self.grid.clear()
        self.heat.setImage(field.heat, autoLevels=False, levels=(0.0, 1.0))
        self.heat.setRect(QRectF(xmin, ymin, xmax - xmin, ymax - ymin))
        self.real.setData(field.real[:, 0], field.real[:, 1])
        self.fake.setData(field.fake[:, 0], field.fake[:, 1])
        ends = field.fake + field.moves
        segments = np.empty((2 * len(field.fake), 2), np.float32)
        segments[0::2], segments[1::2] = field.fake, ends
        self.arrows.setData(segments[:, 0], segments[:, 1])
        self.picture.setRange(xRange=(xmin, xmax), yRange=(ymin, ymax), padding=0)

    def _draw_grid(self, images: np.ndarray, columns: int) -> None:
        picture = tile(images, columns)
        finite = picture[np.isfinite(picture)]
        low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        shown = np.nan_to_num(picture, nan=low)
        self.heat.clear()
        self.grid.setImage(shown[::-1], autoLevels=False, levels=(low, high if high > low else low + 1))
        self.grid.setRect(QRectF(0, 0, shown.shape[1], shown.shape[0]))
        self.picture.setRange(xRange=(0, shown.shape[1]), yRange=(0, shown.shape[0]), padding=0.02)

    # -- what the numbers say -------------------------------------------------------------------
    def latest(self, column: str) -> float | None:
        if column not in self._columns or not len(self._series):
            return None
        x, y = self._series.finite(self._columns.index(column))
        return float(y[-1]) if len(y) else None

    def warning(self) -> str:
        """A sentence when the game has gone wrong: the discriminator wins, or the generator collapses."""
        if self._info is None or self._info.objective != "gan":
            return ""
        d_fake = self.latest("d_fake")
        if d_fake is not None and d_fake < DISCRIMINATOR_WINS:
            return self.tr("The discriminator wins: it gives the fakes {value} on average (d_fake near 0), so the "
                           "generator's gradient fades. Try a lower discriminator learning rate or a smaller "
                           "discriminator.").format(value=f"{d_fake:.3f}")
        frame = self._frame
        spread = None if frame is None else (frame.field.spread if frame.field is not None else
                                             frame.samples.spread if frame.samples is not None else None)
        if spread is not None and np.isfinite(spread) and spread < COLLAPSED:
            return self.tr("The generator may have collapsed to a few modes: its samples spread {percent}% as "
                           "much as the data. Try a lower learning rate or more noise dimensions."
                           ).format(percent=f"{100 * spread:.0f}")
        return ""

    def verdict(self) -> str:
        warning = self.warning()
        if warning:
            return warning
        if self._info is None:
            return self.tr(_NO_RUN)
        parts = [f"{c} {v:.3g}" for c in self._columns if (v := self.latest(c)) is not None]
        if not parts:
            return self.tr("Waiting for the first epoch...")
        text = ", ".join(parts)
        if self._info.objective == "gan":
            text += self.tr(" (near the equilibrium d_real and d_fake both approach 0.5)")
        return text
