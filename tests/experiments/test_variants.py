"""N-way comparisons (``experiment compare --vary``): same start, same data, one setting apart."""

import csv
import json

import pytest
import torch

from dlplayground.cli import main
from dlplayground.experiments.settings import SettingError, check_path, parse_value, with_setting
from dlplayground.experiments.variants import variant_projects
from dlplayground.training.compare import MultiComparison
from dlplayground.training.setup import prepare_training
from tests.helpers import chain_project


def project(epochs=2):
    return chain_project(
        ("h", "Linear", {"out_features": 8}), ("act", "Tanh", {}), ("head", "Linear", {"out_features": 3}),
        data={"name": "spiral", "params": {"samples": 120, "classes": 3}, "val_split": 0.25, "seed": 3},
        training={"loss": "CrossEntropyLoss", "optimizer": {"type": "SGD", "lr": 0.1}, "batch_size": 16,
                  "epochs": epochs, "seed": 7})


def weights(model):
    return {k: v.detach().clone() for k, v in model.state_dict_by_node().items()}


def test_variants_start_from_the_same_initial_weights():
    # without a bias, 'h' draws fewer random numbers, so 'head' would start elsewhere on its own
    projects, labels = variant_projects(project(), "graph.h.bias", [True, False])
    alone = prepare_training(projects[1]).model
    comparison = MultiComparison(projects, labels=labels)
    first, second = (weights(run.setup.model) for run in comparison.runs)
    assert not torch.equal(weights(alone)["head.weight"], first["head.weight"])  # the check can fail
    assert torch.equal(first["head.weight"], second["head.weight"])
    assert torch.equal(first["head.bias"], second["head.bias"])
    assert torch.equal(first["h.weight"], second["h.weight"]) and "h.bias" not in second
    assert comparison.shared_by_run[1] == ["head"] and comparison.differing == ["h"]


def test_batch_size_variants_share_weights_data_and_batch_order():
    projects, labels = variant_projects(project(), "training.batch_size", ["full", 16, 1])
    assert labels == ["training.batch_size=full", "training.batch_size=16", "training.batch_size=1"]
    comparison = MultiComparison(projects, labels=labels)
    starts = [weights(run.setup.model) for run in comparison.runs]
    for other in starts[1:]:
        assert all(torch.equal(starts[0][k], other[k]) for k in starts[0])
    datasets = [run.setup.dataset for run in comparison.runs]
    assert all((d.x_train == datasets[0].x_train).all() for d in datasets)
    orders = [torch.randperm(90, generator=run.trainer._order) for run in comparison.runs]
    assert all(torch.equal(orders[0], o) for o in orders)
    states = comparison.run()
    assert [s.iteration for s in states] == [2, 2 * 6, 2 * 90]  # full batch, 16, stochastic


def test_setting_paths_are_checked_against_the_project():
    p = project()
    with pytest.raises(SettingError, match="no node 'hh'"):
        check_path("graph.hh.out_features", p)
    with pytest.raises(SettingError, match="takes no parameter 'out_featres'.*out_features"):
        check_path("graph.h.out_featres", p)
    with pytest.raises(SettingError, match="unknown training setting 'lr'"):
        check_path("training.lr", p)
    with pytest.raises(SettingError, match="starts with training, data or graph"):
        check_path("model.h.units", p)
    with pytest.raises(SettingError, match="share the seed"):
        variant_projects(p, "training.seed", [0, 1])
    changed = with_setting(p, check_path("training.optimizer.lr", p), 0.5)
    assert changed["training"]["optimizer"] == {"type": "SGD", "lr": 0.5} and p["training"]["optimizer"]["lr"] == 0.1
    swapped = with_setting(p, check_path("graph.act.type", p), "ReLU")
    assert [n["type"] for n in swapped["graph"]["nodes"]][2] == "ReLU"
    assert [parse_value(v) for v in ("full", "32", "0.01", "true", "ReLU")] == ["full", 32, 0.01, True, "ReLU"]


def test_the_command_writes_curves_table_and_run_folders(tmp_path, capsys):
    path = tmp_path / "p.dlp.json"
    path.write_text(json.dumps(project()))
    out = tmp_path / "cmp"
    code = main(["experiment", "compare", str(path), "--vary", "training.optimizer.lr=0.3,0.03,0.003",
                 "--out", str(out), "--quiet"])
    assert code == 0, capsys.readouterr().err
    rows = list(csv.DictReader((out / "table.csv").open()))
    assert [r["value"] for r in rows] == ["0.3", "0.03", "0.003"] and all(r["epochs"] == "2" for r in rows)
    assert (out / "curves.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    runs = sorted(p.name for p in (out / "runs").iterdir())
    assert runs == ["01-0.3", "02-0.03", "03-0.003"]
    lrs = [json.loads((out / "runs" / r / "project.json").read_text())["training"]["optimizer"]["lr"] for r in runs]
    assert lrs == [0.3, 0.03, 0.003]
    assert "| 0.03 |" in capsys.readouterr().out


def test_the_command_refuses_bad_vary_arguments(tmp_path, capsys):
    path = tmp_path / "p.dlp.json"
    path.write_text(json.dumps(project()))
    for vary, message in [("training.batch_size", "expected KEY=V1,V2"), ("training.batch_size=8", "at least two"),
                          ("graph.h.units=4,8", "takes no parameter 'units'"),
                          ("training.batch_size=0,8", "training.batch_size: must be a positive integer")]:
        assert main(["experiment", "compare", str(path), "--vary", vary, "--out", str(tmp_path / "x")]) == 2
        assert message in capsys.readouterr().err
    assert not (tmp_path / "x").exists()
