"""``dlplayground train --nproc-per-node N``: ranks started through torchrun's launcher, on gloo
over loopback, repeat the one-process run; a rank that dies stops the others and leaves no
run folder; the launcher options are checked before anything starts."""

import csv
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import numpy as np
import pytest
import torch
from safetensors.numpy import load_file

from dlplayground.cli import build_parser, main
from dlplayground.commands.train_ranks import worker_argv
from tests.conftest import ROOT
from tests.helpers import chain_project

#: relative difference allowed between a run on two ranks and one on a single process
RELATIVE = 1e-4


def spiral(layers, samples, batch_size, epochs=3):
    return chain_project(*layers, data={"name": "spiral", "params": {"samples": samples, "classes": 3},
                                        "val_split": 0.2, "seed": 0},
                         training={"loss": "CrossEntropyLoss", "optimizer": {"type": "SGD", "lr": 0.1, "momentum": 0.9},
                                   "batch_size": batch_size, "epochs": epochs, "seed": 5})


#: 94 training samples. Batches of 13 end with one of 3: on two ranks, parts of 1 and 2 samples
#: (BatchNorm on a single sample works only with the global batch's statistics). Batches of 31
#: end with one of 1: rank 0's part is empty.
PROJECTS = {
    "batchnorm-last-batch-of-3": spiral([("fc1", "Linear", {"out_features": 12}), ("bn", "BatchNorm1d", {}),
                                         ("a", "ReLU", {}), ("fc2", "Linear", {"out_features": 3})], 117, 13),
    "last-batch-of-1": spiral([("fc1", "Linear", {"out_features": 12}), ("a", "Tanh", {}),
                               ("fc2", "Linear", {"out_features": 3})], 117, 31),
}


def write(tmp_path, project):
    path = tmp_path / "p.dlp.json"
    path.write_text(json.dumps(project))
    return path


