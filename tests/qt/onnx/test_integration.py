"""ONNX in the main window: File › Export ONNX… after a real training run, the Inference dock
following the project's dataset, and closing the window while an export runs."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import onnx
import pytest
from PySide6.QtCore import QThread
from PySide6.QtGui import QKeySequence

from dlplayground.qt.canvas import style
from dlplayground.data import load_dataset
from dlplayground.export.inference import Predictor
from dlplayground.export.pipeline import prepare_model
from dlplayground.graph import project_to_dict
from dlplayground.graph.io import save_project
from dlplayground.qt.app import install_extensions
from dlplayground.qt.onnx.integration import EXPORT_DIR_KEY, install_onnx
from dlplayground.qt.onnx.run_weights import choose_weights
from dlplayground.qt.training.integration import install_training
from tests.export.models import spiral_project
from tests.qt.conftest import open_example


def open_tiny_spiral(window, folder: Path, epochs: int = 2) -> Path:
    """Save the tiny spiral classifier to ``folder`` and open it in ``window``."""
    raw = project_to_dict(spiral_project())
    raw["training"]["epochs"] = epochs
    path = folder / "tiny_spiral.dlp.json"
    save_project(raw, path)
    assert window.files.open_path(path, ask=False)
    return path


def train_once(qtbot, window) -> Path:
    """One real run through the training controller; returns its run folder."""
    with qtbot.waitSignal(window.training.controller.run_finished, timeout=60_000) as finished:
        window.training.controller.train()
    result = finished.args[0].result
    assert result.stop_reason == "completed" and result.folder is not None
    return result.folder


def test_the_action_is_in_the_file_menu_and_disabled_for_an_invalid_project(window):
    assert install_extensions(window, ["dlplayground.qt.onnx"]) == ["dlplayground.qt.onnx"]
    ui = window.onnx
    action = window.actions["export_onnx"]
    names = [a.text() for a in window.menu("File").actions()]
    assert names.index("Export &ONNX…") == names.index("Export Diagram as S&VG…") + 1
    assert action.shortcut() == QKeySequence("Ctrl+E")
    shortcuts = [s for a in window.actions.values() for s in a.shortcuts() if a is not action]
    assert QKeySequence("Ctrl+E") not in shortcuts

    assert window.session.problems, "a new project's Input and Output are not connected"
    assert not action.isEnabled()
    assert action.statusTip().startswith("Fix the project's ") and "before exporting it to ONNX" in action.statusTip()
    assert ui.export() is None and ui.dialog is None

    open_example(window, "spiral_mlp.dlp.json")
    assert action.isEnabled() and "onnxruntime" in action.statusTip()
    window.editor.delete(["a1"])  # the chain breaks: a problem again
    assert window.session.problems and not action.isEnabled()


def test_export_after_training_uses_the_run_and_loads_the_verified_model(qtbot, window, tmp_path):
    install_training(window, tmp_path / "runs")
    ui = install_onnx(window)
    project_path = open_tiny_spiral(window, tmp_path)
    run_folder = train_once(qtbot, window)

    dialog = ui.export()
    assert dialog is not None and dialog.isVisible()
    target = tmp_path / "tiny_spiral.onnx"
    assert Path(dialog.path_edit.text()) == target == project_path.with_name("tiny_spiral.onnx")
    weights_text = dialog.weights_label.text()
    assert weights_text.startswith("Trained in run 1 (2 epochs, validation accuracy ")
    assert str(run_folder / "weights.safetensors") in weights_text
    with qtbot.waitSignal(dialog.exported, timeout=60_000) as exported:
        dialog.export_button.click()
    report = exported.args[0]
    qtbot.waitUntil(lambda: not dialog.running, timeout=5_000)

    assert report.ok and not report.fresh_weights and report.path == target
    onnx.checker.check_model(onnx.load(str(target)), full_check=True)
    # the file computes what the run's trained weights compute (fresh weights would not)
    dataset = load_dataset(spiral_project().data)
    model, _ = prepare_model(spiral_project(), dataset, run_folder / "weights.safetensors")
    import torch

    with torch.inference_mode():
        expected = model(torch.from_numpy(dataset.x_val)).numpy()
    np.testing.assert_allclose(Predictor(target).run(dataset.raw_val), expected, rtol=1e-3, atol=1e-5)

    panel = ui.panel
    assert panel.predictor is not None and panel.predictor.path == target
    assert ui.dock.isVisible() and not ui.dock.visibleRegion().isEmpty()
    # the panel shows the project's dataset, which the feed loads in the background (slower
    # on a busy machine than the export)
    qtbot.waitUntil(lambda: ui.feed.dataset is not None and panel.dataset is ui.feed.dataset, timeout=10_000)
    assert panel.dataset.name == "spiral"
    assert panel.prediction_label.text().startswith("Prediction: ")
    assert dialog.stage_label.text().endswith("Loaded into the Inference panel.")
    assert window.settings.value(EXPORT_DIR_KEY) == str(tmp_path)
    dialog.reject()

    # an edited graph no longer fits the run's weights: fresh ones, and the dialog says why
    assert window.editor.set_param("fc1", "out_features", 5)
    again = ui.export()
    assert again is not dialog and again.weights_label.text().startswith(
        "fresh, untrained weights: the runs of this session trained another graph or dataset")


def test_the_inference_dock_follows_the_project_dataset(qtbot, window, tmp_path):
    training = install_training(window, tmp_path / "runs")
    ui = install_onnx(window)
    # a tab behind the model view, which keeps its column beside Problems / Training
    qtbot.waitUntil(lambda: window.tabifiedDockWidgets(ui.dock) == [training.model_dock], timeout=2_000)
    assert ui.dock.visibleRegion().isEmpty() and window.summary_dock not in window.tabifiedDockWidgets(ui.dock)
    assert not training.model_dock.visibleRegion().isEmpty() and not window.summary_dock.visibleRegion().isEmpty()
    assert ui.dock.toggleViewAction() in window.panels_menu.actions()

    open_example(window, "digits_cnn.dlp.json")
    qtbot.waitUntil(lambda: ui.feed.dataset is not None and ui.feed.dataset.name == "digits", timeout=10_000)
    assert ui.panel._offered is ui.feed.dataset and ui.panel._offered.input_shape == (1, 8, 8)

    for samples in (300, 400, 500):  # edits in a burst load the last one only
        window.editor.set_settings("data", {"name": "spiral", "params": {"samples": samples}, "val_split": 0.2, "seed": 0})
    seen = []
    ui.feed.dataset_loaded.connect(seen.append)
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    qtbot.wait(400)
    assert [len(d.x_train) + len(d.x_val) for d in seen] == [500]
    assert ui.panel._offered is seen[0]

    window.editor.set_settings("data", {"name": "csv", "params": {"path": "no-such-file.csv", "target": "label"}})
    qtbot.waitUntil(lambda: ui.feed.error != "", timeout=10_000)
    assert ui.panel._offered is None and ui.feed.dataset is None
    status = ui.panel.status_label
    assert status.text().startswith("No samples from the project's dataset: ") and "no-such-file.csv" in status.text()
    assert style.PROBLEM.name() in status.styleSheet()  # shown as an error

    csv = tmp_path / "points.csv"
    csv.write_text("a,b,label\n" + "".join(f"{i},{i % 3},{i % 2}\n" for i in range(40)))
    window.editor.set_settings("data", {"name": "csv", "params": {"path": str(csv), "target": "label"}})
    qtbot.waitUntil(lambda: ui.feed.dataset is not None, timeout=10_000)
    assert ui.panel._offered.input_shape == (2,) and status.text() == ""


def test_closing_the_window_during_an_export_waits_for_it(qtbot, window, tmp_path):
    install_training(window, tmp_path / "runs")
    ui = install_onnx(window)
    open_tiny_spiral(window, tmp_path)
    dialog = ui.export()
    assert "fresh, untrained weights" in dialog.weights_label.text()
    dialog.start_export()
    thread: QThread = dialog._thread
    assert dialog.running and thread.isRunning()
    feed_thread = ui.feed._thread.thread

    window.close()
    assert not window.isVisible()
    assert thread.isFinished() and feed_thread.isFinished(), "no thread outlives the window"
    assert not dialog.isVisible() and not dialog.running
    assert (tmp_path / "tiny_spiral.onnx").is_file(), "the export in progress was completed"
    assert ui.export() is None, "nothing starts once the window closed"


def test_waiting_for_an_export_does_not_need_the_event_loop(qtbot, window, tmp_path):
    """The window's close handler blocks the GUI thread: the export thread must end anyway."""
    ui = install_onnx(window)
    open_tiny_spiral(window, tmp_path)
    dialog = ui.export()
    dialog.start_export()
    started = time.perf_counter()
    assert dialog.wait_until_idle(30_000) and time.perf_counter() - started < 29
    assert (tmp_path / "tiny_spiral.onnx").is_file()
    qtbot.waitUntil(lambda: not dialog.running, timeout=5_000)


