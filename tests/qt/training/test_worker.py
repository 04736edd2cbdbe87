"""Training on the worker thread: metrics arrive, pause/resume, stop, NaN, failures, continuing."""

from __future__ import annotations

import csv
import json
import threading
import time

import pytest

from dlplayground.qt.training.controller import Phase
from dlplayground.qt.training.worker import UPDATE_INTERVAL, TrainingWorker, training_threads
from tests.training.conftest import spiral_mlp

LONG = 10_000  # epochs: a run that only ends when it is stopped


def finished(qtbot, ui, timeout=20_000):
    with qtbot.waitSignal(ui.controller.run_finished, timeout=timeout) as blocker:
        pass
    return blocker.args[0]


def test_a_run_sends_metrics_and_leaves_a_run_folder(qtbot, make_ui):
    ui = make_ui(spiral_mlp(samples=200, epochs=3))
    progress = []
    ui.controller.progressed.connect(progress.append)
    with qtbot.waitSignals([ui.controller.run_started, ui.controller.progressed], timeout=20_000, order="strict"):
        run_id = ui.controller.train()
    assert run_id == 1 and ui.controller.phase in (Phase.RUNNING, Phase.IDLE)
    record = finished(qtbot, ui) if ui.controller.busy else ui.controller.runs[0]
    result = record.result
    assert result.stop_reason == "completed" and len(result.history) == 3
    # every step and every epoch reached the window exactly once, in order
    steps = [s for p in progress for s in p.steps]
    assert steps == list(range(1, result.steps + 1))
    assert [m.epoch for p in progress for m in p.epochs] == [1, 2, 3]
    assert sum(len(p.gradients) for p in progress) >= 3  # at least once per epoch
    rows = list(csv.DictReader((result.folder / "metrics.csv").open()))
    assert [int(r["epoch"]) for r in rows] == [1, 2, 3]
    assert json.loads((result.folder / "summary.json").read_text())["stop_reason"] == "completed"
    assert ui.controller.phase is Phase.IDLE and ui.training_panel.runs.list.count() == 1


def test_updates_are_coalesced(qtbot, make_ui):
    ui = make_ui(spiral_mlp(samples=400, epochs=15))
    notices = []
    ui.controller.progressed.connect(lambda p: notices.append(time.perf_counter()))
    started = time.perf_counter()
    ui.controller.train()
    record = finished(qtbot, ui)
    elapsed = time.perf_counter() - started
    assert record.result.steps > 3 * len(notices)  # many steps per update, not one signal each
    assert len(notices) <= elapsed / UPDATE_INTERVAL + 3  # at most ~20 a second (+ start and end)


def pause_hold_resume(qtbot, ui, trained=lambda controller: None, start_timeout=20_000):
    """Train, pause: the window's progress (and ``trained(controller)``, the steps the trainer
    took, where the test can reach the trainer) stays put; resume: it goes on; then stop."""
    controller = ui.controller
    latest = {}
    controller.progressed.connect(lambda p: latest.update(iteration=p.iteration, paused=p.paused))
    controller.train()
    qtbot.waitUntil(lambda: latest.get("iteration", 0) > 20, timeout=start_timeout)
    controller.pause()
    assert controller.phase is Phase.PAUSED and controller.actions.resume.isEnabled()
    qtbot.waitUntil(lambda: latest.get("paused") is True, timeout=2_000)
    qtbot.wait(200)  # the step under way when Pause was pressed may still finish and report
    held = latest["iteration"]
    assert trained(controller) in (None, held)
    qtbot.wait(300)
    assert trained(controller) in (None, held) and latest["iteration"] == held
    controller.resume()
    assert controller.phase is Phase.RUNNING
    qtbot.waitUntil(lambda: latest["iteration"] > held + 20, timeout=5_000)
    controller.stop()
    assert finished(qtbot, ui, 5_000).result.stop_reason == "terminated"


def test_pause_holds_the_run_and_resume_continues_it(qtbot, make_ui):
    ui = make_ui(spiral_mlp(samples=200, epochs=LONG))
    pause_hold_resume(qtbot, ui, trained=lambda controller: controller._worker._engine.state.iteration)


