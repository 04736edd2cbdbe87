"""Every catalogue type and every example project exports, and onnxruntime matches PyTorch."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import pytest
import torch

from dlplayground.data import load_dataset
from dlplayground.export.pipeline import export_project
from dlplayground.export.runtime import create_session
from dlplayground.graph import load_project
from dlplayground.layers.catalogue import CATALOGUE

from tests.conftest import EXAMPLES
from tests.data.realdata_files import with_small_standard_data
from tests.export.models import COVERAGE, trained_like

def test_coverage_graphs_hold_every_catalogue_type():
    used = {node.type for build in COVERAGE.values() for node in build()[0].graph.nodes}
    assert set(CATALOGUE) - used == set()


@pytest.mark.parametrize("name", list(COVERAGE))
def test_each_layer_type_exports_with_parity(name, tmp_path):
    project, data = COVERAGE[name]()
    model = trained_like(project, data)
    report = export_project(project, tmp_path / f"{name}.onnx", dataset=data, weights=model)

    assert report.verification.checker_ok, report.lines()
    assert [c.batch for c in report.verification.comparisons] == [1, len(data.raw_val)]
    assert report.ok, "\n".join(report.lines())
    # the model takes raw inputs: onnxruntime(raw) == PyTorch(standardised), at another batch size too
    raw = data.raw_val[:3]
    session = create_session(report.path)
    onnx_out = session.run(None, {"x": raw})[0]
    with torch.inference_mode():
        torch_out = model(torch.from_numpy(data.standardise(raw))).numpy()
    np.testing.assert_allclose(onnx_out, torch_out, rtol=1e-3, atol=1e-5)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.dlp.json")), ids=lambda p: p.name.split(".")[0])
def test_each_example_project_exports_with_parity(path: Path, tmp_path):
    project = load_project(path)
    project.data = with_small_standard_data(project.data, tmp_path)
    data = load_dataset(project.data, path.parent)
    # a generative project's network takes noise or z (export.generative): exported with fresh weights
    generative = project.training.get("objective", "supervised") != "supervised"
    weights = None if generative else trained_like(project, data)
    report = export_project(project, tmp_path / "model.onnx", dataset=data, weights=weights)

    assert report.ok, "\n".join(report.lines())
    assert [c.batch for c in report.verification.comparisons] == [1, min(64, len(data.raw_val))]
    model = onnx.load(str(report.path))
    batch_dims = [v.type.tensor_type.shape.dim[0] for v in (*model.graph.input, *model.graph.output)]
    assert all(d.dim_param and not d.dim_value for d in batch_dims), "the batch axis must stay free"
