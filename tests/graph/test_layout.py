"""The automatic layered layout."""

import pytest

from dlplayground.graph import Edge, Graph, Node, load_project
from dlplayground.graph.layout import LayoutOptions, layered_layout, missing_positions

from tests.conftest import EXAMPLES

OPTIONS = LayoutOptions(layer_spacing=200.0, node_spacing=100.0)


def graph_of(edges, extra=(), positions=None):
    ids = list(dict.fromkeys([*(n for e in edges for n in e[:2]), *extra]))
    positions = positions or {}
    return Graph([Node(i, "Identity", pos=positions.get(i)) for i in ids],
                 [Edge(*e) for e in edges])


def test_a_chain_is_one_straight_row():
    pos = layered_layout(graph_of([("a", "b"), ("b", "c"), ("c", "d")]), OPTIONS)
    assert pos == {"a": (0, 0), "b": (200, 0), "c": (400, 0), "d": (600, 0)}


def test_columns_are_longest_paths_so_a_merge_follows_its_deepest_input():
    # a -> b -> c -> m and a skip a -> m
    pos = layered_layout(graph_of([("a", "b"), ("b", "c"), ("c", "m", 0), ("a", "m", 1), ("m", "z")]), OPTIONS)
    assert pos["m"][0] == 600 and pos["z"][0] == 800
    # the chain stays straight, the merge dips towards the skip's own row, the chain comes back
    assert pos["a"][1] == pos["b"][1] == pos["c"][1] == pos["z"][1] == 0
    assert 0 < pos["m"][1] <= OPTIONS.node_spacing


def test_nodes_of_one_column_never_overlap():
    edges = [("x", f"b{i}") for i in range(5)] + [(f"b{i}", "m", i) for i in range(5)]
    pos = layered_layout(graph_of(edges), OPTIONS)
    column = sorted(pos[f"b{i}"][1] for i in range(5))
    assert all(b - a >= OPTIONS.node_spacing for a, b in zip(column, column[1:]))
    assert min(y for _, y in pos.values()) == 0


def test_barycentre_ordering_removes_a_crossing():
    # a1 -> b2 and a2 -> b1 drawn in insertion order would cross
    graph = Graph([Node(i, "Identity") for i in ("a1", "a2", "b1", "b2")], [Edge("a1", "b2"), Edge("a2", "b1")])
    pos = layered_layout(graph, OPTIONS)
    assert (pos["a1"][1] < pos["a2"][1]) == (pos["b2"][1] < pos["b1"][1])


def test_a_cycle_from_a_hand_written_file_still_gets_a_layout():
    pos = layered_layout(graph_of([("a", "b"), ("b", "c"), ("c", "a")]), OPTIONS)
    assert sorted(pos) == ["a", "b", "c"]
    assert pos["a"][0] < pos["b"][0] < pos["c"][0]


def test_examples_lay_out_without_overlaps():
    for path in sorted(EXAMPLES.glob("*.dlp.json")):
        graph = load_project(path).graph
        pos = layered_layout(graph)
        spots = list(pos.values())
        assert len(set(spots)) == len(spots), path.name


def test_missing_positions_fill_only_the_unplaced_nodes():
    graph = graph_of([("a", "b"), ("b", "c")], extra=["lone"], positions={"a": (10, 50), "b": (300, 50)})
    found = missing_positions(graph, OPTIONS)
    assert set(found) == {"c", "lone"}
    assert found["c"] == (500, 50)  # one column right of its input, on its row
    assert found["lone"][1] > 50  # below everything placed


def test_missing_positions_avoid_taken_spots():
    graph = graph_of([("a", "b")], extra=["c"], positions={"a": (0, 0), "c": (200, 0)})
    found = missing_positions(graph, OPTIONS)
    assert found["b"][0] == 200 and found["b"][1] >= 100


@pytest.mark.parametrize("placed", [{}, {"a": (0.0, 0.0), "b": (1.0, 1.0)}])
def test_missing_positions_of_an_unplaced_or_placed_graph(placed):
    graph = graph_of([("a", "b")], positions=placed)
    assert missing_positions(graph, OPTIONS) == ({} if placed else layered_layout(graph, OPTIONS))