def launch(*args, env=None, torchrun=False):
    """``dlplayground train ARGS`` in a new process; with ``torchrun``, ``torchrun --nproc-per-node 2
    -m dlplayground train ARGS`` (torchrun's own command starts the ranks)."""
    start = [sys.executable, "-m", "torch.distributed.run", "--nproc-per-node", "2"] if torchrun else [sys.executable]
    return subprocess.Popen([*start, "-m", "dlplayground", "train", *map(str, args)], cwd=ROOT,
                            env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def rows(path):
    with path.open(newline="") as stream:
        return list(csv.DictReader(stream))


def relative(a, b):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(np.abs(a - b).max() / max(np.abs(a).max(), 1e-12))


@pytest.mark.parametrize(("name", "torchrun"), [("batchnorm-last-batch-of-3", False), ("last-batch-of-1", True)])
def test_two_ranks_repeat_the_one_process_run(tmp_path, name, torchrun):
    """Started by ``train --nproc-per-node 2``, or by torchrun itself (the ranks read torchrun's
    environment); either way the same as one process."""
    path = write(tmp_path, PROJECTS[name])
    batch = PROJECTS[name]["training"]["batch_size"]
    launcher = [] if torchrun else ["--nproc-per-node", 2]
    ranks = launch(path, *launcher, "--device", "cpu", "--out", tmp_path / "two", "--quiet", torchrun=torchrun)
    assert main(["train", str(path), "--device", "cpu", "--out", str(tmp_path / "one"), "--quiet"]) == 0
    out, err = ranks.communicate(timeout=120)
    assert ranks.returncode == 0, err
    one, two = tmp_path / "one", tmp_path / "two"

    summary = json.loads((two / "summary.json").read_text())
    assert summary["ranks"] == 2 and summary["backend"] == "gloo" and summary["device"] == "cpu"
    assert summary["steps"] == json.loads((one / "summary.json").read_text())["steps"] == 3 * -(-94 // batch)
    weights_one, weights_two = load_file(one / "weights.safetensors"), load_file(two / "weights.safetensors")
    assert weights_one.keys() == weights_two.keys()
    for key in weights_one:
        assert relative(weights_one[key], weights_two[key]) <= RELATIVE, key
    metrics_one, metrics_two = rows(one / "metrics.csv"), rows(two / "metrics.csv")
    assert len(metrics_one) == len(metrics_two) == 3
    for column in ("train_loss", "val_loss", "train_acc", "val_acc"):
        assert relative([float(r[column]) for r in metrics_one], [float(r[column]) for r in metrics_two]) <= RELATIVE
    # gradient statistics are those of the global batch (averaged over the ranks)
    grads_one, grads_two = rows(one / "gradients.csv"), rows(two / "gradients.csv")
    assert [(r["step"], r["layer"]) for r in grads_one] == [(r["step"], r["layer"]) for r in grads_two]
    assert relative([float(r["grad_norm"]) for r in grads_one], [float(r["grad_norm"]) for r in grads_two]) <= RELATIVE
    # rank 0 alone reports and writes: one run folder, one "run folder:" line
    assert out.count("run folder:") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one", "p.dlp.json", "two"]


def _rank_process(tag, rank):
    """The pid of the rank started with ``DLP_TEST_TAG=tag`` in its environment (Linux /proc)."""
    wanted = (f"DLP_TEST_TAG={tag}".encode(), f"RANK={rank}".encode())
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                variables = (entry / "environ").read_bytes().split(b"\0")
            except OSError:
                continue
            if all(w in variables for w in wanted):
                return int(entry.name)
    return None


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="finds the rank's process through /proc")
def test_a_rank_that_dies_stops_the_others_and_leaves_no_run_folder(tmp_path):
    path = write(tmp_path, PROJECTS["last-batch-of-1"])
    tag = uuid.uuid4().hex
    out = tmp_path / "run"
    ranks = launch(path, "--nproc-per-node", 2, "--device", "cpu", "--epochs", 100000, "--out", out, "--quiet",
                   env={"DLP_TEST_TAG": tag})
    try:
        deadline = time.monotonic() + 90
        # rank 0 makes its unfinished folder once the ranks have met: training is on
        while not any(p.name.startswith(".run.partial-") for p in tmp_path.iterdir()):
            assert ranks.poll() is None and time.monotonic() < deadline, ranks.communicate()[1]
            time.sleep(0.05)
        victim = _rank_process(tag, 1)
        assert victim is not None
        os.kill(victim, signal.SIGKILL)
        killed = time.monotonic()
        _, err = ranks.communicate(timeout=60)
        took = time.monotonic() - killed
    finally:
        if ranks.poll() is None:
            ranks.kill()
    assert ranks.returncode == 1
    assert took < 15, f"the other rank took {took:.1f} s to stop"
    assert "rank 1 (local rank 1 on " in err and f"process {victim}) was killed by signal SIGKILL" in err
    assert "no run folder was written" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.dlp.json"]  # no run folder, no unfinished one


def test_launcher_options_are_checked_before_any_rank_starts(tmp_path, capsys):
    path = str(write(tmp_path, PROJECTS["last-batch-of-1"]))
    cases = {
        ("--nnodes", "2"): "need --nproc-per-node",
        ("--nproc-per-node", "0"): "--nproc-per-node must be a positive integer",
        ("--nproc-per-node", "2", "--nnodes", "2"): "needs --master-addr",
        ("--nproc-per-node", "2", "--device", "mps"): "--device mps trains in one process",
    }
    for options, message in cases.items():
        assert main(["train", path, "--out", str(tmp_path / "r"), *options]) == 2, options
        assert message in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.dlp.json"]


def test_a_rank_refuses_launcher_options(tmp_path, capsys, monkeypatch):
    for name, value in {"RANK": "0", "WORLD_SIZE": "2", "LOCAL_RANK": "0", "MASTER_ADDR": "127.0.0.1",
                        "MASTER_PORT": "29999"}.items():
        monkeypatch.setenv(name, value)
    path = str(write(tmp_path, PROJECTS["last-batch-of-1"]))
    assert main(["train", path, "--nproc-per-node", "2"]) == 2
    assert "already one of torchrun's ranks" in capsys.readouterr().err


def test_the_ranks_get_the_command_but_the_launcher_options(tmp_path):
    args = build_parser().parse_args(["train", "p.dlp.json", "--nproc-per-node", "2", "--nnodes", "1",
                                      "--epochs", "3", "--threads", "1", "--quiet", "--device", "cpu",
                                      "--master-port", "29501", "--out", "somewhere"])
    argv = worker_argv(args, tmp_path / "run")
    assert argv[:2] == ["train", "p.dlp.json"] and argv[-2:] == ["--out", str(tmp_path / "run")]
    assert {"--epochs", "3", "--threads", "1", "--quiet", "--device", "cpu"} <= set(argv)
    assert not {"--nproc-per-node", "--nnodes", "--master-port", "somewhere", "--tensorboard"} & set(argv)


@pytest.mark.skipif(torch.cuda.is_available() or torch.backends.mps.is_available(), reason="needs a machine without GPUs")
@pytest.mark.parametrize("device", ["cuda", "mps"])
def test_an_absent_device_is_refused_with_exit_2(tmp_path, capsys, device):
    path = str(write(tmp_path, PROJECTS["last-batch-of-1"]))
    assert main(["train", path, "--device", device, "--out", str(tmp_path / "r"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert f"training.device: device '{device}' was asked for" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.dlp.json"]
