"""Item 10: at 1280x720 the status bar's message after a run is not cut off by its indicators."""

from __future__ import annotations

import json

import pytest

from dlplayground.qt.training.integration import install_training
from tests.qt.firsthour.test_translation import turkish  # noqa: F401 (a fixture)
from tests.training.conftest import spiral_mlp


def _room(window) -> int:
    """The width the status bar leaves its temporary message: up to its first indicator."""
    bar = window.statusBar()
    shown = [w for w in bar.findChildren(type(window.validity_label)) if w.isVisible() and w.parent() is bar] + \
        [w for w in bar.children() if hasattr(w, "isVisible") and w.isVisible() and hasattr(w, "meter")]
    return min(w.geometry().left() for w in shown)


def _train(qtbot, window, ui, tmp_path, name: str) -> None:
    path = tmp_path / f"{name}.dlp.json"
    project = spiral_mlp(samples=200, epochs=2)
    project["name"] = name
    path.write_text(json.dumps(project))
    assert window.files.open_path(path, ask=False)
    ui.controller.actions.train.trigger()
    qtbot.waitUntil(lambda: not ui.controller.busy and ui.controller.runs
                    and ui.controller.runs[-1].result is not None, timeout=60_000)
    qtbot.wait(50)


@pytest.mark.parametrize("language", ["en", "tr"])
def test_the_message_after_a_run_fits_beside_the_indicators_at_1280x720(qtbot, window, tmp_path, language, request):
    if language == "tr":
        request.getfixturevalue("turkish")
    window.resize(1280, 720)
    ui = install_training(window, tmp_path / "runs")
    _train(qtbot, window, ui, tmp_path, "spiral-mlp")
    message = window.statusBar().currentMessage()
    folder = ui.controller.runs[-1].result.folder
    assert folder is not None and folder.name in message, message  # names the run folder
    # the status bar draws the message from its left edge (plus a small margin) up to its first indicator
    needed = window.statusBar().fontMetrics().horizontalAdvance(message) + 8
    assert needed <= _room(window), (needed, _room(window), message)
