"""The compare window and its menu entries: plain vs residual, side by side, in the main window."""

from __future__ import annotations

import json

import numpy as np
from PySide6.QtWidgets import QMessageBox

from dlplayground.qt.compare import install, make_twin_of_open_project, open_compare
from dlplayground.qt.training.integration import RUNS_ROOT_KEY
from tests.conftest import EXAMPLES
from tests.qt.compare.test_compare_worker import small_deep
from tests.qt.conftest import open_example


def write_project(tmp_path, project, name="small_plain.dlp.json"):
    path = tmp_path / name
    path.write_text(json.dumps(project))
    return path


def test_install_adds_the_tools_actions_and_the_presets_menu(window):
    install(window)
    tools = [a.text() for a in window.menu("Tools").actions()]
    assert "&Compare Plain vs Residual…" in tools and "Make &Residual Twin" in tools
    file_actions = window.menu("File").actions()
    examples_at = file_actions.index(window.actions["examples"])
    presets = file_actions[examples_at + 1].menu()
    assert presets is not None and presets.objectName() == "menu_residual_examples"
    assert presets.isEmpty()  # filled when first opened, not while the window starts
    presets.aboutToShow.emit()
    presets.aboutToShow.emit()  # once only
    names = [a.text() for a in presets.actions() if not a.isSeparator()]
    assert "Deep plain MLP (20 layers, sigmoid)" in names and "Deep residual CNN (20 layers with batch norm)" in names
    assert sum(name.startswith("Compare the two") for name in names) == 5
    next(a for a in presets.actions() if a.text() == "Deep residual MLP (20 layers, sigmoid)").trigger()
    assert window.session.project.name == "Deep residual MLP (20 layers, sigmoid)"


def test_make_residual_twin_replaces_the_open_project(window, monkeypatch):
    open_example(window, "deep_plain_mlp.dlp.json")
    assert make_twin_of_open_project(window)
    graph = window.session.graph
    assert window.session.project.name == "Deep residual MLP (20 layers, sigmoid)"
    assert sum(1 for n in graph.nodes if n.type == "Add") == 9 and window.session.path is None
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    open_example(window, "spiral_mlp.dlp.json")
    assert not make_twin_of_open_project(window)
    assert "at least 4" in shown[0] and window.session.project.name == "Spiral MLP"


def test_the_dialog_trains_both_and_draws_them_side_by_side(qtbot, window, tmp_path):
    window.settings.setValue(RUNS_ROOT_KEY, str(tmp_path / "runs"))
    dialog = open_compare(window, write_project(tmp_path, small_deep(epochs=3)))
    qtbot.addWidget(dialog)
    assert dialog.first_combo.currentText() == "small_plain.dlp.json"
    assert dialog.second_combo.currentText() == "Residual twin of A (made now)"
    assert dialog.epochs.value() == 3  # A's own budget is offered
    with qtbot.waitSignal(dialog.controller.comparison_finished, timeout=30_000):
        assert dialog.train()
        assert not dialog.train_button.isEnabled() and dialog.stop_button.isEnabled()
    dialog.redraw()
    for run in range(2):
        assert list(dialog.curves.epoch_loss[run].x) == [1, 2, 3]
        assert len(dialog.heatmaps[run].norms) >= 3  # the heat map has a column per record
        x, _ = dialog.depth.items[run].getData()
        assert len(x) == 6 and np.all(dialog.depth.norms(run, dialog.depth.step) > 0)
    # the depth profile shows the last step both runs logged (x of the heat maps is in epochs)
    steps_per_epoch = dialog.results[0].steps // 3
    last_logged = min(round(float(view.norms.x[-1]) * steps_per_epoch) for view in dialog.heatmaps)
    assert dialog.depth.step == last_logged
    box = dialog.heat_boxes[1]  # B, named in the header above and in the box's tooltip
    assert box.title().startswith("B — gradient flow") and box.toolTip() == "Small residual"
    assert "6 shared layer(s) start from the same weights" in dialog.header.text()
    text = dialog.status.text()
    assert text.startswith("A (Small plain): train loss") and "\nB (Small residual): train loss" in text
    assert "gradient ratio first/last layer" in text and "Run folders:" in text
    folders = sorted(p.name for p in next((tmp_path / "runs").iterdir()).iterdir())
    assert folders == ["a-small-plain", "b-small-residual"]
    assert dialog.train_button.isEnabled()


