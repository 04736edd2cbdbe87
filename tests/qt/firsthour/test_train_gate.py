"""Item 4: one status in the status bar, and Train disabled (reason as tooltip) for a project
that would be refused."""

from __future__ import annotations

import pytest

from dlplayground.qt.training.controller import Phase
from dlplayground.qt.training.integration import install_training
from tests.qt.conftest import open_example


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_train_is_disabled_with_the_reason_while_the_project_has_problems(qtbot, window, tmp_path, size):
    window.resize(*size)
    ui = install_training(window, tmp_path / "runs")
    train = ui.controller.actions.train
    open_example(window, "spiral_mlp.dlp.json")
    assert not window.session.problems
    assert train.isEnabled()
    assert "ready to train" in window.validity_label.text()
    assert not ui.status.phase.isVisible()  # no second "Ready to train" beside it

    linear = [n for n in window.session.graph.nodes if n.type == "Linear"][-1]
    window.editor.set_param(linear.id, "out_features", 7)  # the spiral has 3 classes
    problems = window.session.problems
    assert problems
    assert not train.isEnabled()
    assert train.toolTip().startswith("Cannot train:") and problems[0].message in train.toolTip()
    assert "cannot train" in window.validity_label.text()
    assert "ready to train" not in window.validity_label.text()
    # what the toolbar shows is the same action, so the button is disabled too
    button = window.toolbar.widgetForAction(train)
    assert button is not None and not button.isEnabled()

    window.session.undo_stack.undo()
    assert not window.session.problems and train.isEnabled()
    assert "Cannot train" not in train.toolTip()


def test_a_finished_phase_does_not_reenable_train_for_a_broken_project(qtbot, window, tmp_path):
    ui = install_training(window, tmp_path / "runs")
    open_example(window, "spiral_mlp.dlp.json")
    linear = [n for n in window.session.graph.nodes if n.type == "Linear"][-1]
    window.editor.set_param(linear.id, "out_features", 7)
    ui.controller._set_phase(Phase.PREPARING)  # as a run's phase changes would
    ui.controller._set_phase(Phase.IDLE)
    assert not ui.controller.actions.train.isEnabled()


def test_the_status_says_ready_to_train_only_while_no_run_is_under_way(qtbot, window, tmp_path):
    ui = install_training(window, tmp_path / "runs")
    open_example(window, "spiral_mlp.dlp.json")
    for phase in (Phase.PREPARING, Phase.RUNNING, Phase.PAUSED, Phase.STOPPING):
        ui.controller._set_phase(phase)  # as a run's phase changes would
        assert "valid model" in window.validity_label.text()
        assert "ready to train" not in window.validity_label.text()
    ui.controller._set_phase(Phase.IDLE)
    assert "ready to train" in window.validity_label.text()
