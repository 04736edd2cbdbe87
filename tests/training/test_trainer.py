"""The Trainer: learning, events, gradient records, reproducibility, control, NaN and early stops."""

import math
import threading
import time

import numpy as np
import pytest
import torch

from dlplayground.training import Events, TrainingConfigError, prepare_training
from tests.helpers import chain_project
from tests.training.conftest import spiral_mlp


def train(project, **kwargs):
    trainer = prepare_training(project).trainer(**kwargs)
    return trainer, trainer.run()


def test_an_mlp_learns_and_reports_every_metric():
    trainer, state = train(spiral_mlp(dataset="gauss", epochs=15, samples=600))
    first, last = state.history[0], state.history[-1]
    assert state.stop_reason == "completed" and len(state.history) == 15
    assert last.train_loss < first.train_loss * 0.5
    assert last.val_acc > 0.85 and 0 <= last.train_acc <= 1
    assert state.iteration == 15 * state.steps_per_epoch
    assert last.seconds > 0 and last.lr == pytest.approx(0.02)


def test_events_fire_in_order_and_every_n():
    trainer = prepare_training(spiral_mlp(epochs=2)).trainer()
    seen = []
    trainer.on(Events.STARTED, lambda t: seen.append("started"))
    trainer.on(Events.EPOCH_STARTED, lambda t: seen.append(f"epoch {t.state.epoch}"))
    trainer.on(Events.ITERATION_COMPLETED, lambda t: seen.append(f"it {t.state.iteration}"), every=3)
    trainer.on(Events.EPOCH_COMPLETED, lambda t: seen.append(f"done {t.state.epoch}"))
    trainer.on(Events.COMPLETED, lambda t: seen.append("completed"))
    state = trainer.run()
    steps = state.steps_per_epoch
    iterations = [f"it {i}" for i in range(3, 2 * steps + 1, 3)]
    assert seen[0] == "started" and seen[1] == "epoch 1" and seen[-1] == "completed"
    assert [s for s in seen if s.startswith("it ")] == iterations
    assert seen.index("done 1") < seen.index("epoch 2")


def test_gradients_logged_at_the_first_step_and_every_epoch_per_layer():
    trainer, state = train(spiral_mlp(epochs=3))
    log = state.gradient_log
    assert log[0].step == 0
    assert {r.epoch for r in log} == {1, 2, 3}
    assert log[0].node_ids == ("fc1", "fc2", "fc3")
    for record in log:
        assert np.all(np.isfinite(record.grad_norms)) and np.all(record.grad_norms > 0)
    # the weight norm is the norm over all of a layer's parameters
    fc1 = trainer.model.layers["fc1"]
    expected = torch.sqrt(fc1.weight.norm() ** 2 + fc1.bias.norm() ** 2).item()
    assert trainer.monitor.record(0, 0).weight_norms[0] == pytest.approx(expected, rel=1e-5)


def test_runs_are_reproducible_for_a_seed():
    _, a = train(spiral_mlp(epochs=2))
    _, b = train(spiral_mlp(epochs=2))
    _, c = train(spiral_mlp(epochs=2, seed=1))

    def losses(state):
        return [m.train_loss for m in state.history]

    assert losses(a) == losses(b)
    assert losses(a) != losses(c)


def test_full_batch_gradient_descent_takes_one_step_per_epoch():
    _, state = train(spiral_mlp(epochs=4, batch_size="full", optimizer={"type": "SGD", "lr": 0.5}))
    assert state.steps_per_epoch == 1 and state.iteration == 4


def test_stochastic_gradient_descent_takes_one_sample_per_step():
    trainer, state = train(spiral_mlp(epochs=1, samples=50, batch_size=1, optimizer={"type": "SGD", "lr": 0.01}))
    assert state.steps_per_epoch == len(trainer.dataset.x_train) == 40


