"""Per-layer gradient and weight norms: how the playground shows gradients vanish.

A layer is a parametrised graph node; its norm is the L2 norm over all its parameters
together. The norms of all gradients and weights are computed in one fused
``torch._foreach_norm`` call and copied to the host once; the per-node sums are numpy work on
a few dozen numbers, so recording costs the same few calls however many layers there are.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from dlplayground.compile.module import GraphModule


@dataclass(frozen=True)
class GradientRecord:
    """Norms of every parametrised node at one step (node order = execution order)."""

    step: int
    epoch: int
    node_ids: tuple[str, ...]
    grad_norms: np.ndarray
    weight_norms: np.ndarray

    def ratio_first_to_last(self) -> float:
        """Gradient norm of the first layer over the last one (tiny: gradients vanish)."""
        last = float(self.grad_norms[-1])
        return float(self.grad_norms[0]) / last if last > 0 else float("nan")


class GradientMonitor:
    """Computes :class:`GradientRecord` for a model after ``backward()``."""

    def __init__(self, model: GraphModule) -> None:
        # frozen nodes ("trainable": false) get no gradients, so no statistics either
        nodes = [(i, m) for i, m in model.parametrised_nodes() if any(p.requires_grad for p in m.parameters())]
        self.node_ids = tuple(node_id for node_id, _ in nodes)
        self._params: list[torch.nn.Parameter] = []
        owners: list[int] = []
        for index, (_, module) in enumerate(nodes):
            for param in module.parameters():
                if param.requires_grad:
                    self._params.append(param)
                    owners.append(index)
        # entry i of the per-tensor norms belongs to node owner[i]: gradients first, then weights
        self._owner = np.asarray(owners + [len(self.node_ids) + i for i in owners], dtype=np.intp)
        # views of the parameters' storage (made once: detaching costs a call per tensor); they
        # stay valid as long as the model is not moved to another device afterwards, which is
        # why the Trainer moves it first
        self._weights = [p.detach() for p in self._params]

    def record(self, step: int, epoch: int) -> GradientRecord:
        count = len(self.node_ids)
        if not self._params:
            empty = np.zeros(0)
            return GradientRecord(step, epoch, self.node_ids, empty, empty)
        with torch.no_grad():
            grads = [p.grad if p.grad is not None else torch.zeros_like(p) for p in self._params]
            norms = torch.stack(torch._foreach_norm(grads + self._weights)).cpu().numpy().astype(np.float64)
        # a node's norm over all its tensors: the square root of the sum of their squared norms
        per_node = np.sqrt(np.bincount(self._owner, weights=norms * norms, minlength=2 * count))
        return GradientRecord(step, epoch, self.node_ids, per_node[:count], per_node[count:])
