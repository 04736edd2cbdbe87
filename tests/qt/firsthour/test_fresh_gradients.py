"""Item 10: a fresh project (File › New, or an example opened after a run) shows no gradient axes
or curves left over from the last run, and neither does a window that has not trained yet."""

from __future__ import annotations

import json

import pytest

from dlplayground.qt.training.integration import install_training
from tests.qt.conftest import open_example
from tests.training.conftest import spiral_mlp


def _gradients(qtbot, ui):
    """The Gradients tab's view (built as the tab would build it when shown)."""
    panel = ui.training_panel
    ui.training_dock.raise_()
    panel.tabs.setCurrentWidget(panel.gradients)
    return panel.gradients.view()


def _assert_nothing_left(view) -> None:
    assert not view.canvas.isVisibleTo(view), "the last run's axes are still on screen"
    assert view.idle_label.isVisibleTo(view) and view.idle_label.text()
    assert view.curve_plot.listDataItems() == [] and view._curves == []
    assert view.heatmap.image is None
    assert len(view.bars.opts["x"]) == 0 and not view.threshold_line.isVisible()
    assert view.flags_label.text() == "" and view.flags == {}


def _train(qtbot, window, ui, tmp_path) -> None:
    path = tmp_path / "small.dlp.json"
    path.write_text(json.dumps(spiral_mlp(samples=200, epochs=2)))
    assert window.files.open_path(path, ask=False)
    ui.controller.actions.train.trigger()
    qtbot.waitUntil(lambda: not ui.controller.busy and ui.controller.runs
                    and ui.controller.runs[-1].result is not None, timeout=60_000)
    view = ui.training_panel.gradients.view()
    # the run drew its curves and map: the plots are up, with one curve per weighted layer
    qtbot.waitUntil(lambda: view.canvas.isVisibleTo(view) and len(view._curves) == 3 and view.heatmap.image is not None,
                    timeout=5_000)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_a_window_that_has_not_trained_shows_no_empty_gradient_axes(qtbot, window, tmp_path, size):
    window.resize(*size)
    ui = install_training(window, tmp_path / "runs")
    _assert_nothing_left(_gradients(qtbot, ui))


@pytest.mark.parametrize("fresh", ["new", "example"])
def test_a_fresh_project_after_a_run_shows_no_leftover_gradient_plots(qtbot, window, tmp_path, fresh):
    window.resize(1280, 720)
    ui = install_training(window, tmp_path / "runs")
    view = _gradients(qtbot, ui)
    _train(qtbot, window, ui, tmp_path)
    if fresh == "new":
        window.actions["new"].trigger()
    else:
        open_example(window, "spiral_mlp.dlp.json")
    qtbot.wait(20)
    _assert_nothing_left(view)
    # the next run brings the plots back, scaled for itself
    _train(qtbot, window, ui, tmp_path)
    assert view.curve_plot.viewRange()[0][1] <= 2.5  # two epochs, not a stale range
