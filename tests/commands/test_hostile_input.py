"""Hostile and broken input, full disks and kills (issue 11): one check per item, each ending
in a message (exit 2 from the CLI), never a traceback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

from dlplayground.cli import main
from dlplayground.data import DataError, load_dataset
from dlplayground.graph.folders import PARTIAL_MARKER, partial_dir, remove_stale_partials
from dlplayground.graph.io import MAX_DEPTH, ProjectFormatError, load_project
from dlplayground.graph.params import Param
from tests.conftest import ROOT
from tests.helpers import chain_project


def write(tmp_path, project, name="p.dlp.json"):
    path = tmp_path / name
    path.write_text(project if isinstance(project, str) else json.dumps(project), encoding="utf-8")
    return path


def summary_error(tmp_path, project, capsys) -> str:
    assert main(["summary", str(write(tmp_path, project))]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


# -- 2: recursion ---------------------------------------------------------------------------
@pytest.mark.parametrize("where", ["top", "param"])
def test_deeply_nested_json_is_refused_before_parsing(tmp_path, capsys, where):
    deep = "[" * 200_000 + "]" * 200_000
    if where == "top":
        text = deep
    else:
        text = json.dumps(chain_project(("fc", "Linear", {"out_features": "DEEP"}))).replace('"DEEP"', deep)
    assert f"nested more than {MAX_DEPTH} levels deep" in summary_error(tmp_path, text, capsys)


# -- 3: allocation before checking --------------------------------------------------------
@pytest.mark.parametrize("data, words", [
    ({"name": "sine", "params": {"samples": 1_000_000, "length": 10_000}}, "dataset 'sine' needs about"),
    ({"name": "shapes", "params": {"samples": 200_000, "size": 128}}, "dataset 'shapes' needs about"),
])
def test_generated_data_over_the_budget_is_refused_with_the_size(data, words):
    with pytest.raises(DataError, match=words) as info:
        load_dataset({**data, "val_split": 0.2, "seed": 0})
    assert "GiB" in str(info.value) and "DLPLAYGROUND_MAX_DATA_BYTES" in str(info.value)


def test_an_npz_header_claiming_1e10_elements_is_refused_before_reading(tmp_path):
    path = tmp_path / "bomb.npz"
    np.savez(path, x=np.zeros((4, 2)), y=np.arange(4))
    import zipfile

    # rewrite x's header to claim 10^10 rows: the archive itself stays tiny
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    header = members["x.npy"]
    members["x.npy"] = header.replace(b"(4, 2)", b"(10000000000, 2)")
    with zipfile.ZipFile(path, "w") as archive:
        for name, payload in members.items():
            archive.writestr(name, payload)
    with pytest.raises(DataError, match="claims|needs about"):
        load_dataset({"name": "npz", "params": {"path": str(path)}})


def test_a_large_csv_is_read_in_about_its_own_size(tmp_path):
    import tracemalloc

    rows = 60_000
    rng = np.random.default_rng(0)
    table = np.column_stack([rng.random((rows, 5)), rng.integers(0, 3, rows)])
    path = tmp_path / "big.csv"
    np.savetxt(path, table, delimiter=",", header="a,b,c,d,e,label", comments="", fmt="%.6f")
    size = path.stat().st_size
    # a first, tiny read imports what the reader needs: modules loaded once are not the file's cost
    np.savetxt(tmp_path / "small.csv", table[:20], delimiter=",", header="a,b,c,d,e,label", comments="")
    load_dataset({"name": "csv", "params": {"path": str(tmp_path / "small.csv"), "target": "label"}})
    tracemalloc.start()
    data = load_dataset({"name": "csv", "params": {"path": str(path), "target": "label"}, "val_split": 0.2})
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(data.x_train) + len(data.x_val) == rows and data.num_classes == 3
    assert peak < 2.5 * size, (peak, size)  # was about 21x


# -- 4: unchecked values ---------------------------------------------------------------------
@pytest.mark.parametrize("change, words", [
    (lambda p: p["data"].update(seed=-1), "'seed' must be an integer from 0"),
    (lambda p: p["data"].update(name=["spiral"]), "unknown dataset"),
    (lambda p: p["graph"]["nodes"][1].update(pos=[10**400, 0]), "'pos' must be finite numbers"),
    (lambda p: p["graph"]["nodes"][1].update(id="fc\ud800"), "lone surrogate"),
])
def test_unchecked_values_end_in_a_message(tmp_path, capsys, change, words):
    project = chain_project(("fc", "Linear", {"out_features": 3}))
    change(project)
    assert words in summary_error(tmp_path, json.dumps(project), capsys)


def test_negative_zero_noise_generates(tmp_path):
    data = load_dataset({"name": "spiral", "params": {"samples": 100, "noise": -0.0}, "val_split": 0.2})
    assert np.isfinite(data.x_train).all()


@pytest.mark.parametrize("delimiter", ["", ";;", '"'])
def test_csv_delimiters_that_are_not_one_character_are_named(tmp_path, delimiter):
    (tmp_path / "d.csv").write_text("a,label\n1,0\n2,1\n")
    with pytest.raises(DataError, match="'delimiter' must be one character"):
        load_dataset({"name": "csv", "params": {"path": "d.csv", "target": "label", "delimiter": delimiter}},
                     base_dir=tmp_path)


def test_a_0d_x_in_an_npz_is_named(tmp_path):
    np.savez(tmp_path / "z.npz", x=np.array(3.0), y=np.arange(4))
    with pytest.raises(DataError, match="x is a single value"):
        load_dataset({"name": "npz", "params": {"path": str(tmp_path / "z.npz")}})


def test_lone_surrogates_in_text_print_escaped(tmp_path):
    # through the real CLI, with stdout a pipe in strict UTF-8: escaped, never an encoding crash
    path = write(tmp_path, "{}")
    script = ("import sys; from dlplayground.cli import main; from dlplayground.commands.common import CommandError\n"
              "main(['--version']) if False else None\n"
              "from dlplayground import cli; cli._printable_streams(); print('name: a\\ud800b')\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, env={**os.environ,
                          "PYTHONIOENCODING": "utf-8"}, cwd=ROOT, timeout=60)
    assert done.returncode == 0 and b"a\\ud800b" in done.stdout, done.stderr
    assert path.exists()


def test_output_paths_that_cannot_be_written_are_named_up_front(tmp_path, capsys):
    project = write(tmp_path, chain_project(("fc", "Linear", {"out_features": 3})))
    assert main(["export", str(project), "-o", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert main(["predict", "m.onnx", "x.npy", "-o", str(blocker / "out.npy")]) == 2
    assert "is not a folder" in capsys.readouterr().err


# -- 5: NaN passes no range check -------------------------------------------------------------
@pytest.mark.parametrize("layer", [("d", "Dropout", {"p": float("nan")}), ("n", "LayerNorm", {"eps": float("nan")}),
                                   ("b", "BatchNorm1d", {"momentum": float("nan")})])
def test_nan_params_are_refused(tmp_path, capsys, layer):
    project = chain_project(("fc", "Linear", {"out_features": 4}), layer)
    assert "must be a finite number" in summary_error(tmp_path, json.dumps(project), capsys)


def test_param_refuses_nan_infinity_and_huge_ints_in_every_schema():
    p = Param("p", "float", 0.5, minimum=0.0, maximum=1.0)
    assert p.check(float("nan")) and p.check(float("inf")) and p.check(10**400)
    assert Param("n", "int", 1).check(10**30) and Param("s", "shape").check([10**30])


def test_epochs_beyond_a_million_and_a_diverging_run_are_named(tmp_path, capsys):
    project = chain_project(("fc", "Linear", {"out_features": 3}))
    project["training"]["epochs"] = 10**30
    assert "training.epochs: must be at most" in summary_error(tmp_path, json.dumps(project), capsys)
    project = chain_project(("fc", "Linear", {"out_features": 1}),
                            data={"name": "plane", "params": {"samples": 200}, "val_split": 0.2, "seed": 0},
                            training={"loss": "MSELoss", "optimizer": {"type": "SGD", "lr": 50.0}, "epochs": 2,
                                      "batch_size": 32})
    main(["train", str(write(tmp_path, project)), "--out", str(tmp_path / "run"), "--quiet"])
    assert "training diverged" in capsys.readouterr().err
    assert "training diverged" in json.loads((tmp_path / "run" / "summary.json").read_text())["warnings"][0]


# -- 6: full disk, kills ------------------------------------------------------------------------
def test_a_full_disk_is_a_message_and_leaves_nothing_partial(tmp_path, capsys, monkeypatch):
    from safetensors import SafetensorError

    import dlplayground.training.runs as runs

    def full_disk(*args, **kwargs):
        raise SafetensorError('Error while serializing: IoError(Os { code: 28, kind: StorageFull, '
                              'message: "No space left on device" })')

    monkeypatch.setattr(runs, "save_file", full_disk)
    project = write(tmp_path, chain_project(("fc", "Linear", {"out_features": 3})))
    assert main(["train", str(project), "--out", str(tmp_path / "run"), "--quiet", "--epochs", "1"]) == 2
    assert "the disk is full" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.dlp.json"]


def test_unfinished_folders_are_hidden_marked_and_removed_once_their_process_is_gone(tmp_path):
    target = tmp_path / "run"
    mine = partial_dir(target)
    assert mine.name.startswith(".run.partial-") and (mine / PARTIAL_MARKER).exists()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".run.partial-{dead.pid}-abcd"
    stale.mkdir()
    (stale / PARTIAL_MARKER).write_text("left by a killed run")
    foreign = tmp_path / f".run.partial-{dead.pid}-user"
    foreign.mkdir()  # no marker: not made by dlplayground, never deleted
    assert remove_stale_partials(target) == [stale]
    assert mine.exists() and foreign.exists() and not stale.exists()


@pytest.mark.slow
def test_sigterm_finishes_the_run_and_sigkill_leftovers_are_hidden_marked_and_removed(tmp_path):
    project = write(tmp_path, chain_project(("fc", "Linear", {"out_features": 3}),
                                            training={"loss": "CrossEntropyLoss", "epochs": 100_000}))
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    command = [sys.executable, "-m", "dlplayground", "train", str(project), "--out", str(tmp_path / "run"), "--quiet"]
    for sig in (signal.SIGTERM, signal.SIGKILL):
        process = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, stdout=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while not any(p.name.startswith(".run.partial-") for p in tmp_path.iterdir()):
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.1)
        process.send_signal(sig)
        process.wait(timeout=60)
        left = [p for p in tmp_path.iterdir() if ".partial-" in p.name]
        if sig == signal.SIGTERM:
            assert process.returncode == 0 and (tmp_path / "run" / "summary.json").exists() and not left
        else:
            assert len(left) == 1 and left[0].name.startswith(".") and (left[0] / PARTIAL_MARKER).exists()
    # the next run for the same folder removes the dead process's leftover
    partial = partial_dir(tmp_path / "run")
    assert [p for p in tmp_path.iterdir() if ".partial-" in p.name] == [partial]
    assert remove_stale_partials(tmp_path / "run") == []  # a live process's own folder is kept


# -- 8: paths ----------------------------------------------------------------------------------
def test_folders_loops_and_outside_files_are_named_and_quoted_short(tmp_path):
    (tmp_path / "loop.csv").symlink_to(tmp_path / "loop.csv")
    (tmp_path / "dir.csv").mkdir()
    secret = tmp_path / "outside.csv"
    secret.write_text("a,label\n" + "x" * 5000 + ",1\n")
    for name, words in [("loop.csv", "symbolic link loop"), ("dir.csv", "is a folder")]:
        with pytest.raises(DataError, match=words):
            load_dataset({"name": "csv", "params": {"path": name, "target": "label"}}, base_dir=tmp_path)
    with pytest.raises(DataError) as info:
        load_dataset({"name": "csv", "params": {"path": str(secret), "target": "label"}})
    assert "x" * 100 not in str(info.value) and len(str(info.value)) < 400
    with pytest.raises(ProjectFormatError, match="is a folder"):
        load_project(tmp_path)