@dataclass
class _Result:
    stop_reason: str
    folder: Path | None
    history: tuple = ()


@dataclass
class _Record:
    run_id: int
    result: _Result | None = None
    extra: list = field(default_factory=list)
    project: dict = field(default_factory=dict)


def _run_folder(folder: Path, project: dict) -> Path:
    folder.mkdir()
    (folder / "weights.safetensors").write_bytes(b"weights")
    save_project(project, folder / "project.json")
    return folder


@pytest.mark.parametrize("moved", [False, True])
def test_the_latest_run_of_the_same_graph_and_data_is_chosen(tmp_path, moved):
    project = project_to_dict(spiral_project())
    other = project_to_dict(spiral_project())
    other["graph"]["nodes"][1]["params"]["out_features"] = 9
    if moved:  # positions, name and training settings do not decide whether weights fit
        project["graph"]["nodes"][0]["pos"] = [10, 20]
        project["name"], project["training"]["epochs"] = "renamed", 99
    runs = [
        _Record(1, _Result("completed", _run_folder(tmp_path / "r1", project_to_dict(spiral_project())))),
        _Record(2, _Result("terminated", _run_folder(tmp_path / "r2", project_to_dict(spiral_project())))),
        _Record(3, _Result("non_finite_loss", _run_folder(tmp_path / "r3", project_to_dict(spiral_project())))),
        _Record(4, _Result("completed", _run_folder(tmp_path / "r4", other))),
        _Record(5, None),  # still running
    ]
    choice = choose_weights(runs, project)
    assert choice.weights is not None and choice.weights.run_id == 2
    assert choice.weights.path == tmp_path / "r2" / "weights.safetensors"
    assert choose_weights(runs[3:], project).reason.startswith("the runs of this session trained another")
    assert choose_weights([], project).weights is None and choose_weights([], project).reason == ""


