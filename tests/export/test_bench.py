"""The latency benchmark runs both engines side by side and reports medians and ratios."""

import torch

from dlplayground.export.bench import benchmark
from dlplayground.export.subjects import subject_from_onnx

from tests.export.models import exported_model


def test_benchmark_times_both_engines_and_restores_threads(tmp_path):
    subject = subject_from_onnx(exported_model("spiral", tmp_path), threads=1)
    assert subject.eager is not None and "fresh weights" in subject.note
    before = torch.get_num_threads()
    result = benchmark(subject.session, subject.eager, subject.samples, batches=(1, 8), repeats=3, threads=1,
                       title="tiny")
    assert torch.get_num_threads() == before
    assert [row.batch for row in result.rows] == [1, 8]
    for row in result.rows:
        assert row.onnxruntime.median_us > 0 and row.torch is not None and row.torch.median_us > 0
        assert row.speedup == row.torch.median_us / row.onnxruntime.median_us
        assert row.onnxruntime.p10_us <= row.onnxruntime.median_us <= row.onnxruntime.p90_us
    text = "\n".join(result.lines())
    assert "tiny: onnxruntime" in text and "1 thread(s) each, 3 interleaved repetitions" in text
    assert text.splitlines()[-1].split()[0] == "8" and text.rstrip().endswith("x")


def test_benchmark_without_a_twin_times_onnxruntime_alone(tmp_path):
    subject = subject_from_onnx(exported_model("spiral", tmp_path), threads=1)
    result = benchmark(subject.session, None, subject.samples, batches=(2,), repeats=2, threads=1)
    assert result.rows[0].torch is None and result.rows[0].speedup is None
    assert result.lines()[-1].split()[-2:] == ["-", "-"]


def _save_model(path, op, **attributes):
    from onnx import TensorProto, helper, numpy_helper, save
    import numpy as np

    weight = numpy_helper.from_array(np.arange(12, dtype=np.float32).reshape(3, 4) / 10, "w")
    nodes = [helper.make_node("MatMul", ["in", "w"], ["h"]), helper.make_node(op, ["h"], ["out"], **attributes)]
    graph = helper.make_graph(nodes, "foreign", [helper.make_tensor_value_info("in", TensorProto.FLOAT, ["n", 3])],
                              [helper.make_tensor_value_info("out", TensorProto.FLOAT, ["n", 4])], [weight])
    save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)]), path)
    return path


def test_a_foreign_model_gets_an_imported_twin_with_its_weights(tmp_path):
    """Any ONNX file: random inputs of its shape, and both engines at the same thread count."""
    import numpy as np

    from dlplayground.onnx_import import torch_twin

    subject = subject_from_onnx(_save_model(tmp_path / "mlp.onnx", "Relu"), threads=1, twin=torch_twin)
    assert subject.eager is not None and subject.samples.shape == (64, 3)
    assert "imported from the ONNX graph with its weights (agrees" in subject.note
    x = subject.samples[:5]
    expected = subject.session.run(None, {"in": x})[0]
    with torch.no_grad():
        np.testing.assert_allclose(subject.eager(torch.from_numpy(x)).numpy(), expected, rtol=1e-5, atol=1e-6)
    result = benchmark(subject.session, subject.eager, subject.samples, batches=(1, 4), repeats=2, threads=1)
    assert all(row.torch is not None and row.speedup > 0 for row in result.rows)
    assert "1 thread(s) each" in result.lines()[1]


def test_a_model_that_cannot_be_imported_is_timed_alone_and_says_why(tmp_path):
    from dlplayground.onnx_import import torch_twin

    subject = subject_from_onnx(_save_model(tmp_path / "hardmax.onnx", "Hardmax"), threads=1, twin=torch_twin)
    assert subject.eager is None and subject.note.startswith("no PyTorch twin: the model cannot be imported")
    assert "Hardmax" in subject.note and subject.samples.shape == (64, 3)
    result = benchmark(subject.session, None, subject.samples, batches=(1,), repeats=2, threads=1)
    assert result.rows[0].onnxruntime.median_us > 0 and result.rows[0].torch is None


def test_bench_infer_cli_on_a_foreign_file_reports_both_engines(tmp_path, capsys):
    from dlplayground.cli import main

    path = _save_model(tmp_path / "mlp.onnx", "Relu")
    assert main(["bench-infer", str(path), "--threads", "1", "--repeats", "2", "--batch", "1", "8"]) == 0
    out = capsys.readouterr().out
    assert "1 thread(s) each" in out
    rows = [line.split() for line in out.splitlines() if line.strip()[:1].isdigit() and line.rstrip().endswith("x")]
    assert [row[0] for row in rows] == ["1", "8"]
