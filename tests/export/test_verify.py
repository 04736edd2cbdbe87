"""The comparison rule and the checker verdict, on hand-made outputs."""

import numpy as np
import onnx
import pytest
from onnx import helper

from dlplayground.export.verify import ATOL, RTOL, Verification, check, compare


def test_compare_reports_abs_and_rel_error_and_applies_allclose():
    reference = np.array([[1.0, -2.0, 0.0]])
    close = reference + np.array([[5e-4, 0.0, 5e-6]])
    result = compare(close, reference, batch=1)
    assert result.ok and result.max_abs == pytest.approx(5e-4) and result.max_rel == pytest.approx(5e-4)

    far = reference + np.array([[0.0, 0.0, 1e-3]])  # above atol where the reference is 0
    result = compare(far, reference, batch=1)
    assert not result.ok and result.mismatched == 1 and result.total == 3
    assert "MISMATCH (1 of 3 elements)" in result.line()


def test_compare_flags_shape_differences():
    result = compare(np.zeros((2, 3)), np.zeros((2, 4)), batch=2)
    assert not result.ok and "shapes differ" in result.note


def test_verification_needs_checker_and_every_comparison():
    good = compare(np.ones(3), np.ones(3), batch=1)
    bad = compare(np.ones(3), np.zeros(3), batch=64)
    assert Verification(True, "passed", [good]).ok
    assert not Verification(True, "passed", [good, bad]).ok
    assert not Verification(False, "FAILED", [good]).ok
    assert not Verification(True, "passed", []).ok
    assert f"rtol {RTOL:g}, atol {ATOL:g}" in "\n".join(Verification(True, "passed", [good]).lines())


def test_checker_rejects_a_broken_graph():
    node = helper.make_node("Relu", ["missing"], ["y"])
    graph = helper.make_graph([node], "broken", [helper.make_tensor_value_info("x", onnx.TensorProto.FLOAT, [1])],
                              [helper.make_tensor_value_info("y", onnx.TensorProto.FLOAT, [1])])
    ok, message = check(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)]))
    assert not ok and message.startswith("FAILED") and "missing" in message
