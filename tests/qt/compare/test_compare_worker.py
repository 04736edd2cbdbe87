"""Comparisons on the worker thread: both runs report, alternate, stop, fail clearly, shut down."""

from __future__ import annotations

import json

import pytest

from dlplayground.experiments.presets import deep_mlp
from dlplayground.qt.compare.controller import CompareController
from dlplayground.qt.compare.worker import CompareOrder
from dlplayground.qt.training.worker import UPDATE_INTERVAL
from tests.training.conftest import spiral_mlp


def small_deep(epochs=2, samples=200):
    data = {"name": "spiral", "params": {"samples": samples, "classes": 3}, "val_split": 0.2, "seed": 0}
    training = {"loss": "CrossEntropyLoss", "optimizer": {"type": "Adam", "lr": 0.01}, "batch_size": 16,
                "epochs": epochs, "seed": 0}
    return deep_mlp(6, "Tanh", width=8, data=data, training=training, name="Small plain")


@pytest.fixture
def controller(qtbot):
    made = CompareController()
    yield made
    made.shutdown()


def run_to_end(qtbot, controller, order, timeout=30_000):
    progress = ([], [])
    controller.progressed.connect(lambda a, b: (progress[0].append(a), progress[1].append(b)))
    with qtbot.waitSignal(controller.comparison_finished, timeout=timeout) as finished:
        assert controller.start(order)
    return finished.args[0], progress


def test_both_runs_report_every_step_and_leave_run_folders(qtbot, controller, tmp_path):
    started = []
    controller.comparison_started.connect(started.append)
    finished, progress = run_to_end(qtbot, controller, CompareOrder(small_deep(), None, run_dir=tmp_path / "cmp"))
    info_a, info_b = started[0].runs
    assert (info_a.name, info_b.name) == ("Small plain", "Small residual")
    assert info_a.layer_ids == info_b.layer_ids == ("fc0", "fc1", "fc2", "fc3", "fc4", "head")
    assert started[0].shared == info_a.layer_ids
    assert any(n["type"] == "Add" for n in started[0].second_project["graph"]["nodes"])
    for run, result in enumerate(finished.results):
        assert result.stop_reason == "completed" and len(result.history) == 2
        steps = [s for p in progress[run] for s in p.steps]
        assert steps == list(range(1, result.steps + 1))  # every step reached the window once
        assert [m.epoch for p in progress[run] for m in p.epochs] == [1, 2]
        assert sum(len(p.gradients) for p in progress[run]) >= 2
        summary = json.loads((result.folder / "summary.json").read_text())
        assert summary["stop_reason"] == "completed" and result.folder.parent == tmp_path / "cmp"
    assert not controller.busy


def test_updates_are_coalesced(qtbot, controller):
    import time

    notices = []
    controller.progressed.connect(lambda a, b: notices.append(time.perf_counter()))
    started = time.perf_counter()
    with qtbot.waitSignal(controller.comparison_finished, timeout=60_000) as finished:
        controller.start(CompareOrder(small_deep(epochs=12, samples=400), None))
    elapsed = time.perf_counter() - started
    steps = finished.args[0].results[0].steps
    assert steps > 3 * len(notices)
    assert len(notices) <= elapsed / UPDATE_INTERVAL + 3


def test_pause_holds_both_runs_and_stop_ends_them(qtbot, controller):
    latest = {}
    controller.progressed.connect(lambda a, b: latest.update(a=a, b=b))
    with qtbot.waitSignal(controller.comparison_started, timeout=20_000):
        controller.start(CompareOrder(small_deep(epochs=10_000), None))
    qtbot.waitUntil(lambda: latest.get("b") is not None and latest["b"].iteration > 5, timeout=10_000)
    controller.pause()
    qtbot.waitUntil(lambda: latest["a"].paused and latest["b"].paused, timeout=5_000)
    qtbot.wait(200)  # the step under way when Pause was pressed finishes
    held = (latest["a"].iteration, latest["b"].iteration)
    qtbot.wait(300)
    assert (latest["a"].iteration, latest["b"].iteration) == held and abs(held[0] - held[1]) <= 1
    controller.resume()
    qtbot.waitUntil(lambda: latest["a"].iteration > held[0] + 3, timeout=5_000)
    with qtbot.waitSignal(controller.comparison_finished, timeout=5_000) as finished:
        controller.stop()
    assert [r.stop_reason for r in finished.args[0].results] == ["terminated", "terminated"]


def test_a_project_without_a_twin_fails_with_a_message(qtbot, controller):
    with qtbot.waitSignal(controller.comparison_failed, timeout=20_000) as failed:
        controller.start(CompareOrder(spiral_mlp(), None))
    assert "No residual twin" in failed.args[0] and "at least 4" in failed.args[0]
    assert not controller.busy


def test_shutdown_during_a_run_ends_the_thread(qtbot, controller):
    with qtbot.waitSignal(controller.comparison_started, timeout=20_000):
        controller.start(CompareOrder(small_deep(epochs=10_000), None))
    thread = controller._thread.thread
    controller.shutdown()
    assert thread.isFinished() and not controller.busy


def test_stop_right_after_start_ends_the_comparison_without_leftovers(qtbot, controller, tmp_path):
    ended = []
    controller.comparison_failed.connect(lambda message: ended.append(("failed", message)))
    controller.comparison_finished.connect(lambda finished: ended.append(("finished", finished)))
    assert controller.start(CompareOrder(small_deep(epochs=50), None, run_dir=tmp_path / "cmp"))
    controller.stop()  # before the worker thread has even prepared the runs
    qtbot.waitUntil(lambda: bool(ended) and not controller.busy, timeout=30_000)
    kind, payload = ended[0]
    if kind == "finished":  # the stop reached the runs after they were prepared
        assert all(r.stop_reason == "terminated" for r in payload.results)
    else:
        assert payload == "stopped before the first step"
        assert not (tmp_path / "cmp").exists() or not any((tmp_path / "cmp").iterdir())
