"""Export details: names, metadata, opsets, weights, and the failures a user must see clearly."""

from __future__ import annotations

import json

import numpy as np
import onnx
import pytest
import torch
from safetensors.torch import save_file
from torch import nn

from dlplayground import __version__
from dlplayground.export.exporter import ExportError, UnsupportedLayerError
from dlplayground.export.metadata import info_from_session
from dlplayground.export.pipeline import ProjectError, WeightsError, export_project
from dlplayground.export.runtime import create_session
from dlplayground.graph.params import schema
from dlplayground.layers import shapes
from dlplayground.layers.catalogue import CATALOGUE
from dlplayground.layers.spec import LayerSpec

from tests.export.models import chain, dataset, graph_project, trained_like


def small():
    return chain(("hidden", "Linear", {"out_features": 6}), ("act", "ReLU", {}),
                 ("head", "Linear", {"out_features": 3}), name="Small net"), dataset((4,))


class Branchy(nn.Module):
    """Python control flow on tensor values: torch.export cannot capture it."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * 2 if x.sum() > 0 else x


class Drifting(nn.Module):
    """Computes something else while being exported: the verification must catch it."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + 1.0 if torch.compiler.is_exporting() else x


def register(monkeypatch, name: str, module: type[nn.Module]) -> None:
    spec = LayerSpec(type=name, category="Core", doc="test layer", schema=schema(), shape_rule=shapes.same,
                     factory=lambda inputs, params: module())
    monkeypatch.setitem(CATALOGUE, name, spec)


def test_names_metadata_and_dynamic_batch(tmp_path):
    project, data = small()
    report = export_project(project, tmp_path / "m.onnx", dataset=data)
    model = onnx.load(str(report.path))

    assert [i.name for i in model.graph.input] == ["x"] and [o.name for o in model.graph.output] == ["y"]
    meta = {p.key: p.value for p in model.metadata_props}
    assert meta["project_name"] == "Small net" and meta["task"] == "classification"
    assert json.loads(meta["class_labels"]) == ["c0", "c1", "c2"]
    assert json.loads(meta["input_shape"]) == [4] and meta["dlplayground_version"] == __version__
    assert json.loads(meta["dlplayground_project"])["graph"]["nodes"][1]["id"] == "hidden"
    assert meta["output_kind"] == "logits"
    assert report.fresh_weights and "freshly initialised" in "\n".join(report.lines())

    session = create_session(report.path)
    for batch in (1, 2, 7):
        assert session.run(None, {"x": data.raw_val[:batch]})[0].shape == (batch, 3)
    info = info_from_session(session)
    assert info.input_shape == (4,) and info.batch_dynamic and info.is_classifier


@pytest.mark.parametrize("input_id, output_id", [("sub", "linear"), ("head.weight", "input_mean")])
def test_io_names_that_clash_with_exporter_names_still_work(tmp_path, input_id, output_id):
    # the exporter names values after torch ops (sub, linear) and parameters after modules
    project = graph_project(
        [(input_id, "Input", {}), ("head", "Linear", {"out_features": 3}), (output_id, "Output", {})],
        [(input_id, "head", 0), ("head", output_id, 0)])
    report = export_project(project, tmp_path / "m.onnx", dataset=dataset((4,)))
    assert report.ok, report.lines()
    assert (report.info.input_name, report.info.output_name) == (input_id, output_id)


def test_exported_model_bakes_in_the_standardisation(tmp_path):
    project, data = small()
    model = trained_like(project, data)
    assert not np.allclose(data.mean, 0.0)  # the test data are offset, so forgetting it would show
    report = export_project(project, tmp_path / "m.onnx", dataset=data, weights=model)
    raw = data.raw_val[:5]
    onnx_out = create_session(report.path).run(None, {"x": raw})[0]
    with torch.inference_mode():
        expected = model(torch.from_numpy((raw - data.mean) / data.std)).numpy()
        unstandardised = model(torch.from_numpy(raw)).numpy()
    np.testing.assert_allclose(onnx_out, expected, rtol=1e-4, atol=1e-6)
    assert not np.allclose(onnx_out, unstandardised, atol=1e-3)


def test_weights_file_is_what_gets_exported(tmp_path):
    project, data = small()
    model = trained_like(project, data, seed=7)
    save_file(model.state_dict_by_node(), tmp_path / "w.safetensors")
    trained = export_project(project, tmp_path / "t.onnx", dataset=data, weights=tmp_path / "w.safetensors")
    fresh = export_project(project, tmp_path / "f.onnx", dataset=data)
    raw = data.raw_val[:4]
    out_trained = create_session(trained.path).run(None, {"x": raw})[0]
    with torch.inference_mode():
        np.testing.assert_allclose(out_trained, model(torch.from_numpy(data.standardise(raw))).numpy(),
                                   rtol=1e-4, atol=1e-6)
    assert not trained.fresh_weights
    assert not np.allclose(out_trained, create_session(fresh.path).run(None, {"x": raw})[0])


