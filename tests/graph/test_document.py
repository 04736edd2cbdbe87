"""The document API and its events."""

import pytest

from dlplayground.graph import DocumentError, Edge, Graph, Node, Project
from dlplayground.graph.events import EdgeAdded, EdgeRemoved, NodeAdded, NodeMoved, NodeParamsChanged, NodeRemoved, SettingsChanged


@pytest.fixture
def graph():
    g = Graph([Node("x", "Input"), Node("a", "Linear"), Node("b", "ReLU")], [Edge("x", "a"), Edge("a", "b")])
    return g


def test_events_follow_each_edit(graph):
    seen = []
    graph.subscribe(seen.append)
    graph.add_node(Node("c", "Tanh"))
    graph.add_edge(Edge("b", "c"))
    graph.set_param("a", "out_features", 8)
    graph.move_node("a", (10, 20))
    graph.remove_edge(Edge("b", "c"))
    graph.remove_node("c")
    assert [type(e) for e in seen] == [NodeAdded, EdgeAdded, NodeParamsChanged, NodeMoved, EdgeRemoved, NodeRemoved]
    assert seen[2].new == {"out_features": 8} and seen[2].old == {}
    assert graph.node("a").pos == (10.0, 20.0)


def test_refused_edits(graph):
    with pytest.raises(DocumentError, match="already exists"):
        graph.add_node(Node("a", "Tanh"))
    with pytest.raises(DocumentError, match="'zz'"):
        graph.add_edge(Edge("a", "zz"))
    with pytest.raises(DocumentError, match="exists"):
        graph.add_edge(Edge("x", "a"))
    with pytest.raises(DocumentError, match="still has edges"):
        graph.remove_node("a")


def test_cycle_detection_and_ports(graph):
    assert graph.creates_cycle("b", "x")
    assert graph.creates_cycle("a", "a")
    assert not graph.creates_cycle("x", "b")
    graph.add_node(Node("m", "Add"))
    graph.add_edge(Edge("a", "m", 0))
    assert graph.next_free_port("m") == 1
    graph.add_edge(Edge("x", "m", 1))
    assert [e.src for e in graph.in_edges("m")] == ["a", "x"]


def test_unique_ids(graph):
    assert graph.unique_id("Linear") == "linear"
    graph.add_node(Node("linear", "Linear"))
    assert graph.unique_id("Linear") == "linear_2"


def test_settings_changes_are_events():
    project = Project()
    seen = []
    project.graph.subscribe(seen.append)
    project.set_settings("training", {"epochs": 3})
    project.set_name("renamed")
    assert [type(e) for e in seen] == [SettingsChanged, SettingsChanged]
    assert project.training == {"epochs": 3} and project.name == "renamed"
    with pytest.raises(DocumentError):
        project.set_settings("bogus", {})


def test_edge_index_keeps_document_order_and_answers_by_endpoint():
    """The endpoint index answers the same as a scan of the edge list, and order is the save order."""
    from dlplayground.graph.document import Edge, Graph, Node

    graph = Graph([Node(i, "ReLU") for i in "abcd"])
    added = [Edge("a", "d", 1), Edge("b", "d", 0), Edge("a", "b"), Edge("c", "d", 2), Edge("a", "c")]
    for edge in added:
        graph.add_edge(edge)
    assert graph.edges == added
    assert graph.in_edges("d") == [Edge("b", "d", 0), Edge("a", "d", 1), Edge("c", "d", 2)]
    assert graph.out_edges("a") == [Edge("a", "d", 1), Edge("a", "b"), Edge("a", "c")]
    assert graph.edges_of("b") == [Edge("b", "d", 0), Edge("a", "b")]
    assert graph.has_edge("a", "d") and graph.has_edge("a", "d", 1) and not graph.has_edge("a", "d", 0)
    with pytest.raises(DocumentError):
        graph.add_edge(Edge("a", "d", 1))
    graph.remove_edge(Edge("a", "b"))
    graph.add_edge(Edge("a", "b"))  # undo of a removal: appended, as the list always did
    assert graph.edges == [added[0], added[1], added[3], added[4], Edge("a", "b")]
    assert graph.edge_count() == 5 and graph.creates_cycle("d", "a") and not graph.creates_cycle("a", "d")
    for edge in graph.edges_of("b"):
        graph.remove_edge(edge)
    graph.remove_node("b")
    assert graph.in_edges("d") == [Edge("a", "d", 1), Edge("c", "d", 2)]
