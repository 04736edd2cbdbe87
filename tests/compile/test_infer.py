"""Shape inference and validation: typed problems naming node ids, all reported at once."""

import pytest

from dlplayground.compile import format_summary, infer
from dlplayground.graph import ProblemKind, project_from_dict

from tests.helpers import chain_project


def kinds(inference):
    return {(p.kind, p.node_ids) for p in inference.problems}


def project(nodes, edges):
    return project_from_dict(
        {"graph": {"nodes": [{"id": i, "type": t, "params": p} for i, t, p in nodes],
                   "edges": [dict(zip(("src", "dst", "dst_port"), e)) for e in edges]}}
    ).graph


def test_valid_chain_shapes_and_counts():
    graph = project_from_dict(chain_project(("fc", "Linear", {"out_features": 8}), ("act", "ReLU", {}))).graph
    inference = infer(graph, (2,))
    assert inference.ok
    assert inference.shapes == {"x": (2,), "fc": (8,), "act": (8,), "y": (8,)}
    assert inference.param_counts["fc"] == 2 * 8 + 8
    assert inference.total_params == 24
    assert inference.output_shape == (8,)


def test_add_of_mismatched_shapes_names_the_merge_and_its_inputs():
    graph = project(
        [("x", "Input", {}), ("a", "Linear", {"out_features": 16}), ("b", "Linear", {"out_features": 8}),
         ("m", "Add", {}), ("y", "Output", {})],
        [("x", "a"), ("x", "b"), ("a", "m", 0), ("b", "m", 1), ("m", "y")],
    )
    inference = infer(graph, (4,))
    [problem] = inference.problems
    assert problem.kind is ProblemKind.SHAPE_MISMATCH
    assert problem.node_ids == ("m", "a", "b")
    assert "[16] + [8]" in problem.message


def test_linear_after_unflattened_conv_suggests_flatten():
    graph = project_from_dict(chain_project(("c", "Conv2d", {"out_channels": 4}), ("fc", "Linear", {}))).graph
    [problem] = infer(graph, (1, 8, 8)).problems
    assert problem.kind is ProblemKind.SHAPE_MISMATCH and problem.node_ids[0] == "fc"
    assert "Flatten" in problem.message


def test_every_problem_is_reported_at_once():
    graph = project(
        [("x", "Input", {}), ("a", "Linaer", {}), ("b", "Linear", {"out_features": -3}),
         ("m", "Add", {}), ("lone", "ReLU", {}), ("y", "Output", {}), ("z", "Tanh", {})],
        [("x", "a"), ("x", "b"), ("b", "m"), ("m", "y"), ("x", "z"), ("y", "z")],
    )
    found = kinds(infer(graph, (4,)))
    assert (ProblemKind.UNKNOWN_TYPE, ("a",)) in found
    assert any(k is ProblemKind.BAD_PARAM and ids == ("b",) for k, ids in found)
    assert (ProblemKind.MISSING_INPUT, ("m",)) in found
    assert (ProblemKind.MISSING_INPUT, ("lone",)) in found
    assert any(k is ProblemKind.DISCONNECTED and "lone" in ids and "a" in ids for k, ids in found)


def test_cycle_is_reported_with_its_nodes():
    graph = project(
        [("x", "Input", {}), ("a", "ReLU", {}), ("b", "ReLU", {}), ("m", "Add", {}), ("y", "Output", {})],
        [("x", "m", 0), ("b", "m", 1), ("m", "a"), ("a", "b"), ("a", "y")],
    )
    problems = [p for p in infer(graph, (4,)).problems if p.kind is ProblemKind.CYCLE]
    assert problems and {"a", "b", "m"} <= set(problems[0].node_ids)


def test_missing_input_and_output_nodes():
    graph = project([("a", "ReLU", {})], [])
    found = {p.kind for p in infer(graph, (4,)).problems}
    assert {ProblemKind.NO_INPUT, ProblemKind.NO_OUTPUT} <= found


def test_extra_inputs_on_a_single_input_layer():
    graph = project(
        [("x", "Input", {}), ("a", "ReLU", {}), ("b", "Tanh", {}), ("y", "Output", {})],
        [("x", "a"), ("x", "b"), ("a", "y"), ("b", "y")],
    )
    [problem] = infer(graph, (4,)).problems
    assert problem.kind is ProblemKind.EXTRA_INPUT and problem.node_ids[0] == "y"


def test_input_shape_from_param_and_its_conflict_with_the_dataset():
    graph = project([("x", "Input", {"shape": [3]}), ("y", "Output", {})], [("x", "y")])
    assert infer(graph, None).shapes["y"] == (3,)
    [problem] = infer(graph, (2,)).problems
    assert problem.kind is ProblemKind.SHAPE_MISMATCH and problem.node_ids == ("x",)
    graph = project([("x", "Input", {}), ("y", "Output", {})], [("x", "y")])
    assert infer(graph, None).problems[0].kind is ProblemKind.BAD_SETTINGS


@pytest.mark.parametrize(
    "layer, shape, words",
    [
        (("c", "Conv2d", {"kernel_size": 5}), (1, 3, 3), "does not fit"),
        (("p", "MaxPool2d", {"kernel_size": 2, "padding": 2}), (1, 8, 8), "at most half"),
        (("r", "Reshape", {"shape": [5, -1]}), (12,), "cannot fit"),
        (("r", "Reshape", {"shape": [5]}), (12,), "holds 5"),
        (("g", "GRU", {}), (4,), "[time, features]"),
        (("f", "Flatten", {"start_dim": 0}), (4, 4), "batch"),
        (("c", "Conv2d", {"groups": 3, "out_channels": 4}), (3, 8, 8), "divisible"),
    ],
)
def test_shape_rule_messages(layer, shape, words):
    graph = project_from_dict(chain_project(layer)).graph
    [problem] = infer(graph, shape).problems
    assert problem.kind is ProblemKind.SHAPE_MISMATCH and words in problem.message


def test_concat_joins_in_port_order():
    graph = project(
        [("x", "Input", {}), ("a", "Linear", {"out_features": 3}), ("b", "Linear", {"out_features": 5}),
         ("c", "Concat", {}), ("y", "Output", {})],
        [("x", "a"), ("x", "b"), ("b", "c", 0), ("a", "c", 1), ("c", "y")],
    )
    inference = infer(graph, (2,))
    assert inference.shapes["c"] == (8,)
    assert inference.input_shapes["c"] == ((5,), (3,))


def test_summary_table_lists_every_node_and_the_total():
    graph = project_from_dict(chain_project(("fc", "Linear", {"out_features": 8}))).graph
    text = format_summary(graph, infer(graph, (2,)))
    assert "fc" in text and "Linear" in text and "[8]" in text and "24" in text
    assert text.strip().endswith("Total parameters: 24")
