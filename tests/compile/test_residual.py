"""The residual twin of a plain chain: identity skips in pre-activation form."""

import pytest
import torch

from dlplayground.compile import build_model, infer
from dlplayground.compile.residual import TwinError, make_residual_twin, twin_name
from dlplayground.compile.skips import skip_projection
from dlplayground.graph import load_project, project_from_dict

from tests.conftest import EXAMPLES
from tests.helpers import chain_project


def edges(project):
    return sorted((e["src"], e["dst"], e.get("dst_port", 0)) for e in project["graph"]["edges"])


def inputs(graph, node_id):
    return [e.src for e in sorted(graph.in_edges(node_id), key=lambda e: e.dst_port)]


def test_twin_of_the_plain_example_is_the_residual_example():
    plain = load_project(EXAMPLES / "deep_plain_mlp.dlp.json").to_dict()
    residual = load_project(EXAMPLES / "deep_residual_mlp.dlp.json").to_dict()
    twin = make_residual_twin(plain, (2,))
    assert edges(twin) == edges(residual)
    assert [n["id"] for n in twin["graph"]["nodes"]] == [n["id"] for n in residual["graph"]["nodes"]]
    adds = [n for n in twin["graph"]["nodes"] if n["type"] == "Add"]
    assert len(adds) == 9  # 18 inner layers, a skip every two


def test_skips_join_pre_activations_so_only_additions_lie_on_the_identity_path():
    plain = load_project(EXAMPLES / "deep_plain_mlp.dlp.json").to_dict()
    graph = project_from_dict(make_residual_twin(plain, (2,))).graph
    # y = x + F(x): the Add sums the block's Linear output with the stream, before the sigmoid
    assert inputs(graph, "add1") == ["fc2", "fc0"]
    assert [e.dst for e in graph.out_edges("add1")] == ["act2", "add2"]
    assert inputs(graph, "add2") == ["fc4", "add1"]
    # from the last Add back to the first layer the skip path is additions only
    node, path = "add9", []
    while graph.node(node).type == "Add":
        path.append(node)
        node = inputs(graph, node)[1]
    assert path == [f"add{i}" for i in range(9, 0, -1)] and node == "fc0"
    assert inputs(graph, "head") == ["act18"]


def test_twin_nodes_are_listed_in_execution_order():
    plain = load_project(EXAMPLES / "deep_plain_mlp.dlp.json").to_dict()
    ids = [n["id"] for n in make_residual_twin(plain, (2,))["graph"]["nodes"]]
    assert ids[:9] == ["x", "fc0", "act0", "fc1", "act1", "fc2", "add1", "act2", "fc3"]


def test_twin_keeps_ids_so_matching_layers_share_weights():
    plain = load_project(EXAMPLES / "deep_plain_mlp.dlp.json").to_dict()
    twin = make_residual_twin(plain, (2,))
    plain_model = build_model(project_from_dict(plain).graph, (2,))
    twin_model = build_model(project_from_dict(twin).graph, (2,))
    twin_model.load_state_dict_by_node(plain_model.state_dict_by_node())
    assert torch.equal(twin_model.state_dict_by_node()["fc7.weight"], plain_model.state_dict_by_node()["fc7.weight"])


def test_twin_is_a_new_project_with_its_own_name_and_description():
    plain = chain_project(*[(f"l{i}", "Linear", {"out_features": 4}) for i in range(4)], name="Chain")
    twin = make_residual_twin(plain, (2,))
    assert twin["name"] == "Chain (residual twin)" and "1 identity skip" in twin["description"]
    assert plain["name"] == "Chain" and len(plain["graph"]["nodes"]) == 6  # the original is untouched
    assert twin["data"] == plain["data"] and twin["training"] == plain["training"]


def test_projection_where_widths_change():
    layers = [("stem", "Linear", {"out_features": 8}), ("a0", "ReLU", {}),
              ("l1", "Linear", {"out_features": 8}), ("a1", "ReLU", {}),
              ("l2", "Linear", {"out_features": 12}), ("a2", "ReLU", {}),
              ("head", "Linear", {"out_features": 3})]
    graph = project_from_dict(make_residual_twin(chain_project(*layers), (2,))).graph
    assert graph.node("add1_proj").type == "Linear" and graph.node("add1_proj").params == {"out_features": 12}
    assert inputs(graph, "add1") == ["l2", "add1_proj"] and inputs(graph, "add1_proj") == ["stem"]
    assert [e.dst for e in graph.out_edges("add1")] == ["a2"]
    assert infer(graph, (2,)).ok


