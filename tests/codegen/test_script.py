"""The training-script export: ``train.py`` builds the same network as the app (same initial
weights, same outputs) and, run on its own, repeats the app's training run."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
from safetensors.numpy import load_file

from dlplayground.cli import main
from dlplayground.codegen.script import DATA_FILE, SCRIPT_FILE, export_script, settings_source, training_script
from dlplayground.compile.infer import infer
from dlplayground.compile.module import GraphModule
from dlplayground.data import RawData, prepare
from dlplayground.graph import load_project, project_to_dict
from dlplayground.training.config import parse_training
from dlplayground.training.objective import make_objective
from dlplayground.training.setup import TrainingSetup, prepare_training
from tests.conftest import EXAMPLES
from tests.data.realdata_files import with_small_standard_data
from tests.export.models import COVERAGE
from tests.helpers import chain_project


def generated(source: str) -> dict:
    """Run a generated script as a module (not as __main__): its Model, SETTINGS, ..."""
    namespace: dict = {"__name__": "generated_train"}
    exec(compile(source, SCRIPT_FILE, "exec"), namespace)
    return namespace


def assert_same_network(setup: TrainingSetup, seed: int) -> None:
    """The script's Model, built under the same seed, holds the app model's initial weights
    under the same keys and computes the same outputs."""
    namespace = generated(training_script(setup))
    torch.manual_seed(seed)
    model = namespace["Model"]()
    expected = setup.model.state_dict()
    assert list(model.state_dict()) == list(expected)
    for key, tensor in model.state_dict().items():
        assert torch.equal(tensor, expected[key]), key
    assert [n for n, _ in model.node_modules()] == [n for n, _ in setup.model.node_modules()]
    x = torch.as_tensor(setup.dataset.x_val[:7])
    if setup.config.objective == "gan":  # the generator takes noise
        x = torch.randn(7, *setup.model.input_shape)
    setup.model.eval()
    model.eval()
    with torch.no_grad():
        torch.testing.assert_close(model(x), setup.model(x), rtol=0, atol=0)


@pytest.mark.parametrize("name", list(COVERAGE))
def test_every_layer_type_is_written_as_the_same_network(name):
    project, data = COVERAGE[name]()
    inference = infer(project.graph, data.input_shape, count_params=False)
    torch.manual_seed(3)
    model = GraphModule(project.graph, inference)
    loss = "CrossEntropyLoss" if data.is_classification else "MSELoss"
    config = parse_training({"loss": loss, "epochs": 1, "seed": 3})
    assert_same_network(TrainingSetup(project_to_dict(project), data, inference, model, config), seed=3)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.dlp.json")), ids=lambda p: p.name.split(".")[0])
def test_every_example_is_written_as_the_same_network(path: Path, tmp_path: Path):
    project = project_to_dict(load_project(path))
    project["data"] = with_small_standard_data(project["data"], tmp_path)
    setup = prepare_training(project, path.parent, epochs=1)
    assert_same_network(setup, seed=setup.config.seed)


@pytest.mark.parametrize("loss, outputs, classes", [
    ("CrossEntropyLoss", 3, 3), ("BCEWithLogitsLoss", 1, 2), ("BCELoss", 1, 2), ("BCEWithLogitsLoss", 3, 3),
    ("MSELoss", 3, 3), ("L1Loss", 1, 0),
])
def test_targets_and_predictions_are_written_as_the_app_computes_them(loss, outputs, classes):
    rng = np.random.default_rng(0)
    task = "classification" if classes else "regression"
    y = rng.integers(0, classes, 40) if classes else rng.standard_normal((40, 1)).astype(np.float32)
    raw = RawData(rng.standard_normal((40, 2)).astype(np.float32), y, task, "features",
                  tuple(str(i) for i in range(classes)))
    data = prepare("test", raw, 0.25, 0)
    config = parse_training({"loss": loss})
    objective = make_objective(config, data, (outputs,))
    namespace = generated("import torch\nfrom torch import nn\n" + settings_source(config, objective))

    labels = torch.as_tensor(data.y_train)
    torch.testing.assert_close(namespace["encode_targets"](labels), objective.encode(labels))
    assert type(namespace["make_loss"]()) is type(objective.loss)
    if objective.predict is None:
        assert namespace["SETTINGS"]["predict"] is None
    else:
        scores = torch.randn(50, outputs) + (0.5 if loss == "BCELoss" else 0.0)
        assert torch.equal(namespace["predict_classes"](scores), objective.predict(scores))


def read_metrics(folder: Path) -> list[dict[str, str]]:
    with (folder / "metrics.csv").open(newline="") as stream:
        return list(csv.DictReader(stream))


def run_script(script: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    return subprocess.run([sys.executable, str(script), "--device", "cpu", *args], capture_output=True,
                          text=True, env=env, timeout=240, cwd=script.parent)


@pytest.mark.parametrize("training", [
    # mini-batch Adam, the spiral example's settings
    None,
    # batch gradient descent with momentum, a step schedule, weight decay and early stopping
    {"loss": "BCEWithLogitsLoss", "optimizer": {"type": "SGD", "lr": 0.5, "momentum": 0.9, "nesterov": True,
                                                 "weight_decay": 1e-3},
     "batch_size": "full", "epochs": 12, "seed": 5, "scheduler": {"type": "StepLR", "step_size": 2, "gamma": 0.5},
     "early_stopping": {"monitor": "val_acc", "patience": 2, "restore_best": True}},
], ids=["adam-minibatch", "sgd-full-batch-early-stopping"])
def test_the_script_repeats_the_apps_training_run(tmp_path, training):
    if training is None:
        project = project_to_dict(load_project(EXAMPLES / "spiral_mlp.dlp.json"))
        project["training"]["epochs"] = 4
    else:
        project = chain_project(("fc1", "Linear", {"out_features": 16}), ("drop", "Dropout", {"p": 0.2}),
                                ("act", "Tanh", {}), ("fc2", "Linear", {"out_features": 1}), training=training,
                                data={"name": "moons", "params": {"samples": 300}, "val_split": 0.3, "seed": 2})
    path = tmp_path / "p.dlp.json"
    path.write_text(json.dumps(project))

    assert main(["export-script", str(path), "-o", str(tmp_path / "script")]) == 0
    assert sorted(p.name for p in (tmp_path / "script").iterdir()) == [DATA_FILE, "project.json", SCRIPT_FILE]
    done = run_script(tmp_path / "script" / SCRIPT_FILE, "--out", str(tmp_path / "script_run"))
    assert done.returncode == 0, done.stderr
    assert main(["train", str(path), "--out", str(tmp_path / "app_run"), "--quiet", "--device", "cpu"]) == 0

    script_rows, app_rows = read_metrics(tmp_path / "script_run"), read_metrics(tmp_path / "app_run")
    assert list(script_rows[0]) == list(app_rows[0])
    assert len(script_rows) == len(app_rows)
    for ours, theirs in zip(script_rows, app_rows):
        for column in ours:
            if column != "seconds":
                np.testing.assert_allclose(float(ours[column]), float(theirs[column]), rtol=1e-5, err_msg=column)
    script_summary = json.loads((tmp_path / "script_run" / "summary.json").read_text())
    app_summary = json.loads((tmp_path / "app_run" / "summary.json").read_text())
    assert script_summary["stop_reason"] == app_summary["stop_reason"]
    assert script_summary["final_epoch"] == app_summary["final_epoch"]
    for key, value in app_summary["final"].items():
        assert (script_summary["final"][key] is None) == (value is None), key
        if value is not None:
            assert script_summary["final"][key] == pytest.approx(value, rel=1e-5), key
    if training is not None:
        assert app_summary["stop_reason"] == "early_stopping"  # the case exercises restoring the best weights
    ours, theirs = load_file(tmp_path / "script_run" / "weights.safetensors"), load_file(tmp_path / "app_run" / "weights.safetensors")
    assert ours.keys() == theirs.keys()
    for key in ours:
        np.testing.assert_allclose(ours[key], theirs[key], rtol=1e-4, atol=1e-6, err_msg=key)


def test_a_project_that_cannot_train_writes_no_script(tmp_path, capsys):
    project = chain_project(("fc", "Linear", {"out_features": 2}))  # 2 outputs for 3 spiral classes
    path = tmp_path / "p.dlp.json"
    path.write_text(json.dumps(project))
    assert main(["export-script", str(path), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "training.loss CrossEntropyLoss" in err and "'fc'" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()
    assert list(tmp_path.iterdir()) == [path]  # no partial folder left behind


def test_export_writes_its_three_files_and_leaves_the_rest_of_the_folder(tmp_path):
    path = EXAMPLES / "sine_gru.dlp.json"
    out = tmp_path / "out"
    (out / "runs").mkdir(parents=True)
    (out / "notes.txt").write_text("mine")
    (out / SCRIPT_FILE).write_text("old script")
    setup = prepare_training(project_to_dict(load_project(path)), path.parent, epochs=1)
    result = export_script(setup, out)
    assert sorted(p.name for p in out.iterdir()) == [DATA_FILE, "notes.txt", "project.json", "runs", SCRIPT_FILE]
    assert (out / "notes.txt").read_text() == "mine"
    assert result.script.read_text().startswith("#!/usr/bin/env python3")
    assert os.access(result.script, os.X_OK)
    with np.load(result.data) as data:
        np.testing.assert_array_equal(data["x_val"], setup.dataset.x_val)
        np.testing.assert_array_equal(data["mean"], setup.dataset.mean)
        assert list(data["class_names"]) == list(setup.dataset.class_names)


def test_the_script_never_replaces_a_folder_of_other_files(tmp_path):
    setup = prepare_training(project_to_dict(load_project(EXAMPLES / "spiral_mlp.dlp.json")), EXAMPLES, epochs=1)
    result = export_script(setup, tmp_path / "script")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    done = run_script(result.script, "--out", str(mine))
    assert done.returncode != 0 and "holds other files (notes.txt)" in done.stderr and "Traceback" not in done.stderr
    assert (mine / "notes.txt").read_text() == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine", "script"]  # no partial folder left


def test_names_and_values_that_need_escaping_still_make_valid_python(tmp_path):
    project = chain_project(("fc", "Linear", {"out_features": 3}), ("drop", "Dropout", {"p": 0.0}),
                            name='My """quoted""" net \\ with a backslash')
    project["training"]["optimizer"]["eps"] = float("inf")  # no literal form: written as float('inf')
    setup = prepare_training(project)
    namespace = generated(training_script(setup))
    assert repr('My """quoted""" net \\ with a backslash') in namespace["__doc__"]
    assert namespace["make_optimizer"]([torch.zeros(1, requires_grad=True)]).defaults["eps"] == float("inf")


def test_the_copied_project_names_a_relative_data_file_absolutely(tmp_path):
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "data.csv").write_text("a,b,label\n" + "".join(f"{i},{i % 3},{i % 2}\n" for i in range(40)))
    project = chain_project(("fc", "Linear", {"out_features": 2}),
                            data={"name": "csv", "params": {"path": "data.csv", "target": "label"}})
    setup = prepare_training(project, folder)
    export_script(setup, tmp_path / "script", base_dir=folder)
    copied = json.loads((tmp_path / "script" / "project.json").read_text())
    assert copied["data"]["params"]["path"] == str(folder / "data.csv")
    assert project["data"]["params"]["path"] == "data.csv"  # the project itself is unchanged
