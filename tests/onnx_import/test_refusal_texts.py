"""Every per-operator refusal of the ONNX importer is an engine text (``tx``): the window shows
it in the user's language, while its English wording (what the command line prints) stays
exactly as it was. They used to be English-only literals."""

from __future__ import annotations

import ast
import inspect

import numpy as np
import pytest
from onnx import TensorProto, helper, numpy_helper

from dlplayground.graph.text import Text, message_of
from dlplayground.onnx_import import UnmappedOperators, import_model, ops


def test_every_refusal_in_the_rules_is_made_with_tx():
    tree = ast.parse(inspect.getsource(ops))
    refusals = [node for node in ast.walk(tree) if isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name) and node.func.id == "Unmappable"]
    assert len(refusals) >= 30
    bare = [node.lineno for node in refusals
            if not (node.args and isinstance(node.args[0], ast.Call) and getattr(node.args[0].func, "id", "") == "tx")]
    assert not bare, f"English-only refusals at ops.py lines {bare}"


def _model(nodes, inits=(), out_shape=("N", 4)):
    graph = helper.make_graph(nodes, "refused", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 4])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, list(out_shape))], list(inits))
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])


def _reason(model) -> tuple[str, Text]:
    with pytest.raises(UnmappedOperators) as caught:
        import_model(model)
    line = message_of(caught.value).args["lines"]
    return str(caught.value), line.args["reason"]


def test_a_refusal_reads_as_before_and_keeps_its_template():
    square = _model([helper.make_node("Relu", ["x"], ["r"], name="relu"),
                     helper.make_node("Mul", ["r", "r"], ["y"], name="square")])
    english, reason = _reason(square)
    assert english == ("1 operator(s) cannot be imported:\n"
                       "  node 1 'square' (Mul): Mul of two computed tensors has no catalogue layer")
    assert isinstance(reason, Text) and reason.template == "{op_type} of two computed tensors has no catalogue layer"


def test_the_part_a_refusal_names_is_translatable_too():
    weight = numpy_helper.from_array(np.ones((4, 4), np.float32), "w")
    gemm = _model([helper.make_node("Gemm", ["x", "w"], ["y"], name="fc", transA=1)], [weight])
    english, reason = _reason(gemm)
    assert english.endswith("node 0 'fc' (Gemm): transA=1 transposes the data; a Linear layer takes [batch, features]")
    assert reason.template == "transA=1 transposes the data; a Linear layer takes [batch, features]"
    # a weight computed from the data: "weight" is translated within the sentence
    computed = _model([helper.make_node("Relu", ["x"], ["r"], name="relu"),
                       helper.make_node("MatMul", ["x", "r"], ["y"], name="mm")])
    english, reason = _reason(computed)
    assert english.endswith("node 1 'mm' (MatMul): its weight matrix ('r') is computed from the data, not a constant")
    assert reason.template == "its {what} ('{name}') is computed from the data, not a constant"
    assert isinstance(reason.args["what"], Text) and reason.args["what"].template == "weight matrix"
