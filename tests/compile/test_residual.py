"""The residual twin of a plain chain."""

import pytest
import torch

from dlplayground.compile import build_model, infer
from dlplayground.compile.residual import TwinError, make_residual_twin
from dlplayground.graph import load_project, project_from_dict

from tests.conftest import EXAMPLES
from tests.helpers import chain_project


def test_twin_of_the_plain_example_is_the_residual_example():
    plain = load_project(EXAMPLES / "deep_plain_mlp.dlp.json").to_dict()
    residual = load_project(EXAMPLES / "deep_residual_mlp.dlp.json").to_dict()
    twin = make_residual_twin(plain, (2,))

    def edges(p):
        return sorted((e["src"], e["dst"], e.get("dst_port", 0)) for e in p["graph"]["edges"])

    assert edges(twin) == edges(residual)
    adds = [n for n in twin["graph"]["nodes"] if n["type"] == "Add"]
    assert len(adds) == 9  # 18 inner layers, a skip every two


def test_twin_keeps_ids_so_matching_layers_share_weights():
    plain = load_project(EXAMPLES / "deep_plain_mlp.dlp.json").to_dict()
    twin = make_residual_twin(plain, (2,))
    plain_model = build_model(project_from_dict(plain).graph, (2,))
    twin_model = build_model(project_from_dict(twin).graph, (2,))
    twin_model.load_state_dict_by_node(plain_model.state_dict_by_node())
    assert torch.equal(twin_model.state_dict_by_node()["fc7.weight"], plain_model.state_dict_by_node()["fc7.weight"])


def test_projection_where_widths_change():
    layers = [("stem", "Linear", {"out_features": 8}), ("a0", "ReLU", {}),
              ("l1", "Linear", {"out_features": 8}), ("a1", "ReLU", {}),
              ("l2", "Linear", {"out_features": 12}), ("a2", "ReLU", {}),
              ("head", "Linear", {"out_features": 3})]
    twin = make_residual_twin(chain_project(*layers), (2,))
    graph = project_from_dict(twin).graph
    types = {n.id: n.type for n in graph.nodes}
    assert types["add1_proj"] == "Linear" and graph.node("add1_proj").params == {"out_features": 12}
    assert [e.src for e in graph.in_edges("add1")] == ["l2", "add1_proj"]
    assert [e.dst for e in graph.out_edges("add1")] == ["a2"]
    assert infer(graph, (2,)).ok


def test_conv_projection_uses_a_strided_1x1_convolution():
    layers = [("stem", "Conv2d", {"out_channels": 4, "padding": 1}), ("r0", "ReLU", {}),
              ("c1", "Conv2d", {"out_channels": 8, "padding": 1, "stride": 2}), ("r1", "ReLU", {}),
              ("c2", "Conv2d", {"out_channels": 8, "padding": 1}), ("r2", "ReLU", {}),
              ("flat", "Flatten", {}), ("head", "Linear", {"out_features": 10})]
    twin = make_residual_twin(chain_project(*layers), (1, 8, 8))
    graph = project_from_dict(twin).graph
    assert graph.node("add1_proj").params == {"out_channels": 8, "kernel_size": 1, "stride": 2}
    assert infer(graph, (1, 8, 8)).ok


def test_branching_graphs_are_refused():
    residual = load_project(EXAMPLES / "deep_residual_mlp.dlp.json").to_dict()
    with pytest.raises(TwinError, match="branches"):
        make_residual_twin(residual, (2,))
