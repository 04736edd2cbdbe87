"""The model summary table: node id, type, output shape and parameter count per node."""

from __future__ import annotations

from dataclasses import dataclass

from dlplayground.compile.infer import Inference
from dlplayground.graph.document import Graph
from dlplayground.layers.shapes import fmt


@dataclass(frozen=True)
class SummaryRow:
    node_id: str
    type: str
    shape: str
    params: int | None


def summary_rows(graph: Graph, inference: Inference) -> list[SummaryRow]:
    """One row per node in execution order (graph order where the graph has a cycle)."""
    order = inference.order or tuple(n.id for n in graph.nodes)
    rows = []
    for node_id in order:
        node = graph.node(node_id)
        shape = inference.shapes.get(node_id)
        rows.append(
            SummaryRow(
                node_id,
                node.type,
                fmt(shape) if shape is not None else "?",
                inference.param_counts.get(node_id),
            )
        )
    return rows


def format_summary(graph: Graph, inference: Inference) -> str:
    """A plain-text table with a total line, as ``dlplayground summary`` prints it."""
    rows = summary_rows(graph, inference)
    header = ("node", "type", "output shape", "params")
    body = [(r.node_id, r.type, r.shape, "?" if r.params is None else f"{r.params:,}") for r in rows]
    widths = [max(len(str(row[i])) for row in [header, *body]) for i in range(4)]

    def line(cells: tuple[str, ...]) -> str:
        return "  ".join(
            str(c).rjust(w) if i == 3 else str(c).ljust(w) for i, (c, w) in enumerate(zip(cells, widths))
        ).rstrip()

    rule = "  ".join("-" * w for w in widths)
    total = f"Total parameters: {inference.total_params:,}"
    return "\n".join([line(header), rule, *(line(r) for r in body), rule, total])