def test_stop_ends_the_run_within_a_second_and_keeps_its_folder(qtbot, make_ui):
    ui = make_ui(spiral_mlp(samples=200, epochs=LONG))
    ui.controller.train()
    qtbot.waitUntil(lambda: ui.controller.phase is Phase.RUNNING, timeout=20_000)
    qtbot.wait(200)
    requested = time.perf_counter()
    with qtbot.waitSignal(ui.controller.run_finished, timeout=1_000) as blocker:
        ui.controller.stop()
    assert time.perf_counter() - requested < 1.0
    result = blocker.args[0].result
    assert result.stop_reason == "terminated" and "stopped by the user" in result.message
    assert (result.folder / "weights.safetensors").is_file()
    assert ui.training_panel.banner.isVisible() and "stopped by the user" in ui.training_panel.banner.text()


def test_stop_while_paused(qtbot, make_ui):
    ui = make_ui(spiral_mlp(samples=200, epochs=LONG))
    ui.controller.train()
    qtbot.waitUntil(lambda: ui.controller.phase is Phase.RUNNING, timeout=20_000)
    ui.controller.pause()
    qtbot.wait(100)
    with qtbot.waitSignal(ui.controller.run_finished, timeout=1_000):
        ui.controller.stop()


def test_a_huge_learning_rate_stops_with_a_visible_message(qtbot, make_ui):
    project = spiral_mlp(samples=200, epochs=50, activation="ReLU", optimizer={"type": "SGD", "lr": 1e6})
    ui = make_ui(project)
    ui.controller.train()
    result = finished(qtbot, ui).result
    assert result.stop_reason == "non_finite_loss"
    banner = ui.training_panel.banner
    assert banner.isVisible() and banner.level == "error"
    assert "loss became" in banner.text() and "learning rate of 1e+06" in banner.text()
    # the curves never received a point they cannot draw
    ui.training_panel.curves.redraw()
    x, y = ui.training_panel.curves.curves["step"].item.getData()
    assert y is None or all(v == v and abs(v) != float("inf") for v in y)


def test_a_project_that_cannot_train_reports_why(qtbot, make_ui):
    project = spiral_mlp(samples=200)
    project["graph"]["edges"] = [e for e in project["graph"]["edges"] if e["dst"] != "y"]  # Output unconnected
    ui = make_ui(project)
    with qtbot.waitSignal(ui.controller.run_failed, timeout=20_000) as blocker:
        ui.controller.train()
    assert "y" in blocker.args[0]
    assert ui.controller.phase is Phase.IDLE and ui.controller.actions.train.isEnabled()
    assert ui.training_panel.banner.level == "error" and "Cannot train" in ui.training_panel.banner.text()
    assert "could not start" in ui.training_panel.runs.list.item(0).text()


def test_editing_during_a_run_does_not_disturb_it(qtbot, make_ui):
    ui = make_ui(spiral_mlp(samples=200, epochs=LONG))
    session = ui.controller.session
    ui.controller.train()
    qtbot.waitUntil(lambda: ui.controller.phase is Phase.RUNNING, timeout=20_000)
    session.graph.set_param("fc1", "out_features", 7)  # the live document changes...
    qtbot.wait(200)
    ui.controller.stop()
    result = finished(qtbot, ui, 5_000).result
    assert result.stop_reason == "terminated"
    trained = json.loads((result.folder / "project.json").read_text())
    fc1 = next(n for n in trained["graph"]["nodes"] if n["id"] == "fc1")
    assert fc1["params"]["out_features"] == 32  # ...the run trains the snapshot taken at Train


def test_runs_continue_from_the_last_weights_until_reset(qtbot, make_ui):
    ui = make_ui(spiral_mlp(samples=200, epochs=2))
    controller = ui.controller
    infos = []
    controller.run_started.connect(infos.append)
    for _ in range(2):
        controller.train()
        first = finished(qtbot, ui)
    assert not infos[0].continued and infos[1].continued
    assert infos[0].device == "cpu" and ui.status.device.text() == "on cpu"  # where it trains, in the status bar
    # the second run starts where the first ended: its first epoch beats the first run's
    runs = controller.runs
    assert runs[1].history[0].train_loss < runs[0].history[0].train_loss
    assert controller.actions.reset.isEnabled()
    controller.reset_weights()
    assert not controller.actions.reset.isEnabled()
    controller.train()
    finished(qtbot, ui)
    assert not infos[2].continued and "fresh" in infos[2].note
    assert runs[2].history[0].train_loss == pytest.approx(runs[0].history[0].train_loss)
    # a changed graph cannot take the old weights: the run says so and starts fresh
    controller.session.graph.set_param("fc1", "out_features", 8)
    controller.train()
    finished(qtbot, ui)
    assert not infos[3].continued and "graph changed" in infos[3].note
    del first


