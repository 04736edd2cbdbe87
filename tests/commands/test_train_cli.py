"""``dlplayground train`` and ``summary``: run folders exactly as the CLI spec names them, exit codes."""

import csv
import json
import subprocess
import sys

import numpy as np
import pytest
from safetensors.numpy import load_file

from dlplayground.cli import main
from dlplayground.graph import project_from_dict, project_to_dict
from tests.conftest import EXAMPLES, ROOT
from tests.helpers import chain_project

FIXTURES = ROOT / "tests" / "fixtures"


def write_project(tmp_path, project, name="p.dlp.json"):
    path = tmp_path / name
    path.write_text(json.dumps(project))
    return path


def read_csv(path):
    with path.open(newline="") as stream:
        return list(csv.DictReader(stream))


def test_train_writes_the_run_folder_files(tmp_path, capsys):
    project = chain_project(("fc1", "Linear", {"out_features": 16}), ("a1", "ReLU", {}),
                            ("fc2", "Linear", {"out_features": 3}))
    out = tmp_path / "run"
    assert main(["train", str(write_project(tmp_path, project)), "--epochs", "3", "--out", str(out), "--quiet"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "gradients.csv", "metrics.csv", "project.json", "summary.json", "weights.safetensors"]

    metrics = read_csv(out / "metrics.csv")
    assert [int(r["epoch"]) for r in metrics] == [1, 2, 3]
    assert {"epoch", "train_loss", "val_loss", "seconds", "train_acc", "val_acc"} <= set(metrics[0])

    gradients = read_csv(out / "gradients.csv")
    assert list(gradients[0]) == ["step", "layer", "grad_norm", "weight_norm"]
    assert {r["layer"] for r in gradients} == {"fc1", "fc2"}
    steps = sorted({int(r["step"]) for r in gradients})
    per_epoch = 160 // 32
    assert steps[0] == 0 and all(any(e * per_epoch <= s < (e + 1) * per_epoch for s in steps) for e in range(3))

    weights = load_file(out / "weights.safetensors")
    assert set(weights) == {"fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"}
    summary = json.loads((out / "summary.json").read_text())
    assert summary["epochs"] == 3 and summary["seconds"] > 0
    assert set(summary["final"]) == {"train_loss", "val_loss", "train_acc", "val_acc"}
    assert summary["final"]["val_loss"] == pytest.approx(float(metrics[-1]["val_loss"]))
    trained = json.loads((out / "project.json").read_text())
    assert trained["training"]["epochs"] == 3
    assert trained["graph"] == project_to_dict(project_from_dict(project))["graph"]
    assert "run folder:" in capsys.readouterr().out


def test_regression_metrics_have_no_accuracy_columns(tmp_path):
    project = chain_project(("fc", "Linear", {"out_features": 1}), data={"name": "plane", "params": {"samples": 100}},
                            training={"loss": "MSELoss", "epochs": 2})
    out = tmp_path / "run"
    assert main(["train", str(write_project(tmp_path, project)), "--out", str(out), "--quiet"]) == 0
    assert list(read_csv(out / "metrics.csv")[0]) == ["epoch", "train_loss", "val_loss", "lr", "seconds"]
    final = json.loads((out / "summary.json").read_text())["final"]
    assert set(final) == {"train_loss", "val_loss", "train_acc", "val_acc"}  # the keys cli.md names
    assert final["train_acc"] is None and final["val_acc"] is None and final["train_loss"] > 0


def test_a_second_run_replaces_the_folder_and_leaves_nothing_partial(tmp_path):
    path = write_project(tmp_path, chain_project(("fc", "Linear", {"out_features": 3})))
    out = tmp_path / "runs" / "same"
    for epochs in ("1", "2"):
        assert main(["train", str(path), "--epochs", epochs, "--out", str(out), "--quiet"]) == 0
    assert json.loads((out / "summary.json").read_text())["epochs"] == 2
    assert [p.name for p in out.parent.iterdir()] == ["same"]


def test_invalid_project_exits_2_listing_every_problem_and_writes_nothing(tmp_path, capsys):
    project = chain_project(("fc", "Linear", {"out_features": 0}), ("bad", "Conv9d", {}))
    out = tmp_path / "run"
    assert main(["train", str(write_project(tmp_path, project)), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "[fc] bad parameter" in err and "[bad] unknown type" in err and "2 problem(s)" in err
    assert not out.exists() and list(tmp_path.iterdir()) == [tmp_path / "p.dlp.json"]


@pytest.mark.parametrize("mutate, message", [
    (lambda p: p["data"].update(name="csv", params={"path": "nowhere.csv", "target": "y"}), "data: file not found"),
    (lambda p: p["training"].update(optimizer={"type": "Adam", "lr": "fast"}), "training.optimizer.lr"),
    (lambda p: p["graph"]["nodes"][1]["params"].update(out_features=5), "change 'fc'"),
])
def test_bad_data_or_settings_exit_2_with_a_message(tmp_path, capsys, mutate, message):
    project = chain_project(("fc", "Linear", {"out_features": 3}))
    mutate(project)
    assert main(["train", str(write_project(tmp_path, project)), "--out", str(tmp_path / "r")]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


@pytest.mark.parametrize("training, message", [
    ({"optimizer": {"type": "SGD", "lr": 0.1, "nesterov": True}}, "training.optimizer: SGD:"),
    ({"scheduler": {"type": "MultiStepLR"}}, "training.scheduler: MultiStepLR:"),
    ({"early_stopping": {"monitor": "val_loss"}}, "needs a validation split, but data.val_split is 0"),
])
def test_settings_only_torch_can_judge_still_exit_2(tmp_path, capsys, training, message):
    project = chain_project(("fc", "Linear", {"out_features": 3}), training={"epochs": 2, **training},
                            data={"name": "spiral", "params": {"samples": 60, "classes": 3}, "val_split": 0.0})
    assert main(["train", str(write_project(tmp_path, project)), "--out", str(tmp_path / "r"), "--quiet"]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_a_model_that_fails_on_the_data_is_reported_with_where_it_failed(tmp_path, capsys):
    # a Linear's outputs are not token ids: the embedding lookup fails inside the first step (token
    # ids straight from the data are checked before training; these only exist while it runs)
    project = chain_project(("fc0", "Linear", {"out_features": 8}), ("emb", "Embedding", {"num_embeddings": 1}),
                            ("flat", "Flatten", {}), ("fc", "Linear", {"out_features": 3}), training={"epochs": 1})
    assert main(["train", str(write_project(tmp_path, project)), "--out", str(tmp_path / "r"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "training failed at epoch 1, step 1" in err and "IndexError" in err
    assert list(tmp_path.iterdir()) == [tmp_path / "p.dlp.json"]  # no folder, partial or not


def test_broken_json_is_named_without_a_traceback(tmp_path):
    path = tmp_path / "broken.dlp.json"
    path.write_text('{"format": "dlplayground/project", "graph": {"nodes": [}')
    result = subprocess.run([sys.executable, "-m", "dlplayground", "summary", str(path)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert "broken.dlp.json" in result.stderr and "line 1 column" in result.stderr
    assert "Traceback" not in result.stderr


def test_nan_loss_stops_with_exit_1_and_finite_weights(tmp_path, capsys):
    project = chain_project(("fc1", "Linear", {"out_features": 16}), ("a", "ReLU", {}), ("fc2", "Linear", {"out_features": 3}),
                            training={"optimizer": {"type": "SGD", "lr": 1e7}, "epochs": 5})
    out = tmp_path / "run"
    assert main(["train", str(write_project(tmp_path, project)), "--out", str(out), "--quiet"]) == 1
    assert "the loss became" in capsys.readouterr().err
    summary = json.loads((out / "summary.json").read_text())
    assert summary["stop_reason"] == "non_finite_loss"
    assert all(np.isfinite(t).all() for t in load_file(out / "weights.safetensors").values())


@pytest.mark.parametrize("name", ["handwritten_xor.dlp.json", "handwritten_csv.dlp.json"])
def test_hand_written_projects_load_summarise_and_train(tmp_path, capsys, name):
    path = FIXTURES / name
    assert main(["summary", str(path)]) == 0
    table = capsys.readouterr().out
    assert "Total parameters:" in table
    out = tmp_path / "run"
    assert main(["train", str(path), "--out", str(out), "--quiet"]) == 0
    summary = json.loads((out / "summary.json").read_text())
    assert summary["final"]["val_acc"] > 0.9


def test_summary_prints_shapes_and_parameter_counts(capsys):
    assert main(["summary", str(EXAMPLES / "digits_cnn.dlp.json")]) == 0
    out = capsys.readouterr().out
    assert "conv1" in out and "[16, 8, 8]" in out and "Total parameters:" in out


def test_train_never_replaces_a_folder_that_is_not_a_run_folder(tmp_path, capsys, monkeypatch):
    project = write_project(tmp_path, chain_project(("fc", "Linear", {"out_features": 3})))
    mine = tmp_path / "mine"
    (mine / "sub").mkdir(parents=True)
    (mine / "notes.txt").write_text("keep me")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pj").mkdir()
    (tmp_path / "pj" / "project.json").write_text("{}")  # a folder holding only a user's project
    for target in (mine, project, tmp_path, ".", tmp_path / "pj"):  # other files, a file, the current folder
        assert main(["train", str(project), "--epochs", "1", "--out", str(target), "--quiet"]) == 2
        err = capsys.readouterr().err
        assert "output folder" in err and "Traceback" not in err
    assert (mine / "notes.txt").read_text() == "keep me" and (mine / "sub").is_dir()
    assert json.loads(project.read_text())["name"] == "test"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine", "p.dlp.json", "pj"]  # nothing partial left
    assert (tmp_path / "pj" / "project.json").read_text() == "{}"

    run = tmp_path / "run"  # an earlier run folder is replaced by the new run
    assert main(["train", str(project), "--epochs", "1", "--out", str(run), "--quiet"]) == 0
    assert main(["train", str(project), "--epochs", "2", "--out", str(run), "--quiet"]) == 0
    assert json.loads((run / "summary.json").read_text())["epochs"] == 2


def test_summary_final_describes_the_restored_best_weights_after_early_stopping(tmp_path):
    # a learning rate this high makes the validation loss bounce, so early stopping triggers
    project = chain_project(("fc1", "Linear", {"out_features": 16}), ("act", "ReLU", {}),
                            ("fc2", "Linear", {"out_features": 3}),
                            training={"optimizer": {"type": "SGD", "lr": 0.5, "momentum": 0.9}, "epochs": 60,
                                      "batch_size": 16, "early_stopping": {"patience": 3}})
    out = tmp_path / "run"
    assert main(["train", str(write_project(tmp_path, project)), "--out", str(out), "--quiet"]) == 0
    summary = json.loads((out / "summary.json").read_text())
    assert summary["stop_reason"] == "early_stopping"
    best = summary["best_epoch"]
    assert summary["final_epoch"] == best < summary["epochs"]
    row = read_csv(out / "metrics.csv")[best - 1]
    assert summary["final"]["val_loss"] == pytest.approx(float(row["val_loss"]))


def test_summary_lists_graph_data_and_training_problems_together(tmp_path, capsys):
    project = chain_project(("fc1", "Linr", {"out_features": 16}), ("fc2", "Linear", {"out_features": 0}),
                            data={"name": "circle", "params": {"samples": -1}},
                            training={"loss": "Foo", "batch_size": 0, "optimizer": {"type": "Adam", "lr": -1}})
    assert main(["summary", str(write_project(tmp_path, project))]) == 2
    err = capsys.readouterr().err
    assert "the project has 6 problem(s)" in err, err
    for expected in ("data: dataset 'circle': 'samples' must be >= 10", "[fc1] unknown type", "[fc2] bad parameter",
                     "training.loss: unknown loss 'Foo'", "training.batch_size", "training.optimizer.lr"):
        assert expected in err, expected
    assert "input shape is unknown" not in err  # a consequence of the data problem, not another one


def test_summary_refuses_a_loss_that_does_not_fit_the_output_as_train_does(tmp_path, capsys):
    project = chain_project(("fc", "Linear", {"out_features": 2}))  # 2 scores, 3 spiral classes
    path = write_project(tmp_path, project)
    assert main(["summary", str(path)]) == 2
    summary_err = capsys.readouterr().err
    assert main(["train", str(path), "--out", str(tmp_path / "run"), "--quiet"]) == 2
    train_err = capsys.readouterr().err
    assert "training.loss CrossEntropyLoss" in summary_err and "'fc'" in summary_err
    assert summary_err.splitlines()[-1].strip() in train_err


@pytest.mark.parametrize("standardise, ids, expected", [
    (True, 10, "are standardised: set \"standardise\": false"),
    (False, 14, "hold ids from 0 to 13: raise num_embeddings to at least 14"),
])
def test_token_ids_for_an_embedding_are_checked_before_training(tmp_path, capsys, standardise, ids, expected):
    rng = np.random.default_rng(0)
    np.savez(tmp_path / "tokens.npz", x=rng.integers(0, ids, (120, 6)), y=rng.integers(0, 2, 120))
    project = chain_project(("emb", "Embedding", {"num_embeddings": 10, "embedding_dim": 4}), ("flat", "Flatten", {}),
                            ("fc", "Linear", {"out_features": 2}),
                            data={"name": "npz", "params": {"path": "tokens.npz", "standardise": standardise}})
    path = write_project(tmp_path, project)
    for command in (["summary", str(path)], ["train", str(path), "--out", str(tmp_path / "run"), "--quiet"]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert "node 'emb' (Embedding) takes token ids 0..9" in err and expected in err, err
    project["data"]["params"].update(standardise=False)
    np.savez(tmp_path / "tokens.npz", x=rng.integers(0, 10, (120, 6)), y=rng.integers(0, 2, 120))
    assert main(["train", str(write_project(tmp_path, project)), "--epochs", "1", "--out", str(tmp_path / "run"),
                 "--quiet"]) == 0
