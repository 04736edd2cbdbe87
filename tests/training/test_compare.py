"""Paired runs: same data, seed, initialisation and batches; plain vs residual, measured."""

import json

import numpy as np
import pytest
import torch

from dlplayground.experiments.presets import deep_mlp
from dlplayground.training import Events
from dlplayground.training.compare import Comparison, paired_project, share_initialisation
from dlplayground.training.setup import prepare_training
from tests.conftest import EXAMPLES
from tests.training.conftest import spiral_mlp


def example(name):
    return json.loads((EXAMPLES / f"{name}.dlp.json").read_text())


def small_deep(depth=4, epochs=1, samples=100):
    data = {"name": "spiral", "params": {"samples": samples, "classes": 3}, "val_split": 0.2, "seed": 0}
    training = {"loss": "CrossEntropyLoss", "optimizer": {"type": "Adam", "lr": 0.01}, "batch_size": 32,
                "epochs": epochs, "seed": 0}
    return deep_mlp(depth, "Tanh", width=8, data=data, training=training, name="small")


def test_a_project_compared_with_itself_trains_identically():
    project = spiral_mlp(epochs=2)
    comparison = Comparison(project, project)
    first, second = comparison.run()
    assert first.stop_reason == second.stop_reason == "completed"
    assert [m.train_loss for m in first.history] == [m.train_loss for m in second.history]
    assert [m.val_acc for m in first.history] == [m.val_acc for m in second.history]
    np.testing.assert_array_equal(first.gradient_log[-1].grad_norms, second.gradient_log[-1].grad_norms)
    assert comparison.shared == ["fc1", "fc2", "fc3"] and comparison.differing == []


def test_steps_alternate_and_events_name_their_run():
    comparison = Comparison(small_deep())
    seen = []
    comparison.on(Events.ITERATION_COMPLETED, lambda index, trainer: seen.append((index, trainer.state.iteration)))
    completed = []
    comparison.on(Events.COMPLETED, lambda index, trainer: completed.append(index))
    first, second = comparison.run()
    steps = first.steps_per_epoch
    assert seen == [(index, step) for step in range(1, steps + 1) for index in (0, 1)]
    assert sorted(completed) == [0, 1]
    assert comparison.runs[1].label == "small (residual twin)"


def test_without_a_second_project_the_twin_starts_from_the_same_weights():
    comparison = Comparison(example("deep_plain_mlp"), epochs=1)
    plain, twin = (run.setup.model.state_dict_by_node() for run in comparison.runs)
    assert len(comparison.shared) == 20
    for key, tensor in plain.items():
        assert torch.equal(tensor, twin[key]), key
    assert any(n["type"] == "Add" for n in comparison.runs[1].setup.project["graph"]["nodes"])


def test_the_second_project_trains_on_the_first_ones_data_and_budget():
    first = spiral_mlp(epochs=2, samples=200, optimizer={"type": "Adam", "lr": 0.05})
    second = spiral_mlp(epochs=7, samples=400, optimizer={"type": "SGD", "lr": 0.001})
    paired = paired_project(first, second)
    assert paired["data"] == first["data"] and paired["training"] == first["training"]
    own = paired_project(first, {**second, "training": {**second["training"], "seed": 5}}, same_training=False)
    assert own["training"]["optimizer"]["lr"] == 0.001 and own["training"]["seed"] == 0
    comparison = Comparison(first, second)
    a, b = (run.trainer for run in comparison.runs)
    np.testing.assert_array_equal(a.dataset.x_train, b.dataset.x_train)
    np.testing.assert_array_equal(a.dataset.y_val, b.dataset.y_val)
    assert b.config.epochs == 2


def test_layers_that_differ_in_shape_keep_their_own_weights():
    narrow = prepare_training(spiral_mlp(hidden=8)).model
    wide = prepare_training(spiral_mlp(hidden=16)).model
    before = wide.state_dict_by_node()
    shared, differing = share_initialisation(narrow, wide)
    assert shared == [] and differing == ["fc1", "fc2", "fc3"]
    assert all(torch.equal(v, wide.state_dict_by_node()[k]) for k, v in before.items())


def test_terminate_stops_both_runs_within_a_step():
    comparison = Comparison(small_deep(epochs=5))
    comparison.on(Events.ITERATION_COMPLETED,
                  lambda index, trainer: comparison.terminate() if trainer.state.iteration == 3 else None)
    first, second = comparison.run()
    assert first.stop_reason == second.stop_reason == "terminated"
    assert first.iteration == 3 and second.iteration == 2  # it had not started its third step


def test_an_error_in_one_run_stops_the_other_and_is_raised():
    comparison = Comparison(small_deep(epochs=3))
    model = comparison.runs[1].trainer.model
    calls = []

    def failing_forward(x):
        calls.append(1)
        if len(calls) == 4:
            raise RuntimeError("boom")
        return type(model).forward(model, x)

    model.forward = failing_forward
    with pytest.raises(RuntimeError, match="boom"):
        comparison.run()
    assert comparison.runs[0].state.stop_reason == "terminated"
    assert comparison.runs[1].state.stop_reason == "error"


# -- what the comparison is for: measured on the shipped 20-layer sigmoid presets ----------
def test_at_initialisation_the_plain_nets_gradient_ratio_is_far_below_its_twins():
    comparison = Comparison(example("deep_plain_mlp"), example("deep_residual_mlp"), epochs=1)
    plain, residual = comparison.run()
    plain_ratio = plain.gradient_log[0].ratio_first_to_last()
    residual_ratio = residual.gradient_log[0].ratio_first_to_last()
    assert plain.gradient_log[0].step == residual.gradient_log[0].step == 0
    assert plain_ratio * 100 < residual_ratio  # measured: 8e-18 against 4e-2
    assert residual_ratio > 1e-3


def test_after_the_same_budget_the_residual_twin_has_the_lower_training_loss():
    comparison = Comparison(example("deep_plain_mlp"), example("deep_residual_mlp"), epochs=20)
    plain, residual = comparison.run()
    assert plain.iteration == residual.iteration == 20 * plain.steps_per_epoch
    # measured: 1.100 (plain, stuck at chance) against 1.054 after 20 of the preset's 50 epochs
    assert residual.history[-1].train_loss < plain.history[-1].train_loss - 0.03
