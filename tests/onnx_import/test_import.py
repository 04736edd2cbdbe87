"""ONNX import: every mapped operator, real architectures, an old opset; the round trip
(imported, exported again) gives the original's outputs under onnxruntime."""

import collections

import pytest

from dlplayground.onnx_import import TOLERANCE, UnmappedOperators, import_model
from tests.onnx_import import models as m

#: (model, sample shape, torch.onnx exporter: dynamo or TorchScript, opset)
#: the dynamo exporter takes seconds per model (twice: building the model, exporting it again),
#: so its cases run with the slow tests
SLOW = pytest.mark.slow
OPERATOR_MODELS = {
    "conv-dynamo": (m.ConvNet, (3, 17, 15), True, 18),
    "conv-torchscript": (m.ConvNet, (3, 17, 15), False, 11),
    "sequence-dynamo": (m.SequenceNet, (4, 10), True, 18),
    "activations-torchscript": (m.Activations, (6,), False, 13),
    "activations-dynamo": (m.Activations, (6,), True, 18),
}


def _import_and_round_trip(original):
    result = import_model(original)
    assert result.comparison.ok, result.comparison
    assert m.round_trip_difference(original, result) <= TOLERANCE
    return result


def _types(result):
    return collections.Counter(n.type for n in result.project.graph.nodes)


@pytest.mark.parametrize("case", [pytest.param(c, marks=SLOW) if OPERATOR_MODELS[c][2] else c for c in OPERATOR_MODELS])
def test_torch_built_models_round_trip(case):
    module, shape, dynamo, opset = OPERATOR_MODELS[case]
    result = _import_and_round_trip(m.to_onnx(module(), shape, dynamo, opset))
    types = _types(result)
    # both exporters fold a BatchNorm after a convolution into it; the per-channel Mul/Sub pair
    # (y * 1.5 - 0.25) becomes one frozen BatchNorm2d with fixed statistics
    expected = {
        "conv": {"Conv2d": 3, "BatchNorm2d": 1, "ReLU": 1, "Add": 1, "MaxPool2d": 1, "AvgPool2d": 2,
                 "AdaptiveAvgPool2d": 2, "Concat": 1, "Flatten": 1, "Linear": 1},
        "sequence": {"Conv1d": 1, "MaxPool1d": 1, "Transpose": 1, "Linear": 1, "Add": 2, "Tanh": 1, "Sigmoid": 1},
        "activations": {"Linear": 3, "LeakyReLU": 1, "ELU": 1, "GELU": 1, "Sigmoid": 1, "Tanh": 1, "Softmax": 1},
    }[case.split("-")[0]]
    if case == "activations-torchscript":  # the dynamo exporter's optimiser drops the view pair
        expected.update({"Reshape": 1, "Flatten": 1})
    assert {t: types[t] for t in expected} == expected
    if case.startswith("conv"):
        frozen = [n for n in result.project.graph.nodes if n.extra.get("trainable") is False]
        assert [n.type for n in frozen] == ["BatchNorm2d"]


@pytest.mark.parametrize("kind,bidirectional,last,dynamo", [
    pytest.param("LSTM", False, True, True, marks=SLOW), pytest.param("LSTM", True, False, False, marks=SLOW),
    pytest.param("GRU", True, True, True, marks=SLOW), pytest.param("GRU", False, False, False, marks=SLOW),
    pytest.param("RNN", False, True, False, marks=SLOW), ("RNN", True, False, False),
])
def test_recurrent_layers_as_torch_exports_them(kind, bidirectional, last, dynamo):
    result = _import_and_round_trip(m.to_onnx(m.Recurrent(kind, bidirectional, last), (6, 3), dynamo, 14))
    layer = next(n for n in result.project.graph.nodes if n.type == kind)
    assert layer.params["return"] == ("last" if last else "sequence")
    assert layer.params["bidirectional"] is bidirectional


