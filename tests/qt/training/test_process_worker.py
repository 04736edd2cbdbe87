"""Training in the training process, as the app does: the window's runs behave as on a thread.

The black-box tests of ``test_worker.py`` run again here with the runs in a child process; the
rest cover what only a process has: its progress relay, its death, its end with the window.
"""

from __future__ import annotations

import multiprocessing
import time

import pytest

from dlplayground.qt.training.controller import Phase
from dlplayground.qt.training.payloads import Progress
from dlplayground.qt.training.process_worker import ProcessTrainingWorker, merge_progress
from tests.qt.training import test_generative_view as generative_on_a_thread
from tests.qt.training import test_pictures as pictures_on_a_thread
from tests.qt.training import test_worker as on_a_thread
from tests.training.conftest import spiral_mlp

LONG = on_a_thread.LONG
finished = on_a_thread.finished


@pytest.fixture(autouse=True)
def _in_a_training_process(monkeypatch):
    monkeypatch.setenv("DLPLAYGROUND_TRAINING", "process")


# the same window-level behaviour, now across the process boundary
test_a_run_sends_metrics_and_leaves_a_run_folder = on_a_thread.test_a_run_sends_metrics_and_leaves_a_run_folder
test_updates_are_coalesced = on_a_thread.test_updates_are_coalesced
test_stop_ends_the_run_within_a_second_and_keeps_its_folder = (
    on_a_thread.test_stop_ends_the_run_within_a_second_and_keeps_its_folder)
test_stop_while_paused = on_a_thread.test_stop_while_paused
test_a_huge_learning_rate_stops_with_a_visible_message = on_a_thread.test_a_huge_learning_rate_stops_with_a_visible_message
test_a_project_that_cannot_train_reports_why = on_a_thread.test_a_project_that_cannot_train_reports_why
test_runs_continue_from_the_last_weights_until_reset = on_a_thread.test_runs_continue_from_the_last_weights_until_reset
test_stop_during_preparation_cancels_the_run_quietly = on_a_thread.test_stop_during_preparation_cancels_the_run_quietly
# every kind of picture crosses the pipe: boundary, confusion, filters, maps, Grad-CAM, GAN, VAE
test_a_planar_run_draws_its_decision_boundary_and_confusion_matrix = (
    pictures_on_a_thread.test_a_planar_run_draws_its_decision_boundary_and_confusion_matrix)
test_an_image_run_sends_filters_feature_maps_and_grad_cam = (
    pictures_on_a_thread.test_an_image_run_sends_filters_feature_maps_and_grad_cam)
test_the_confusion_matrix_is_live_while_its_tab_is_shown = (
    pictures_on_a_thread.test_the_confusion_matrix_is_live_while_its_tab_is_shown)
test_a_gan_on_2d_data_draws_gan_labs_picture_live = generative_on_a_thread.test_a_gan_on_2d_data_draws_gan_labs_picture_live
test_a_vae_shows_reconstructions_and_its_latent_plane = (
    generative_on_a_thread.test_a_vae_shows_reconstructions_and_its_latent_plane)


def _child(ui) -> multiprocessing.Process:
    worker = ui.controller._worker
    assert isinstance(worker, ProcessTrainingWorker)
    return worker._process


def test_pause_holds_the_run_and_resume_continues_it(qtbot, make_ui):
    # the trainer is in the child: what the window hears is what is checked
    on_a_thread.pause_hold_resume(qtbot, make_ui(spiral_mlp(samples=200, epochs=LONG)), start_timeout=30_000)


def test_pictures_between_runs_come_from_the_trained_model(qtbot, make_ui):
    ui = make_ui(spiral_mlp(samples=200, epochs=2))
    ui.controller.train()
    finished(qtbot, ui, 30_000)
    with qtbot.waitSignal(ui.controller.analysed, timeout=10_000) as blocker:
        ui.controller.request_confusion()  # between runs: the child draws from its last model
    analysis = blocker.args[0]
    assert analysis.confusion is not None and analysis.confusion.counts.sum() > 0


def test_a_training_process_that_dies_fails_its_run_and_the_next_run_starts_a_new_one(qtbot, make_ui):
    ui = make_ui(spiral_mlp(samples=200, epochs=LONG))
    ui.controller.train()
    qtbot.waitUntil(lambda: ui.controller.phase is Phase.RUNNING, timeout=30_000)
    child = _child(ui)
    with qtbot.waitSignal(ui.controller.run_failed, timeout=10_000) as blocker:
        child.kill()  # what the system does to a process that ran out of memory
    assert "ended unexpectedly" in blocker.args[0] and ui.controller.phase is Phase.IDLE
    assert ui.training_panel.banner.level == "error"
    project = ui.controller.session.project
    project.set_settings("training", dict(project.training, epochs=1))
    ui.controller.train()
    assert finished(qtbot, ui, 30_000).result.stop_reason == "completed"
    assert _child(ui) is not child


def test_closing_the_window_ends_the_training_process_without_waiting_for_torch(qtbot, make_ui):
    ui = make_ui(spiral_mlp(samples=200, epochs=LONG))
    ui.controller.train()  # the child starts and loads torch: seconds
    qtbot.wait(100)
    child = _child(ui)
    started = time.monotonic()
    ui.controller.shutdown()  # what closing the window does
    assert time.monotonic() - started < 3.0
    assert not child.is_alive()


def test_closing_the_window_during_a_run_ends_it_and_its_process(qtbot, make_ui):
    ui = make_ui(spiral_mlp(samples=200, epochs=LONG))
    ui.controller.train()
    qtbot.waitUntil(lambda: ui.controller.phase is Phase.RUNNING, timeout=30_000)
    child = _child(ui)
    ui.controller.shutdown()
    assert not child.is_alive() and child.exitcode == 0  # it ended on its own, not killed
    folders = list(ui.controller.runs_root.iterdir())
    assert len(folders) == 1 and (folders[0] / "weights.safetensors").is_file()  # the run was written


