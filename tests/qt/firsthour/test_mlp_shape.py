"""TensorFlow Playground's +/- buttons: hidden layers and neurons of a simple MLP, one undo step each."""

from __future__ import annotations

import pytest

from dlplayground.qt.mlp_shape import find_mlp, width_of
from tests.qt.conftest import open_example


def _edges(graph) -> set[tuple[str, str]]:
    return {(e.src, e.dst) for e in graph.edges}


def test_the_spiral_is_a_simple_mlp_and_the_resnet_is_not(qtbot, window):
    open_example(window, "spiral_mlp.dlp.json")
    chain = find_mlp(window.session.graph)
    assert chain is not None
    assert [(h.linear, h.followers) for h in chain.hidden] == [("fc1", ["a1"]), ("fc2", ["a2"])]
    assert chain.output_layer == "fc3"
    open_example(window, "digits_resnet.dlp.json")
    assert find_mlp(window.session.graph) is None
    assert window.inspector.mlp_shape is not None and not window.inspector.mlp_shape.isVisibleTo(window.inspector)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_plus_and_minus_change_layers_and_neurons_in_one_undo_step_each(qtbot, window, size):
    window.resize(*size)
    open_example(window, "spiral_mlp.dlp.json")
    session, graph = window.session, window.session.graph
    window.scene.clearSelection()
    shape = window.inspector.mlp_shape
    assert shape is not None
    qtbot.waitUntil(lambda: shape.isVisible(), timeout=2_000)
    for key in ("layers+", "layers-", "fc1+", "fc1-", "fc2+"):
        assert shape.buttons[key].isVisible() and shape.buttons[key].isEnabled(), key
    before_nodes, before_edges = {n.id for n in graph.nodes}, _edges(graph)

    shape.buttons["layers+"].click()
    chain = find_mlp(graph)
    assert len(chain.hidden) == 3
    added = chain.hidden[-1]
    assert width_of(graph, added.linear) == width_of(graph, "fc2") and graph.node(added.followers[0]).type == "Tanh"
    assert not session.problems  # still trains: the new layer fits between fc2's activation and fc3
    # the Output's column moved right with the output layer: nothing overlaps
    xs = [graph.node(i).pos[0] for i in ("fc2", added.linear, added.followers[0], "fc3", "y")]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)
    session.undo_stack.undo()
    assert {n.id for n in graph.nodes} == before_nodes and _edges(graph) == before_edges

    shape = window.inspector.mlp_shape
    shape.buttons["layers-"].click()
    assert [h.linear for h in find_mlp(graph).hidden] == ["fc1"]
    assert ("a1", "fc3") in _edges(graph) and not session.problems
    session.undo_stack.undo()
    assert _edges(graph) == before_edges

    shape = window.inspector.mlp_shape
    width = width_of(graph, "fc1")
    shape.buttons["fc1+"].click()
    assert width_of(graph, "fc1") == width + 1
    shape = window.inspector.mlp_shape
    shape.buttons["fc1-"].click()
    shape = window.inspector.mlp_shape
    shape.buttons["fc1-"].click()
    assert width_of(graph, "fc1") == width - 1
    assert not session.problems


def test_removing_every_hidden_layer_leaves_a_linear_model_that_can_grow_again(qtbot, window):
    open_example(window, "spiral_mlp.dlp.json")
    graph = window.session.graph
    window.scene.clearSelection()
    for _ in range(2):
        window.inspector.mlp_shape.change("layers", -1)
    chain = find_mlp(graph)
    assert chain.hidden == [] and ("x", "fc3") in _edges(graph)
    assert not window.inspector.mlp_shape.buttons["layers-"].isEnabled()
    assert not window.inspector.mlp_shape.change("layers", -1)
    assert window.inspector.mlp_shape.change("layers", +1)  # back to one layer: default width, ReLU
    chain = find_mlp(graph)
    assert len(chain.hidden) == 1 and graph.node(chain.hidden[0].followers[0]).type == "ReLU"
    assert not window.session.problems