def test_weights_that_do_not_fit_name_the_node(tmp_path):
    project, data = small()
    tensors = trained_like(project, data).state_dict_by_node()
    tensors["head.weight"] = torch.zeros(5, 6)
    save_file(tensors, tmp_path / "w.safetensors")
    with pytest.raises(WeightsError, match="'head'"):
        export_project(project, tmp_path / "m.onnx", dataset=data, weights=tmp_path / "w.safetensors")
    (tmp_path / "junk.safetensors").write_bytes(b"not safetensors at all")
    with pytest.raises(WeightsError, match="junk.safetensors: not a readable safetensors file"):
        export_project(project, tmp_path / "m.onnx", dataset=data, weights=tmp_path / "junk.safetensors")
    assert not (tmp_path / "m.onnx").exists()


def test_invalid_project_lists_problems(tmp_path):
    project = chain(("bad", "Linear", {"out_features": 0}))
    with pytest.raises(ProjectError, match=r"\[bad\]"):
        export_project(project, tmp_path / "m.onnx", dataset=dataset((4,)))


def test_layer_that_cannot_export_is_named(tmp_path, monkeypatch):
    register(monkeypatch, "Branchy", Branchy)
    project = chain(("fc", "Linear", {"out_features": 4}), ("odd", "Branchy", {}),
                    ("head", "Linear", {"out_features": 3}))
    with pytest.raises(UnsupportedLayerError) as info:
        export_project(project, tmp_path / "m.onnx", dataset=dataset((4,)))
    assert info.value.node_ids == ("odd",)
    assert str(info.value).startswith("node 'odd' (Branchy) cannot be exported to ONNX: ")
    assert not (tmp_path / "m.onnx").exists()


def test_mismatch_with_pytorch_fails_the_verification(tmp_path, monkeypatch):
    register(monkeypatch, "Drifting", Drifting)
    project = chain(("fc", "Linear", {"out_features": 3}), ("drift", "Drifting", {}))
    report = export_project(project, tmp_path / "m.onnx", dataset=dataset((4,)))
    assert report.verification.checker_ok and not report.ok
    assert all(not c.ok and c.max_abs == pytest.approx(1.0) for c in report.verification.comparisons)
    assert report.lines()[-1].startswith("verification FAILED")


def test_opset_is_explicit_and_checked(tmp_path):
    project, data = small()
    for opset in (17, 20):
        report = export_project(project, tmp_path / f"m{opset}.onnx", dataset=data, opset=opset)
        assert report.ok and report.opset == opset
        assert {o.domain: o.version for o in onnx.load(str(report.path)).opset_import}[""] == opset
    with pytest.raises(ExportError, match="opset 3 is out of range"):
        export_project(project, tmp_path / "old.onnx", dataset=data, opset=3)


def test_opset_conversion_failure_is_an_error_not_a_silent_downgrade(tmp_path):
    # LocalResponseNorm exports through Pad, which has no converter below opset 18
    project = chain(("lrn", "LocalResponseNorm", {"size": 3}), ("flat", "Flatten", {}),
                    ("head", "Linear", {"out_features": 3}))
    with pytest.raises(ExportError, match="could not write opset 17"):
        export_project(project, tmp_path / "m.onnx", dataset=dataset((4, 3, 3), "image"), opset=17)


@pytest.mark.parametrize("layer, message", [
    (("avg", "AvgPool2d", {"kernel_size": 2, "divisor_override": 3}), "ONNX's AveragePool has no divisor override"),
    (("lstm", "LSTM", {"hidden_size": 6, "proj_size": 2}), "ONNX's LSTM has no projection"),
])
def test_options_onnx_cannot_express_are_refused_naming_the_node(tmp_path, layer, message):
    image = layer[1] == "AvgPool2d"
    project = chain(layer, ("flat", "Flatten", {}), ("head", "Linear", {"out_features": 1}))
    data = dataset((2, 8, 8), "image", task="regression") if image else dataset((4, 2), "sequence", task="regression")
    with pytest.raises(UnsupportedLayerError) as info:
        export_project(project, tmp_path / "m.onnx", dataset=data)
    assert info.value.node_ids == (layer[0],) and message in str(info.value) and f"node '{layer[0]}'" in str(info.value)
    assert not (tmp_path / "m.onnx").exists()