def test_export_during_a_run_says_which_weights_it_exports_and_follows_the_run(qtbot, window, tmp_path):
    training = install_training(window, tmp_path / "runs")
    ui = install_onnx(window)
    open_tiny_spiral(window, tmp_path, epochs=2)
    train_once(qtbot, window)  # run 1: finished, this graph
    window.session.project.set_settings("training", dict(window.session.project.training, epochs=100_000))
    controller = training.controller
    with qtbot.waitSignal(controller.run_started, timeout=30_000):
        controller.train()  # run 2: in progress

    dialog = ui.export()
    assert dialog.weights_label.text().startswith("Trained in run 1 (2 epochs")
    warning = dialog.weights_warning
    assert warning.isVisible() and warning.text().startswith(
        "⚠ Run 2 is still training: this exports the weights of run 1, the last finished run, not run 2's.")
    assert "stop it (Train › Stop" in warning.text() and "export again when it finishes" in warning.text()

    with qtbot.waitSignal(controller.run_finished, timeout=30_000):
        controller.stop()
    # the stopped run's weights are written: the open dialog takes them, and the warning goes
    assert dialog.weights_label.text().startswith("Trained in run 2 (")
    assert str(tmp_path / "runs") in dialog.weights_label.text() and not warning.isVisible()
    assert dialog.weights == controller.runs[-1].result.folder / "weights.safetensors"


def test_export_during_the_first_run_flags_fresh_weights(qtbot, window, tmp_path):
    training = install_training(window, tmp_path / "runs")
    ui = install_onnx(window)
    open_tiny_spiral(window, tmp_path, epochs=100_000)
    with qtbot.waitSignal(training.controller.run_started, timeout=30_000):
        training.controller.train()
    dialog = ui.export()
    assert dialog.weights is None
    assert dialog.weights_label.text() == ("fresh, untrained weights: run 1 is still training, and no finished "
                                           "run has weights for this model yet")
    assert dialog.weights_warning.text().startswith("⚠ Run 1 is still training: this exports fresh, untrained weights")
    with qtbot.waitSignal(training.controller.run_finished, timeout=30_000):
        training.controller.stop()
    assert dialog.weights is not None and dialog.weights_label.text().startswith("Trained in run 1 (")


def test_a_run_in_progress_is_named_in_the_choice(tmp_path):
    project = project_to_dict(spiral_project())
    finished = _Record(1, _Result("completed", _run_folder(tmp_path / "r1", project)))
    choice = choose_weights([finished, _Record(2, None, project=project)], project)
    assert choice.weights.run_id == 1 and choice.running == 2
    assert choice.note.startswith("trained in run 1") and "this exports the weights of run 1" in choice.warning
    fresh = choose_weights([_Record(1, None, project=project)], project)
    assert fresh.weights is None and fresh.running == 1 and "fresh, untrained weights" in fresh.warning
    assert choose_weights([finished], project).warning == "" and choose_weights([finished], project).running is None
    other = project_to_dict(spiral_project())
    other["graph"]["nodes"][1]["params"]["out_features"] = 9  # a run of another graph: no warning about it
    assert choose_weights([finished, _Record(2, None, project=other)], project).running is None
