"""``train --tensorboard``: the event files, read back with TensorBoard's own reader."""

import json

import pytest

from dlplayground.cli import main
from tests.training.conftest import spiral_mlp

event_accumulator = pytest.importorskip(
    "tensorboard.backend.event_processing.event_accumulator",
    reason="the [tensorboard] extra is not installed")


def test_train_writes_scalars_gradient_norms_and_weight_histograms(tmp_path, capsys):
    path = tmp_path / "p.dlp.json"
    path.write_text(json.dumps(spiral_mlp(hidden=8, samples=120, epochs=3)))
    out = tmp_path / "run"
    assert main(["train", str(path), "--out", str(out), "--quiet", "--tensorboard"]) == 0, capsys.readouterr().err
    logs = out / "tensorboard"
    assert any(p.name.startswith("events.out.tfevents") for p in logs.iterdir())
    reader = event_accumulator.EventAccumulator(str(logs), size_guidance={"scalars": 0, "histograms": 0})
    reader.Reload()
    tags = reader.Tags()
    loss = reader.Scalars("metrics/train_loss")
    assert [e.step for e in loss] == [1, 2, 3]
    metrics = [r.split(",") for r in (out / "metrics.csv").read_text().splitlines()]
    assert [e.value for e in loss] == pytest.approx([float(r[1]) for r in metrics[1:]], rel=1e-6)
    assert {"metrics/val_loss", "metrics/val_acc", "metrics/lr"} <= set(tags["scalars"])
    for node in ("fc1", "fc2", "fc3"):
        norms = reader.Scalars(f"gradient_norm/{node}")
        assert norms[0].step == 0 and all(e.value > 0 for e in norms)
        assert f"weight_norm/{node}" in tags["scalars"]
        histogram = reader.Histograms(f"weights/{node}/weight")
        assert [h.step for h in histogram] == [1, 2, 3] and histogram[-1].histogram_value.num == (
            {"fc1": 2 * 8, "fc2": 8 * 8, "fc3": 8 * 3}[node])
    # the gradient norms are the ones gradients.csv has, at the same steps
    rows = [r.split(",") for r in (out / "gradients.csv").read_text().splitlines()[1:] if ",fc1," in r]
    assert [e.step for e in reader.Scalars("gradient_norm/fc1")] == [int(r[0]) for r in rows]


def test_a_run_folder_with_event_files_may_be_replaced(tmp_path, capsys):
    path = tmp_path / "p.dlp.json"
    path.write_text(json.dumps(spiral_mlp(hidden=4, samples=60, epochs=1)))
    out = tmp_path / "run"
    for _ in range(2):
        assert main(["train", str(path), "--out", str(out), "--quiet", "--tensorboard"]) == 0, capsys.readouterr().err
    assert len(list((out / "tensorboard").iterdir())) == 1
