"""Structural validation of a graph: cycles, Input/Output presence, connectivity.

Type-, parameter- and shape-level checks need the layer catalogue and live in
:mod:`dlplayground.compile.infer`, which calls this first and adds its own problems.
"""

from __future__ import annotations

import graphlib
from dataclasses import dataclass

from dlplayground.graph.document import Graph
from dlplayground.graph.problems import Problem, ProblemKind
from dlplayground.graph.text import tx

INPUT_TYPE = "Input"
OUTPUT_TYPE = "Output"


@dataclass(frozen=True)
class Structure:
    """What structural validation learned: a topological order (when acyclic) and problems."""

    order: tuple[str, ...]
    problems: tuple[Problem, ...]
    input_id: str | None
    output_id: str | None


def check_structure(graph: Graph) -> Structure:
    problems: list[Problem] = []
    order = _topological_order(graph, problems)

    inputs = [n.id for n in graph.nodes if n.type == INPUT_TYPE]
    outputs = [n.id for n in graph.nodes if n.type == OUTPUT_TYPE]
    if not inputs:
        problems.append(Problem(ProblemKind.NO_INPUT, tx("the graph has no Input node")))
    elif len(inputs) > 1:
        problems.append(Problem(ProblemKind.TOO_MANY_MARKERS, tx("only one Input node is allowed"), tuple(inputs)))
    if not outputs:
        problems.append(Problem(ProblemKind.NO_OUTPUT, tx("the graph has no Output node")))
    elif len(outputs) > 1:
        problems.append(
            Problem(ProblemKind.TOO_MANY_MARKERS, tx("exactly one Output node is allowed (version 1)"), tuple(outputs))
        )

    input_id = inputs[0] if len(inputs) == 1 else None
    output_id = outputs[0] if len(outputs) == 1 else None
    if input_id and output_id:
        reachable = _reach(graph, input_id, forward=True)
        feeding = _reach(graph, output_id, forward=False)
        if output_id not in reachable:
            problems.append(
                Problem(
                    ProblemKind.DISCONNECTED,
                    tx("no path from the Input '{input}' to the Output '{output}'", input=input_id, output=output_id),
                    (input_id, output_id),
                )
            )
        stray = [n.id for n in graph.nodes if n.id not in reachable or n.id not in feeding]
        stray = [s for s in stray if s not in (input_id, output_id)]
        if stray:
            problems.append(
                Problem(
                    ProblemKind.DISCONNECTED,
                    tx("not on a path from the Input to the Output"),
                    tuple(stray),
                )
            )
    return Structure(tuple(order), tuple(problems), input_id, output_id)


def _topological_order(graph: Graph, problems: list[Problem]) -> list[str]:
    sorter: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
    for node in graph.nodes:
        sorter.add(node.id)
    for edge in graph.edges:
        sorter.add(edge.dst, edge.src)
    try:
        return list(sorter.static_order())
    except graphlib.CycleError as exc:
        cycle = tuple(dict.fromkeys(exc.args[1]))
        problems.append(Problem(ProblemKind.CYCLE, tx("the graph has a cycle: {path}", path=" -> ".join(exc.args[1])), cycle))
        return []


def _reach(graph: Graph, start: str, forward: bool) -> set[str]:
    neighbours: dict[str, list[str]] = {}
    for edge in graph.edges:
        a, b = (edge.src, edge.dst) if forward else (edge.dst, edge.src)
        neighbours.setdefault(a, []).append(b)
    seen = {start}
    stack = [start]
    while stack:
        for nxt in neighbours.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen
