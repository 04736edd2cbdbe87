"""The CLI's thread rule: one thread for small models or a busy machine, the free cores else;
``--threads`` overrides it and summary.json records the count used."""

import json

import pytest
import torch

from dlplayground.cli import main
from dlplayground.compile.infer import infer
from dlplayground.graph import project_from_dict
from dlplayground.training.threads import (
    SMALL_STEP_MACS,
    choose_threads,
    free_cores,
    sample_macs,
    threads_for_project,
)
from tests.helpers import chain_project


def inferred(project, shape):
    graph = project_from_dict(project).graph
    return infer(graph, shape), {n.id: n.type for n in graph.nodes}


def test_multiply_adds_follow_weights_and_positions():
    mlp = chain_project(("fc1", "Linear", {"out_features": 512}), ("fc2", "Linear", {"out_features": 10}))
    inference, types = inferred(mlp, (784,))
    assert sample_macs(inference, types) == (784 * 512 + 512) + (512 * 10 + 10)
    conv = chain_project(("c", "Conv2d", {"out_channels": 4, "kernel_size": 3, "padding": 1}), ("f", "Flatten", {}))
    inference, types = inferred(conv, (2, 10, 10))
    assert sample_macs(inference, types) == (4 * 2 * 9 + 4) * 100  # every weight at every output pixel
    gru = chain_project(("g", "GRU", {"hidden_size": 8}),)
    inference, types = inferred(gru, (30, 5))
    assert sample_macs(inference, types) == inference.param_counts["g"] * 30  # once per time step


def test_small_models_and_busy_machines_get_one_thread():
    assert choose_threads(SMALL_STEP_MACS / 2, cores=8, load=0.0) == 1
    assert choose_threads(SMALL_STEP_MACS * 10, cores=2, load=0.1) == 2
    assert choose_threads(SMALL_STEP_MACS * 10, cores=2, load=1.8) == 1
    assert choose_threads(SMALL_STEP_MACS * 10, cores=8, load=3.0) == 5
    assert free_cores(cores=4, load=40.0) == 1


def test_a_project_that_does_not_check_gets_one_thread_and_a_request_wins():
    assert threads_for_project({"graph": {"nodes": [], "edges": []}}) == 1
    assert threads_for_project({"graph": {"nodes": [], "edges": []}}, requested=3) == 3
    with pytest.raises(ValueError, match="--threads"):
        threads_for_project({}, requested=0)


def test_train_records_the_thread_count_it_chose_and_the_override(tmp_path):
    project = chain_project(("fc", "Linear", {"out_features": 3}),
                            data={"name": "spiral", "params": {"samples": 60, "classes": 3}, "val_split": 0.2, "seed": 0},
                            training={"loss": "CrossEntropyLoss", "optimizer": {"type": "SGD", "lr": 0.1},
                                      "batch_size": 16, "epochs": 1, "seed": 0})
    path = tmp_path / "p.dlp.json"
    path.write_text(json.dumps(project))
    before = torch.get_num_threads()
    try:
        assert main(["train", str(path), "--out", str(tmp_path / "auto"), "--quiet"]) == 0
        assert json.loads((tmp_path / "auto" / "summary.json").read_text())["threads"] == 1  # a tiny model
        assert main(["train", str(path), "--out", str(tmp_path / "two"), "--quiet", "--threads", "2"]) == 0
        assert json.loads((tmp_path / "two" / "summary.json").read_text())["threads"] == 2
    finally:
        torch.set_num_threads(before)
    assert main(["train", str(path), "--threads", "0"]) == 2


def test_the_other_commands_that_train_follow_the_rule(monkeypatch):
    """cv, sweep and experiment compare: --threads when given, else the rule for the project."""
    from dlplayground.commands.common import CommandError, set_torch_threads
    from dlplayground.training import threads

    chosen = []
    monkeypatch.setattr(torch, "set_num_threads", chosen.append)
    monkeypatch.setattr(threads, "threads_for_project", lambda project, base_dir=None: 7)
    set_torch_threads(None, chain_project(("fc", "Linear", {"out_features": 3})))
    set_torch_threads(3, chain_project(("fc", "Linear", {"out_features": 3})))
    set_torch_threads(None)  # no project: one thread
    assert chosen == [7, 3, 1]
    with pytest.raises(CommandError, match="--threads must be a positive integer, got 0"):
        set_torch_threads(0)