def test_the_worker_leaves_a_core_for_the_window():
    assert training_threads() >= 1
    import os

    cores = len(os.sched_getaffinity(0))
    assert training_threads() == max(1, cores - 1)


def test_stop_during_preparation_cancels_the_run_quietly(qtbot, make_ui, monkeypatch):
    ui = make_ui(spiral_mlp(samples=200, epochs=LONG))
    # the preparation goes on until Stop was pressed: on a loaded machine the worker could
    # otherwise finish it between Train and Stop, and the run would start (in the training
    # process's version of this test the patch does not reach the child, which is slower anyway)
    pressed = threading.Event()
    prepare = TrainingWorker._prepare

    def prepare_until_stop_pressed(self, order):
        pressed.wait(10)
        return prepare(self, order)

    monkeypatch.setattr(TrainingWorker, "_prepare", prepare_until_stop_pressed)
    with qtbot.waitSignal(ui.controller.run_failed, timeout=20_000) as blocker:
        ui.controller.train()
        ui.controller.stop()  # before the worker thread has prepared the data
        pressed.set()
    assert blocker.args[0] == "stopped before the first step"
    assert ui.training_panel.banner.level == "info" and ui.controller.phase is Phase.IDLE
    assert not (ui.controller.runs_root).exists() or not any(ui.controller.runs_root.iterdir())


def test_a_run_that_fails_inside_a_step_is_reported_with_a_traceback_on_stderr(qtbot, make_ui, capfd, monkeypatch):
    # a bug (not a user's mistake) surfacing mid-run: the window names it, stderr keeps the traceback
    from dlplayground.compile.module import GraphModule

    calls = {"n": 0}
    real_forward = GraphModule.forward

    def failing_forward(self, x):
        if self.training:  # a training step, not a plot's evaluation
            calls["n"] += 1
            if calls["n"] == 5:
                raise KeyError("custom")
        return real_forward(self, x)

    monkeypatch.setattr(GraphModule, "forward", failing_forward)
    ui = make_ui(spiral_mlp(samples=200, epochs=3))
    ui.controller.train()
    record = finished(qtbot, ui)
    assert record.result.stop_reason == "error" and "KeyError" in record.result.message
    err = capfd.readouterr().err
    assert "Traceback" in err and "failing_forward" in err


def test_closing_while_a_run_is_prepared_does_not_wait_for_the_preparation(qtbot, make_ui, monkeypatch):
    # a cold start (torch's first import, a large dataset) takes seconds:
    # stand in for it with a preparation that takes 8 s
    import dlplayground.training as training

    real = training.prepare_training

    def slow_prepare(*args, **kwargs):
        time.sleep(8)
        return real(*args, **kwargs)

    monkeypatch.setattr(training, "prepare_training", slow_prepare)
    ui = make_ui(spiral_mlp(samples=200, epochs=LONG))
    ui.controller.train()
    qtbot.wait(300)  # the worker is inside the preparation now
    started = time.monotonic()
    ui.controller.shutdown()  # what closing the window does
    assert time.monotonic() - started < 1.5
    assert not ui.controller.runs_root.exists() or not any(ui.controller.runs_root.iterdir())


def test_slow_pictures_are_made_less_often_so_they_keep_to_their_share(monkeypatch):
    """A picture that took d seconds is followed by the next no sooner than d / ANALYSIS_SHARE."""
    from types import SimpleNamespace

    from dlplayground.qt.training import worker as worker_module
    from dlplayground.qt.training.payloads import Progress
    from dlplayground.qt.training.worker import ANALYSIS_INTERVAL, ANALYSIS_SHARE, TrainingWorker

    clock = [100.0]  # a fake clock: the machine's load must not decide the test
    monkeypatch.setattr(worker_module.time, "perf_counter", lambda: clock[0])

    class Analyst:
        seconds = 0.001

        def analyse(self, wishes, step, final=False, with_confusion=False):
            clock[0] += self.seconds
            return None

    worker = TrainingWorker()
    worker._mailbox.reset([Progress(1)])
    worker._analyst = Analyst()
    trainer = SimpleNamespace(state=SimpleNamespace(iteration=1))
    worker._analyse(trainer)
    assert worker._analysis_gap == ANALYSIS_INTERVAL  # cheap pictures: the fixed interval
    worker._analyst.seconds = 0.05
    worker._analyse(trainer)
    assert worker._analysis_gap == pytest.approx(0.05 / ANALYSIS_SHARE) and worker._analysis_gap > ANALYSIS_INTERVAL
