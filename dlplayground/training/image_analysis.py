"""What a convolutional model sees: its first filters, feature maps and Grad-CAM, without Qt.

Feature maps come from :meth:`GraphModule.forward_all`, so any node producing ``[C, H, W]``
(a convolution, the ReLU after it, a pooling) can be inspected by its node id. Grad-CAM
(Selvaraju et al., 2017) weighs a node's channels by the mean gradient of a class score and
keeps the positive part, showing where in the input the evidence for that class lies; the
gradient is taken with :func:`torch.autograd.grad` so no parameter's ``.grad`` is touched.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from dlplayground.compile.module import GraphModule
from dlplayground.graph.text import tx
from dlplayground.training.analysis import model_device
from dlplayground.training.trainer import evaluating

Shape = tuple[int, ...]


def spatial_nodes(model: GraphModule) -> list[tuple[str, Shape]]:
    """Layer nodes whose output is a ``[C, H, W]`` map, with that shape, in execution order.

    Found with one forward pass of a zero sample, so it also covers layers whose output
    shape depends on their inputs (merges, pooling).
    """
    if len(model.input_shape) != 3:
        return []
    with evaluating(model), torch.no_grad():
        values = model.forward_all(torch.zeros(1, *model.input_shape, device=model_device(model)))
    layer_ids = {node_id for node_id, _ in model.node_modules()}
    return [(node_id, tuple(int(d) for d in value.shape[1:])) for node_id, value in values.items()
            if node_id in layer_ids and value.dim() == 4]


def conv2d_nodes(model: GraphModule) -> list[str]:
    """Node ids of the model's ``Conv2d`` layers, in execution order."""
    return [node_id for node_id, module in model.node_modules() if isinstance(module, nn.Conv2d)]


@dataclass(frozen=True)
class Filters:
    """The weights of a ``Conv2d`` node: ``[out_channels, in_channels, kh, kw]``."""

    node_id: str
    weights: np.ndarray


def conv_filters(model: GraphModule, node_id: str | None = None) -> Filters | None:
    """The filters of ``node_id``, or of the first ``Conv2d`` when None (None if it has none).

    Raises:
        KeyError: if ``node_id`` names no ``Conv2d`` layer.
    """
    convs = conv2d_nodes(model)
    if node_id is None:
        if not convs:
            return None
        node_id = convs[0]
    if node_id not in convs:
        raise KeyError(tx("'{node_id}' is not a Conv2d layer of this model", node_id=node_id))
    module = dict(model.node_modules())[node_id]
    return Filters(node_id, module.weight.detach().float().cpu().numpy().copy())


@dataclass(frozen=True)
class FeatureMaps:
    """Node ``node_id``'s output ``maps`` ``[C, H, W]`` for validation sample ``sample``."""

    node_id: str
    sample: int
    maps: np.ndarray


def feature_maps(model: GraphModule, sample: np.ndarray, node_id: str, sample_index: int = 0) -> FeatureMaps:
    """The output of ``node_id`` for one standardised sample ``[C, H, W]`` (eval mode).

    Raises:
        KeyError: if ``node_id`` is not a node of the model.
        ValueError: if its output is not a ``[C, H, W]`` map.
    """
    with evaluating(model), torch.no_grad():
        values = model.forward_all(_batch_of_one(model, sample))
    value = _node_value(values, node_id)
    return FeatureMaps(node_id, sample_index, value[0].float().cpu().numpy().copy())


@dataclass(frozen=True)
class GradCam:
    """A Grad-CAM heat map ``[H, W]`` at input resolution, scaled to [0, 1].

    Attributes:
        class_index: the class whose score was explained.
        predicted: the class the model predicts for the sample.
        probabilities: the model's softmax over its outputs for the sample.
    """

    node_id: str
    sample: int
    class_index: int
    predicted: int
    heatmap: np.ndarray
    probabilities: np.ndarray


