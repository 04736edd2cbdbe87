"""Fine-tuning: ``"trainable": false`` freezes a node, ``training.init`` starts from saved weights."""

import json

import pytest
import torch
from safetensors.torch import load_file, save_file

from dlplayground.cli import main
from dlplayground.compile import infer
from dlplayground.graph import project_from_dict
from dlplayground.training.config import TrainingConfigError
from dlplayground.training.setup import prepare_training
from tests.helpers import chain_project


def _project(**training):
    project = chain_project(
        ("fc1", "Linear", {"out_features": 16}), ("bn", "BatchNorm1d", {}), ("a1", "ReLU", {}),
        ("fc2", "Linear", {"out_features": 3}),
        training={"loss": "CrossEntropyLoss", "optimizer": {"type": "AdamW", "lr": 0.05, "weight_decay": 0.1},
                  "batch_size": 16, "epochs": 2, "seed": 0, **training},
    )
    for node in project["graph"]["nodes"]:
        if node["id"] in ("fc1", "bn"):
            node["trainable"] = False
    return project


def test_frozen_weights_stay_bit_identical_and_the_others_change(tmp_path):
    setup = prepare_training(_project())
    before = {k: v.clone() for k, v in setup.model.state_dict_by_node().items()}
    trainer = setup.trainer()
    trainer.run()
    after = setup.model.state_dict_by_node()
    for key in ("fc1.weight", "fc1.bias", "bn.weight", "bn.bias", "bn.running_mean", "bn.running_var"):
        assert torch.equal(before[key], after[key]), key  # weight decay and batch statistics included
    for key in ("fc2.weight", "fc2.bias"):
        assert not torch.equal(before[key], after[key]), key
    # gradient statistics skip the frozen nodes
    assert {record.node_ids for record in trainer.state.gradient_log} == {("fc2",)}


def test_init_loads_named_params_and_keeps_fresh_ones(tmp_path):
    fresh = prepare_training(_project()).model.state_dict_by_node()
    saved = {"fc1.weight": torch.full((16, 2), 0.25), "gone.weight": torch.ones(3)}
    save_file(saved, str(tmp_path / "start.safetensors"))
    setup = prepare_training(_project(init="start.safetensors"), base_dir=tmp_path)
    loaded = setup.model.state_dict_by_node()
    assert torch.equal(loaded["fc1.weight"], saved["fc1.weight"])
    assert torch.equal(loaded["fc2.weight"], fresh["fc2.weight"])  # not named: the seed's initialisation


def test_init_from_a_run_folder(tmp_path):
    project = _project()
    path = tmp_path / "p.dlp.json"
    path.write_text(json.dumps(project))
    assert main(["train", str(path), "--epochs", "1", "--out", str(tmp_path / "run"), "--quiet"]) == 0
    trained = load_file(str(tmp_path / "run" / "weights.safetensors"))
    setup = prepare_training(_project(init="run"), base_dir=tmp_path)
    assert torch.equal(setup.model.state_dict_by_node()["fc2.weight"], trained["fc2.weight"])


def test_init_shape_mismatch_names_the_node(tmp_path):
    save_file({"fc2.weight": torch.zeros(5, 16)}, str(tmp_path / "w.safetensors"))
    with pytest.raises(TrainingConfigError, match="training.init.*'fc2'"):
        prepare_training(_project(init="w.safetensors"), base_dir=tmp_path)
    with pytest.raises(TrainingConfigError, match="no such weights file"):
        prepare_training(_project(init="missing.safetensors"), base_dir=tmp_path)
    with pytest.raises(TrainingConfigError, match="training.init"):
        prepare_training(_project(init=3))


def test_trainable_must_be_a_bool_and_not_everything_frozen():
    project = _project()
    project["graph"]["nodes"][1]["trainable"] = "no"
    problems = infer(project_from_dict(project).graph, (2,)).problems
    assert any("'trainable' must be true or false" in p.message and p.node_ids == ("fc1",) for p in problems)
    project = _project()
    project["graph"]["nodes"][4]["trainable"] = False
    with pytest.raises(TrainingConfigError, match="every parametrised node is frozen"):
        prepare_training(project)
