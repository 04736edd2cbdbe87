"""Build a ``torch.nn.Module`` that runs a project's graph in topological order.

Every layer node becomes one submodule keyed by its node id, so weights, gradient statistics,
feature maps and ONNX nodes map straight back to the graph the user drew.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Iterator, Mapping

import torch
from torch import nn

from dlplayground.compile.infer import Inference, infer
from dlplayground.graph.document import Graph
from dlplayground.graph.problems import ValidationError
from dlplayground.graph.validate import INPUT_TYPE, OUTPUT_TYPE
from dlplayground.layers.catalogue import CATALOGUE
from dlplayground.layers.spec import Constructor, Shape


#: held while a model is traced for export, and by training steps: torch.export swaps
#: process-wide state while it traces (the ONNX exporter runs it), so a training step on another
#: thread must not interleave with it. Uncontended, taking it costs well under a microsecond.
TRACING_LOCK = threading.RLock()


def module_key(node_id: str) -> str:
    """The submodule name for a node id (torch forbids '.' and names of existing attributes)."""
    key = node_id.replace(".", "\u00b7")
    return f"node_{key}" if hasattr(nn.ModuleDict, key) else key


@dataclass(frozen=True)
class LayerStep:
    """One layer node as the model runs it: its submodule key, how to build the module, and
    the nodes whose outputs it takes, in port order."""

    node_id: str
    key: str
    constructor: Constructor
    input_shapes: tuple[Shape, ...]
    params: Mapping[str, Any]
    sources: tuple[str, ...]

    def build(self) -> nn.Module:
        return self.constructor(self.input_shapes, self.params)


def layer_steps(graph: Graph, inference: Inference) -> list[LayerStep]:
    """The layer nodes of a valid graph in execution order (Input and Output excluded)."""
    steps = []
    for node_id in inference.order:
        node = graph.node(node_id)
        if node.type in (INPUT_TYPE, OUTPUT_TYPE):
            continue
        constructor = CATALOGUE[node.type].factory
        assert constructor is not None
        steps.append(LayerStep(node_id, module_key(node_id), constructor, tuple(inference.input_shapes[node_id]),
                               inference.resolved[node_id], tuple(e.src for e in graph.in_edges(node_id))))
    return steps


class GraphModule(nn.Module):
    """Runs the graph: ``forward(x)`` returns the Output node's value.

    Attributes:
        layers: one submodule per layer node, keyed by :func:`module_key` of its id.
        node_ids: node id -> submodule key, in execution order.
    """

    def __init__(self, graph: Graph, inference: Inference) -> None:
        super().__init__()
        if not inference.ok:
            raise ValidationError(inference.problems)
        assert inference.input_id and inference.output_id
        self.input_id = inference.input_id
        self.output_id = inference.output_id
        self.input_shape: Shape = inference.shapes[self.input_id]
        self.output_shape: Shape = inference.shapes[self.output_id]
        self.layers = nn.ModuleDict()
        self.node_ids: dict[str, str] = {}
        # (node id, input node ids) in execution order; Output is an alias of its input
        self._plan: list[tuple[str, tuple[str, ...]]] = []
        self._output_source = graph.in_edges(self.output_id)[0].src
        #: nodes marked ``"trainable": false``: no gradients, and run as in evaluation
        self.frozen: frozenset[str] = frozenset(n.id for n in graph.nodes if n.extra.get("trainable", True) is False)
        for step in layer_steps(graph, inference):
            module = self.layers[step.key] = step.build()
            self.node_ids[step.node_id] = step.key
            self._plan.append((step.node_id, step.sources))
            if step.node_id in self.frozen:
                module.requires_grad_(False)
        # the values each step is the last to read: forward() drops them then, so that a pass
        # over a large batch (validation) holds a few activations at a time, not every node's
        last_read = {source: index for index, (_, sources) in enumerate(self._plan) for source in sources}
        self._done: list[tuple[str, ...]] = [
            tuple(s for s in dict.fromkeys(sources) if last_read[s] == index and s != self._output_source)
            for index, (_, sources) in enumerate(self._plan)
        ]

    def train(self, mode: bool = True) -> "GraphModule":
        """Train mode, but frozen nodes stay in evaluation (BatchNorm keeps its running statistics)."""
        super().train(mode)
        for node_id in self.frozen & self.node_ids.keys():
            self.layers[self.node_ids[node_id]].eval()
        return self

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        values: dict[str, torch.Tensor] = {self.input_id: x}
        for (node_id, sources), done in zip(self._plan, self._done):
            values[node_id] = self.layers[self.node_ids[node_id]](*(values[s] for s in sources))
            for source in done:
                del values[source]
        return values[self._output_source]

    def forward_taps(self, x: torch.Tensor, taps: tuple[str, ...]) -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
        """The output and the values of the nodes ``taps`` (a VAE's mu and logvar), keeping
        no other activation longer than :meth:`forward` does."""
        values: dict[str, torch.Tensor] = {self.input_id: x}
        kept = {self.input_id: x} if self.input_id in taps else {}
        for (node_id, sources), done in zip(self._plan, self._done):
            values[node_id] = self.layers[self.node_ids[node_id]](*(values[s] for s in sources))
            if node_id in taps:
                kept[node_id] = values[node_id]
            for source in done:
                del values[source]
        return values[self._output_source], kept

    def forward_all(self, x: torch.Tensor) -> dict[str, torch.Tensor]:
        """Every node's output by node id (feature maps, Grad-CAM, debugging)."""
        values: dict[str, torch.Tensor] = {self.input_id: x}
        for node_id, sources in self._plan:
            values[node_id] = self.layers[self.node_ids[node_id]](*(values[s] for s in sources))
        values[self.output_id] = values[self._output_source]
        return values

    @property
    def output_source(self) -> str:
        """The node whose value the Output node passes on (named in output-shape errors)."""
        return self._output_source

    def node_modules(self) -> Iterator[tuple[str, nn.Module]]:
        """(node id, module) for every layer node, in execution order."""
        for node_id, key in self.node_ids.items():
            yield node_id, self.layers[key]

    def parametrised_nodes(self) -> list[tuple[str, nn.Module]]:
        return [(i, m) for i, m in self.node_modules() if any(True for _ in m.parameters())]

    def state_dict_by_node(self) -> dict[str, torch.Tensor]:
        """Parameters and buffers keyed ``<node id>.<name>`` (the run folder's weights format)."""
        tensors: dict[str, torch.Tensor] = {}
        for node_id, module in self.node_modules():
            for name, tensor in module.state_dict().items():
                tensors[f"{node_id}.{name}"] = tensor
        return tensors

    def load_state_dict_by_node(self, tensors: Mapping[str, torch.Tensor], strict: bool = True) -> None:
        """Load tensors keyed ``<node id>.<name>``; a missing or unexpected key names the node."""
        per_node: dict[str, dict[str, torch.Tensor]] = {}
        known = set(self.node_ids)
        for full_key, tensor in tensors.items():
            node_id, name = _split_key(full_key, known)
            if node_id is None:
                if strict:
                    raise KeyError(f"weights hold '{full_key}', which names no layer of this graph")
                continue
            per_node.setdefault(node_id, {})[name] = tensor
        for node_id, module in self.node_modules():
            wanted = module.state_dict()
            given = per_node.get(node_id, {})
            if strict and set(wanted) != set(given):
                missing = sorted(set(wanted) - set(given))
                raise KeyError(f"weights for node '{node_id}' lack {missing}" if missing else
                               f"weights for node '{node_id}' have unexpected {sorted(set(given) - set(wanted))}")
            for name, tensor in given.items():
                if name in wanted and tuple(wanted[name].shape) != tuple(tensor.shape):
                    raise ValueError(
                        f"weights for node '{node_id}' '{name}' have shape {list(tensor.shape)}, "
                        f"the layer needs {list(wanted[name].shape)}"
                    )
            module.load_state_dict(given, strict=strict)


def _split_key(full_key: str, node_ids: set[str]) -> tuple[str | None, str]:
    # node ids may contain '.', so try the longest known prefix
    parts = full_key.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        candidate = ".".join(parts[:cut])
        if candidate in node_ids:
            return candidate, ".".join(parts[cut:])
    return None, full_key


def build_model(graph: Graph, input_shape: Shape | None = None) -> GraphModule:
    """Validate the graph and build its module; raise :class:`ValidationError` with every problem."""
    return GraphModule(graph, infer(graph, input_shape, count_params=False))
