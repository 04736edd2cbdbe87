"""Plan "wrap in a residual block": an ``Add`` skip connection around a chain of layers.

Given the layers a user selected, :func:`plan_wrap` checks that they form one unbranched chain
and returns the edits that turn it into ``y = F(x) + x``: an ``Add`` after the chain's last
layer takes the chain's output on port 0 and the chain's input on port 1, and everything the
last layer fed now reads from the ``Add``. When the chain changes the shape, the skip gets a
projection (a ``Linear``, or a strided 1x1 ``Conv2d``, chosen by
:func:`dlplayground.compile.skips.skip_projection`). The plan is plain data: the editor
applies it as one undoable command, tests apply it with :meth:`WrapPlan.apply`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from dlplayground.compile.infer import Inference
from dlplayground.compile.skips import SkipPlan, plan_skip, skip_projection
from dlplayground.graph.document import Graph, Node
from dlplayground.graph.validate import INPUT_TYPE, OUTPUT_TYPE
from dlplayground.layers.shapes import fmt


class WrapError(ValueError):
    """The selection cannot be wrapped; the message says why, naming the nodes."""


#: how far the layers after a wrapped chain move right to make room for the Add (one column of
#: the layered layout)
ADD_COLUMN = 220.0


@dataclass(frozen=True)
class WrapPlan(SkipPlan):
    """The edits that wrap ``chain`` in a residual block (a :class:`SkipPlan` around it).

    Attributes:
        chain: the wrapped node ids, first to last.
        skip_source: the node whose output the chain reads and the skip carries.
        moves: new positions for the layers after the chain, moved one column right so that
            the Add sits in line after the chain's last layer.
    """

    chain: tuple[str, ...] = ()
    skip_source: str = ""
    moves: tuple[tuple[str, tuple[float, float]], ...] = ()

    def apply(self, graph: Graph) -> None:
        for node_id, pos in self.moves:
            graph.move_node(node_id, pos)
        super().apply(graph)


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

    projection = None
    if tuple(skip_shape) != tuple(main_shape):
        projection = skip_projection(tuple(skip_shape), tuple(main_shape))
        if projection is None:
            raise WrapError(
                f"the chain maps {fmt(skip_shape)} to {fmt(main_shape)}; no 1x1 convolution or "
                f"Linear projection fits a skip between those shapes"
            )
    plan = plan_skip(graph, skip_source, tail, projection)
    add, moves = _in_line(graph, plan.add, tail)
    return WrapPlan(add, plan.projection, plan.removed_edges, plan.added_edges, tuple(chain), skip_source, moves)


def _in_line(graph: Graph, add: Node, tail: str) -> tuple[Node, tuple[tuple[str, tuple[float, float]], ...]]:
    """The Add one column right of the chain's last layer, and the moves that make room for it:
    every layer downstream of the chain that sits right of its last layer moves one column right."""
    tail_pos = graph.node(tail).pos
    if tail_pos is None:
        return add, ()
    downstream: set[str] = set()
    pending = [e.dst for e in graph.out_edges(tail)]
    while pending:
        node_id = pending.pop()
        if node_id not in downstream:
            downstream.add(node_id)
            pending += [e.dst for e in graph.out_edges(node_id)]
    moves = []
    for node_id in sorted(downstream):
        pos = graph.node(node_id).pos
        if pos is not None and pos[0] > tail_pos[0]:
            moves.append((node_id, (pos[0] + ADD_COLUMN, pos[1])))
    placed = Node(add.id, add.type, dict(add.params), (tail_pos[0] + ADD_COLUMN, tail_pos[1]), dict(add.extra))
    return placed, tuple(moves)


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
