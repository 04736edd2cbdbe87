"""Make the residual twin of a plain chain: the same layers with identity skips every two blocks.

A *block* is one weighted layer (Linear, Conv1d, Conv2d) with the layers that follow it up to
the next weighted one. Its *stream point* is the block's output before its first non-linearity:
the weighted layer and the normalisation layers right after it. Around every group of two inner
blocks (not the stem, which sets the width, and not the head) the twin adds an ``Add`` that sums
the group's last stream point with the stream point before the group::

    x_{l+1} = x_l + F(x_l)        F = act -> weighted -> act -> weighted (norms kept in place)

This is the full pre-activation form of He et al. 2016, "Identity Mappings in Deep Residual
Networks": nothing but additions lies on the skip path, so the loss gradient reaches the first
layers undamped. The form of the original ResNet, ``y = act(F(x) + x)``, keeps one activation per
block on that path; with sigmoids (derivative <= 0.25) a 20-layer twin built that way still had
a first-to-last gradient-norm ratio of 3e-8 at initialisation (the plain net: 8e-18; this form:
3e-2) and trained no better than the plain net. Summing after the activations instead
(``x + act(W act(W x))``) is an identity skip too, but it adds a positive sigmoid or ReLU output
per block, so the stream drifts and later sigmoids saturate; measured on spiral, the
pre-activation form learnt the deep sigmoid nets where that one did not.

Where the two ends of a skip differ in shape, a projection is placed on the skip (a Linear, or
a 1x1 Conv2d with the matching stride); a group whose ends no projection can join (a Flatten in
between) is passed over by one block. Original node ids are kept, so matching layers can share
an initialisation when plain and residual nets are compared.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from typing import Any, Mapping

from dlplayground.compile.infer import infer
from dlplayground.compile.skips import plan_skip, skip_projection
from dlplayground.graph.text import tx
from dlplayground.graph.document import Graph
from dlplayground.graph.io import project_from_dict, project_to_dict
from dlplayground.layers.catalogue import CATALOGUE
from dlplayground.layers.spec import Shape

#: layers that start a block
WEIGHTED = frozenset({"Linear", "Conv1d", "Conv2d"})
#: catalogue categories that stay on the stream side of a block (before its non-linearity)
STREAM_CATEGORIES = frozenset({"Normalisation"})


class TwinError(ValueError):
    """The project is not a plain chain the twin can be made from; the message says why."""


@dataclass(frozen=True)
class Block:
    """One weighted layer and the layers after it, as indices into the main chain.

    Attributes:
        start: the weighted layer.
        stream: the last layer before the block's non-linearity (the weighted layer itself or
            a normalisation right after it): where a skip joins or leaves.
        end: the block's last layer.
    """

    start: int
    stream: int
    end: int


def main_chain(graph: Graph, input_id: str) -> list[str]:
    """Node ids from the Input along single edges; raise :class:`TwinError` at a branch."""
    chain = [input_id]
    while True:
        outs = graph.out_edges(chain[-1])
        if not outs:
            return chain
        if len(outs) > 1 or len(graph.in_edges(outs[0].dst)) > 1:
            raise TwinError(tx("'{node}' branches: the residual twin needs a plain chain of layers", node=chain[-1]))
        chain.append(outs[0].dst)


def find_blocks(graph: Graph, chain: list[str]) -> list[Block]:
    """The blocks of a chain (the last node, the Output, belongs to none)."""
    starts = [i for i, node_id in enumerate(chain) if graph.node(node_id).type in WEIGHTED]
    blocks = []
    for index, start in enumerate(starts):
        end = (starts[index + 1] if index + 1 < len(starts) else len(chain) - 1) - 1
        stream = start
        while stream < end and _category(graph.node(chain[stream + 1]).type) in STREAM_CATEGORIES:
            stream += 1
        blocks.append(Block(start, stream, end))
    return blocks


def make_residual_twin(project: Mapping[str, Any], input_shape: Shape | None = None,
                       every: int = 2) -> dict[str, Any]:
    """The residual twin of a plain-chain project, as a new project dict.

    Args:
        project: the plain project (spec JSON dict).
        input_shape: the dataset's per-sample shape (needed unless the Input sets ``shape``).
        every: blocks per skip connection (2: a skip around every two blocks).

    Raises:
        TwinError: the graph has problems, branches, has too few weighted layers, or no group
            of blocks can be joined by a skip.
    """
    if every < 1:
        raise TwinError(tx("every must be at least 1, got {every}", every=every))
    twin = project_from_dict(copy.deepcopy(dict(project)))
    graph = twin.graph
    inference = infer(graph, input_shape, count_params=False)
    if not inference.ok:
        raise TwinError(tx("the project has problems: {problems}",
                           problems="; ".join(str(p) for p in inference.problems)))
    chain = main_chain(graph, inference.input_id or "")
    blocks = find_blocks(graph, chain)
    if len(blocks) < 2 + every:
        found = [graph.node(chain[block.start]).type for block in blocks]
        counts = ", ".join(f"{found.count(t)} {t}" for t in dict.fromkeys(found)) or "none"
        missing = 2 + every - len(blocks)
        raise TwinError(tx("the network has {count} layer(s) with weights ({counts}); a residual twin "
                           "needs at least {needed}: a first layer, {every} to skip over, and the output layer. "
                           "Add {missing} more hidden layer(s) (e.g. a {layer} and an activation) to compare",
                           count=len(blocks), counts=counts, needed=2 + every, every=every, missing=missing,
                           layer=found[-1] if found else "Linear"))

    stream_id, stream_shape = chain[blocks[0].stream], inference.shapes[chain[blocks[0].stream]]
    index, added = 1, 0
    while index + every <= len(blocks) - 1:  # the head never sits inside a skip
        main_id = chain[blocks[index + every - 1].stream]
        main_shape = inference.shapes[main_id]
        projection = None if stream_shape == main_shape else skip_projection(stream_shape, main_shape)
        if stream_shape != main_shape and projection is None:
            # no skip can join these shapes (a Flatten in between): start the next group one block on
            stream_id = chain[blocks[index].stream]
            stream_shape = inference.shapes[stream_id]
            index += 1
            continue
        added += 1
        plan = plan_skip(graph, stream_id, main_id, projection, add_base=f"add{added}")
        plan.apply(graph)
        stream_id, stream_shape = plan.add.id, main_shape
        index += every
    if not added:
        raise TwinError(tx("no group of layers keeps its shape or can be joined by a projection"))

    twin.name = twin_name(twin.name)
    twin.extra["description"] = (
        f"The residual twin of '{project.get('name', 'the project')}': the same layers and ids, with "
        f"{added} identity skip connection(s), one around every {every} weighted layers."
    )
    return _in_execution_order(project_to_dict(twin), input_shape)


def twin_name(name: str) -> str:
    """"Deep plain MLP" -> "Deep residual MLP"; a name without "plain" gets " (residual twin)"."""
    renamed = re.sub(r"\b(p|P)lain\b", lambda m: "Residual" if m.group(1) == "P" else "residual", name, count=1)
    return renamed if renamed != name else f"{name} (residual twin)"


def _in_execution_order(raw: dict[str, Any], input_shape: Shape | None) -> dict[str, Any]:
    """Nodes and edges listed in execution order, so the new Adds read in place in the file."""
    order = infer(project_from_dict(raw).graph, input_shape, count_params=False).order
    rank = {node_id: index for index, node_id in enumerate(order)}
    raw["graph"]["nodes"].sort(key=lambda n: rank.get(n["id"], len(rank)))
    raw["graph"]["edges"].sort(key=lambda e: (rank.get(e["dst"], len(rank)), e.get("dst_port", 0)))
    return raw


def _category(type_name: str) -> str | None:
    spec = CATALOGUE.get(type_name)
    return spec.category if spec is not None else None
