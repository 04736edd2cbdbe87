"""Long reads draw a progress bar of the bytes read (after a delay, so small files print none),
and ``--quiet`` silences it."""

import numpy as np
import pytest

from dlplayground.data import load_dataset, progress


def _csv(path, rows=3000):
    rng = np.random.default_rng(0)
    lines = ["a,b,label"] + [f"{x:.4f},{y:.4f},{int(x > y)}" for x, y in rng.normal(size=(rows, 2))]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_long_read_draws_a_bar_a_short_one_none(tmp_path, capsys, monkeypatch):
    path = _csv(tmp_path / "points.csv")
    load_dataset({"name": "csv", "params": {"path": str(path), "target": "label"}})
    assert "points.csv" not in capsys.readouterr().err  # under the delay: silent
    monkeypatch.setattr(progress, "DELAY_S", 0.0)
    path = _csv(tmp_path / "more.csv", rows=3001)
    data = load_dataset({"name": "csv", "params": {"path": str(path), "target": "label"}})
    assert len(data.y_train) + len(data.y_val) == 3001
    err = capsys.readouterr().err
    assert "more.csv" in err and f"{path.stat().st_size / 1000:.1f}k" in err  # every byte counted


def test_silenced_hides_read_and_download_bars(tmp_path, capsys, monkeypatch):
    from dlplayground.data import download

    monkeypatch.setattr(progress, "DELAY_S", 0.0)
    path = _csv(tmp_path / "quiet.csv")
    with progress.silenced():
        assert download.progress() is None
        load_dataset({"name": "csv", "params": {"path": str(path), "target": "label"}})
    assert "quiet.csv" not in capsys.readouterr().err
    assert download.progress() is not None


def test_a_text_target_is_read_by_numpy_as_the_row_by_row_reader_reads_it(tmp_path, monkeypatch):
    from dlplayground.data import files

    rng = np.random.default_rng(1)
    kinds = np.array(["setosa", " versicolor", '"vir, ginica"'])
    lines = ["a,b,kind"] + [f"{x:.3f},{y:.3f},{kinds[k]}" for (x, y), k in zip(rng.normal(size=(90, 2)),
                                                                              rng.integers(0, 3, 90))]
    path = tmp_path / "iris.csv"
    path.write_text("\n".join(lines) + "\n")
    section = {"name": "csv", "params": {"path": str(path), "target": "kind"}, "val_split": 0.2}
    slow_x, slow_labels = files._read_rows(path, ",", ["a", "b", "kind"], 2)
    monkeypatch.setattr(files, "_read_rows", lambda *a: pytest.fail("fell back to the row-by-row reader"))
    fast = files.read_csv({"path": str(path), "target": "kind", "delimiter": ",", "task": "auto",
                           "standardise": True}, None)
    assert fast.class_names == ("setosa", "versicolor", "vir, ginica")
    assert np.array_equal(fast.x, slow_x)
    assert [fast.class_names[i] for i in fast.y] == [str(v) for v in slow_labels]
    assert load_dataset(section).num_classes == 3
