"""The degradation experiment on a tiny budget: its folder, table and plot."""

import csv
import json

import pytest

from dlplayground.experiments import degradation
from dlplayground.experiments.degradation import DegradationSettings, run_degradation

TINY = DegradationSettings(depths=(4, 6), epochs=2, activation="Tanh", width=8)


def test_the_experiment_folder_holds_the_table_the_plot_and_every_run(tmp_path):
    seen = []
    rows, folder = run_degradation(TINY, tmp_path / "exp", "dlplayground experiment degradation ...",
                                   on_row=seen.append)
    assert folder == tmp_path / "exp"
    assert [(r.depth, r.network) for r in rows] == [(4, "plain"), (4, "residual"), (6, "plain"), (6, "residual")]
    assert seen == rows
    out = tmp_path / "exp"
    table = list(csv.DictReader((out / "table.csv").open()))
    assert [row["network"] for row in table] == ["plain", "residual", "plain", "residual"]
    assert set(degradation.TABLE_COLUMNS) == set(table[0])
    for row, record in zip(rows, table):
        assert float(record["train_loss"]) == pytest.approx(row.train_loss)
        assert float(record["epoch_train_loss"]) == pytest.approx(row.curve[-1])
        assert row.epochs == 2 and row.stop_reason == "completed" and row.grad_ratio_init > 0
        assert len(row.curve) == 2
    markdown = (out / "table.md").read_text()
    assert "| 6 | residual |" in markdown and "Command: `dlplayground experiment degradation ...`" in markdown
    assert (out / "degradation.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert json.loads((out / "experiment.json").read_text())["settings"]["depths"] == [4, 6]
    runs = sorted(p.name for p in (out / "runs").iterdir())
    assert runs == ["d4-plain", "d4-residual", "d6-plain", "d6-residual"]
    assert json.loads((out / "runs" / "d6-residual" / "project.json").read_text())["name"].startswith(
        "Deep residual MLP (6 layers")
    assert [p.name for p in tmp_path.iterdir()] == ["exp"]  # nothing partial left behind


def test_plain_and_residual_share_the_budget_and_the_parameters():
    plain, residual = degradation.train_depth(TINY, 6)
    assert plain.parameters == residual.parameters  # identity skips add no weights here
    assert plain.epochs == residual.epochs == 2


def test_a_failed_experiment_leaves_nothing(tmp_path, monkeypatch):
    def failing(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(degradation, "train_depth", failing)
    with pytest.raises(RuntimeError, match="boom"):
        run_degradation(TINY, tmp_path / "exp")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("options, message", [
    ({"depths": ()}, "at least one depth"),
    ({"depths": (3,)}, "at least 4 layers"),
    ({"epochs": 0}, "epochs must be a positive"),
    ({"lr": 0.0}, "learning rate"),
])
def test_settings_are_checked(options, message):
    with pytest.raises(ValueError, match=message):
        DegradationSettings(**options)


def test_the_table_marks_dead_gradients():
    row = degradation.DegradationRow(50, "plain", 10, 1.1, 1.1, 0.3, 0.3, 1.1, 0.0, float("nan"), 1, 1.0, "completed")
    markdown = degradation.table_markdown([row], TINY)
    assert "| 50 | plain | 1.100 | 1.100 | 0.300 | 0 | n/a |" in markdown
