"""The export dialog runs export + verification on a worker thread and shows the verdict."""

from __future__ import annotations

import pytest
import torch

from dlplayground.data import load_dataset
from dlplayground.graph import project_to_dict
from dlplayground.graph.params import schema
from dlplayground.layers import shapes
from dlplayground.layers.catalogue import CATALOGUE
from dlplayground.layers.spec import LayerSpec
from dlplayground.qt.onnx.export_dialog import ExportDialog

from tests.export.models import spiral_project, trained_like


@pytest.fixture
def spiral():
    project = spiral_project()
    data = load_dataset(project.data)
    return project, data, trained_like(project, data)


def make_dialog(qtbot, project, weights, data, path):
    dialog = ExportDialog(project_to_dict(project), weights, data, default_path=path)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_export_shows_checker_errors_and_pass(qtbot, tmp_path, spiral):
    project, data, model = spiral
    dialog = make_dialog(qtbot, project, model, data, tmp_path / "spiral.onnx")
    assert dialog.weights_label.text() == "the current model's trained weights"
    with qtbot.waitSignal(dialog.exported, timeout=30000) as signal:
        dialog.export_button.click()
        assert dialog.running and not dialog.close_button.isEnabled()
        dialog.reject()  # closing while the worker runs is refused
        assert dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.running, timeout=5000)

    report = signal.args[0]
    assert report.ok and (tmp_path / "spiral.onnx").is_file()
    assert dialog.checker_label.text() == "ONNX checker (full check): passed"
    rows = [[dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())]
    assert [r[0] for r in rows] == ["1", "30"] and all(r[3] == "pass" for r in rows)
    assert float(rows[1][1]) == pytest.approx(report.verification.comparisons[1].max_abs, rel=1e-2)
    assert dialog.verdict_label.text().startswith("✔ Verified: onnxruntime matches PyTorch")
    assert dialog.export_button.isEnabled() and dialog.progress.value() == 100
    dialog.reject()
    assert not dialog.isVisible()


def test_fresh_weights_are_flagged(qtbot, tmp_path, spiral):
    project, data, _ = spiral
    dialog = make_dialog(qtbot, project, None, data, tmp_path / "m")
    assert "fresh, untrained weights" in dialog.weights_label.text()
    with qtbot.waitSignal(dialog.exported, timeout=30000) as signal:
        dialog.start_export()
    assert signal.args[0].fresh_weights and dialog.path_edit.text().endswith("m.onnx")
    qtbot.waitUntil(lambda: not dialog.running, timeout=5000)


def test_a_layer_that_cannot_export_is_shown_as_a_failure(qtbot, tmp_path, monkeypatch, spiral):
    class Branchy(torch.nn.Module):
        def forward(self, x):
            return x * 2 if x.sum() > 0 else x

    monkeypatch.setitem(CATALOGUE, "Tanh", LayerSpec("Tanh", "Activation", "test", schema(), shapes.same,
                                                     lambda inputs, params: Branchy()))
    project, data, _ = spiral
    dialog = make_dialog(qtbot, project, None, data, tmp_path / "bad.onnx")
    with qtbot.waitSignal(dialog.export_failed, timeout=30000) as signal:
        dialog.start_export()
    qtbot.waitUntil(lambda: not dialog.running, timeout=5000)
    assert signal.args[0].startswith("node 'act' (Tanh) cannot be exported to ONNX")
    assert dialog.verdict_label.text() == "✘ Export failed"
    assert dialog.details_label.isVisible() and dialog.details_label.text() == signal.args[0]
    assert dialog.checker_label.text() == "ONNX checker: not run (nothing was exported)"
    assert not (tmp_path / "bad.onnx").exists()
