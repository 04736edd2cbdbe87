"""The window shows an ONNX operator's refusal in its language, the part it names included."""

from __future__ import annotations

import pytest
from onnx import helper

from dlplayground.graph.text import message_of
from dlplayground.onnx_import import UnmappedOperators, import_model
from dlplayground.qt.engine_text import shown
from tests.onnx_import.test_refusal_texts import _model
from tests.qt.experiments.test_dialog_texts import MarkingTranslator, pseudo


def test_a_refusal_is_shown_translated_part_by_part(qapp):
    computed = _model([helper.make_node("Relu", ["x"], ["r"], name="relu"),
                       helper.make_node("MatMul", ["x", "r"], ["y"], name="mm")])
    with pytest.raises(UnmappedOperators) as caught:
        import_model(computed)
    translator = MarkingTranslator()
    qapp.installTranslator(translator)
    try:
        text = shown(message_of(caught.value))
    finally:
        qapp.removeTranslator(translator)
    template = pseudo("its {what} ('{name}') is computed from the data, not a constant")
    assert template.format(what=pseudo("weight matrix"), name="r") in text, text
