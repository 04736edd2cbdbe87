"""What a convolutional model sees: its first filters, one sample's feature maps, Grad-CAM.

The user picks a validation sample and a node with ``[C, H, W]`` output (a convolution, the
activation after it, a pooling); the training thread sends that node's feature maps and,
for classifiers, a Grad-CAM map of the chosen (or predicted) class, drawn over the sample.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLabel, QSpinBox, QVBoxLayout, QWidget
from dlplayground.qt.i18n import QT_TRANSLATE_NOOP

from dlplayground.qt.training import plotting
from dlplayground.qt.training.payloads import Analysis, RunInfo
from dlplayground.qt.i18n import translate

#: Grad-CAM overlay opacity over the sample
CAM_OPACITY = 0.75
_FEATURE_MAP = "viridis"
_CAM_MAP = "inferno"


def heat_overlay(heat: np.ndarray, opacity: float = CAM_OPACITY, colour_map: str = _CAM_MAP) -> np.ndarray:
    """RGBA ``[H, W, 4]`` uint8: ``heat`` in [0, 1] coloured by ``colour_map``, transparent where
    it is 0, so the sample stays readable under the places without evidence."""
    heat = np.clip(np.nan_to_num(np.asarray(heat, np.float64)), 0.0, 1.0)
    rgba = pg.colormap.get(colour_map).map(heat.ravel(), mode="byte").reshape(*heat.shape, 4).copy()
    rgba[..., 3] = np.round(255 * opacity * np.sqrt(heat)).astype(np.uint8)  # sqrt: faint evidence shows
    return rgba


def as_display_image(image: np.ndarray) -> np.ndarray:
    """``[C, H, W]`` -> ``[H, W]`` (one channel) or ``[H, W, 3]`` (three), scaled to [0, 1]."""
    from dlplayground.training.image_analysis import normalise_each

    image = np.asarray(image, np.float64)
    shown = image.transpose(1, 2, 0) if image.shape[0] == 3 else image.mean(axis=0)
    return normalise_each(shown[None])[0]


#: what the view says before a run (or after another project was opened)
_NO_RUN = QT_TRANSLATE_NOOP("images_view", "Train a project on an image dataset to see its filters and feature maps here.")


class _ImagePanel:
    """A titled, axis-free, upright image box in a ``GraphicsLayoutWidget``."""

    def __init__(self, layout: pg.GraphicsLayoutWidget, title: str, row: int, col: int,
                 colour_map: str | None = None, rowspan: int = 1) -> None:
        self.title = title
        self.label = layout.addLabel(title, row=row * 2, col=col, color=plotting.FOREGROUND, size="9pt")
        self.box = layout.addViewBox(row=row * 2 + 1, col=col, rowspan=rowspan, lockAspect=True,
                                     enableMouse=False, invertY=True, enableMenu=False)
        self.image = pg.ImageItem(axisOrder="row-major")
        if colour_map:
            self.image.setColorMap(pg.colormap.get(colour_map))
        self.box.addItem(self.image)

    def show(self, image: np.ndarray | None, title: str | None = None) -> None:
        if image is None:
            self.image.clear()
        else:
            self.image.setImage(image, autoLevels=False, levels=(0.0, 1.0))
            self.box.autoRange(padding=0.02)
        if title is not None and title != self.title:  # a new title re-lays out the canvas
            self.title = title
            self.label.setText(title, color=plotting.FOREGROUND, size="9pt")


class ImagesView(QWidget):
    """Filters, feature maps and Grad-CAM of an image model.

    Signals:
        choice_changed(): the node, the sample or the Grad-CAM settings changed.
    """

    choice_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._info: RunInfo | None = None
        self._analysis: Analysis | None = None
        self._dirty = False

        self.node_box = QComboBox()
        self.node_box.setToolTip(self.tr("The node whose feature maps are shown (any node with a [C, H, W] output)"))
        self.sample_box = QSpinBox()
        self.sample_box.setToolTip(self.tr("Which validation sample to look at"))
        self.cam_box = QCheckBox(self.tr("Grad-CAM"))
        self.cam_box.setChecked(True)
        self.cam_box.setToolTip(self.tr("Overlay where the chosen node holds evidence for the class (Selvaraju et al. 2017)"))
        self.class_box = QComboBox()
        self.class_box.setToolTip(self.tr("The class Grad-CAM explains"))
        self.class_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # "predicted class"
        for signal in (self.node_box.currentIndexChanged, self.class_box.currentIndexChanged,
                       self.sample_box.valueChanged, self.cam_box.toggled):
            signal.connect(self._changed)
        # two rows: the view often lives in a narrow dock
        controls = QGridLayout()
        controls.addWidget(QLabel(self.tr("Node:")), 0, 0)
        controls.addWidget(self.node_box, 0, 1)
        controls.addWidget(QLabel(self.tr("Sample:")), 0, 2)
        controls.addWidget(self.sample_box, 0, 3)
        controls.addWidget(self.cam_box, 1, 0, 1, 2)
        controls.addWidget(self.class_box, 1, 2, 1, 2)
        controls.setColumnStretch(1, 1)

        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setBackground(plotting.BACKGROUND)
        self.sample_panel = _ImagePanel(self.canvas, self.tr("Sample"), 0, 0)
        self.cam_panel = _ImagePanel(self.canvas, "Grad-CAM", 0, 1)
        self.cam_overlay = pg.ImageItem(axisOrder="row-major")
        self.cam_panel.box.addItem(self.cam_overlay)
        self.filters_panel = _ImagePanel(self.canvas, self.tr("First convolution's filters"), 0, 2)
        self.features_panel = _ImagePanel(self.canvas, self.tr("Feature maps"), 1, 0, _FEATURE_MAP)
        for column in range(3):
            self.canvas.ci.layout.setColumnStretchFactor(column, 1)
        # feature maps span every column: there are usually many of them
        self.canvas.ci.removeItem(self.features_panel.label)
        self.canvas.ci.removeItem(self.features_panel.box)
        self.canvas.ci.addItem(self.features_panel.label, row=2, col=0, colspan=3)
        self.canvas.ci.addItem(self.features_panel.box, row=3, col=0, colspan=3)
        self.canvas.ci.layout.setRowStretchFactor(1, 2)
        self.canvas.ci.layout.setRowStretchFactor(3, 3)

        self.canvas.setVisible(False)  # until a run of a convolutional model starts
        self.caption = QLabel(translate("images_view", _NO_RUN))
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(controls)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.caption)

    def _changed(self, *_args: object) -> None:
        self._dirty = True  # the sample is drawn at once; the maps follow from the training thread
        self.choice_changed.emit()

    # -- choices ---------------------------------------------------------------------------
    @property
    def node(self) -> str | None:
        return self.node_box.currentData()

    @property
    def sample(self) -> int:
        return self.sample_box.value()

    @property
    def cam_class(self) -> int | None:
        """The class Grad-CAM explains (None: the predicted one)."""
        return self.class_box.currentData()

    @property
    def cam_enabled(self) -> bool:
        return self.cam_box.isChecked()

    def select_node(self, node_id: str) -> bool:
        index = self.node_box.findData(node_id)
        if index < 0:
            return False
        self.node_box.setCurrentIndex(index)
        return True

    # -- data ------------------------------------------------------------------------------
    def start(self, info: RunInfo) -> None:
        self._info = info
        self._analysis = None
        previous = self.node
        for box in (self.node_box, self.class_box, self.sample_box):
            box.blockSignals(True)
        self.node_box.clear()
        for node_id, shape in info.spatial_nodes:
            self.node_box.addItem(f"{node_id}  [{', '.join(map(str, shape))}]", node_id)
        choice = previous if any(n == previous for n, _ in info.spatial_nodes) else info.first_conv
        if choice is not None and self.node_box.findData(choice) >= 0:
            self.node_box.setCurrentIndex(self.node_box.findData(choice))
        self.class_box.clear()
        self.class_box.addItem(self.tr("predicted class"), None)
        for index, name in enumerate(info.class_names):
            self.class_box.addItem(f"class {name}" if name.isdigit() else name, index)
        count = 0 if info.images is None else len(info.images)
        self.sample_box.setRange(0, max(count - 1, 0))
        for box in (self.node_box, self.class_box, self.sample_box):
            box.blockSignals(False)
        usable = bool(info.spatial_nodes)
        for widget in (self.node_box, self.sample_box, self.cam_box, self.class_box):
            widget.setEnabled(usable)
        self.cam_box.setVisible(info.is_classification)
        self.class_box.setVisible(info.is_classification)
        for panel in (self.sample_panel, self.cam_panel, self.filters_panel, self.features_panel):
            panel.show(None)
        self.cam_overlay.clear()
        self.canvas.setVisible(usable)
        self.caption.setText("" if usable else self.tr("Feature maps are shown for models with convolutional layers."))
        self._dirty = True

    def clear(self) -> None:
        """Show no run (another project was opened): no nodes to choose, no pictures."""
        self._info = None
        self._analysis = None
        self._dirty = False
        for box in (self.node_box, self.class_box, self.sample_box):
            box.blockSignals(True)
        self.node_box.clear()
        self.class_box.clear()
        self.sample_box.setRange(0, 0)
        for box in (self.node_box, self.class_box, self.sample_box):
            box.blockSignals(False)
        for panel in (self.sample_panel, self.cam_panel, self.filters_panel, self.features_panel):
            panel.show(None)
        self.cam_overlay.clear()
        self.canvas.setVisible(False)
        self.caption.setText(translate("images_view", _NO_RUN))

    def show_analysis(self, analysis: Analysis) -> None:
        if analysis.filters is not None or analysis.features is not None:
            self._analysis = analysis
            self._dirty = True

    @property
    def dirty(self) -> bool:
        return self._dirty

    def redraw(self) -> None:
        if not self._dirty or self._info is None:
            return
        self._dirty = False
        from dlplayground.training.image_analysis import normalise_each, tile

        info, analysis = self._info, self._analysis
        shown = None
        if info.images is not None and len(info.images):
            index = min(self.sample, len(info.images) - 1)
            label = info.image_labels[index]
            truth = info.class_names[int(label)] if info.is_classification else f"{float(label):.3g}"
            shown = as_display_image(info.images[index])
            self.sample_panel.show(shown, self.tr("Sample {index} (true {truth})").format(index=index, truth=truth))
        if analysis is None:
            return
        if analysis.filters is not None:
            weights = analysis.filters.weights
            tiles = (weights.transpose(0, 2, 3, 1) if weights.shape[1] == 3 else weights.mean(axis=1))
            mosaic = tile(normalise_each(tiles), pad=1, fill=np.nan)
            size = "×".join(map(str, weights.shape[2:]))
            title = self.tr("{node_id}: {count} filters {size}").format(
                node_id=analysis.filters.node_id, count=weights.shape[0], size=size)
            self.filters_panel.show(mosaic, title + (self.tr(" (mean of inputs)") if weights.shape[1] not in (1, 3) else ""))
        if analysis.features is not None:
            maps = analysis.features.maps
            box = self.features_panel.box.size()
            columns = _columns(len(maps), maps.shape[2] / maps.shape[1], box.width() / max(box.height(), 1.0))
            mosaic = tile(normalise_each(maps), columns=columns, pad=1, fill=np.nan)
            self.features_panel.show(mosaic, self.tr("Feature maps of {node_id}: {count} × {value}×{value2}").format(node_id=analysis.features.node_id, count=len(maps), value=maps.shape[1], value2=maps.shape[2]))
        cam = analysis.cam if self.cam_enabled else None
        if cam is not None:
            self.cam_panel.show(shown, f"Grad-CAM ({info.class_names[cam.class_index]})")
            self.cam_overlay.setImage(heat_overlay(cam.heatmap), autoLevels=False)
            predicted = info.class_names[cam.predicted]
            explained = info.class_names[cam.class_index]
            text = (self.tr("Predicted {predicted} ({value:.0f}%). Grad-CAM of class {explained} at '{node_id}'").format(predicted=predicted, value=100 * cam.probabilities[cam.predicted], explained=explained, node_id=cam.node_id))
            if cam.heatmap.max() <= 0:
                text += self.tr(": no positive evidence at this node (try an earlier one)")
            self.caption.setText(text + ".")
        else:
            self.cam_panel.show(None, "Grad-CAM")
            self.cam_overlay.clear()
            self.caption.setText("; ".join(analysis.problems))


def _columns(count: int, tile_aspect: float, box_aspect: float) -> int:
    """Columns for ``count`` tiles of width/height ``tile_aspect`` so that the mosaic's shape
    matches the box's (width/height ``box_aspect``) and fills it."""
    columns = round(np.sqrt(count * box_aspect / max(tile_aspect, 1e-6)))
    return int(np.clip(columns, 1, count))
