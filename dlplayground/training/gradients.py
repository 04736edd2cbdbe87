"""Per-layer gradient and weight norms: how the playground shows gradients vanish.

A layer is a parametrised graph node; its norm is the L2 norm over all its parameters
together. The norms of all parameters are computed in one fused ``torch._foreach_norm`` call
and summed per node with one ``index_add_``, so recording costs a few kernel launches and a
single device-to-host copy however many layers the model has.
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
        nodes = model.parametrised_nodes()
        self.node_ids = tuple(node_id for node_id, _ in nodes)
        self._params: list[torch.nn.Parameter] = []
        owners: list[int] = []
        for index, (_, module) in enumerate(nodes):
            for param in module.parameters():
                if param.requires_grad:
                    self._params.append(param)
                    owners.append(index)
        device = self._params[0].device if self._params else torch.device("cpu")
        count = len(self.node_ids)
        # row 0 of the result sums gradients per node, row 1 weights: one index_add_ does both
        self._owner = torch.tensor(owners + [count + i for i in owners], dtype=torch.long, device=device)

    def record(self, step: int, epoch: int) -> GradientRecord:
        count = len(self.node_ids)
        if not self._params:
            empty = np.zeros(0)
            return GradientRecord(step, epoch, self.node_ids, empty, empty)
        with torch.no_grad():
            grads = [p.grad if p.grad is not None else torch.zeros_like(p) for p in self._params]
            norms = torch.stack(torch._foreach_norm(grads + [p.detach() for p in self._params])).float()
            per_node = torch.zeros(2 * count, device=norms.device).index_add_(0, self._owner, norms.square_())
            result = per_node.sqrt_().cpu().numpy().astype(np.float64)
        return GradientRecord(step, epoch, self.node_ids, result[:count], result[count:])
