"""Planning "wrap in a residual block" around a selected chain."""

import pytest

from dlplayground.compile import infer
from dlplayground.compile.wrap import WrapError, plan_wrap
from dlplayground.graph import load_project, project_from_dict

from tests.conftest import EXAMPLES
from tests.helpers import chain_project


def graph_of(*layers, positions=True):
    project = chain_project(*layers)
    if positions:
        for index, node in enumerate(project["graph"]["nodes"]):
            node["pos"] = [index * 200, 0]
    return project_from_dict(project).graph


MLP = (("fc1", "Linear", {"out_features": 8}), ("a1", "ReLU", {}),
       ("fc2", "Linear", {"out_features": 8}), ("a2", "ReLU", {}),
       ("head", "Linear", {"out_features": 3}))


def test_identity_skip_around_a_chain_of_equal_shapes():
    graph = graph_of(*MLP)
    plan = plan_wrap(graph, ["a2", "fc2"], infer(graph, (2,)))
    assert plan.chain == ("fc2", "a2") and plan.skip_source == "a1" and plan.projection is None
    plan.apply(graph)
    assert [(e.src, e.dst_port) for e in graph.in_edges("add")] == [("a2", 0), ("a1", 1)]
    assert [e.dst for e in graph.out_edges("add")] == ["head"]
    assert graph.out_edges("a2")[0].dst == "add"
    inference = infer(graph, (2,))
    assert inference.ok and inference.shapes["add"] == (8,)
    # the Add sits in line after the chain; the layers after it move one column right
    assert graph.node("add").pos == (4 * 200 + 220, 0)
    assert [graph.node(n).pos for n in ("head", "y")] == [(5 * 200 + 220, 0), (6 * 200 + 220, 0)]
    assert graph.node("a1").pos == (2 * 200, 0)  # upstream stays


def test_a_linear_projection_where_the_width_changes():
    graph = graph_of(*MLP)
    plan = plan_wrap(graph, ["fc1", "a1"], infer(graph, (2,)))  # [2] -> [8]
    assert plan.projection is not None
    assert (plan.projection.type, plan.projection.params) == ("Linear", {"out_features": 8})
    plan.apply(graph)
    assert [e.src for e in graph.in_edges("add")] == ["a1", plan.projection.id]
    assert graph.in_edges(plan.projection.id)[0].src == "x"
    assert infer(graph, (2,)).ok


def test_a_strided_1x1_convolution_projects_a_downsampling_block():
    graph = graph_of(("c1", "Conv2d", {"out_channels": 8, "padding": 1, "stride": 2}), ("r1", "ReLU", {}),
                     ("flat", "Flatten", {}), ("head", "Linear", {"out_features": 10}))
    plan = plan_wrap(graph, ["c1", "r1"], infer(graph, (4, 8, 8)))
    assert plan.projection.type == "Conv2d"
    assert plan.projection.params == {"out_channels": 8, "kernel_size": 1, "stride": 2}
    plan.apply(graph)
    assert infer(graph, (4, 8, 8)).ok


def test_every_consumer_of_the_last_layer_reads_from_the_add_on_its_old_port():
    project = chain_project(("fc", "Linear", {"out_features": 2}), ("act", "Tanh", {}))
    project["graph"]["nodes"].insert(-1, {"id": "cat", "type": "Concat"})
    project["graph"]["edges"] = [
        {"src": "x", "dst": "fc"}, {"src": "fc", "dst": "act"},
        {"src": "act", "dst": "cat", "dst_port": 0}, {"src": "x", "dst": "cat", "dst_port": 1},
        {"src": "act", "dst": "y"},
    ]
    graph = project_from_dict(project).graph
    plan = plan_wrap(graph, ["fc", "act"], infer(graph, (2,)))
    plan.apply(graph)
    assert sorted((e.dst, e.dst_port) for e in graph.out_edges("add")) == [("cat", 0), ("y", 0)]
    assert graph.node("add").pos is None  # the document had no positions to follow


def test_the_resnet_example_can_be_wrapped_again():
    graph = load_project(EXAMPLES / "digits_resnet.dlp.json").graph
    plan = plan_wrap(graph, ["gap"], infer(graph, (1, 8, 8)))  # [32, 4, 4] -> [32, 1, 1]
    assert plan.add.id not in graph and plan.projection.id not in graph
    assert plan.projection.params == {"out_channels": 32, "kernel_size": 1, "stride": 4}
    plan.apply(graph)
    assert infer(graph, (1, 8, 8)).ok


@pytest.mark.parametrize(
    "selection, message",
    [
        ([], "select the layers"),
        (["x", "fc1"], "Input node 'x'"),
        (["head", "y"], "Output node 'y'"),
        (["fc1", "fc2"], "one chain"),
        (["nope"], "no node with id 'nope'"),
    ],
)
def test_selections_that_are_not_a_chain_are_refused(selection, message):
    graph = graph_of(*MLP)
    with pytest.raises(WrapError, match=message):
        plan_wrap(graph, selection, infer(graph, (2,)))


def test_a_branching_selection_is_refused():
    graph = load_project(EXAMPLES / "digits_resnet.dlp.json").graph
    inference = infer(graph, (1, 8, 8))
    with pytest.raises(WrapError, match="branches"):
        plan_wrap(graph, ["b1_out", "b2_conv1", "b2_proj"], inference)
    with pytest.raises(WrapError, match="inputs from outside"):
        plan_wrap(graph, ["b1_bn2", "b1_add"], inference)
    with pytest.raises(WrapError, match="exactly one input"):
        plan_wrap(graph, ["b1_add", "b1_out"], inference)


def test_unknown_shapes_and_impossible_projections_are_refused():
    graph = graph_of(*MLP)
    with pytest.raises(WrapError, match="unknown"):
        plan_wrap(graph, ["fc2"], infer(graph, None))
    seq = graph_of(("rnn", "GRU", {"hidden_size": 4, "return": "sequence"}), ("last", "GRU", {"hidden_size": 3}))
    with pytest.raises(WrapError, match="no 1x1 convolution or Linear"):
        plan_wrap(seq, ["rnn"], infer(seq, (5, 1)))
