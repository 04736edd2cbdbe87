"""What each hidden neuron computes over the input plane of a 2-D dataset.

TensorFlow Playground draws, for every neuron, its output over the plane of the two inputs:
one sees the first layer cut the plane with lines and later layers combine them into curves.
:func:`neuron_maps` makes those pictures for a model on a planar dataset: one grid per
neuron of each hidden layer (the output of each activation; a model without activations
shows its Linears but the last), in the raw coordinates the data points are drawn in.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from dlplayground.compile.module import GraphModule
from dlplayground.data.dataset import Dataset
from dlplayground.graph.text import tx
from dlplayground.training.analysis import is_planar, plane_bounds
from dlplayground.training.trainer import evaluating

#: grid points per side of each map (coarser than the decision boundary: there are many maps)
NEURON_RESOLUTION = 40
#: at most this many layers, and neurons per layer, are drawn (the rest are counted)
MAX_LAYERS, MAX_NEURONS = 8, 16
ACTIVATIONS = (nn.ReLU, nn.Tanh, nn.Sigmoid, nn.LeakyReLU, nn.ELU, nn.GELU)


@dataclass(frozen=True)
class NeuronMaps:
    """Neuron outputs over a grid of the raw input plane.

    Attributes:
        xs, ys: the grid's coordinates (raw units, as the data points).
        layers: (node id, values ``[neurons, len(ys), len(xs)]``) per hidden layer, in order.
        widths: each layer's full number of neurons (more than drawn past :data:`MAX_NEURONS`).
    """

    xs: np.ndarray
    ys: np.ndarray
    layers: tuple[tuple[str, np.ndarray], ...]
    widths: tuple[int, ...]


def neuron_nodes(model: GraphModule) -> list[str]:
    """The nodes whose outputs are drawn: each activation, or each Linear but the output layer."""
    modules = list(model.node_modules())
    chosen = [node_id for node_id, module in modules if isinstance(module, ACTIVATIONS)]
    if not chosen:
        chosen = [node_id for node_id, module in modules if isinstance(module, nn.Linear)][:-1]
    return chosen[:MAX_LAYERS]


def neuron_maps(model: GraphModule, dataset: Dataset, node_ids: list[str] | None = None,
                resolution: int = NEURON_RESOLUTION,
                bounds: tuple[float, float, float, float] | None = None) -> NeuronMaps:
    """Evaluate every drawn neuron on a ``resolution`` x ``resolution`` grid of the input plane.

    Raises:
        ValueError: if the dataset's samples are not 2-D points or ``resolution`` < 2.
    """
    if not is_planar(dataset):
        raise ValueError(tx("dataset '{name}' has inputs {shape}: neuron maps need 2 features per sample",
                            name=dataset.name, shape=list(dataset.input_shape)))
    if resolution < 2:
        raise ValueError(tx("resolution must be at least 2, got {resolution}", resolution=resolution))
    node_ids = neuron_nodes(model) if node_ids is None else node_ids
    x0, x1, y0, y1 = bounds if bounds is not None else plane_bounds(dataset)
    xs, ys = np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution)
    grid_x, grid_y = np.meshgrid(xs, ys)
    raw = np.stack([grid_x.ravel(), grid_y.ravel()], axis=1)
    inputs = np.ascontiguousarray(dataset.standardise(raw), dtype=np.float32).reshape(-1, *model.input_shape)
    device = next((p.device for p in model.parameters()), torch.device("cpu"))
    with evaluating(model), torch.no_grad():
        values = model.forward_all(torch.as_tensor(inputs, device=device))
    layers, widths = [], []
    for node_id in node_ids:
        value = values.get(node_id)
        if value is None or value.dim() != 2:
            continue  # not a vector per sample: nothing to draw on the plane
        shown = value[:, :MAX_NEURONS].detach().cpu().double().numpy()
        layers.append((node_id, shown.T.reshape(-1, resolution, resolution)))
        widths.append(int(value.shape[1]))
    return NeuronMaps(xs, ys, tuple(layers), tuple(widths))
