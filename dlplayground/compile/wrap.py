"""Plan "wrap in a residual block": an ``Add`` skip connection around a chain of layers.

Given the layers a user selected, :func:`plan_wrap` checks that they form one unbranched chain
and returns the edits that turn it into ``y = F(x) + x``: an ``Add`` after the chain's last
layer takes the chain's output on port 0 and the chain's input on port 1, and everything the
last layer fed now reads from the ``Add``. When the chain changes the shape, the skip gets a
projection (a ``Linear``, or a strided 1x1 ``Conv2d``, chosen by
:func:`dlplayground.compile.residual.skip_projection`). The plan is plain data: the editor
applies it as one undoable command, tests apply it with :meth:`WrapPlan.apply`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from dlplayground.compile.infer import Inference
from dlplayground.compile.residual import ADD_OFFSET, PROJECTION_DROP, skip_projection
from dlplayground.graph.document import Edge, Graph, Node
from dlplayground.graph.validate import INPUT_TYPE, OUTPUT_TYPE
from dlplayground.layers.shapes import fmt


class WrapError(ValueError):
    """The selection cannot be wrapped; the message says why, naming the nodes."""


@dataclass(frozen=True)
class WrapPlan:
    """The edits that wrap ``chain`` in a residual block, in the order they apply.

    Attributes:
        chain: the wrapped node ids, first to last.
        skip_source: the node whose output the chain reads and the skip carries.
        add: the new ``Add`` node.
        projection: the new projection on the skip, or None when shapes already match.
        removed_edges: edges out of the chain's last layer, which now leave from the ``Add``.
        added_edges: the new edges (main path, skip, and the ``Add``'s outputs).
    """

    chain: tuple[str, ...]
    skip_source: str
    add: Node
    projection: Node | None
    removed_edges: tuple[Edge, ...]
    added_edges: tuple[Edge, ...]

    @property
    def new_nodes(self) -> tuple[Node, ...]:
        return (self.add,) if self.projection is None else (self.add, self.projection)

    def apply(self, graph: Graph) -> None:
        """Apply the plan directly to ``graph`` (no undo)."""
        for edge in self.removed_edges:
            graph.remove_edge(edge)
        for node in self.new_nodes:
            graph.add_node(node.copy())
        for edge in self.added_edges:
            graph.add_edge(edge)


def plan_wrap(graph: Graph, node_ids: Iterable[str], inference: Inference) -> WrapPlan:
    """Plan a skip connection around the selected chain.

    Args:
        graph: the document's graph (not modified).
        node_ids: the selected nodes, in any order.
        inference: shape inference of ``graph`` (the skip needs the shapes at both ends).

    Raises:
        WrapError: the selection is empty, holds the Input or Output, is not one unbranched
            chain with a single input, or its shapes are unknown or cannot be projected.
    """
    chain = _chain(graph, node_ids)
    head, tail = chain[0], chain[-1]
    skip_source = graph.in_edges(head)[0].src
    skip_shape, main_shape = inference.shapes.get(skip_source), inference.shapes.get(tail)
    if skip_shape is None or main_shape is None:
        unknown = skip_source if skip_shape is None else tail
        raise WrapError(f"the output shape of '{unknown}' is unknown: fix the graph's problems first")

    add_id = graph.unique_id("add")
    tail_pos = graph.node(tail).pos
    add_pos = None if tail_pos is None else (tail_pos[0] + ADD_OFFSET[0], tail_pos[1] + ADD_OFFSET[1])
    add = Node(add_id, "Add", {}, add_pos)

    projection: Node | None = None
    skip_edges: list[Edge]
    if tuple(skip_shape) == tuple(main_shape):
        skip_edges = [Edge(skip_source, add_id, 1)]
    else:
        found = skip_projection(tuple(skip_shape), tuple(main_shape))
        if found is None:
            raise WrapError(
                f"the chain maps {fmt(skip_shape)} to {fmt(main_shape)}; no 1x1 convolution or "
                f"Linear projection fits a skip between those shapes"
            )
        proj_id = graph.unique_id(f"{add_id}_proj")
        projection = Node(proj_id, found[0], found[1], _projection_pos(graph, skip_source, tail))
        skip_edges = [Edge(skip_source, proj_id), Edge(proj_id, add_id, 1)]

    removed = tuple(graph.out_edges(tail))
    rerouted = [Edge(add_id, e.dst, e.dst_port, e.extra) for e in removed]
    added = (Edge(tail, add_id, 0), *skip_edges, *rerouted)
    return WrapPlan(tuple(chain), skip_source, add, projection, removed, added)


def _chain(graph: Graph, node_ids: Iterable[str]) -> list[str]:
    """The selection ordered first to last; :class:`WrapError` unless it is one plain chain."""
    selected = list(dict.fromkeys(node_ids))
    if not selected:
        raise WrapError("select the layers to wrap in a residual block")
    for node_id in selected:
        if node_id not in graph:
            raise WrapError(f"no node with id '{node_id}'")
        node_type = graph.node(node_id).type
        if node_type in (INPUT_TYPE, OUTPUT_TYPE):
            raise WrapError(f"the {node_type} node '{node_id}' cannot be inside a residual block")
    chosen = set(selected)
    heads = [n for n in selected if not any(e.src in chosen for e in graph.in_edges(n))]
    if len(heads) != 1:
        listed = ", ".join(f"'{n}'" for n in heads) or "none (the selection loops)"
        raise WrapError(f"the selection must be one chain of connected layers; it starts at {listed}")
    chain = [heads[0]]
    while True:
        current = chain[-1]
        inside = [e for e in graph.out_edges(current) if e.dst in chosen]
        if not inside:
            break
        outside = [e for e in graph.out_edges(current) if e.dst not in chosen]
        if len(inside) > 1 or outside:
            raise WrapError(f"'{current}' branches inside the selection; a residual block wraps a plain chain")
        following = inside[0].dst
        if len(graph.in_edges(following)) != 1:
            raise WrapError(f"'{following}' has inputs from outside the selection; a residual block wraps a plain chain")
        chain.append(following)
    if len(chain) != len(selected):
        stray = ", ".join(f"'{n}'" for n in selected if n not in chain)
        raise WrapError(f"the selection must be one chain of connected layers; {stray} not on the chain from '{chain[0]}'")
    head_inputs = graph.in_edges(chain[0])
    if len(head_inputs) != 1:
        raise WrapError(
            f"the chain's first layer '{chain[0]}' must have exactly one input to skip from, has {len(head_inputs)}"
        )
    return chain


def _projection_pos(graph: Graph, skip_source: str, tail: str) -> tuple[float, float] | None:
    """Below the middle of the block, clear of the chain and of the Add."""
    start, end = graph.node(skip_source).pos, graph.node(tail).pos
    if start is None or end is None:
        return None
    return ((start[0] + end[0]) / 2.0, max(start[1], end[1]) + PROJECTION_DROP)
