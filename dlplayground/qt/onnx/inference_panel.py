"""The Inference panel: load any ``.onnx`` model and watch its predictions live.

Inputs come from the dataset's validation samples (pick an index or a random one) or, for
models that take ``[1, 8, 8]`` images, from a digit drawn with the mouse. Classifiers show a
bar chart of class probabilities (softmax of their logits); other models show their output.
Models exported by the playground take raw inputs and carry their project, so the panel can
load their dataset itself; :meth:`InferencePanel.set_dataset` offers the window's dataset.

The input (sample or canvas) and the prediction sit side by side when the panel is wide, one
above the other when it is tall and narrow, so that both stay in view in a dock of ~400 px.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QImage, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dlplayground.data import DataError, Dataset, load_dataset
from dlplayground.layers.shapes import fmt
from dlplayground.qt.onnx.digit_canvas import GRID, MAX_VALUE, DigitCanvas
from dlplayground.qt.onnx.latent_sliders import LatentSliders, slidable
from dlplayground.qt.canvas import style
from dlplayground.qt.lazy_page import LazyPage, deferred
from dlplayground.graph.text import message_of
from dlplayground.qt.engine_text import shown

if TYPE_CHECKING:  # onnx and onnxruntime load with the first model, not with the window
    from dlplayground.export.inference import Predictor
    from dlplayground.export.metadata import ModelInfo
    from dlplayground.qt.onnx.probability_chart import ProbabilityChart

#: the input shape the drawing canvas produces
DIGIT_SHAPE = (1, GRID, GRID)
#: side of a dataset sample's picture, and of the drawing's 8x8 "what the model sees" (6 px a cell)
_PREVIEW_SIDE = 112
_DIGIT_PREVIEW_SIDE = 6 * GRID
#: input beside the prediction when the panel is at least this wide for its height, and this wide
SIDE_BY_SIDE_RATIO = 0.8
SIDE_BY_SIDE_WIDTH = 420
#: pixels a size must pass a threshold by to switch layouts (a scroll bar coming and going
#: changes the width a little: no flip-flopping)
_HYSTERESIS = 24
#: a thin frame, so that a white (zero) cell at the edge still reads as part of the image
_PREVIEW_STYLE = "border: 1px solid #c5cbd3; background: white"
_SAMPLES_TAB, _DRAW_TAB, _LATENT_TAB = 0, 1, 2
_ERROR_STYLE = f"color: {style.PROBLEM.name()}"


class InferencePanel(QWidget):
    """Runs an ONNX model with onnxruntime on dataset samples or a drawn digit.

    Args:
        parent: the parent widget.
        threads: onnxruntime threads (one sample at a time needs no more than 1, and it
            leaves the other cores to training).

    Signals:
        model_loaded(object): a model was loaded (its :class:`ModelInfo`).
        prediction_changed(object): class probabilities ``[K]`` for a classifier, else the
            output row, after each run.
    """

    model_loaded = Signal(object)
    prediction_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None, threads: int | None = 1) -> None:
        super().__init__(parent)
        self._threads = threads
        self.predictor: Predictor | None = None
        self._offered: Dataset | None = None
        self.dataset: Dataset | None = None
        self.last_input: np.ndarray | None = None
        self._rng = np.random.default_rng()

        self.open_button = QPushButton(self.tr("Open ONNX model…"))
        self.open_button.clicked.connect(self._choose_model)
        self.model_label = QLabel(self.tr("No model loaded"))
        self.model_label.setWordWrap(True)
        self.model_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info_label = QLabel("")
        self.info_label.setWordWrap(True)
        self.info_label.setStyleSheet("color: #52606d")

        self.sources = QTabWidget()
        self.sources.addTab(self._samples_tab(), self.tr("Dataset sample"))
        self.sources.addTab(self._draw_tab(), self.tr("Draw a digit"))
        self.latent = LatentSliders()
        self.latent.point_changed.connect(self._on_latent_moved)
        self.sources.addTab(self.latent, self.tr("Latent sliders"))
        self.sources.currentChanged.connect(lambda _: self.refresh())
        self.sources.setEnabled(False)

        self.prediction_label = QLabel("")
        self.prediction_label.setObjectName("prediction")
        self.prediction_label.setStyleSheet("font-size: 12pt; font-weight: bold")
        self.prediction_label.setWordWrap(True)
        # a plot (pyqtgraph): made when the panel is first painted or a model is opened
        self.chart: ProbabilityChart = LazyPage(  # type: ignore[assignment]
            deferred("dlplayground.qt.onnx.probability_chart", "ProbabilityChart"), {"labels": []})
        self.status_label = QLabel("")
        self.status_label.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addWidget(self.model_label, 1)
        # the prediction beside (or below) its input: both in view at once
        self.output = QWidget()
        output = QVBoxLayout(self.output)
        output.setContentsMargins(0, 0, 0, 0)
        output.addWidget(self.prediction_label)
        #: a generated image (the output of a generator or decoder on the sliders' point)
        self.output_view = QLabel()
        self.output_view.setObjectName("generatedImage")
        self.output_view.setFixedSize(_PREVIEW_SIDE * 2 + 2, _PREVIEW_SIDE * 2 + 2)
        self.output_view.setStyleSheet(_PREVIEW_STYLE)
        self.output_view.setVisible(False)
        output.addWidget(self.output_view, 0, Qt.AlignmentFlag.AlignHCenter)
        output.addWidget(self.chart, 1)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.addWidget(self.sources, 1)
        self.body.addWidget(self.output, 1)
        layout = _NoHeightForWidthLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.info_label)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.status_label)

    @property
    def side_by_side(self) -> bool:
        """Whether the input and the prediction are laid out side by side (else stacked)."""
        return self.body.direction() == QBoxLayout.Direction.LeftToRight

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        if self._viewport() is None:
            self._arrange(event.size().width(), event.size().height())
        super().resizeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # in a scroll area, the room is its viewport's: the panel itself never gets narrower
        # than the minimum of its current arrangement
        if event.type() == QEvent.Type.Resize and watched is self._viewport():
            self._arrange(watched.width(), watched.height())
        return super().eventFilter(watched, event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ParentChange:
            viewport = self._viewport()
            if viewport is not None:
                viewport.installEventFilter(self)
                self._arrange(viewport.width(), viewport.height())
        return super().event(event)

    def _viewport(self) -> QWidget | None:
        """The viewport of the scroll area the panel is in, if it is in one."""
        parent = self.parentWidget()
        area = parent.parentWidget() if parent is not None else None
        return parent if isinstance(area, QScrollArea) and area.viewport() is parent else None

    def _arrange(self, width: int, height: int) -> None:
        """Side by side when wide enough, else the prediction below its input."""
        margin = _HYSTERESIS / 2 if self.side_by_side else -_HYSTERESIS / 2
        wide = width + margin >= max(SIDE_BY_SIDE_RATIO * height, SIDE_BY_SIDE_WIDTH)
        if wide != self.side_by_side:
            self.body.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)
        self._fit_stretch()

    def _fit_stretch(self) -> None:
        """Stacked, a features input needs only its lines: the chart takes the rest."""
        image = self.predictor is not None and len(self.predictor.info.input_shape) == 3
        self.body.setStretchFactor(self.sources, 1 if self.side_by_side or image or self.predictor is None else 0)

    # -- building ------------------------------------------------------------------------
    def _samples_tab(self) -> QWidget:
        self.index_box = QSpinBox()
        self.index_box.setPrefix(self.tr("sample "))
        self.index_box.setToolTip(self.tr("Which validation sample to run (raw values, as stored in the dataset)"))
        self.index_box.valueChanged.connect(lambda _: self.refresh())
        self.random_button = QPushButton(self.tr("Random"))
        self.random_button.clicked.connect(self.random_sample)
        self.sample_label = QLabel("")
        self.sample_label.setWordWrap(True)
        self.sample_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.sample_view = QLabel()
        self.sample_view.setFixedSize(_PREVIEW_SIDE + 2, _PREVIEW_SIDE + 2)
        self.sample_view.setStyleSheet(_PREVIEW_STYLE)
        self.sample_view.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row = QHBoxLayout()
        row.addWidget(self.index_box, 1)
        row.addWidget(self.random_button)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(row)
        layout.addWidget(self.sample_view, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.sample_label, 1)
        return tab

    def _draw_tab(self) -> QWidget:
        self.canvas = DigitCanvas()
        self.canvas.drawing_changed.connect(self._on_drawing_changed)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.clicked.connect(self.canvas.clear)
        self.digit_view = QLabel()
        self.digit_view.setFixedSize(_DIGIT_PREVIEW_SIDE + 2, _DIGIT_PREVIEW_SIDE + 2)
        self.digit_view.setStyleSheet(_PREVIEW_STYLE)
        self.digit_view.setToolTip(self.tr("What the model sees: the drawing as an 8x8 image, values 0..16"))
        seen = QLabel(self.tr("Model input:"))
        seen.setToolTip(self.digit_view.toolTip())
        row = QHBoxLayout()
        row.addWidget(seen)
        row.addWidget(self.digit_view)
        row.addStretch(1)
        row.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignBottom)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.canvas, 1)
        layout.addLayout(row)
        return tab

    # -- public API ----------------------------------------------------------------------
    def load_model(self, path: str | Path) -> bool:
        """Load an ONNX model; on failure show why and keep the previous one."""
        from dlplayground.export.inference import ModelLoadError, Predictor

        try:
            predictor = Predictor(path, self._threads)
        except ModelLoadError as exc:
            self._show_status(str(exc), error=True)
            return False
        self.predictor = predictor
        info = predictor.info
        self.model_label.setText(self.tr("<b>{value}</b> &nbsp; {value2}").format(value=html.escape(info.title), value2=html.escape(Path(path).name)))
        self.model_label.setToolTip(str(path))
        self.info_label.setText(_describe(predictor))
        self.info_label.setToolTip(self.tr("exported by dlplayground {version}").format(version=info.version) if info.version else "")
        drawable = tuple(info.input_shape) == DIGIT_SHAPE
        latent = slidable(tuple(info.input_shape), info.project)
        self.sources.setTabEnabled(_LATENT_TAB, latent)
        self.sources.setTabToolTip(_LATENT_TAB, "" if latent else
                                   "For a generator or a VAE's decoder with a small latent input")
        if latent:
            self.latent.set_dims(int(info.input_shape[0]))
        self.sources.setTabEnabled(_DRAW_TAB, drawable)
        self.sources.setTabToolTip(_DRAW_TAB, "" if drawable else self.tr("Only for models taking [1, 8, 8] images"))
        self.sources.setEnabled(True)
        classes = _class_count(predictor)
        self.chart.setVisible(classes is not None)
        if classes is not None:
            self.chart.set_labels(predictor.labels(classes))
        self._choose_dataset()
        self._fit_stretch()
        if not drawable and self.sources.currentIndex() == _DRAW_TAB:
            self.sources.setCurrentIndex(_SAMPLES_TAB)
        if latent:  # a generator's input is noise, not a dataset sample
            self.sources.setCurrentIndex(_LATENT_TAB)
        elif self.sources.currentIndex() == _LATENT_TAB:
            self.sources.setCurrentIndex(_SAMPLES_TAB)
        self.model_loaded.emit(info)
        self.refresh()
        return True

    def set_dataset(self, dataset: Dataset | None) -> None:
        """Offer the window's dataset for samples (used when it fits the model's input)."""
        self._offered = dataset
        if self.predictor is not None:
            self._choose_dataset()
            self.refresh()

    def show_message(self, text: str, error: bool = False) -> None:
        """Show a line below the prediction (red for an error), e.g. why there are no samples."""
        self._show_status(text, error)

    def random_sample(self) -> None:
        if self.dataset is not None and self.index_box.maximum() > 0:
            self.index_box.setValue(int(self._rng.integers(0, self.index_box.maximum() + 1)))

    def refresh(self) -> None:
        """Run the model on the current source (the chosen sample or the drawing)."""
        if self.predictor is None:
            return
        if self.sources.currentIndex() == _DRAW_TAB:
            self._on_drawing_changed()
        elif self.sources.currentIndex() == _LATENT_TAB:
            self._on_latent_moved(self.latent.point())
        else:
            self._run_sample()

    # -- sources -------------------------------------------------------------------------
    def _choose_dataset(self) -> None:
        assert self.predictor is not None
        info = self.predictor.info
        self.dataset = None
        if self._offered is not None and _fits(self._offered, info):
            self.dataset = self._offered
        elif info.project is not None:
            try:
                dataset = load_dataset(info.project.get("data") or {}, self.predictor.path.parent)
            except (DataError, OSError) as exc:
                self._show_status(self.tr("no dataset samples: {exc}").format(exc=shown(message_of(exc))), error=True)
            else:
                self.dataset = dataset if _fits(dataset, info) else None
        samples = _samples(self.dataset)
        self.index_box.setRange(0, max(0, len(samples) - 1))
        self.index_box.setEnabled(bool(len(samples)))
        self.random_button.setEnabled(bool(len(samples)))
        if self.dataset is None:
            self.sample_label.setText(self.tr("No dataset with this input shape: use set_dataset or draw."))
        else:
            self._show_status("")

    def _run_sample(self) -> None:
        samples = _samples(self.dataset)
        if not len(samples):
            self.sample_view.clear()
            return
        index = self.index_box.value()
        x = samples[index:index + 1]
        assert self.dataset is not None
        truth = ""
        targets = self.dataset.y_val if len(self.dataset.y_val) == len(samples) else self.dataset.y_train
        if self.dataset.is_classification and self.dataset.class_names:
            truth = self.tr(" · true class: <b>{value}</b>").format(value=html.escape(self.dataset.class_names[int(targets[index])]))
        elif not self.dataset.is_classification:
            truth = f" · target: {np.array2string(np.asarray(targets[index]), precision=3)}"
        values = ""
        if x[0].ndim == 3:
            self.sample_view.setPixmap(_preview(x[0]))
        else:  # features or a sequence: the numbers say more than a picture
            self.sample_view.clear()
            with np.printoptions(precision=3, suppress=True, threshold=12, edgeitems=4):
                values = f"<br>values: {html.escape(np.array2string(x[0].reshape(-1), separator=', '))}"
        self.sample_view.setVisible(x[0].ndim == 3)
        self.sample_label.setText(self.tr("validation sample {index} of {count}{truth}{values}").format(index=index, count=len(samples), truth=truth, values=values))
        self._predict(x)

    def _on_drawing_changed(self) -> None:
        if self.predictor is None or self.sources.currentIndex() != _DRAW_TAB:
            return
        digit = self.canvas.digit()
        self.digit_view.setPixmap(_preview(digit[None], MAX_VALUE, _DIGIT_PREVIEW_SIDE))
        if self.canvas.is_empty():
            self.chart.set_probabilities(np.zeros(len(self.chart.labels)))
            self.prediction_label.setText(self.tr("Draw a digit"))
            return
        self._predict(digit[None, None])

    def _on_latent_moved(self, z: np.ndarray) -> None:
        if self.predictor is not None and self.sources.currentIndex() == _LATENT_TAB:
            self._predict(z)

    # -- running -------------------------------------------------------------------------
    def _predict(self, x: np.ndarray) -> None:
        from dlplayground.export.inference import InputShapeError

        assert self.predictor is not None
        self.last_input = x
        try:
            output = self.predictor.run(x)
        except InputShapeError as exc:
            self._show_status(str(exc), error=True)
            return
        except Exception as exc:  # onnxruntime's own errors
            self._show_status(self.tr("onnxruntime failed: {value}").format(value=str(exc).strip()[:300]), error=True)
            return
        probabilities = self.predictor.probabilities(output)
        if probabilities is not None:
            row = probabilities[0]
            self.output_view.setVisible(False)
            self.chart.set_probabilities(row)
            best = int(row.argmax())
            label = self.predictor.labels(len(row))[best]
            self.prediction_label.setText(self.tr("Prediction: {value} ({value2:.1%})").format(value=html.escape(label), value2=row[best]))
            self.prediction_changed.emit(row)
        else:
            row = output[0]
            image = np.asarray(row).ndim == 3  # a generated image: shown, not listed
            self.output_view.setVisible(image)
            if image:
                self.output_view.setPixmap(_preview(np.asarray(row), side=_PREVIEW_SIDE * 2))
                self.prediction_label.setText(self.tr("Generated image {shape}").format(shape=fmt(list(np.asarray(row).shape))))
            else:
                with np.printoptions(precision=4, suppress=True, threshold=20):
                    self.prediction_label.setText(self.tr("Output: {value}").format(value=np.array2string(np.asarray(row))))
            self.prediction_changed.emit(row)

    def _choose_model(self) -> None:
        settings = QSettings()
        start = str(settings.value("onnx/last_model", str(Path.cwd())))
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open ONNX model"), start, self.tr("ONNX models (*.onnx);;All files (*)"))
        if name and self.load_model(name):
            settings.setValue("onnx/last_model", name)

    def _show_status(self, text: str, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(_ERROR_STYLE if error else "")


def _class_count(predictor: Predictor) -> int | None:
    info = predictor.info
    if not info.is_classifier or len(info.output_shape) != 1 or info.output_shape[0] is None:
        return None
    return max(2, int(info.output_shape[0]))


def _fits(dataset: Dataset, info: ModelInfo) -> bool:
    return all(d is None or d == s for d, s in zip(info.input_shape, dataset.input_shape)) and \
        len(info.input_shape) == len(dataset.input_shape)


def _samples(dataset: Dataset | None) -> np.ndarray:
    """Raw validation samples (the training split when nothing is held out)."""
    if dataset is None:
        return np.zeros((0,), np.float32)
    for raw in (dataset.raw_val, dataset.raw_train):
        if raw is not None and len(raw):
            return np.asarray(raw, np.float32)
    return np.zeros((0,), np.float32)


def _describe(predictor: Predictor) -> str:
    info = predictor.info
    parts = [f"input {fmt(predictor.expected_shape)}"]
    if info.is_classifier:
        parts.append(f"{len(info.class_labels) or info.output_shape[0]} classes ({info.output_kind})")
    elif info.task:
        parts.append(info.task)
    if info.dataset:
        parts.append(f"dataset {info.dataset}")
    if info.opset:
        parts.append(f"opset {info.opset}")
    return " · ".join(parts)


def _preview(sample: np.ndarray, top: float | None = None, side: int = _PREVIEW_SIDE) -> QPixmap:
    """A sample as a small picture: images as dark ink on white, other inputs as a strip."""
    array = np.asarray(sample, np.float64)
    image = array.mean(axis=0) if array.ndim == 3 else array.reshape(1, -1) if array.ndim < 2 else array
    low = 0.0 if top is not None else float(image.min())
    high = top if top is not None else float(image.max())
    scaled = (image - low) / (high - low) if high > low else np.zeros_like(image)
    grey = np.ascontiguousarray(255 - np.clip(scaled, 0, 1) * 255, dtype=np.uint8)
    height, width = grey.shape
    qimage = QImage(grey.data, width, height, width, QImage.Format.Format_Grayscale8).copy()
    return QPixmap.fromImage(qimage).scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.FastTransformation)




class _NoHeightForWidthLayout(QVBoxLayout):
    """The panel's layout, telling its scroll area that its height does not depend on its width.

    The window docks the panel in a scroll area (so that it never forces its size on the docks
    beside it). A scroll area whose widget's layout has height-for-width (any word-wrapped label
    does) makes the widget as tall as its *preferred* height for the width: every chart and
    canvas at its size hint, a panel over 1000 px tall in a 400 px dock. Without it, the panel
    fills the dock and scrolls only below its minimum size. Inside, the labels still wrap.
    """

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return False
