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
from dlplayground.graph.document import Graph
from dlplayground.graph.validate import INPUT_TYPE, OUTPUT_TYPE
from dlplayground.layers.shapes import fmt


class WrapError(ValueError):
    """The selection cannot be wrapped; the message says why, naming the nodes."""


@dataclass(frozen=True)
class WrapPlan(SkipPlan):
    """The edits that wrap ``chain`` in a residual block (a :class:`SkipPlan` around it).

    Attributes:
        chain: the wrapped node ids, first to last.
        skip_source: the node whose output the chain reads and the skip carries.
    """

    chain: tuple[str, ...] = ()
    skip_source: str = ""


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
    return WrapPlan(plan.add, plan.projection, plan.removed_edges, plan.added_edges, tuple(chain), skip_source)


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