@pytest.mark.parametrize("architecture,shape", [pytest.param(m.ResNet, (3, 32, 32), marks=SLOW),
                                                (m.GoogLeNet, (3, 32, 32)),
                                                pytest.param(m.DenseNet, (3, 16, 16), marks=SLOW)])
def test_real_architectures_round_trip(architecture, shape):
    result = _import_and_round_trip(m.to_onnx(architecture(), shape, dynamo=False, opset=13))
    types = _types(result)
    if architecture is m.ResNet:
        assert types["Add"] == 8 and types["Conv2d"] == 20  # BatchNorms folded into the convolutions
    elif architecture is m.GoogLeNet:
        assert types["Concat"] == 3
        assert sum(1 for n in result.project.graph.nodes if n.type == "Conv2d" and n.params["kernel_size"] == 1) == 12
    else:
        # dense blocks: every layer reads a Concat of all earlier outputs, each block ends with one
        assert types["Concat"] == 6 and types["AvgPool2d"] == 1


@pytest.mark.parametrize("opset", [pytest.param(7, marks=SLOW), 8, pytest.param(9, marks=SLOW),
                                   pytest.param(10, marks=SLOW), pytest.param(11, marks=SLOW), 12])
def test_old_opset_graph_with_a_fixed_batch_and_slashed_names(opset):
    original = m.old_opset_model(opset)
    result = _import_and_round_trip(original)
    assert result.source_opset == opset and result.prepared.opset >= 13
    graph = result.project.graph
    assert graph.node("data_input_0").params["shape"] == [1, 6, 6]
    assert _types(result)["Add"] == 1 and len(graph.in_edges(next(n.id for n in graph.nodes if n.type == "Add"))) == 3
    assert next(n for n in graph.nodes if n.type == "Dropout").params["p"] == pytest.approx(0.3)
    assert _types(result)["Flatten"] == 1 and _types(result)["LocalResponseNorm"] == 1


def test_unmappable_operators_are_all_listed_with_name_type_and_position():
    with pytest.raises(UnmappedOperators) as caught:
        import_model(m.unmappable_model())
    ops = caught.value.ops
    assert [(op.name, op.op_type, op.position) for op in ops] == [("crop", "Slice", 1)]
    assert "node 1 'crop' (Slice)" in str(caught.value)


def test_opsets_before_6_are_refused():
    original = m.old_opset_model(8)
    original.opset_import[0].version = 5
    from dlplayground.onnx_import import OnnxImportError

    with pytest.raises(OnnxImportError, match="opset 5"):
        import_model(original)


def test_a_refusal_keeps_its_translatable_parts_and_its_english_wording():
    from dlplayground.graph.text import Text, message_of

    with pytest.raises(UnmappedOperators) as caught:
        import_model(m.unmappable_model())
    assert str(caught.value) == ("1 operator(s) cannot be imported:\n"
                                 "  node 1 'crop' (Slice): no catalogue layer for the operator Slice")
    message = message_of(caught.value)  # what the window translates, part by part
    assert isinstance(message, Text) and message.template == "{count} operator(s) cannot be imported:\n  {lines}"
    line = message.args["lines"]
    assert line.template == "node {position} '{name}' ({op_type}): {reason}"
    assert line.args["reason"].template == "no catalogue layer for the operator {op_type}"


def test_the_stages_are_reported_in_order_and_the_callback_can_stop_the_import(tmp_path):
    import onnx

    from dlplayground.onnx_import import STAGES

    path = tmp_path / "old.onnx"
    onnx.save(m.old_opset_model(8), str(path))
    stages = []
    import_model(path, progress=stages.append)
    assert stages == list(STAGES) == ["loading", "preparing", "mapping", "checking"]

    class Stop(Exception):
        pass

    def stop_at_mapping(stage):
        stages.append(stage)
        if stage == "mapping":
            raise Stop

    stages.clear()
    with pytest.raises(Stop):
        import_model(path, progress=stop_at_mapping)
    assert stages == ["loading", "preparing", "mapping"]