def test_weight_decay_shrinks_the_weights():
    plain = spiral_mlp(epochs=8, optimizer={"type": "SGD", "lr": 0.05})
    decayed = spiral_mlp(epochs=8, optimizer={"type": "SGD", "lr": 0.05, "weight_decay": 0.05})

    def norm(state):
        return float(state.gradient_log[-1].weight_norms.sum())

    assert norm(train(decayed)[1]) < norm(train(plain)[1]) * 0.9


def test_step_scheduler_lowers_the_learning_rate():
    _, state = train(spiral_mlp(epochs=4, scheduler={"type": "StepLR", "step_size": 2, "gamma": 0.1}))
    assert [round(m.lr, 6) for m in state.history] == [0.02, 0.02, 0.002, 0.002]


def test_early_stopping_restores_the_best_weights():
    trainer = prepare_training(spiral_mlp(epochs=60, optimizer={"type": "SGD", "lr": 1e-6},
                                          early_stopping={"monitor": "val_loss", "patience": 2, "min_delta": 1.0})).trainer()
    best = {}
    trainer.on(Events.EPOCH_COMPLETED,
               lambda t: best.setdefault("w", t.model.layers["fc1"].weight.detach().clone()))
    state = trainer.run()
    assert state.stop_reason == "early_stopping" and len(state.history) == 3 and state.best_epoch == 1
    assert torch.equal(trainer.model.layers["fc1"].weight, best["w"])
    assert "best weights were restored" in state.message


def test_a_huge_learning_rate_stops_with_a_message_and_finite_weights():
    project = spiral_mlp(epochs=20, activation="ReLU", optimizer={"type": "SGD", "lr": 1e6})
    trainer, state = train(project)
    assert state.stop_reason == "non_finite_loss"
    assert "loss became" in state.message and "learning rate of 1e+06" in state.message
    assert all(torch.isfinite(t).all() for t in trainer.model.state_dict().values())


def test_pause_resume_and_terminate_from_another_thread():
    trainer = prepare_training(spiral_mlp(epochs=500)).trainer()
    steps_at = {}
    done = threading.Event()

    def drive():
        while trainer.state.iteration < 5:
            time.sleep(0.001)
        trainer.pause()
        time.sleep(0.05)
        steps_at["paused"] = trainer.state.iteration
        time.sleep(0.1)
        steps_at["still"] = trainer.state.iteration
        trainer.resume()
        while trainer.state.iteration < steps_at["still"] + 5:
            time.sleep(0.001)
        requested = time.perf_counter()
        trainer.terminate()
        done.wait(5)
        steps_at["stop_latency"] = time.perf_counter() - requested

    thread = threading.Thread(target=drive)
    thread.start()
    state = trainer.run()
    done.set()
    thread.join()
    assert steps_at["paused"] == steps_at["still"]
    assert state.stop_reason == "terminated" and state.epoch < 500
    assert "stopped by the user" in state.message


def test_terminate_while_paused_ends_the_run():
    trainer = prepare_training(spiral_mlp(epochs=50)).trainer()
    trainer.on(Events.ITERATION_COMPLETED, lambda t: (t.pause(), threading.Timer(0.05, t.terminate).start()))
    assert trainer.run().stop_reason == "terminated"


def test_regression_with_a_gru_on_sine():
    project = chain_project(
        ("gru", "GRU", {"hidden_size": 16}), ("head", "Linear", {"out_features": 1}),
        data={"name": "sine", "params": {"samples": 300, "length": 10}, "val_split": 0.2, "seed": 0},
        training={"loss": "MSELoss", "optimizer": {"type": "Adam", "lr": 0.02}, "batch_size": 32, "epochs": 8, "seed": 0},
    )
    trainer, state = train(project)
    assert not trainer.is_classification and state.history[-1].val_acc is None
    assert state.history[-1].val_loss < state.history[0].val_loss * 0.5


@pytest.mark.parametrize("loss, out", [("BCEWithLogitsLoss", 1), ("BCEWithLogitsLoss", 2), ("MSELoss", 2),
                                       ("L1Loss", 2)])
