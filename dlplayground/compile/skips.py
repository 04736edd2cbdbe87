"""Skip connections: the edits that add ``y = F(x) + x`` around a stretch of a graph.

Both "wrap in residual block" (the editor) and the residual twin (plain vs residual) end a
stretch with an ``Add`` that sums the stretch's output (port 0) with its input (port 1), with a
projection on the skip where the two shapes differ. :func:`plan_skip` computes those edits as
plain data, so the editor can apply them as one undoable command and the twin directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dlplayground.graph.document import Edge, Graph, Node
from dlplayground.layers.spec import Shape

#: where the Add goes relative to the layer it follows
ADD_OFFSET = (100.0, 120.0)
#: how far below the stretch a projection goes
PROJECTION_DROP = 240.0


@dataclass(frozen=True)
class SkipPlan:
    """The edits of one skip connection, in the order they apply.

    Attributes:
        add: the new ``Add`` node.
        projection: the new projection on the skip, or None when the shapes already match.
        removed_edges: the edges out of the stretch's last layer, which now leave from the Add.
        added_edges: the new edges (main path, skip, and the Add's outputs).
    """

    add: Node
    projection: Node | None
    removed_edges: tuple[Edge, ...]
    added_edges: tuple[Edge, ...]

    @property
    def new_nodes(self) -> tuple[Node, ...]:
        return (self.add,) if self.projection is None else (self.add, self.projection)

    def apply(self, graph: Graph) -> None:
        """Apply the edits directly to ``graph`` (no undo)."""
        for edge in self.removed_edges:
            graph.remove_edge(edge)
        for node in self.new_nodes:
            graph.add_node(node.copy())
        for edge in self.added_edges:
            graph.add_edge(edge)


def plan_skip(graph: Graph, skip_source: str, tail: str, projection: tuple[str, dict[str, Any]] | None,
              add_base: str = "add") -> SkipPlan:
    """The edits that sum ``tail``'s output with ``skip_source``'s in a new ``Add``.

    Args:
        graph: the graph (not modified).
        skip_source: the node whose output the skip carries (the stretch's input).
        tail: the stretch's last node; whatever it fed reads from the Add instead.
        projection: ``(type, params)`` of the layer to put on the skip (see
            :func:`skip_projection`), or None when the shapes match.
        add_base: the Add's id, made unique (``add``, ``add_2``...).
    """
    add_id = graph.unique_id(add_base)
    tail_pos = graph.node(tail).pos
    add_pos = None if tail_pos is None else (tail_pos[0] + ADD_OFFSET[0], tail_pos[1] + ADD_OFFSET[1])
    add = Node(add_id, "Add", {}, add_pos)
    proj_node: Node | None = None
    if projection is None:
        skip_edges = [Edge(skip_source, add_id, 1)]
    else:
        proj_id = graph.unique_id(f"{add_id}_proj")
        proj_node = Node(proj_id, projection[0], dict(projection[1]), _projection_pos(graph, skip_source, tail))
        skip_edges = [Edge(skip_source, proj_id), Edge(proj_id, add_id, 1)]
    removed = tuple(graph.out_edges(tail))
    rerouted = [Edge(add_id, e.dst, e.dst_port, e.extra) for e in removed]
    return SkipPlan(add, proj_node, removed, (Edge(tail, add_id, 0), *skip_edges, *rerouted))


def skip_projection(src: Shape, dst: Shape) -> tuple[str, dict[str, Any]] | None:
    """The layer that maps a skip connection's shape ``src`` onto the main path's ``dst``.

    Returns:
        ``(type, params)``: a ``Linear`` between feature vectors, or a 1x1 ``Conv2d`` whose
        stride matches the downsampling between feature maps; None where no such layer fits.
    """
    if len(src) == 1 and len(dst) == 1:
        return "Linear", {"out_features": dst[0]}
    if len(src) == 3 and len(dst) == 3:
        stride = [_stride(a, b) for a, b in zip(src[1:], dst[1:])]
        if None in stride:
            return None
        return "Conv2d", {"out_channels": dst[0], "kernel_size": 1, "stride": stride if stride[0] != stride[1] else stride[0]}
    return None


def _stride(size: int, target: int) -> int | None:
    """The stride of a 1x1 convolution without padding that maps ``size`` to ``target``."""
    if not 0 < target <= size:
        return None
    stride = -(-size // target)  # ceil: 8 -> 4 and 7 -> 4 both take stride 2
    return stride if (size - 1) // stride + 1 == target else None


def _projection_pos(graph: Graph, skip_source: str, tail: str) -> tuple[float, float] | None:
    """Below the middle of the stretch, clear of the chain and of the Add."""
    start, end = graph.node(skip_source).pos, graph.node(tail).pos
    if start is None or end is None:
        return None
    return ((start[0] + end[0]) / 2.0, max(start[1], end[1]) + PROJECTION_DROP)
