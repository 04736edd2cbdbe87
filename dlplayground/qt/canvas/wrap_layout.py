"""Auto layout that wraps a long chain into rows, like lines of text, to fit the view.

:func:`~dlplayground.graph.layout.layered_layout` puts a network in one left-to-right row of
columns: a 40-layer MLP becomes a strip 8000 units wide that no zoom makes readable. Here the
columns are cut into rows that fill the view's shape. Cuts go where a single edge crosses from
one column to the next, so a residual block (its branch and skip) is never split across rows.
Everything is linear in nodes + edges: the cut points come from one prefix sum over the edges,
and only a handful of row widths near the one that matches the view's shape are tried.
"""

from __future__ import annotations

import math

from dlplayground.graph.document import Graph
from dlplayground.graph.layout import DEFAULT_OPTIONS, LayoutOptions, Position, layered_layout

#: extra vertical room between two rows (scene units)
ROW_GAP = 60.0
#: a node's size and the margin the view keeps around the graph (scene units)
NODE_W, NODE_H, MARGIN = 140.0, 76.0, 40.0


def wrapped_layout(graph: Graph, view_width: float, view_height: float, readable_zoom: float = 0.8,
                   options: LayoutOptions = DEFAULT_OPTIONS) -> dict[str, Position]:
    """Node positions laid out in columns, wrapped into rows when one row would not fit.

    Args:
        graph: the graph (not modified).
        view_width, view_height: the view's size in pixels.
        readable_zoom: a row that fits the view at this zoom or larger is not wrapped.

    Returns:
        node id -> ``(x, y)``.
    """
    flat = layered_layout(graph, options)
    if not flat:
        return flat
    spacing = options.layer_spacing
    column = {node_id: round(x / spacing) for node_id, (x, _) in flat.items()}
    count = max(column.values()) + 1
    lows, highs = [math.inf] * count, [-math.inf] * count  # each column's lowest and highest y
    for node_id, (_, y) in flat.items():
        c = column[node_id]
        lows[c], highs[c] = min(lows[c], y), max(highs[c], y)

    def band(start: int, end: int) -> tuple[float, float]:
        """The lowest and highest node y among columns ``start..end-1`` (O(columns), not O(nodes))."""
        low, high = min(lows[start:end], default=math.inf), max(highs[start:end], default=-math.inf)
        return (low, high) if low <= high else (0.0, 0.0)

    if _fit_zoom(count, [band(0, count)], spacing, view_width, view_height) >= readable_zoom:
        return flat
    clean = _clean_cuts(graph, column, count)
    guess = _row_length_guess(count, band(0, count), spacing, view_width, view_height)
    best: tuple[float, list[tuple[int, int]]] | None = None
    for length in sorted({max(1, min(count, guess + d)) for d in range(-3, 4)}):
        rows = _rows(count, length, clean)
        bands = [band(start, end) for start, end in rows]
        zoom = _fit_zoom(max(end - start for start, end in rows), bands, spacing, view_width, view_height)
        if best is None or zoom > best[0] + 1e-9:
            best = (zoom, rows)
    assert best is not None
    placed: dict[str, Position] = {}
    row_of = {}
    for index, (start, end) in enumerate(best[1]):
        for c in range(start, end):
            row_of[c] = index
    tops: list[float] = []
    y = 0.0
    bands = [band(start, end) for start, end in best[1]]
    for low, high in bands:
        tops.append(y - low)
        y += (high - low) + options.node_spacing + ROW_GAP
    for node_id, (_, node_y) in flat.items():
        c = column[node_id]
        row = row_of[c]
        placed[node_id] = ((c - best[1][row][0]) * spacing, node_y + tops[row])
    return placed


def _fit_zoom(columns: int, bands: list[tuple[float, float]], spacing: float, width: float, height: float) -> float:
    """The zoom at which rows of ``columns`` columns with these bands fit the view."""
    scene_w = (columns - 1) * spacing + NODE_W + 2 * MARGIN
    scene_h = sum(high - low + NODE_H for low, high in bands) + ROW_GAP * (len(bands) - 1) + 2 * MARGIN
    return min(width / scene_w, height / scene_h)


def _row_length_guess(count: int, band: tuple[float, float], spacing: float, width: float, height: float) -> int:
    """Columns per row that make the wrapped graph about as wide as tall as the view."""
    row_h = band[1] - band[0] + NODE_H + ROW_GAP
    # rows * row_h / (length * spacing) == height / width, rows = count / length
    return max(1, round(math.sqrt(count * row_h * width / (spacing * max(height, 1.0)))))


def _clean_cuts(graph: Graph, column: dict[str, int], count: int) -> list[bool]:
    """``clean[b]``: exactly one edge crosses the boundary before column ``b``."""
    crossing = [0] * (count + 1)
    for edge in graph.edges:
        low, high = sorted((column[edge.src], column[edge.dst]))
        if low < high:  # the edge crosses the boundaries low+1 .. high
            crossing[low + 1] += 1
            crossing[high + 1 if high + 1 <= count else count] -= 1
    clean, running = [False] * (count + 1), 0
    for b in range(count + 1):
        running += crossing[b]
        clean[b] = running == 1
    return clean


def _rows(count: int, length: int, clean: list[bool]) -> list[tuple[int, int]]:
    """Cut ``count`` columns into rows of about ``length``: at the last clean cut of a row, or,
    where a block is longer than that, at the first clean cut after it (a row may grow, but a
    residual block is never cut). Each boundary is looked at a bounded number of times."""
    rows, start = [], 0
    while start < count:
        end = min(count, start + length)
        if end < count and not clean[end]:
            back = next((b for b in range(end - 1, start + length // 2, -1) if clean[b]), None)
            if back is not None:
                end = back
            else:
                end = next((b for b in range(end + 1, count) if clean[b]), count)
        rows.append((start, end))
        start = end
    return rows