def test_the_open_project_is_offered_first_and_closing_stops_training(qtbot, window):
    open_example(window, "deep_plain_mlp.dlp.json")
    training = dict(window.session.project.training, epochs=10_000)
    window.session.project.set_settings("training", training)
    dialog = open_compare(window)
    qtbot.addWidget(dialog)
    assert dialog.first_combo.currentText().startswith("The open project")
    with qtbot.waitSignal(dialog.controller.comparison_started, timeout=30_000):
        dialog.train()
    thread = dialog.controller._thread.thread
    dialog.close()
    assert thread.isFinished() and not dialog.controller.busy


def test_a_project_that_cannot_be_twinned_is_reported_before_training(qtbot, window):
    open_example(window, "spiral_mlp.dlp.json")
    dialog = open_compare(window)
    qtbot.addWidget(dialog)
    problem = dialog.check_labels[1]
    assert problem.isVisible() and problem.text().startswith("⚠ No residual twin of A can be made: ")
    assert "at least 4" in problem.text() and dialog.check_labels[0].isHidden()
    assert not dialog.train_button.isEnabled() and "No residual twin" in dialog.train_button.toolTip()
    assert not dialog.train() and not dialog.controller.busy  # nothing starts, even when asked


def test_the_choice_is_checked_eagerly_and_stale_errors_are_cleared(qtbot, window):
    open_example(window, "deep_plain_mlp.dlp.json")
    assert window.editor.wrap_in_residual(["fc1", "act1"])  # the open project branches now
    dialog = open_compare(window)
    qtbot.addWidget(dialog)
    assert dialog.first_combo.currentText().startswith("The open project")
    assert dialog.second_combo.currentText() == "Residual twin of A (made now)"
    problem = dialog.check_labels[1]
    assert problem.isVisible() and "branches: the residual twin needs a plain chain of layers" in problem.text()
    assert not dialog.train_button.isEnabled()
    dialog.banner.show_message("Cannot start: an error of an earlier choice", "error")

    # a valid preset pair: no problem shown, the stale error gone, Train both enabled
    dialog.select_file(dialog.first_combo, EXAMPLES / "deep_plain_mlp.dlp.json")
    assert dialog.check_labels[1].text().startswith("A with 9 identity skip connections")
    dialog.select_file(dialog.second_combo, EXAMPLES / "deep_residual_mlp.dlp.json")
    assert all(label.isHidden() for label in dialog.check_labels) and dialog.choice_ok
    assert dialog.train_button.isEnabled() and dialog.banner.isHidden()

    # a B that does not fit A's data (B trains on A's 2-D points), and back to the open project
    dialog.select_file(dialog.second_combo, EXAMPLES / "digits_cnn.dlp.json")
    assert dialog.check_labels[1].text().startswith("⚠ B does not fit A's data: ")
    assert not dialog.train_button.isEnabled()
    dialog.select_current_project()
    assert not dialog.choice_ok
    window.session.undo_stack.undo()  # a plain chain again: its twin can be made, live
    qtbot.waitUntil(lambda: dialog.choice_ok, timeout=2_000)
    assert dialog.train_button.isEnabled() and dialog.check_labels[1].text().startswith("A with ")


def test_a_file_that_is_not_a_project_is_reported_next_to_its_side(qtbot, window, tmp_path):
    broken = tmp_path / "broken.dlp.json"
    broken.write_text("{ not json")
    dialog = open_compare(window, broken)
    qtbot.addWidget(dialog)
    assert dialog.check_labels[0].text().startswith("⚠ A cannot be loaded: ")
    assert dialog.check_labels[1].text() == "⚠ The residual twin is made from A: choose a valid A first."
    assert not dialog.train_button.isEnabled()
