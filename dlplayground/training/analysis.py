"""What the window draws about a model while it trains, computed without Qt.

Decision boundaries of 2-D datasets (class probabilities or the regression surface over a grid
in raw input coordinates), confusion matrices, weight and gradient histograms per layer, and
the vanishing/exploding flags of a :class:`GradientRecord`. The images side (filters, feature
maps, Grad-CAM) lives in :mod:`dlplayground.training.image_analysis`.

Every function leaves the model as it found it: it evaluates in eval mode (so BatchNorm's
running statistics and dropout's random stream are untouched) and puts the previous mode
back, which is what lets the worker call these between training steps without changing the
run's result.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from dlplayground.compile.module import GraphModule
from dlplayground.data.dataset import Dataset
from dlplayground.graph.text import tx
from dlplayground.training.gradients import GradientRecord
from dlplayground.training.objective import predictor
from dlplayground.training.trainer import EVAL_CHUNK, evaluating

#: a layer whose gradient norm is below this fraction of the last layer's is flagged vanishing
VANISHING_RATIO = 1e-3
#: a layer whose gradient norm is above this multiple of the last layer's is flagged exploding
EXPLODING_RATIO = 1e3
#: grid points per side of a decision-boundary image
BOUNDARY_RESOLUTION = 100
#: the decision-boundary grid extends this fraction of the data's range beyond the data
BOUNDARY_MARGIN = 0.1
#: bins of the weight and gradient histograms
HISTOGRAM_BINS = 40



# -- evaluation helpers -------------------------------------------------------------------
def model_device(model: torch.nn.Module) -> torch.device:
    """Where the model's parameters live (CPU for a model without parameters)."""
    for param in model.parameters():
        return param.device
    return torch.device("cpu")


def predict(model: GraphModule, inputs: np.ndarray, chunk: int = EVAL_CHUNK) -> np.ndarray:
    """The model's raw outputs for standardised ``inputs`` ``[N, *input_shape]``, as float64."""
    device = model_device(model)
    outputs: list[np.ndarray] = []
    with evaluating(model), torch.no_grad():
        for start in range(0, len(inputs), chunk):
            batch = torch.as_tensor(np.ascontiguousarray(inputs[start : start + chunk]), device=device)
            outputs.append(model(batch).detach().cpu().double().numpy())
    if not outputs:
        return np.zeros((0, *model.output_shape))
    return np.concatenate(outputs)


def class_probabilities(outputs: np.ndarray, loss: str) -> np.ndarray:
    """Per-class probabilities ``[N, K]`` from a classifier's outputs, read as ``loss`` reads them.

    Cross-entropy outputs are logits (softmax); a single binary logit or probability becomes
    ``[1 - p, p]``; one sigmoid/probability/regression score per class is clipped to [0, 1] and
    normalised. These are for display (colour and confidence); which class counts as predicted
    is :func:`dlplayground.training.objective.predictor`'s decision.
    """
    outputs = np.asarray(outputs, np.float64).reshape(len(outputs), -1)
    if loss == "CrossEntropyLoss":
        shifted = outputs - outputs.max(axis=1, keepdims=True)
        exp = np.exp(shifted)
        return exp / exp.sum(axis=1, keepdims=True)
    scores = _sigmoid(outputs) if loss == "BCEWithLogitsLoss" else np.clip(outputs, 0.0, 1.0)
    if scores.shape[1] == 1:
        return np.concatenate([1.0 - scores, scores], axis=1)
    total = scores.sum(axis=1, keepdims=True)
    uniform = np.full_like(scores, 1.0 / scores.shape[1])
    return np.where(total > 0, scores / np.where(total > 0, total, 1.0), uniform)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))  # overflow-free form of 1 / (1 + exp(-x))


# -- decision boundary ---------------------------------------------------------------------
def is_planar(dataset: Dataset) -> bool:
    """Whether samples are points of the plane (2 features), so a boundary can be drawn."""
    return dataset.input_shape == (2,) and dataset.layout == "features"


@dataclass(frozen=True)
class Surface:
    """The model evaluated over a grid of the input plane.

    Attributes:
        xs, ys: grid coordinates in raw (unstandardised) input units, ``[W]`` and ``[H]``.
        values: ``[H, W, K]`` class probabilities for classification, ``[H, W]`` predicted
            values (the first output) for regression; row ``i`` is ``ys[i]``.
        task: ``classification`` or ``regression``.
    """

    xs: np.ndarray
    ys: np.ndarray
    values: np.ndarray
    task: str

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """(x min, x max, y min, y max) of the grid's cell edges, for placing the image."""
        dx = (self.xs[-1] - self.xs[0]) / max(len(self.xs) - 1, 1)
        dy = (self.ys[-1] - self.ys[0]) / max(len(self.ys) - 1, 1)
        return (float(self.xs[0] - dx / 2), float(self.xs[-1] + dx / 2),
                float(self.ys[0] - dy / 2), float(self.ys[-1] + dy / 2))


