"""Shape inference and validation over the whole graph.

Walks the DAG in topological order (``graphlib``) and, for every node, checks its type, its
parameters and its number of inputs, applies the layer's shape rule and counts its
parameters. Every problem is collected, so a user sees all of them at once; a node whose
inputs already failed is skipped rather than reported again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from dlplayground.graph.document import Graph
from dlplayground.graph.problems import Problem, ProblemKind
from dlplayground.graph.text import message_of, tx
from dlplayground.graph.validate import INPUT_TYPE, check_structure
from dlplayground.layers.catalogue import CATALOGUE
from dlplayground.layers.shapes import fmt
from dlplayground.layers.spec import Shape, ShapeError


@dataclass
class Inference:
    """The result of :func:`infer`: per-node shapes and parameter counts, and all problems."""

    order: tuple[str, ...]
    input_id: str | None
    output_id: str | None
    shapes: dict[str, Shape] = field(default_factory=dict)
    input_shapes: dict[str, tuple[Shape, ...]] = field(default_factory=dict)
    param_counts: dict[str, int] = field(default_factory=dict)
    resolved: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def total_params(self) -> int:
        return sum(self.param_counts.values())

    @property
    def output_shape(self) -> Shape | None:
        return self.shapes.get(self.output_id) if self.output_id else None


def infer(graph: Graph, input_shape: Shape | None = None, count_params: bool = True) -> Inference:
    """Infer every node's output shape and parameter count.

    Args:
        graph: the graph to check.
        input_shape: the dataset's per-sample shape; the Input node's own ``shape`` param, when
            set, must agree with it.
        count_params: also count parameters (arithmetic: no torch, no tensors).
    """
    structure = check_structure(graph)
    result = Inference(structure.order, structure.input_id, structure.output_id)
    result.problems.extend(structure.problems)
    order = structure.order or tuple(n.id for n in graph.nodes)
    acyclic = bool(structure.order) or not graph.nodes

    for node_id in order:
        node = graph.node(node_id)
        spec = CATALOGUE.get(node.type)
        if spec is None:
            result.problems.append(
                Problem(ProblemKind.UNKNOWN_TYPE, tx("unknown layer type '{type}'", type=node.type), (node_id,))
            )
            continue
        param_problems = spec.schema.problems(node.params)
        if not isinstance(node.extra.get("trainable", True), bool):
            param_problems.append(tx("'trainable' must be true or false, got {value}", value=repr(node.extra['trainable'])))
        for message in param_problems:
            result.problems.append(Problem(ProblemKind.BAD_PARAM, tx("{type}: {message}", type=node.type, message=message), (node_id,)))
        resolved = spec.schema.resolve(node.params)
        result.resolved[node_id] = resolved

        in_edges = graph.in_edges(node_id)
        count = len(in_edges)
        if count < spec.min_inputs:
            message = (tx("{type} needs at least {needed} input(s), has {count}", type=node.type, needed=spec.min_inputs,
                          count=count) if spec.multi_input else
                       tx("{type} needs {needed} input(s), has {count}", type=node.type, needed=spec.min_inputs,
                          count=count))
            result.problems.append(Problem(ProblemKind.MISSING_INPUT, message, (node_id,)))
            continue
        if spec.max_inputs is not None and count > spec.max_inputs:
            sources = tuple(e.src for e in in_edges)
            result.problems.append(
                Problem(
                    ProblemKind.EXTRA_INPUT,
                    tx("{type} takes {most} input(s), has {count} (from {sources})", type=node.type, most=spec.max_inputs,
                       count=count, sources=", ".join(sources)),
                    (node_id, *sources),
                )
            )
            continue
        if param_problems or not acyclic:
            continue

        if node.type == INPUT_TYPE:
            shape = _input_shape(node_id, resolved, input_shape, result)
            if shape is None:
                continue
            inputs: tuple[Shape, ...] = ()
        else:
            if any(e.src not in result.shapes for e in in_edges):
                continue  # an upstream node failed and was reported already
            inputs = tuple(result.shapes[e.src] for e in in_edges)
            try:
                shape = tuple(spec.shape_rule(inputs, resolved))
            except ShapeError as exc:
                sources = tuple(dict.fromkeys(e.src for e in in_edges))
                result.problems.append(Problem(ProblemKind.SHAPE_MISMATCH, message_of(exc), (node_id, *sources)))
                continue
        result.shapes[node_id] = shape
        result.input_shapes[node_id] = inputs
        result.param_counts[node_id] = (
            count_parameters(node.type, inputs, resolved) if count_params and spec.factory else 0
        )
    return result


def _input_shape(node_id: str, resolved: Mapping[str, Any], dataset_shape: Shape | None,
                 result: Inference) -> Shape | None:
    declared = resolved.get("shape")
    if declared is not None and dataset_shape is not None and tuple(declared) != tuple(dataset_shape):
        result.problems.append(
            Problem(
                ProblemKind.SHAPE_MISMATCH,
                tx("Input shape {declared} does not match the dataset's sample shape {data}", declared=fmt(declared),
                   data=fmt(dataset_shape)),
                (node_id,),
            )
        )
        return None
    shape = declared if declared is not None else dataset_shape
    if shape is None:
        result.problems.append(
            Problem(ProblemKind.BAD_SETTINGS, tx("the input shape is unknown: set the Input's shape or pick a dataset"),
                    (node_id,))
        )
        return None
    if -1 in shape:
        result.problems.append(Problem(ProblemKind.BAD_PARAM, tx("Input shape may not hold -1"), (node_id,)))
        return None
    return tuple(int(d) for d in shape)


def count_parameters(type_name: str, inputs: tuple[Shape, ...], params: Mapping[str, Any]) -> int:
    """A layer's trainable parameters for these input shapes and resolved params.

    Arithmetic (the catalogue's count rules), so inference never imports torch; the rules are
    tested against the modules torch builds.
    """
    spec = CATALOGUE[type_name]
    return spec.count(inputs, params) if spec.count is not None else 0
