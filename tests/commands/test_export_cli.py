"""``dlplayground export``, ``predict`` and ``bench-infer``: output, files and exit codes."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from safetensors.torch import save_file

from dlplayground.cli import main
from dlplayground.data import load_dataset
from dlplayground.export.inference import Predictor
from dlplayground.graph import Edge, Node, save_project
from dlplayground.graph.params import schema
from dlplayground.layers import shapes
from dlplayground.layers.catalogue import CATALOGUE
from dlplayground.layers.spec import LayerSpec

from tests.export.models import exported_model, spiral_project, trained_like


@pytest.fixture
def spiral(tmp_path):
    """(project path, weights path, dataset) for the tiny spiral classifier."""
    project = spiral_project()
    save_project(project, tmp_path / "spiral.dlp.json")
    data = load_dataset(project.data)
    save_file(trained_like(project, data).state_dict_by_node(), tmp_path / "w.safetensors")
    return tmp_path / "spiral.dlp.json", tmp_path / "w.safetensors", data


def test_train_then_export_the_run_folder_then_predict(tmp_path, capsys, spiral):
    project, _, data = spiral
    run_dir = tmp_path / "run"
    assert main(["train", str(project), "--epochs", "1", "--out", str(run_dir), "--quiet"]) == 0
    model = tmp_path / "spiral.onnx"
    capsys.readouterr()

    assert main(["export", str(project), "--weights", str(run_dir), "-o", str(model)]) == 0
    out = capsys.readouterr().out
    assert "onnx checker (full check): passed" in out and "verification passed" in out
    assert "batch   1: max abs error" in out and "batch  30: max abs error" in out
    assert "freshly initialised" not in out

    np.save(tmp_path / "x.npy", data.raw_val[:4])
    assert main(["predict", str(model), str(tmp_path / "x.npy"), "-o", str(tmp_path / "out.npy")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == ["Tiny spiral: 4 row(s), output [4, 3]", "top class per row:"]
    saved = np.load(tmp_path / "out.npy", allow_pickle=False)
    np.testing.assert_array_equal(saved, Predictor(model).run(data.raw_val[:4]))
    expected = [f"row {row}: class {i} (index {i}, p=" for row, i in enumerate(saved.argmax(axis=1))]
    assert [line[:len(e)] for line, e in zip(lines[2:6], expected)] == expected


def test_export_without_weights_warns(tmp_path, capsys, spiral):
    project, _, _ = spiral
    assert main(["export", str(project), "-o", str(tmp_path / "m.onnx"), "--opset", "19"]) == 0
    captured = capsys.readouterr()
    assert "warning: no --weights given" in captured.err
    assert "opset 19" in captured.out and "freshly initialised" in captured.out


def test_export_refuses_bad_inputs_with_exit_2(tmp_path, capsys, spiral):
    project, weights, _ = spiral
    assert main(["export", str(tmp_path / "absent.dlp.json"), "-o", str(tmp_path / "m.onnx")]) == 2
    assert "absent.dlp.json" in capsys.readouterr().err

    tensors = {k: torch.zeros(1) for k in ("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias")}
    save_file(tensors, tmp_path / "bad.safetensors")
    assert main(["export", str(project), "--weights", str(tmp_path / "bad.safetensors"), "-o", str(tmp_path / "m.onnx")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "'fc1'" in err and "Traceback" not in err

    assert main(["export", str(project), "--weights", str(tmp_path), "-o", str(tmp_path / "m.onnx"), "--opset", "2"]) == 2
    assert "holds no weights.safetensors" in capsys.readouterr().err
    assert main(["export", str(project), "--weights", str(weights), "-o", str(tmp_path / "m.onnx"), "--opset", "2"]) == 2
    assert "opset 2 is out of range" in capsys.readouterr().err
    assert not (tmp_path / "m.onnx").exists()


def test_export_mismatch_exits_1(tmp_path, capsys, monkeypatch):
    class Drifting(torch.nn.Module):
        def forward(self, x):
            return x + 1.0 if torch.compiler.is_exporting() else x

    monkeypatch.setitem(CATALOGUE, "Drifting", LayerSpec("Drifting", "Core", "test", schema(), shapes.same,
                                                         lambda inputs, params: Drifting()))
    project = spiral_project()
    project.graph.remove_edge(project.graph.in_edges("scores")[0])
    project.graph.add_node(Node("drift", "Drifting"))
    project.graph.add_edge(Edge("fc2", "drift"))
    project.graph.add_edge(Edge("drift", "scores"))
    save_project(project, tmp_path / "drift.dlp.json")

    assert main(["export", str(tmp_path / "drift.dlp.json"), "-o", str(tmp_path / "m.onnx")]) == 1
    out = capsys.readouterr().out
    assert "MISMATCH" in out and out.rstrip().endswith("verification FAILED: the ONNX model does not match PyTorch")


def test_predict_rejects_wrong_shapes_and_bad_files(tmp_path, capsys):
    model = exported_model("digits", tmp_path)
    np.save(tmp_path / "flat.npy", np.zeros((5, 64), np.float32))
    assert main(["predict", str(model), str(tmp_path / "flat.npy")]) == 2
    assert capsys.readouterr().err.strip() == (
        f"error: {tmp_path / 'flat.npy'}: expected input of shape [N, 1, 8, 8], got [5, 64]")

    assert main(["predict", str(tmp_path / "none.onnx"), str(tmp_path / "flat.npy")]) == 2
    assert "none.onnx: no such file" in capsys.readouterr().err
    assert main(["predict", str(tmp_path / "flat.npy"), str(tmp_path / "flat.npy")]) == 2
    assert "not an ONNX model" in capsys.readouterr().err
    assert main(["predict", str(model), str(tmp_path / "missing.npy")]) == 2
    assert "missing.npy: no such file" in capsys.readouterr().err


def test_bench_infer_on_a_model_and_on_a_project(tmp_path, capsys, spiral):
    model = exported_model("spiral", tmp_path)
    assert main(["bench-infer", str(model), "--repeats", "2", "--batch", "1", "4", "--threads", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Tiny spiral: onnxruntime") and "1 thread(s) each, 2 interleaved" in lines[1]
    assert [line.split()[0] for line in lines[3:5]] == ["1", "4"] and lines[3].endswith("x")
    assert lines[-1].startswith("note: PyTorch twin rebuilt")

    project, weights, _ = spiral
    assert main(["bench-infer", str(project), "--weights", str(weights), "--repeats", "2", "--batch", "2"]) == 0
    assert capsys.readouterr().out.splitlines()[3].split()[0] == "2"
    assert main(["bench-infer", str(model), "--repeats", "0"]) == 2


def test_building_the_cli_does_not_load_torch_or_onnx():
    import subprocess
    import sys

    code = ("import sys, dlplayground.cli as cli; cli.build_parser();"
            "loaded = [m for m in ('torch', 'onnx', 'onnxruntime') if m in sys.modules]; assert not loaded, loaded")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
