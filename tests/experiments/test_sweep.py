"""Sweeps on Optuna: the search space's checks, per-epoch reports, and one study shared by two processes."""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import optuna
import pytest

from dlplayground.cli import main
from dlplayground.experiments.space import SpaceError, parse_space
from dlplayground.experiments.sweep import Sweep, SweepError, open_storage
from tests.helpers import chain_project

ROOT = Path(__file__).resolve().parents[2]
SPACE = {"training.optimizer.lr": {"float": [0.001, 0.3], "log": True},
         "training.batch_size": {"choice": ["full", 16]},
         "graph.h.out_features": {"int": [2, 8]}}


def project(epochs=2):
    return chain_project(("h", "Linear", {"out_features": 4}), ("act", "Tanh", {}),
                         ("head", "Linear", {"out_features": 2}),
                         data={"name": "xor", "params": {"samples": 80}, "val_split": 0.25, "seed": 1},
                         training={"loss": "CrossEntropyLoss", "optimizer": {"type": "SGD", "lr": 0.1},
                                   "batch_size": 16, "epochs": epochs, "seed": 0}, name="tiny")


def test_the_space_is_checked_entry_by_entry():
    bad = {"training.optimizer.lr": {"float": [0.1, 0.01]},
           "training.batch_size": {"choice": []},
           "graph.h.units": {"int": [1, 4]},
           "graph.head.out_features": {"int": [0.5, 4]},
           "training.optimizer.momentum": {"float": [0, 0.9], "log": True},
           "training.epochs": {"int": [1, 3], "step": 2},
           "data.val_split": {"float": [0.1, 0.3], "choice": [0.2]}}
    with pytest.raises(SpaceError) as error:
        parse_space(bad, project())
    lines = str(error.value).splitlines()
    assert len(lines) == 7
    assert lines[0] == 'training.optimizer.lr: "float": LO must be below HI, got [0.1, 0.01]'
    assert lines[1] == 'training.batch_size: "choice" must be a non-empty list, got []'
    assert lines[2].startswith("graph.h.units: a Linear node takes no parameter 'units'")
    assert lines[3].startswith('graph.head.out_features: "int" must be [LO, HI] with integers')
    assert "needs LO > 0" in lines[4] and "unknown key(s) 'step'" in lines[5] and "exactly one of" in lines[6]
    dims = parse_space(SPACE, project())
    assert [(d.name, d.kind, d.log) for d in dims] == [("training.optimizer.lr", "float", True),
                                                       ("training.batch_size", "choice", False),
                                                       ("graph.h.out_features", "int", False)]


def test_each_trial_reports_every_epoch_and_the_best_project_is_written(tmp_path):
    seen = []
    sweep = Sweep(project(epochs=3), parse_space(SPACE, project()), sampler_seed=0,
                  on_trial=seen.append)
    sweep.run(3)
    trials = sweep.study.get_trials()
    assert [t.number for t in seen] == [0, 1, 2]
    for trial in trials:
        if trial.state.name == "COMPLETE":
            assert sorted(trial.intermediate_values) == [1, 2, 3]
            assert trial.value == pytest.approx(trial.intermediate_values[3])
    trials_path, best_path = sweep.write(tmp_path / "out")
    rows = list(csv.DictReader(trials_path.open()))
    assert list(rows[0]) == ["number", "state", "val_loss", *SPACE]
    best = json.loads(best_path.read_text())
    winner = sweep.study.best_trial
    assert best["training"]["optimizer"]["lr"] == winner.params["training.optimizer.lr"]
    head = next(n for n in best["graph"]["nodes"] if n["id"] == "h")
    assert head["params"]["out_features"] == winner.params["graph.h.out_features"]
    assert not list((tmp_path / "out").glob(".*"))  # no temporary files left


def test_a_metric_the_project_lacks_is_refused(tmp_path):
    regression = project()
    regression["data"]["val_split"] = 0
    with pytest.raises(SweepError, match="no validation split"):
        Sweep(regression, parse_space(SPACE, project()))
    with pytest.raises(SweepError, match="unknown metric 'loss'"):
        Sweep(project(), parse_space(SPACE, project()), metric="loss")
    with pytest.raises(SweepError, match="expected an Optuna storage URL"):
        open_storage("study.db")


def test_the_command_reports_a_bad_space_file_with_exit_2(tmp_path, capsys):
    path = tmp_path / "p.dlp.json"
    path.write_text(json.dumps(project()))
    space = tmp_path / "space.json"
    space.write_text('{"training.lr": {"float": [0.1, 1]}}')
    assert main(["sweep", str(path), "--space", str(space), "--trials", "1", "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert f"{space}: training.lr: unknown training setting 'lr'" in err
    space.write_text("{not json")
    assert main(["sweep", str(path), "--space", str(space), "--trials", "1"]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    space.write_text("[" * 100_000)  # deeper than the JSON parser's recursion goes
    assert main(["sweep", str(path), "--space", str(space), "--trials", "1"]) == 2
    assert f"{space}: line 1: nested more than" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def _two_processes_share_one_study(tmp_path, storage):
    path = tmp_path / "p.dlp.json"
    path.write_text(json.dumps(project(epochs=1)))
    space = tmp_path / "space.json"
    space.write_text(json.dumps(SPACE))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "dlplayground", "sweep", str(path), "--space", str(space), "--trials", "2",
               "--storage", storage, "--study", "shared", "--threads", "1", "--quiet"]
    workers = [subprocess.Popen(command + ["--out", str(tmp_path / f"out{i}")], cwd=tmp_path, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(2)]
    outputs = [w.communicate(timeout=240) for w in workers]
    for worker, (out, err) in zip(workers, outputs):
        assert worker.returncode == 0, err
        assert "study shared:" in out
    study = optuna.load_study(study_name="shared", storage=open_storage(storage))
    trials = study.get_trials()
    assert sorted(t.number for t in trials) == [0, 1, 2, 3]
    assert all(t.state.name in ("COMPLETE", "PRUNED") for t in trials)
    assert len({t.user_attrs["worker"] for t in trials}) == 2  # both processes ran trials
    # the process that finished last saw every trial; each wrote its own trials.csv
    listed = [len(list(csv.DictReader((tmp_path / f"out{i}" / "trials.csv").open()))) for i in range(2)]
    assert max(listed) == 4 and min(listed) >= 2


def test_two_processes_share_one_study_in_a_journal_file(tmp_path):
    _two_processes_share_one_study(tmp_path, f"journal:{tmp_path / 'study.log'}")


@pytest.mark.slow
def test_two_processes_share_one_study_in_sqlite(tmp_path):
    _two_processes_share_one_study(tmp_path, f"sqlite:///{tmp_path / 'study.db'}")
