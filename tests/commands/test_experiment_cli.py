"""``dlplayground experiment``: degradation, twin and compare from the command line."""

import json

from dlplayground.cli import main
from dlplayground.experiments.presets import deep_mlp
from tests.training.conftest import spiral_mlp


def write(tmp_path, project, name):
    path = tmp_path / name
    path.write_text(json.dumps(project))
    return path


def small(depth=4):
    data = {"name": "spiral", "params": {"samples": 100, "classes": 3}, "val_split": 0.2, "seed": 0}
    training = {"loss": "CrossEntropyLoss", "optimizer": {"type": "Adam", "lr": 0.01}, "batch_size": 32,
                "epochs": 2, "seed": 0}
    return deep_mlp(depth, "Tanh", width=8, data=data, training=training)


def test_degradation_writes_the_folder_and_prints_the_table(tmp_path, capsys):
    out = tmp_path / "deg"
    code = main(["experiment", "degradation", "--depths", "4", "--epochs", "1", "--width", "8",
                 "--activation", "Tanh", "--out", str(out)])
    printed = capsys.readouterr().out
    assert code == 0 and (out / "table.md").exists() and (out / "degradation.png").exists()
    assert "depth   4 plain" in printed and "| 4 | residual |" in printed


def test_degradation_refuses_unknown_activations_and_bad_depths(tmp_path, capsys):
    assert main(["experiment", "degradation", "--activation", "Relu", "--out", str(tmp_path / "x")]) == 2
    assert "unknown activation 'Relu'" in capsys.readouterr().err
    assert main(["experiment", "degradation", "--depths", "2", "--out", str(tmp_path / "x")]) == 2
    assert "at least 4 layers" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_twin_writes_the_residual_project(tmp_path, capsys):
    path = write(tmp_path, small(6), "deep.dlp.json")
    assert main(["experiment", "twin", str(path)]) == 0
    twin = json.loads((tmp_path / "deep_residual.dlp.json").read_text())
    assert sum(n["type"] == "Add" for n in twin["graph"]["nodes"]) == 2
    assert "2 skip connection(s)" in capsys.readouterr().out


def test_twin_of_a_short_chain_is_a_clear_error(tmp_path, capsys):
    path = write(tmp_path, spiral_mlp(), "short.dlp.json")
    assert main(["experiment", "twin", str(path)]) == 2
    err = capsys.readouterr().err
    assert "short.dlp.json" in err and "at least 4" in err and "Traceback" not in err


def test_compare_trains_both_and_writes_two_run_folders(tmp_path, capsys):
    path = write(tmp_path, small(), "plain.dlp.json")
    out = tmp_path / "cmp"
    assert main(["experiment", "compare", str(path), "--out", str(out), "--quiet"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["a-deep-plain-mlp-4-layers-tanh", "b-deep-residual-mlp-4-layers-tanh"]
    printed = capsys.readouterr().out
    assert "shared initial weights: 4 layer(s)" in printed and "grad ratio first/last" in printed
