"""The model builder: one submodule per node id, merges, reshapes, weights by node."""

import pytest
import torch

from dlplayground.compile import build_model
from dlplayground.graph import ValidationError, project_from_dict

from tests.helpers import chain_project


def residual_graph():
    return project_from_dict({"graph": {
        "nodes": [{"id": i, "type": t, "params": p} for i, t, p in [
            ("x", "Input", {}), ("fc1", "Linear", {"out_features": 4}), ("act", "ReLU", {}),
            ("fc2", "Linear", {"out_features": 4}), ("sum", "Add", {}), ("cat", "Concat", {"dim": 1}),
            ("rs", "Reshape", {"shape": [2, 4]}), ("block.out", "Flatten", {}), ("y", "Output", {})]],
        "edges": [{"src": a, "dst": b, **({"dst_port": p} if p is not None else {})} for a, b, p in [
            ("x", "fc1", None), ("fc1", "act", None), ("act", "fc2", None), ("fc2", "sum", 0), ("x", "sum", 1),
            ("sum", "cat", 0), ("x", "cat", 1), ("cat", "rs", None), ("rs", "block.out", None), ("block.out", "y", None)]],
    }}).graph


def test_residual_graph_computes_what_it_says():
    torch.manual_seed(0)
    model = build_model(residual_graph(), (4,))
    x = torch.randn(3, 4)
    layers = dict(model.node_modules())
    expected_sum = layers["fc2"](torch.relu(layers["fc1"](x))) + x
    expected = torch.cat([expected_sum, x], dim=1)
    assert torch.allclose(model(x), expected)
    values = model.forward_all(x)
    assert values["rs"].shape == (3, 2, 4) and torch.equal(values["y"], values["block.out"])


def test_submodules_are_named_by_node_id_and_weights_round_trip():
    model = build_model(residual_graph(), (4,))
    assert [i for i, _ in model.parametrised_nodes()] == ["fc1", "fc2"]
    tensors = model.state_dict_by_node()
    assert set(tensors) == {"fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"}
    other = build_model(residual_graph(), (4,))
    other.load_state_dict_by_node(tensors)
    x = torch.randn(2, 4)
    assert torch.equal(model(x), other(x))


def test_dotted_node_ids_keep_their_name_in_weights():
    graph = project_from_dict(chain_project(("enc.fc", "Linear", {"out_features": 2}))).graph
    model = build_model(graph, (3,))
    assert set(model.state_dict_by_node()) == {"enc.fc.weight", "enc.fc.bias"}
    model.load_state_dict_by_node(model.state_dict_by_node())


def test_mismatched_weights_name_the_node():
    model = build_model(residual_graph(), (4,))
    tensors = model.state_dict_by_node()
    tensors["fc1.weight"] = torch.zeros(5, 4)
    with pytest.raises(ValueError, match="'fc1'"):
        model.load_state_dict_by_node(tensors)
    tensors["fc1.weight"] = torch.zeros(4, 4)
    del tensors["fc2.bias"]
    with pytest.raises(KeyError, match="fc2"):
        model.load_state_dict_by_node(tensors)


def test_invalid_graph_raises_every_problem():
    graph = project_from_dict(chain_project(("a", "Nope", {}), ("b", "Linear", {"out_features": 0}))).graph
    with pytest.raises(ValidationError) as info:
        build_model(graph, (2,))
    assert {p.node_ids[0] for p in info.value.problems} == {"a", "b"}