def test_normalisation_stays_before_the_add_and_convolutions_project_with_a_strided_1x1():
    layers = [("stem", "Conv2d", {"out_channels": 4, "padding": 1}), ("n0", "BatchNorm2d", {}), ("r0", "ReLU", {}),
              ("c1", "Conv2d", {"out_channels": 8, "padding": 1, "stride": 2}), ("n1", "BatchNorm2d", {}),
              ("r1", "ReLU", {}),
              ("c2", "Conv2d", {"out_channels": 8, "padding": 1}), ("n2", "BatchNorm2d", {}), ("r2", "ReLU", {}),
              ("flat", "Flatten", {}), ("head", "Linear", {"out_features": 10})]
    graph = project_from_dict(make_residual_twin(chain_project(*layers), (1, 7, 7))).graph
    assert inputs(graph, "add1") == ["n2", "add1_proj"] and inputs(graph, "add1_proj") == ["n0"]
    assert graph.node("add1_proj").params == {"out_channels": 8, "kernel_size": 1, "stride": 2}
    assert [e.dst for e in graph.out_edges("add1")] == ["r2"]
    assert infer(graph, (1, 7, 7)).ok


def test_groups_no_projection_can_join_are_passed_over():
    layers = [("stem", "Conv2d", {"out_channels": 2, "padding": 1}), ("r0", "ReLU", {}),
              ("c1", "Conv2d", {"out_channels": 2, "padding": 1}), ("r1", "ReLU", {}), ("flat", "Flatten", {}),
              ("l2", "Linear", {"out_features": 6}), ("a2", "Tanh", {}),
              ("l3", "Linear", {"out_features": 6}), ("a3", "Tanh", {}),
              ("l4", "Linear", {"out_features": 6}), ("a4", "Tanh", {}),
              ("head", "Linear", {"out_features": 3})]
    twin = make_residual_twin(chain_project(*layers), (1, 4, 4))
    graph = project_from_dict(twin).graph
    assert [n.id for n in graph.nodes if n.type == "Add"] == ["add1"]
    assert inputs(graph, "add1") == ["l4", "l2"]
    assert infer(graph, (1, 4, 4)).ok


@pytest.mark.parametrize("src, dst, expected", [
    ((8,), (12,), ("Linear", {"out_features": 12})),
    ((4, 8, 8), (8, 4, 4), ("Conv2d", {"out_channels": 8, "kernel_size": 1, "stride": 2})),
    ((4, 7, 7), (8, 4, 4), ("Conv2d", {"out_channels": 8, "kernel_size": 1, "stride": 2})),
    ((4, 8, 6), (4, 4, 6), ("Conv2d", {"out_channels": 4, "kernel_size": 1, "stride": [2, 1]})),
    ((4, 8, 8), (4, 3, 5), None),
    ((4, 4, 4), (4, 8, 8), None),
    ((16,), (4, 2, 2), None),
])
def test_skip_projection(src, dst, expected):
    assert skip_projection(src, dst) == expected


def test_branching_graphs_are_refused():
    residual = load_project(EXAMPLES / "deep_residual_mlp.dlp.json").to_dict()
    with pytest.raises(TwinError, match="branches"):
        make_residual_twin(residual, (2,))


def test_short_chains_and_broken_graphs_are_refused():
    short = chain_project(("l0", "Linear", {"out_features": 4}), ("a0", "ReLU", {}),
                          ("head", "Linear", {"out_features": 3}))
    with pytest.raises(TwinError, match=r"2 layer\(s\) with weights \(2 Linear\).*at least 4.*Add 2 more hidden"):
        make_residual_twin(short, (2,))
    broken = chain_project(*[(f"c{i}", "Conv2d", {"out_channels": 2}) for i in range(4)])
    with pytest.raises(TwinError, match="problems"):
        make_residual_twin(broken, (2,))
    with pytest.raises(TwinError, match="every"):
        make_residual_twin(short, (2,), every=0)


@pytest.mark.parametrize("name, expected", [
    ("Deep plain MLP (20 layers)", "Deep residual MLP (20 layers)"),
    ("Plain CNN", "Residual CNN"),
    ("Spiral MLP", "Spiral MLP (residual twin)"),
    ("Explained net", "Explained net (residual twin)"),
])
def test_twin_name(name, expected):
    assert twin_name(name) == expected


def test_the_refusal_names_only_the_layer_types_the_network_has():
    from dlplayground.graph.io import load_project
    from tests.conftest import EXAMPLES

    spiral = load_project(EXAMPLES / "spiral_mlp.dlp.json").to_dict()
    with pytest.raises(TwinError) as caught:
        make_residual_twin(spiral, (2,))
    message = str(caught.value)
    assert "Conv" not in message and "Linear" in message and "Add 1 more hidden" in message