def plane_bounds(dataset: Dataset, margin: float = BOUNDARY_MARGIN) -> tuple[float, float, float, float]:
    """(x min, x max, y min, y max) around every raw sample, widened by ``margin`` of the range."""
    raws = [r for r in (dataset.raw_train, dataset.raw_val) if r is not None and len(r)]
    if not raws:
        raise ValueError(tx("dataset '{name}' keeps no raw inputs to place a boundary grid on", name=dataset.name))
    points = np.concatenate(raws).reshape(-1, 2)
    low, high = points.min(axis=0), points.max(axis=0)
    pad = np.maximum((high - low) * margin, 1e-3)
    return float(low[0] - pad[0]), float(high[0] + pad[0]), float(low[1] - pad[1]), float(high[1] + pad[1])


def decision_surface(model: GraphModule, dataset: Dataset, loss: str,
                     resolution: int = BOUNDARY_RESOLUTION,
                     bounds: tuple[float, float, float, float] | None = None) -> Surface:
    """Evaluate ``model`` on a ``resolution`` x ``resolution`` grid of the raw input plane.

    Grid points are standardised with the dataset's training statistics before the forward
    pass, so the picture lines up with the raw data points drawn over it.

    Raises:
        ValueError: if the dataset's samples are not 2-D points or ``resolution`` < 2.
    """
    if not is_planar(dataset):
        raise ValueError(tx("dataset '{name}' has inputs {shape}, a decision boundary needs 2 features per sample",
                            name=dataset.name, shape=list(dataset.input_shape)))
    if resolution < 2:
        raise ValueError(tx("resolution must be at least 2, got {resolution}", resolution=resolution))
    x0, x1, y0, y1 = bounds if bounds is not None else plane_bounds(dataset)
    xs = np.linspace(x0, x1, resolution)
    ys = np.linspace(y0, y1, resolution)
    grid_x, grid_y = np.meshgrid(xs, ys)
    raw = np.stack([grid_x.ravel(), grid_y.ravel()], axis=1)
    outputs = predict(model, dataset.standardise(raw))
    if dataset.is_classification:
        values = class_probabilities(outputs, loss).reshape(resolution, resolution, -1)
        return Surface(xs, ys, values, "classification")
    first = outputs.reshape(len(outputs), -1)[:, 0]
    return Surface(xs, ys, first.reshape(resolution, resolution), "regression")


# -- confusion matrix ----------------------------------------------------------------------
@dataclass(frozen=True)
class ConfusionMatrix:
    """Counts ``[K, K]``: row = true class, column = predicted class."""

    counts: np.ndarray
    class_names: tuple[str, ...]
    split: str

    @property
    def accuracy(self) -> float:
        total = int(self.counts.sum())
        return float(np.trace(self.counts)) / total if total else float("nan")

    def normalised(self) -> np.ndarray:
        """Each row divided by its total (the recall of each true class); empty rows stay 0."""
        totals = self.counts.sum(axis=1, keepdims=True)
        return np.divide(self.counts, totals, out=np.zeros(self.counts.shape), where=totals > 0)


def confusion_counts(labels: np.ndarray, predicted: np.ndarray, classes: int) -> np.ndarray:
    """``[classes, classes]`` counts of (true, predicted) pairs."""
    labels = np.asarray(labels, np.int64).ravel()
    predicted = np.asarray(predicted, np.int64).ravel()
    if labels.shape != predicted.shape:
        raise ValueError(tx("{labels} labels but {predictions} predictions", labels=len(labels),
                            predictions=len(predicted)))
    if len(labels) and (min(labels.min(), predicted.min()) < 0 or max(labels.max(), predicted.max()) >= classes):
        raise ValueError(tx("class indices must lie in [0, {classes})", classes=classes))
    return np.bincount(labels * classes + predicted, minlength=classes * classes).reshape(classes, classes)


