"""``dlplayground import``: the project and its weights are written, the weights named by
``training.init``, training starts from them; an unmappable operator exits 2 writing nothing."""

import json

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper
from safetensors.numpy import load_file

from dlplayground.cli import main
from dlplayground.training.setup import prepare_training
from tests.onnx_import.models import unmappable_model


def _mlp(path):
    """Gemm -> Relu -> MatMul + Add, input [N, 2] with a slash in its name."""
    rng = np.random.default_rng(0)
    inits = [numpy_helper.from_array(rng.standard_normal(s).astype(np.float32), n)
             for n, s in (("w1", (8, 2)), ("b1", (8,)), ("w2", (8, 3)), ("b2", (3,)))]
    nodes = [helper.make_node("Gemm", ["in/x", "w1", "b1"], ["h"], name="fc1", transB=1),
             helper.make_node("Relu", ["h"], ["r"], name="act"),
             helper.make_node("MatMul", ["r", "w2"], ["m"], name="fc2"),
             helper.make_node("Add", ["m", "b2"], ["logits"], name="fc2_bias")]
    graph = helper.make_graph(nodes, "mlp", [helper.make_tensor_value_info("in/x", TensorProto.FLOAT, ["N", 2])],
                              [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["N", 3])], inits)
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), str(path))
    return {t.name: numpy_helper.to_array(t) for t in inits}


def test_import_writes_project_and_weights_and_training_starts_from_them(tmp_path, capsys):
    original = _mlp(tmp_path / "mlp.onnx")
    out = tmp_path / "proj" / "mlp.dlp.json"
    assert main(["import", str(tmp_path / "mlp.onnx"), "-o", str(out)]) == 0
    assert "relative" in capsys.readouterr().out
    project = json.loads(out.read_text())
    assert project["training"]["init"] == "mlp.safetensors"
    types = [n["type"] for n in project["graph"]["nodes"]]
    assert types == ["Input", "Linear", "ReLU", "Linear", "Output"]
    weights = load_file(str(out.parent / "mlp.safetensors"))
    np.testing.assert_array_equal(weights["fc1.weight"], original["w1"])
    np.testing.assert_array_equal(weights["fc2.weight"], original["w2"].T)
    np.testing.assert_array_equal(weights["fc2.bias"], original["b2"])

    project["data"] = {"name": "spiral", "params": {"samples": 60, "classes": 3}, "val_split": 0.2, "seed": 0}
    setup = prepare_training(project, base_dir=out.parent)
    assert torch.equal(setup.model.state_dict_by_node()["fc1.weight"], torch.from_numpy(original["w1"].copy()))


def test_unmappable_operators_exit_2_and_write_nothing(tmp_path, capsys):
    onnx.save(unmappable_model(), str(tmp_path / "bad.onnx"))
    assert main(["import", str(tmp_path / "bad.onnx"), "-o", str(tmp_path / "bad.dlp.json")]) == 2
    err = capsys.readouterr().err
    assert "node 1 'crop' (Slice)" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.onnx"]


def test_unreadable_model_exits_2(tmp_path, capsys):
    (tmp_path / "junk.onnx").write_bytes(b"not a model")
    assert main(["import", str(tmp_path / "junk.onnx"), "-o", str(tmp_path / "p.dlp.json")]) == 2
    assert "not a readable ONNX model" in capsys.readouterr().err
