"""TensorFlow Playground's step button: train one batch or one epoch, then pause, from idle or paused."""

from __future__ import annotations

import pytest

from dlplayground.qt.training.controller import Phase
from dlplayground.qt.training.integration import install_training
from tests.qt.conftest import open_example
from tests.training.conftest import spiral_mlp

#: 200 samples, val_split 0.2, batch 32: 5 steps per epoch, 3 epochs
STEPS_PER_EPOCH, EPOCHS = 5, 3


def _paused_at(qtbot, ui, step: int) -> None:
    qtbot.waitUntil(lambda: ui.controller.phase is Phase.PAUSED
                    and ui.status.step.text() == f"step {step}/{STEPS_PER_EPOCH * EPOCHS}", timeout=30_000)


def test_step_from_idle_trains_one_batch_then_each_press_one_more(qtbot, make_ui):
    ui = make_ui(spiral_mlp(samples=200, epochs=EPOCHS))
    actions = ui.controller.actions
    assert actions.step.isEnabled() and actions.epoch.isEnabled()
    actions.step.trigger()
    _paused_at(qtbot, ui, 1)
    assert actions.resume.isEnabled() and not actions.pause.isEnabled()
    actions.step.trigger()
    _paused_at(qtbot, ui, 2)
    # the epoch button finishes the epoch: its metrics are in, and it waits there
    actions.epoch.trigger()
    _paused_at(qtbot, ui, STEPS_PER_EPOCH)
    assert ui.status.epoch.text() == f"epoch 1/{EPOCHS}"
    assert len(ui.training_panel.curves.loss_plot.listDataItems()) > 0
    actions.epoch.trigger()
    _paused_at(qtbot, ui, 2 * STEPS_PER_EPOCH)
    assert ui.status.epoch.text() == f"epoch 2/{EPOCHS}"
    # Resume runs to the end as usual
    actions.resume.trigger()
    qtbot.waitUntil(lambda: not ui.controller.busy, timeout=30_000)
    assert ui.controller.runs[-1].result.stop_reason == "completed"
    assert len(ui.controller.runs[-1].history) == EPOCHS


def test_epoch_from_idle_pauses_after_the_first_epoch(qtbot, make_ui):
    ui = make_ui(spiral_mlp(samples=200, epochs=EPOCHS))
    ui.controller.actions.epoch.trigger()
    _paused_at(qtbot, ui, STEPS_PER_EPOCH)
    ui.controller.actions.stop.trigger()
    qtbot.waitUntil(lambda: not ui.controller.busy, timeout=30_000)
    assert len(ui.controller.runs[-1].history) == 1


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_step_and_epoch_are_on_the_toolbar_and_follow_the_train_gate(qtbot, window, tmp_path, size):
    window.resize(*size)
    ui = install_training(window, tmp_path / "runs")
    actions = ui.controller.actions
    open_example(window, "spiral_mlp.dlp.json")
    for action in (actions.step, actions.epoch):
        button = window.toolbar.widgetForAction(action)
        assert button is not None
        qtbot.waitUntil(button.isVisible, timeout=2_000)  # not behind the toolbar's overflow arrow
        assert button.isEnabled() and button.geometry().right() <= window.toolbar.width()
        assert action in window.menu("Train").actions()
    linear = [n for n in window.session.graph.nodes if n.type == "Linear"][-1]
    window.editor.set_param(linear.id, "out_features", 7)  # the spiral has 3 classes: a problem
    assert not actions.train.isEnabled()
    assert not actions.step.isEnabled() and not actions.epoch.isEnabled()
    assert ui.controller.advance("step") is None and not ui.controller.busy
    window.session.undo_stack.undo()
    assert actions.step.isEnabled() and actions.epoch.isEnabled()


@pytest.mark.parametrize("unit", ["batch", ""])
def test_an_unknown_unit_is_refused(unit):
    from dlplayground.qt.training.worker import TrainingWorker

    with pytest.raises(ValueError, match="pause_after"):
        TrainingWorker().pause_after(unit)