def confusion_matrix(model: GraphModule, dataset: Dataset, loss: str, split: str = "val") -> ConfusionMatrix:
    """The confusion matrix of ``model`` on the ``val`` or ``train`` split of a classification set.

    Raises:
        ValueError: for a regression dataset or an unknown split.
    """
    if not dataset.is_classification:
        raise ValueError(tx("dataset '{name}' is a regression task: it has no confusion matrix", name=dataset.name))
    if split not in ("val", "train"):
        raise ValueError(tx("split must be 'val' or 'train', got {split!r}", split=split))
    x, y = (dataset.x_val, dataset.y_val) if split == "val" else (dataset.x_train, dataset.y_train)
    predicted = np.zeros(0, np.int64)
    if len(x):
        outputs = torch.from_numpy(predict(model, x).reshape(len(x), -1))
        predicted = predictor(loss, outputs.shape[1])(outputs).numpy()
    return ConfusionMatrix(confusion_counts(y, predicted, dataset.num_classes), dataset.class_names, split)


# -- histograms ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Histogram:
    """``counts`` per bin between consecutive ``edges`` (``len(edges) == len(counts) + 1``)."""

    counts: np.ndarray
    edges: np.ndarray

    @classmethod
    def of(cls, values: np.ndarray, bins: int = HISTOGRAM_BINS) -> Histogram:
        """Histogram of the finite entries of ``values``.

        The bins span the values however small they are (vanishing gradients are ~1e-15); a
        constant array gets a range around its value.
        """
        finite = values[np.isfinite(values)]
        if finite.size == 0:
            return cls(np.zeros(bins, np.int64), np.linspace(-0.5, 0.5, bins + 1))
        low, high = float(finite.min()), float(finite.max())
        if high <= low:
            pad = 0.5 * abs(low) if low != 0 else 0.5
            low, high = low - pad, high + pad
        counts, edges = np.histogram(finite, bins=bins, range=(low, high))
        return cls(counts, edges)


@dataclass(frozen=True)
class LayerHistograms:
    """The distribution of one layer's parameters and of their latest gradients.

    ``gradients`` is None before the first backward pass.
    """

    node_id: str
    step: int
    weights: Histogram
    gradients: Histogram | None
    parameter_count: int


def layer_histograms(model: GraphModule, node_id: str, step: int = 0,
                     bins: int = HISTOGRAM_BINS) -> LayerHistograms:
    """Histograms of every parameter of node ``node_id`` together, and of their gradients.

    Raises:
        KeyError: if ``node_id`` is not a layer of the model.
    """
    modules = dict(model.node_modules())
    if node_id not in modules:
        raise KeyError(tx("'{node_id}' is not a layer of this model", node_id=node_id))
    params = [p for p in modules[node_id].parameters()]
    if not params:
        empty = Histogram.of(np.zeros(0), bins)
        return LayerHistograms(node_id, step, empty, None, 0)
    with torch.no_grad():
        weights = torch.cat([p.detach().reshape(-1) for p in params]).float().cpu().numpy()
        grads = [p.grad for p in params]
        gradients = (None if all(g is None for g in grads) else torch.cat([
            (g if g is not None else torch.zeros_like(p)).detach().reshape(-1) for g, p in zip(grads, params)
        ]).float().cpu().numpy())
    return LayerHistograms(node_id, step, Histogram.of(weights, bins),
                           None if gradients is None else Histogram.of(gradients, bins), int(weights.size))


# -- gradient flow -------------------------------------------------------------------------
VANISHING = "vanishing"
EXPLODING = "exploding"


def gradient_flags(record: GradientRecord, vanishing_ratio: float = VANISHING_RATIO,
                   exploding_ratio: float = EXPLODING_RATIO) -> dict[str, str]:
    """Layers whose gradient norm is far below or above the last layer's, by node id.

    The last layer is the reference because its gradient comes straight from the loss; the
    further a layer's norm drifts from it, the less (or the more violently) that layer learns.
    A non-finite norm counts as exploding. A last layer with a zero or non-finite gradient
    gives no reference, so only non-finite layers are flagged then.
    """
    norms = np.asarray(record.grad_norms, np.float64)
    flags: dict[str, str] = {}
    if norms.size == 0:
        return flags
    reference = norms[-1]
    usable = np.isfinite(reference) and reference > 0
    for node_id, norm in zip(record.node_ids[:-1], norms[:-1]):
        if not np.isfinite(norm):
            flags[node_id] = EXPLODING
        elif usable and norm < vanishing_ratio * reference:
            flags[node_id] = VANISHING
        elif usable and norm > exploding_ratio * reference:
            flags[node_id] = EXPLODING
    if not np.isfinite(reference):
        flags[record.node_ids[-1]] = EXPLODING
    return flags