def grad_cam(model: GraphModule, sample: np.ndarray, node_id: str, class_index: int | None = None,
             sample_index: int = 0) -> GradCam:
    """Grad-CAM of class ``class_index`` (the predicted class when None) at node ``node_id``.

    Raises:
        KeyError: unknown node; ValueError: the node's output is not a map, or the class
            index is out of range for the model's output.
    """
    with evaluating(model), torch.enable_grad():
        values = model.forward_all(_batch_of_one(model, sample))
        activation = _node_value(values, node_id)
        scores = values[model.output_id].reshape(1, -1)
        predicted = int(scores[0].argmax())
        target = predicted if class_index is None else int(class_index)
        if not 0 <= target < scores.shape[1]:
            raise ValueError(tx("class index {index} is out of range: the model has {outputs} outputs",
                                index=target, outputs=scores.shape[1]))
        if not activation.requires_grad:
            raise ValueError(tx("the output of '{node_id}' does not depend on any trained parameter", node_id=node_id))
        (gradient,) = torch.autograd.grad(scores[0, target], activation)
        weights = gradient.mean(dim=(2, 3), keepdim=True)
        cam = torch.relu((weights * activation).sum(dim=1, keepdim=True)).detach()
        size = tuple(int(d) for d in model.input_shape[1:])
        cam = nn.functional.interpolate(cam, size=size, mode="bilinear", align_corners=False)[0, 0]
        probabilities = torch.softmax(scores[0].detach().double(), dim=0).cpu().numpy()
    heatmap = cam.float().cpu().numpy()
    peak = float(heatmap.max())
    heatmap = heatmap / peak if peak > 0 else np.zeros_like(heatmap)
    return GradCam(node_id, sample_index, target, predicted, heatmap, probabilities)


def _batch_of_one(model: GraphModule, sample: np.ndarray) -> torch.Tensor:
    sample = np.asarray(sample, np.float32)
    if tuple(sample.shape) != tuple(model.input_shape):
        raise ValueError(tx("the sample has shape {shape}, the model takes {input_shape}", shape=list(sample.shape),
                            input_shape=list(model.input_shape)))
    return torch.as_tensor(np.ascontiguousarray(sample), device=model_device(model)).unsqueeze(0)


def _node_value(values: dict[str, torch.Tensor], node_id: str) -> torch.Tensor:
    if node_id not in values:
        raise KeyError(tx("'{node_id}' is not a node of this model", node_id=node_id))
    value = values[node_id]
    if value.dim() != 4:
        raise ValueError(tx("'{node_id}' outputs {shape}, not a [channels, height, width] map", node_id=node_id,
                            shape=list(value.shape[1:])))
    return value


# -- display helpers (pure numpy) ----------------------------------------------------------
def normalise_each(images: np.ndarray) -> np.ndarray:
    """Scale every image of ``[N, ...]`` to [0, 1] on its own (a constant image becomes 0.5)."""
    images = np.asarray(images, np.float64)
    if images.size == 0:
        return images
    flat = images.reshape(len(images), -1)
    low = flat.min(axis=1, keepdims=True)
    span = flat.max(axis=1, keepdims=True) - low
    scaled = np.where(span > 0, (flat - low) / np.where(span > 0, span, 1.0), 0.5)
    return scaled.reshape(images.shape)


def tile(images: np.ndarray, columns: int | None = None, pad: int = 1, fill: float = 1.0) -> np.ndarray:
    """Lay ``[N, H, W]`` (or ``[N, H, W, 3]``) images out on a grid ``[rows*(H+pad)-pad, ...]``.

    ``columns`` defaults to a near-square grid; the gaps and unused cells take ``fill``.
    """
    images = np.asarray(images)
    count = len(images)
    if count == 0:
        raise ValueError(tx("no images to tile"))
    columns = columns or math.ceil(math.sqrt(count))
    rows = math.ceil(count / columns)
    height, width = images.shape[1:3]
    mosaic = np.full((rows * (height + pad) - pad, columns * (width + pad) - pad, *images.shape[3:]),
                     fill, dtype=np.float64)
    for index, image in enumerate(images):
        row, column = divmod(index, columns)
        top, left = row * (height + pad), column * (width + pad)
        mosaic[top : top + height, left : left + width] = image
    return mosaic
