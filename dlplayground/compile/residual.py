"""Make the residual twin of a plain chain: the same layers with identity skips every two blocks.

A *block* is one parametrised layer (Linear, Conv1d/2d) with the element-wise layers that follow
it (normalisation, activation, dropout). Blocks between the first (the stem, which changes the
input's width) and the last (the head) are paired; each pair ``B1, B2`` gets an ``Add`` that sums
``B2``'s pre-activation output with the pair's input, as in He et al.: ``y = act(F(x) + x)``.
Where the two shapes differ, a projection (a Linear, or a 1x1 Conv2d with the matching stride)
is placed on the skip. Original node ids are kept, so matching layers can share an
initialisation when plain and residual nets are compared.
"""

from __future__ import annotations

import copy
from typing import Any, Mapping

from dlplayground.compile.infer import infer
from dlplayground.graph.document import Graph
from dlplayground.graph.io import project_from_dict, project_to_dict
from dlplayground.graph.document import Edge, Node
from dlplayground.layers.spec import Shape

#: layers that start a block
WEIGHTED = {"Linear", "Conv1d", "Conv2d"}
#: layers placed after the Add (the block's non-linearity)
ACTIVATIONS = {"ReLU", "LeakyReLU", "ELU", "GELU", "Sigmoid", "Tanh"}


class TwinError(ValueError):
    """The project is not a plain chain the twin can be made from; the message says why."""


def main_chain(graph: Graph, input_id: str) -> list[str]:
    """Node ids from the Input along single edges; raise :class:`TwinError` at a branch."""
    chain = [input_id]
    while True:
        outs = graph.out_edges(chain[-1])
        if not outs:
            return chain
        if len(outs) > 1 or len(graph.in_edges(outs[0].dst)) > 1:
            raise TwinError(f"'{chain[-1]}' branches: the residual twin needs a plain chain of layers")
        chain.append(outs[0].dst)


def make_residual_twin(project: Mapping[str, Any], input_shape: Shape | None = None,
                       every: int = 2) -> dict[str, Any]:
    """The residual twin of a plain-chain project, as a new project dict.

    Args:
        project: the plain project (spec JSON dict).
        input_shape: the dataset's per-sample shape (needed unless the Input sets ``shape``).
        every: blocks per skip connection (2: a skip around every two blocks).
    """
    twin = project_from_dict(copy.deepcopy(dict(project)))
    graph = twin.graph
    inference = infer(graph, input_shape, count_params=False)
    if not inference.ok:
        raise TwinError("the project has problems: " + "; ".join(str(p) for p in inference.problems))
    chain = main_chain(graph, inference.input_id or "")
    starts = [i for i, node_id in enumerate(chain) if graph.node(node_id).type in WEIGHTED]
    if len(starts) < 2 + every:
        raise TwinError(f"the chain has {len(starts)} weighted layers; a twin needs at least {2 + every}")

    # blocks as index ranges into the chain: [start, next start)
    bounds = starts + [len(chain) - 1]
    blocks = [(bounds[i], bounds[i + 1]) for i in range(len(starts))]
    inner = blocks[1:-1]  # not the stem, not the head
    added = 0
    for group_start in range(0, len(inner) - every + 1, every):
        group = inner[group_start : group_start + every]
        skip_src = chain[group[0][0] - 1]
        last_start, last_end = group[-1]
        # the Add goes before the last block's activation (or at its end if it has none)
        merge_before = next(
            (chain[i] for i in range(last_start + 1, last_end) if graph.node(chain[i]).type in ACTIVATIONS),
            chain[last_end],
        )
        before = graph.in_edges(merge_before)[0].src
        added += 1
        add_id = graph.unique_id(f"add{added}")
        _insert_add(graph, add_id, before, merge_before, skip_src, inference.shapes, every=every)

    twin.name = f"{twin.name} (residual twin)"
    return project_to_dict(twin)


def _insert_add(graph: Graph, add_id: str, before: str, after: str, skip_src: str,
                shapes: Mapping[str, Shape], every: int) -> None:
    x, y = graph.node(before).pos or (0.0, 0.0)
    graph.remove_edge(graph.in_edges(after)[0])
    graph.add_node(Node(add_id, "Add", {}, (x + 100.0, y + 140.0)))
    graph.add_edge(Edge(before, add_id, 0))
    graph.add_edge(Edge(add_id, after))
    skip_shape, main_shape = shapes[skip_src], shapes[before]
    if skip_shape == main_shape:
        graph.add_edge(Edge(skip_src, add_id, 1))
        return
    proj_id = graph.unique_id(f"{add_id}_proj")
    graph.add_node(Node(proj_id, *_projection(skip_shape, main_shape), (x, y + 240.0)))
    graph.add_edge(Edge(skip_src, proj_id))
    graph.add_edge(Edge(proj_id, add_id, 1))


def _projection(src: Shape, dst: Shape) -> tuple[str, dict[str, Any]]:
    if len(src) == 1 and len(dst) == 1:
        return "Linear", {"out_features": dst[0]}
    if len(src) == 3 and len(dst) == 3 and src[1] % dst[1] == 0 and src[2] % dst[2] == 0:
        stride = [src[1] // dst[1], src[2] // dst[2]]
        return "Conv2d", {"out_channels": dst[0], "kernel_size": 1, "stride": stride if stride[0] != stride[1] else stride[0]}
    raise TwinError(f"no projection from {list(src)} to {list(dst)} for a skip connection")
