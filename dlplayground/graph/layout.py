"""Automatic layered layout of a graph: where to draw each node, computed without Qt.

The network flows left to right. Each node's column is its longest-path distance from a
source (so a residual ``Add`` lands after the deepest branch it merges); rows are ordered by
barycentre sweeps (Sugiyama-style crossing reduction) and then placed at the mean height of
their predecessors, pushed apart where they would overlap. A chain therefore stays on one
straight row and a skip projection sits just below it. Cycles, which the editor refuses but a
hand-written file may hold, are laid out by ignoring the edges that close them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable, Iterable

from dlplayground.graph.bursts import without_gc
from dlplayground.graph.document import Graph

Position = tuple[float, float]
#: a node id, or a placeholder ``(src, dst, column)`` for an edge crossing a column
Key = Hashable


@dataclass(frozen=True)
class LayoutOptions:
    """Spacing of the layered layout, in scene units (node centres).

    Attributes:
        layer_spacing: horizontal distance between consecutive columns.
        node_spacing: minimum vertical distance between two nodes of one column.
        sweeps: barycentre sweeps (down and up) used to reduce edge crossings.
    """

    layer_spacing: float = 220.0
    node_spacing: float = 120.0
    sweeps: int = 4


DEFAULT_OPTIONS = LayoutOptions()


@without_gc
def layered_layout(graph: Graph, options: LayoutOptions = DEFAULT_OPTIONS) -> dict[str, Position]:
    """Positions (node centres) for every node of ``graph``.

    Args:
        graph: the graph to lay out; it is not modified.
        options: spacing and number of ordering sweeps.

    Returns:
        node id -> ``(x, y)``; the first column is at ``x = 0`` and the top row at ``y = 0``.
    """
    ids = [node.id for node in graph.nodes]
    if not ids:
        return {}
    preds, succs = _acyclic_adjacency(graph, ids)
    layer = _longest_path_layers(ids, preds)
    # an edge that skips columns gets a placeholder in each column it crosses, so that it has
    # a free row of its own instead of running through the nodes it passes
    keys: list[Key] = list(ids)
    k_preds: dict[Key, list[Key]] = {node_id: [] for node_id in ids}
    k_succs: dict[Key, list[Key]] = {node_id: [] for node_id in ids}
    k_layer: dict[Key, int] = dict(layer)
    for src in ids:
        for dst in dict.fromkeys(succs[src]):  # parallel edges (two ports) share a row
            previous: Key = src
            for column in range(layer[src] + 1, layer[dst]):
                dummy: Key = (src, dst, column)
                keys.append(dummy)
                k_layer[dummy] = column
                k_preds[dummy], k_succs[dummy] = [previous], []
                k_succs[previous].append(dummy)
                previous = dummy
            k_succs[previous].append(dst)
            k_preds[dst].append(previous)
    # a merge's inputs in port order: its port-0 input is the main path it continues
    port: dict[tuple[str, str], int] = {}
    for edge in graph.edges:
        port[(edge.src, edge.dst)] = min(edge.dst_port, port.get((edge.src, edge.dst), edge.dst_port))
    for node_id in ids:
        k_preds[node_id].sort(key=lambda p: port.get((p if isinstance(p, str) else p[0], node_id), 0))
    columns: list[list[Key]] = [[] for _ in range(max(layer.values()) + 1)]
    for key in keys:
        columns[k_layer[key]].append(key)
    _order_columns(columns, k_preds, k_succs, options.sweeps)
    heights = _assign_heights(columns, k_preds, options.node_spacing)
    top = min(heights[node_id] for node_id in ids)
    return {node_id: (layer[node_id] * options.layer_spacing, heights[node_id] - top) for node_id in ids}


def missing_positions(graph: Graph, options: LayoutOptions = DEFAULT_OPTIONS) -> dict[str, Position]:
    """Positions for the nodes that have none, leaving positioned nodes where they are.

    A graph with no positions at all gets the full :func:`layered_layout`. Otherwise each
    unplaced node goes one column right of its placed predecessors (at their mean height), or,
    without any, in a row below everything; a spot already taken moves it further down.

    Returns:
        node id -> ``(x, y)`` for exactly the nodes whose ``pos`` is None.
    """
    unplaced = [node.id for node in graph.nodes if node.pos is None]
    if not unplaced:
        return {}
    if len(unplaced) == len(graph):
        return layered_layout(graph, options)
    placed: dict[str, Position] = {n.id: n.pos for n in graph.nodes if n.pos is not None}
    preds, _ = _acyclic_adjacency(graph, [node.id for node in graph.nodes])
    bottom = max(y for _, y in placed.values()) + options.node_spacing
    left = min(x for x, _ in placed.values())
    found: dict[str, Position] = {}
    taken = _Occupied(options.layer_spacing / 2, options.node_spacing / 2)
    for position in placed.values():
        taken.add(position)
    for node_id in _topological(unplaced, preds):
        sources = [placed[p] for p in preds[node_id] if p in placed]
        if sources:
            x = max(px for px, _ in sources) + options.layer_spacing
            y = sum(py for _, py in sources) / len(sources)
        else:
            x, y = left, bottom
            left += options.layer_spacing
        while taken.near((x, y)):
            y += options.node_spacing
        placed[node_id] = found[node_id] = (x, y)
        taken.add((x, y))
    return found


class _Occupied:
    """Positions bucketed on a grid of ``dx`` by ``dy`` cells, so that "is a position closer
    than ``dx`` horizontally and ``dy`` vertically to one already taken?" looks at the 3 x 3
    cells around it instead of every node (placing n nodes stays linear, not quadratic)."""

    def __init__(self, dx: float, dy: float) -> None:
        self.dx, self.dy = dx, dy
        self.cells: dict[tuple[int, int], list[Position]] = {}

    def _cell(self, position: Position) -> tuple[int, int]:
        return int(position[0] // self.dx), int(position[1] // self.dy)

    def add(self, position: Position) -> None:
        self.cells.setdefault(self._cell(position), []).append(position)

    def near(self, position: Position) -> bool:
        x, y = position
        cx, cy = self._cell(position)
        return any(abs(x - ox) < self.dx and abs(y - oy) < self.dy
                   for i in (cx - 1, cx, cx + 1) for j in (cy - 1, cy, cy + 1)
                   for ox, oy in self.cells.get((i, j), ()))


# -- steps -----------------------------------------------------------------------------------
def _acyclic_adjacency(graph: Graph, ids: list[str]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Predecessor and successor lists without the edges that close a cycle (depth-first)."""
    out: dict[str, list[str]] = {node_id: [] for node_id in ids}
    for edge in graph.edges:
        out[edge.src].append(edge.dst)
    preds: dict[str, list[str]] = {node_id: [] for node_id in ids}
    succs: dict[str, list[str]] = {node_id: [] for node_id in ids}
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    for root in ids:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(out[root]))]
        while stack:
            node_id, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node_id] = 2
                stack.pop()
                continue
            if state.get(child) == 1:
                continue  # a back edge: it closes a cycle, leave it out
            preds[child].append(node_id)
            succs[node_id].append(child)
            if child not in state:
                state[child] = 1
                stack.append((child, iter(out[child])))
    return preds, succs