def test_binary_and_one_hot_losses(loss, out):
    project = chain_project(
        ("fc1", "Linear", {"out_features": 16}), ("a1", "ReLU", {}), ("fc2", "Linear", {"out_features": out}),
        data={"name": "circle", "params": {"samples": 300}, "val_split": 0.2, "seed": 0},
        training={"loss": loss, "optimizer": {"type": "Adam", "lr": 0.03}, "batch_size": 32, "epochs": 15, "seed": 0},
    )
    _, state = train(project)
    assert state.history[-1].val_acc > 0.85


def test_bce_after_a_sigmoid():
    project = chain_project(
        ("fc1", "Linear", {"out_features": 16}), ("a1", "ReLU", {}), ("fc2", "Linear", {"out_features": 1}),
        ("p", "Sigmoid", {}),
        data={"name": "circle", "params": {"samples": 300}, "val_split": 0.2, "seed": 0},
        training={"loss": "BCELoss", "optimizer": {"type": "Adam", "lr": 0.03}, "batch_size": 32, "epochs": 15, "seed": 0},
    )
    assert train(project)[1].history[-1].val_acc > 0.85


@pytest.mark.parametrize("loss, out, message", [
    ("CrossEntropyLoss", 2, "outputs [2] per sample but needs [3], one score per class (3): change 'fc3'"),
    ("MSELoss", 4, "needs [3]"),
    ("BCEWithLogitsLoss", 1, "with 3 classes it needs [3]"),
])
def test_an_output_that_does_not_fit_the_loss_names_the_layer(loss, out, message):
    project = spiral_mlp(loss=loss)
    project["graph"]["nodes"][5]["params"]["out_features"] = out
    with pytest.raises(TrainingConfigError) as info:
        prepare_training(project).trainer()
    assert message in str(info.value)


def test_regression_loss_on_a_classification_set_is_refused():
    project = spiral_mlp(loss="MSELoss")
    assert prepare_training(project).trainer()  # one-hot MSE is fine
    project = chain_project(("fc", "Linear", {"out_features": 3}),
                            data={"name": "plane", "val_split": 0.2}, training={"loss": "CrossEntropyLoss"})
    with pytest.raises(TrainingConfigError, match="regression task"):
        prepare_training(project).trainer()


def test_cuda_requested_without_a_gpu_is_a_clear_error():
    if torch.cuda.is_available():
        trainer = prepare_training(spiral_mlp(epochs=1), device="cuda").trainer()
        assert trainer.device.type == "cuda" and next(trainer.model.parameters()).is_cuda
        assert math.isfinite(trainer.run().history[-1].train_loss)
    else:
        with pytest.raises(TrainingConfigError, match="training.device: device 'cuda' was asked for, but torch finds no CUDA"):
            prepare_training(spiral_mlp(epochs=1), device="cuda").trainer()


def test_training_steps_wait_while_a_model_is_being_traced_for_export():
    # torch.export swaps process-wide state while it traces; the exporter holds the lock then
    from dlplayground.compile.module import TRACING_LOCK

    setup = prepare_training(spiral_mlp(epochs=3))
    trainer = setup.trainer()
    steps = []
    trainer.on(Events.ITERATION_COMPLETED, lambda t: steps.append(t.state.iteration))
    with TRACING_LOCK:
        thread = threading.Thread(target=trainer.run)
        thread.start()
        time.sleep(0.3)
        held = list(steps)
    thread.join(timeout=30)
    assert held == [] and steps, "no step may run while the lock is held; all run after"
    assert trainer.state.stop_reason == "completed"


def test_the_exporter_traces_under_the_lock(monkeypatch, tmp_path):
    from dlplayground.compile.module import TRACING_LOCK
    from dlplayground.export.pipeline import export_project
    from tests.export.models import spiral_project, dataset

    real_export = torch.onnx.export
    owned = []

    def spying_export(*args, **kwargs):
        owned.append(TRACING_LOCK._is_owned())
        return real_export(*args, **kwargs)

    monkeypatch.setattr(torch.onnx, "export", spying_export)
    export_project(spiral_project(), tmp_path / "m.onnx", dataset=dataset((2,)))
    assert owned and all(owned)
