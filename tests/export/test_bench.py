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


def test_a_foreign_model_is_timed_alone(tmp_path):
    from onnx import TensorProto, helper, save

    graph = helper.make_graph([helper.make_node("Relu", ["in"], ["out"])], "relu",
                              [helper.make_tensor_value_info("in", TensorProto.FLOAT, ["n", 3])],
                              [helper.make_tensor_value_info("out", TensorProto.FLOAT, ["n", 3])])
    save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)]), tmp_path / "relu.onnx")
    subject = subject_from_onnx(tmp_path / "relu.onnx", threads=1)
    assert subject.eager is None and subject.note.startswith("no PyTorch twin") and subject.samples.shape == (64, 3)
    result = benchmark(subject.session, None, subject.samples, batches=(1,), repeats=2, threads=1)
    assert result.rows[0].onnxruntime.median_us > 0
