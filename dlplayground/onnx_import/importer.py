"""Turn a prepared ONNX model into a project: one catalogue node per mapped operator.

Every node left after folding is mapped by its rule (:mod:`dlplayground.onnx_import.ops`); each
one that cannot be is collected with its ONNX name, op type and position, so the user sees all
of them at once. The project is then shape-checked with the catalogue's own rules against the
shapes ONNX inferred, so a mapping that would compute something else is refused here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dlplayground.compile.infer import infer
from dlplayground.graph.document import Edge, Graph, Node, Project
from dlplayground.graph.layout import layered_layout
from dlplayground.graph.text import Text, joined, message_of, tx
from dlplayground.onnx_import.ops import RULES, Alias, Context, Layer, Unmappable
from dlplayground.onnx_import.prepare import PreparedModel


@dataclass(frozen=True)
class UnmappedOp:
    """An ONNX node the importer cannot express, and why."""

    name: str
    op_type: str
    position: int
    reason: str

    def __str__(self) -> str:
        return str(self.text())

    def text(self) -> Text:
        """The line that names it, translatable in the window (``reason`` may be such a text too)."""
        return tx("node {position} '{name}' ({op_type}): {reason}", position=self.position, name=self.name,
                  op_type=self.op_type, reason=self.reason)


class UnmappedOperators(ValueError):
    """Some operators have no catalogue equivalent; ``ops`` lists every one."""

    def __init__(self, ops: list[UnmappedOp]) -> None:
        self.ops = ops
        lines = joined([op.text() for op in ops], "\n  ")
        super().__init__(tx("{count} operator(s) cannot be imported:\n  {lines}", count=len(ops), lines=lines))


@dataclass
class ImportedGraph:
    """The project's graph and its weights keyed ``<node id>.<name>``."""

    graph: Graph
    weights: dict[str, np.ndarray]
    input_id: str
    output_id: str
    layer_count: int = 0
    origins: dict[str, str] = field(default_factory=dict)


def node_id(name: str, fallback: str, taken: set[str]) -> str:
    """A readable, unique id from an ONNX name (``/layer1/conv1/Conv`` -> ``layer1_conv1_Conv``)."""
    stem = re.sub(r"[^0-9A-Za-z_]+", "_", name).strip("_") or fallback
    candidate, index = stem, 2
    while candidate in taken:
        candidate = f"{stem}_{index}"
        index += 1
    taken.add(candidate)
    return candidate


def map_graph(prepared: PreparedModel) -> ImportedGraph:
    """Map every node; raise :class:`UnmappedOperators` listing each one that has no layer."""
    ctx = Context(prepared)
    taken: set[str] = set()
    input_id = node_id(prepared.input_name, "input", taken)
    producers: dict[str, str] = {prepared.input_name: input_id}
    layers: list[tuple[str, Layer]] = []
    unmapped: list[UnmappedOp] = []
    failed_values: set[str] = set()

    def fail(node: Any, reason: str) -> None:
        unmapped.append(UnmappedOp(node.name or "(unnamed)", node.op_type, prepared.positions.get(id(node), -1), reason))
        failed_values.update(n for n in node.output if n)

    for node in prepared.nodes:
        if id(node) in ctx.claimed:
            continue
        if any(name in failed_values for name in node.input):
            failed_values.update(n for n in node.output if n)
            continue  # its input already failed and was reported
        mapper = RULES.get(node.op_type) if node.domain in ("", "ai.onnx") else None
        if mapper is None:
            if node.domain in ("", "ai.onnx"):
                fail(node, tx("no catalogue layer for the operator {op_type}", op_type=node.op_type))
            else:
                fail(node, tx("no catalogue layer for the operator {op_type} of domain '{domain}'",
                              op_type=node.op_type, domain=node.domain))
            continue
        try:
            result = mapper(node, ctx)
        except Unmappable as exc:
            fail(node, message_of(exc))
            continue
        ctx.claim(node)
        if isinstance(result, Alias):
            if result.source not in producers:
                fail(node, tx("its input '{name}' comes from no mapped layer", name=result.source))
                continue
            producers[result.output] = producers[result.source]
            continue
        missing = [s for s in result.sources if s not in producers]
        if missing:
            fail(node, tx("its input '{name}' comes from no mapped layer", name=missing[0]))
            continue
        result.position = prepared.positions.get(id(node), -1)
        layer_id = node_id(result.name, result.type.lower(), taken)
        producers[result.output] = layer_id
        layers.append((layer_id, result))

    if prepared.output_name not in producers and prepared.output_name not in failed_values:
        raise UnmappedOperators(unmapped or [UnmappedOp(prepared.output_name, "Output", -1,
                                                        tx("the model's output is a constant"))])
    if unmapped:
        raise UnmappedOperators(unmapped)
    return _build(prepared, input_id, producers, layers)


def _build(prepared: PreparedModel, input_id: str, producers: dict[str, str],
           layers: list[tuple[str, Layer]]) -> ImportedGraph:
    taken = {input_id, *(i for i, _ in layers)}
    output_id = node_id(prepared.output_name, "output", taken)
    graph = Graph()
    sample = list(prepared.shapes[prepared.input_name][1:])
    graph.add_node(Node(input_id, "Input", {"shape": sample}))
    weights: dict[str, np.ndarray] = {}
    origins: dict[str, str] = {}
    for layer_id, layer in layers:
        graph.add_node(Node(layer_id, layer.type, layer.params, extra=dict(layer.extra)))
        for name, value in layer.weights.items():
            weights[f"{layer_id}.{name}"] = value
        origins[layer_id] = f"{layer.name} ({layer.op_type})"
    graph.add_node(Node(output_id, "Output"))
    for layer_id, layer in layers:
        for port, source in enumerate(layer.sources):
            graph.add_edge(Edge(producers[source], layer_id, port))
    graph.add_edge(Edge(producers[prepared.output_name], output_id))
    for placed, pos in layered_layout(graph).items():
        graph.node(placed).pos = pos
    imported = ImportedGraph(graph, weights, input_id, output_id, len(layers), origins)
    _check_shapes(prepared, imported, layers)
    return imported


def _check_shapes(prepared: PreparedModel, imported: ImportedGraph, layers: list[tuple[str, Layer]]) -> None:
    """Every layer's shape by the catalogue's rule must be the shape ONNX inferred."""
    inference = infer(imported.graph, count_params=False)
    found: list[UnmappedOp] = []
    by_id = dict(layers)
    reported: set[str] = set()
    for problem in inference.problems:
        for culprit in problem.node_ids:
            if culprit in by_id and culprit not in reported:
                reported.add(culprit)
                layer = by_id[culprit]
                found.append(UnmappedOp(layer.name, layer.op_type, layer.position,
                                        tx("as {layer_type} {params}: {message}", layer_type=layer.type,
                                           params=layer.params, message=problem.message)))
                break
    for layer_id, layer in layers:
        wanted = prepared.shapes.get(layer.output)
        got = inference.shapes.get(layer_id)
        if wanted is not None and got is not None and tuple(got) != tuple(wanted[1:]):
            found.append(UnmappedOp(layer.name, layer.op_type, layer.position,
                                    tx("as {layer_type} it gives {got} per sample, ONNX {wanted}",
                                       layer_type=layer.type, got=list(got), wanted=list(wanted[1:]))))
    if found:
        raise UnmappedOperators(found)


def project_of(imported: ImportedGraph, name: str, weights_file: str) -> Project:
    """The project around an imported graph; its weights file is ``training.init``."""
    return Project(name=name, graph=imported.graph, data={}, training={"init": weights_file})