def _topological(ids: Iterable[str], preds: dict[str, list[str]]) -> list[str]:
    """``ids`` sorted so that every node comes after its predecessors among ``ids``."""
    wanted = list(ids)
    chosen = set(wanted)
    order: list[str] = []
    done: set[str] = set()

    def visit(node_id: str) -> None:
        stack = [(node_id, False)]
        while stack:
            current, expanded = stack.pop()
            if current in done:
                continue
            if expanded:
                done.add(current)
                order.append(current)
                continue
            stack.append((current, True))
            stack.extend((p, False) for p in reversed(preds[current]) if p in chosen and p not in done)

    for node_id in wanted:
        visit(node_id)
    return order


def _longest_path_layers(ids: list[str], preds: dict[str, list[str]]) -> dict[str, int]:
    layer: dict[str, int] = {}
    for node_id in _topological(ids, preds):
        layer[node_id] = max((layer[p] + 1 for p in preds[node_id]), default=0)
    return layer


def _order_columns(columns: list[list[Key]], preds: dict[Key, list[Key]],
                   succs: dict[Key, list[Key]], sweeps: int) -> None:
    """Reorder each column by the mean rank of its neighbours, alternating down and up."""
    rank = {node_id: index for column in columns for index, node_id in enumerate(column)}

    def reorder(column: list[Key], neighbours: dict[Key, list[Key]]) -> None:
        def key(node_id: Key) -> float:
            found = neighbours[node_id]
            return sum(rank[n] for n in found) / len(found) if found else rank[node_id]

        column.sort(key=key)  # stable: ties keep their current order
        for index, node_id in enumerate(column):
            rank[node_id] = index

    for sweep in range(sweeps):
        if sweep % 2 == 0:
            for column in columns[1:]:
                reorder(column, preds)
        else:
            for column in reversed(columns[:-1]):
                reorder(column, succs)


def _assign_heights(columns: list[list[Key]], preds: dict[Key, list[Key]], spacing: float) -> dict[Key, float]:
    """Heights that keep chains straight.

    Every node has a *lane*, the row it continues: a node with one predecessor continues that
    predecessor's lane; a merge continues its port-0 input's lane but is drawn between its
    inputs, so a residual ``Add`` dips towards its skip and the chain after it goes back to the
    main row. A node that would overlap the one above it in its column is pushed down.
    """
    height: dict[Key, float] = {}
    lane: dict[Key, float] = {}
    for column in columns:
        previous: float | None = None
        for index, key in enumerate(column):
            sources = [p for p in preds[key] if p in height]
            if not sources:
                y = row = index * spacing
            elif len(sources) == 1:
                y = row = lane[sources[0]]
            else:
                y, row = sum(height[p] for p in sources) / len(sources), lane[sources[0]]
            if previous is not None and y < previous + spacing:
                y = row = previous + spacing
            height[key], lane[key] = y, row
            previous = y
    return height
