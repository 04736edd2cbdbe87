"""k-fold cross-validation: disjoint folds covering the data, one run per fold, mean and spread."""

import csv
import json
import statistics

import numpy as np
import pytest

from dlplayground.cli import main
from dlplayground.data import DataError
from dlplayground.data.dataset import kfold_indices
from dlplayground.data.registry import load_raw
from dlplayground.experiments.cv import fold_datasets
from tests.helpers import chain_project

DATA = {"name": "spiral", "params": {"samples": 103, "classes": 3}, "val_split": 0.2, "seed": 4}


def project():
    return chain_project(("h", "Linear", {"out_features": 8}), ("act", "Tanh", {}),
                         ("head", "Linear", {"out_features": 3}), data=DATA,
                         training={"loss": "CrossEntropyLoss", "optimizer": {"type": "Adam", "lr": 0.02},
                                   "batch_size": 16, "epochs": 2, "seed": 0})


def test_fold_indices_are_disjoint_and_cover_every_sample():
    folds = kfold_indices(103, 5, seed=4)
    validation = [val for _, val in folds]
    assert sorted(np.concatenate(validation).tolist()) == list(range(103))
    assert sorted(len(v) for v in validation) == [20, 20, 21, 21, 21]
    for train, val in folds:
        assert not set(train.tolist()) & set(val.tolist()) and len(train) + len(val) == 103
    with pytest.raises(DataError, match="at least 2 folds"):
        kfold_indices(10, 1, 0)
    with pytest.raises(DataError, match="11 folds need at least 11 samples"):
        kfold_indices(10, 11, 0)


def test_fold_datasets_hold_every_sample_once_for_validation_standardised_on_their_training_part():
    _, raw, _ = load_raw(DATA)
    datasets = fold_datasets(DATA, 4)
    seen = np.concatenate([d.raw_val for d in datasets])
    original = {tuple(row) for row in raw.x.astype(np.float32).tolist()}
    assert len(seen) == len(raw.x) and {tuple(row) for row in seen.tolist()} == original
    for d in datasets:
        assert np.allclose(d.x_train.mean(axis=0), 0, atol=1e-5)  # its own training statistics
        assert len(d.x_train) + len(d.x_val) == 103
    assert not np.allclose(datasets[0].mean, datasets[1].mean)


def test_cv_writes_one_row_per_fold_and_prints_mean_and_std(tmp_path, capsys):
    path = tmp_path / "p.dlp.json"
    path.write_text(json.dumps(project()))
    out = tmp_path / "cv"
    assert main(["cv", str(path), "--folds", "3", "--out", str(out)]) == 0, capsys.readouterr().err
    printed = capsys.readouterr().out
    rows = list(csv.DictReader((out / "folds.csv").open()))
    assert [r["fold"] for r in rows] == ["1", "2", "3"]
    assert sum(int(r["val_samples"]) for r in rows) == 103 and all(r["epochs"] == "2" for r in rows)
    losses = [float(r["val_loss"]) for r in rows]
    summary = json.loads((out / "cv.json").read_text())
    assert summary["mean"]["val_loss"] == pytest.approx(statistics.fmean(losses))
    assert summary["std"]["val_loss"] == pytest.approx(statistics.stdev(losses))
    assert f"val_loss   mean {statistics.fmean(losses):.4f}  std {statistics.stdev(losses):.4f}" in printed
    assert sorted(p.name for p in (out / "runs").iterdir()) == ["fold-1", "fold-2", "fold-3"]
    assert (out / "curves.png").read_bytes()[:4] == b"\x89PNG"


def test_cv_refuses_too_many_folds_with_a_message(tmp_path, capsys):
    path = tmp_path / "p.dlp.json"
    path.write_text(json.dumps(project()))
    assert main(["cv", str(path), "--folds", "200", "--out", str(tmp_path / "cv")]) == 2
    assert "200 folds need at least 200 samples" in capsys.readouterr().err
    assert not (tmp_path / "cv").exists()
