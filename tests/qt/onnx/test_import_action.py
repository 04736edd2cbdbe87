"""File › Import ONNX… runs on a worker thread behind a progress dialog: the window's event loop
goes on, success opens the project, a refused model says why and writes nothing, Cancel (before
writing) writes nothing, and closing the window mid-import neither crashes nor hangs."""

from __future__ import annotations

import threading
import time

import onnx
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

import dlplayground.onnx_import as pipeline
from dlplayground.onnx_import.verify import Comparison
from dlplayground.qt.onnx.import_action import install_import
from tests.commands.test_import_cli import _mlp
from tests.onnx_import.models import unmappable_model


@pytest.fixture
def tool(window):
    return getattr(window, "onnx_import", None) or install_import(window)


@pytest.fixture
def mlp(tmp_path):
    folder = tmp_path / "models"
    folder.mkdir()
    _mlp(folder / "mlp.onnx")
    return folder / "mlp.onnx"


def written(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


class Gate:
    """Holds a pipeline step on the worker thread until the test releases it."""

    def __init__(self, step):
        self.step = step
        self.entered = threading.Event()
        self.release = threading.Event()

    def __call__(self, *args, **kwargs):
        self.entered.set()
        assert self.release.wait(10), "the test never released the step"
        return self.step(*args, **kwargs)


def test_the_event_loop_runs_during_an_import_and_success_opens_the_project(window, tool, mlp, tmp_path,
                                                                           monkeypatch):
    """The onnxruntime check is held on the worker thread until the window's own timer has
    ticked 20 times: on the GUI thread the import would never finish (the gate times out)."""
    gate = Gate(pipeline.compare)
    monkeypatch.setattr(pipeline, "compare", gate)
    held_ticks, finished, seen = [], [], set()
    timer = QTimer()
    timer.setInterval(5)

    def tick():
        if tool.progress is not None:
            seen.add((tool.progress.heading.text(), tool.progress.stage_label.text()))
        if gate.entered.is_set() and not gate.release.is_set():
            held_ticks.append(tool.running)
            if len(held_ticks) == 20:
                gate.release.set()

    timer.timeout.connect(tick)
    timer.start()
    out = tmp_path / "out" / "mlp.dlp.json"
    tool.import_finished.connect(finished.append)
    try:
        assert tool.import_file(mlp, out, show_errors=False)
    finally:
        timer.stop()
    assert held_ticks == [True] * 20
    assert ("Importing mlp.onnx", "Checking the project against onnxruntime…") in seen
    assert finished == [True] and not tool.running and tool.progress is None
    assert [n.type for n in window.session.graph.nodes] == ["Input", "Linear", "ReLU", "Linear", "Output"]
    assert window.session.path == out and written(out.parent) == ["mlp.dlp.json", "mlp.safetensors"]
    assert window.statusBar().currentMessage().startswith("Imported 3 layers from mlp.onnx; weights in mlp.safetensors")


def test_the_worker_names_each_stage_in_order(tool, mlp, tmp_path, monkeypatch):
    from dlplayground.qt.onnx import import_worker

    stages = []
    real_job = import_worker.ImportJob

    def recording_job(*args):
        job = real_job(*args)
        job.progressed.connect(stages.append)
        return job

    monkeypatch.setattr(import_worker, "ImportJob", recording_job)
    assert tool.import_file(mlp, tmp_path / "out" / "mlp", show_errors=False)  # ".dlp.json" is added
    assert stages == ["libraries", "loading", "preparing", "mapping", "checking", "writing"]
    assert written(tmp_path / "out") == ["mlp.dlp.json", "mlp.safetensors"]


def test_the_window_names_the_pipeline_stages_as_the_pipeline_does():
    from dlplayground.qt.onnx import import_worker

    assert import_worker.PIPELINE_STAGES == pipeline.STAGES
    assert import_worker.ORDER == ("libraries", *pipeline.STAGES, "writing")


def test_a_refused_model_shows_why_and_writes_nothing(window, tool, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append((title, text)))
    onnx.save(unmappable_model(), str(tmp_path / "bad.onnx"))
    before = window.session.path
    assert not tool.import_file(tmp_path / "bad.onnx", tmp_path / "out" / "bad.dlp.json")
    assert len(shown) == 1 and shown[0][0] == "Cannot import the model"
    assert shown[0][1] == tool.last_error and tool.last_error.startswith("bad.onnx: ")
    assert "cannot be imported" in tool.last_error and "'crop' (Slice)" in tool.last_error
    assert written(tmp_path / "out") == [] and window.session.path == before
    assert window.statusBar().currentMessage() == "Import failed" and not tool.running


def test_a_model_that_onnxruntime_disagrees_with_is_refused(tool, mlp, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "compare", lambda *args, **kwargs: Comparison(0.5, 0.25, 4))
    assert not tool.import_file(mlp, tmp_path / "out" / "mlp.dlp.json", show_errors=False)
    assert "does not reproduce the model under onnxruntime (relative difference 0.25); nothing was written" \
        in tool.last_error
    assert written(tmp_path / "out") == []


@pytest.mark.parametrize("held, how", [("map_graph", "button"), ("compare", "escape")])
def test_cancel_before_writing_writes_nothing(window, tool, mlp, tmp_path, monkeypatch, qtbot, held, how):
    """Cancel while mapping, or while the last step of the background work runs (it finishes,
    then the import stops before writing)."""
    gate = Gate(getattr(pipeline, held))
    monkeypatch.setattr(pipeline, held, gate)
    before = window.session.path
    out = tmp_path / "out" / "mlp.dlp.json"
    assert tool.import_file(mlp, out, wait=False) and tool.running
    assert gate.entered.wait(10)
    progress = tool.progress
    stage, step = {"map_graph": ("Mapping the operators onto layers…", "Stage 4 of 6"),
                   "compare": ("Checking the project against onnxruntime…", "Stage 5 of 6")}[held]
    qtbot.waitUntil(lambda: progress.stage_label.text() == stage, timeout=5000)
    assert progress.bar.text() == step and progress.heading.text() == "Importing mlp.onnx"
    if how == "button":
        progress.cancel_button.click()
    else:
        progress.reject()  # Escape
    assert progress.isVisible() and not progress.cancel_button.isEnabled()
    assert progress.stage_label.text().startswith("Cancelling")
    with qtbot.waitSignal(tool.import_finished, timeout=10000) as finished:
        gate.release.set()
    assert finished.args == [False] and tool.was_cancelled and tool.last_error == ""
    assert written(out.parent) == [] and window.session.path == before
    assert window.statusBar().currentMessage() == "Import of mlp.onnx cancelled; nothing was written"


def test_cancel_once_writing_has_begun_lets_the_import_complete(window, tool, mlp, tmp_path, monkeypatch, qtbot):
    gate = Gate(pipeline.write_import)
    monkeypatch.setattr(pipeline, "write_import", gate)
    out = tmp_path / "out" / "mlp.dlp.json"
    assert tool.import_file(mlp, out, wait=False)
    assert gate.entered.wait(10)
    qtbot.waitUntil(lambda: not tool.progress.cancel_button.isEnabled(), timeout=5000)  # the writing stage
    tool.cancel()  # too late: the files must not end up half written
    with qtbot.waitSignal(tool.import_finished, timeout=10000) as finished:
        gate.release.set()
    assert finished.args == [True] and not tool.was_cancelled
    assert window.session.path == out and written(out.parent) == ["mlp.dlp.json", "mlp.safetensors"]


def test_closing_the_window_during_an_import_stops_it_without_writing(window, tool, mlp, tmp_path, monkeypatch):
    real_compare = pipeline.compare
    started = threading.Event()

    def slow_compare(*args, **kwargs):
        started.set()
        time.sleep(0.3)
        return real_compare(*args, **kwargs)

    monkeypatch.setattr(pipeline, "compare", slow_compare)
    out = tmp_path / "out" / "mlp.dlp.json"
    assert tool.import_file(mlp, out, wait=False)
    assert started.wait(10)
    began = time.perf_counter()
    assert window.close()
    assert time.perf_counter() - began < 5 and not tool.running
    assert tool.import_file(mlp, out) is False  # the window is gone: no new import
    QApplication.processEvents()  # the notices still queued find a closed tool and do nothing
    assert written(out.parent) == [] and tool.was_cancelled