def test_progress_merges_as_the_mailbox_would_have_kept_it():
    first = Progress(3, epoch=1, iteration=2, samples_seen=64, seconds=0.5, lr=0.1, steps=[1, 2],
                     batch_losses=[1.0, 0.9], lrs=[0.1, 0.1], analysis=None)
    second = Progress(3, epoch=1, iteration=4, samples_seen=128, seconds=0.9, lr=0.05, steps=[3, 4],
                      batch_losses=[0.8, 0.7], lrs=[0.05, 0.05], analysis="pictures", paused=True)  # type: ignore[arg-type]
    third = Progress(3, epoch=2, iteration=5, samples_seen=160, seconds=1.0, lr=0.05, steps=[5],
                     batch_losses=[0.6], lrs=[0.05])
    merge_progress(first, second)
    merge_progress(first, third)
    assert first.steps == [1, 2, 3, 4, 5] and first.batch_losses == [1.0, 0.9, 0.8, 0.7, 0.6]
    assert (first.epoch, first.iteration, first.samples_seen, first.lr) == (2, 5, 160, 0.05)
    assert first.analysis == "pictures"  # the latest pictures stay until newer ones come
    assert first.paused is False  # the counters and the pause are the latest update's


def test_the_window_starts_its_training_process_once_it_has_painted_and_ends_it_on_close(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from tests.qt.conftest import full_window

    window = full_window(qtbot, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat), (1280, 720))
    controller = window.training.controller
    qtbot.waitUntil(lambda: controller._worker is not None, timeout=5_000)  # after the first frame
    child = controller._worker._process
    assert child is not None and child.is_alive()
    qtbot.waitUntil(controller.engine_ready, timeout=60_000)  # torch loaded there, before any Train
    window.close()
    assert not child.is_alive() and child.exitcode == 0


def test_wishes_that_reach_the_child_after_its_last_pictures_are_asked_for_again():
    from dataclasses import asdict

    from dlplayground.qt.training.child_process import _RelayedRequest
    from dlplayground.qt.training.view_request import Wishes

    relayed = _RelayedRequest()
    relayed.receive(asdict(Wishes(feature_node="conv1")), 1)
    assert relayed.take().feature_node == "conv1" and relayed.taken == 1
    relayed.receive(asdict(Wishes(feature_node="conv2", confusion=True)), 2)
    assert relayed.taken < relayed.received  # the run ends now: the window asks for number 2 again
    # a one-shot confusion matrix not yet made survives wishes sent after it
    relayed.receive(asdict(Wishes(feature_node="conv2")), 3)
    assert relayed.take().confusion and relayed.taken == 3 and not relayed.take().confusion


def test_step_from_idle_pauses_after_one_step_even_before_the_child_has_started(qtbot, make_ui):
    ui = make_ui(spiral_mlp(samples=200, epochs=LONG))
    controller = ui.controller
    assert controller._worker is None  # no first paint has started a training process yet
    latest = {}
    controller.progressed.connect(lambda p: latest.update(iteration=p.iteration, paused=p.paused))
    controller.advance("step")
    qtbot.waitUntil(lambda: controller.phase is Phase.PAUSED, timeout=30_000)
    qtbot.waitUntil(lambda: latest.get("iteration") == 1, timeout=5_000)
    qtbot.wait(300)
    assert latest["iteration"] == 1
    controller.stop()
    finished(qtbot, ui, 5_000)


#: a script that opens the window and trains, with no ``__main__`` guard: run again in the
#: training process (as spawn would), it would open another window there and start another child
UNGUARDED_SCRIPT = """
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from dlplayground.qt.app import build_window
window = build_window()
assert window.files.open_path(PROJECT, ask=False)
controller = window.training.controller
ended = []
controller.run_finished.connect(lambda *args: ended.append("finished"))
controller.run_failed.connect(lambda *args: ended.append(args[-1]))
controller.train()
deadline = time.monotonic() + 90
while not ended and time.monotonic() < deadline:
    QApplication.processEvents()
    time.sleep(0.01)
print("ended:", ended[:1])
window.session.undo_stack.setClean()
window.close()
"""


@pytest.mark.parametrize("how", ["file", "stdin"])
def test_a_script_that_opens_the_window_trains_in_a_process_that_does_not_run_it_again(tmp_path, how):
    """spawn re-runs the parent's main script in the child, unless told another main module:
    the script is not run there, whether it is a file or was piped in (``python - < x.py``)."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    example = json.loads((Path(__file__).resolve().parents[3] / "assets/examples/spiral_mlp.dlp.json").read_text())
    example["training"]["epochs"] = 2
    project = tmp_path / "spiral.dlp.json"
    project.write_text(json.dumps(example))
    code = UNGUARDED_SCRIPT.replace("PROJECT", repr(str(project)))
    folder = tmp_path / "scripts"  # apart from the settings' "dlplayground" folders below
    folder.mkdir()
    script = folder / "opens_the_window.py"
    script.write_text(code)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path),
           "XDG_DATA_HOME": str(tmp_path / "data"), "DLPLAYGROUND_TRAINING": "process"}
    command = [sys.executable, str(script)] if how == "file" else [sys.executable, "-"]
    done = subprocess.run(command, input=None if how == "file" else code, capture_output=True, text=True,
                          env=env, cwd=folder, timeout=240)
    assert done.returncode == 0, done.stderr
    assert "ended: ['finished']" in done.stdout, done.stdout + done.stderr
    assert "bootstrapping phase" not in done.stderr
