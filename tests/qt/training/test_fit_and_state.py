"""The training panels in a dock: they fit it, their plots line up and stay readable, the
status says what a run is doing, and a new project starts from clean views."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtWidgets import QScrollArea

from dlplayground.graph.io import project_from_dict
from dlplayground.qt.session import new_project
from dlplayground.qt.training import plotting
from dlplayground.qt.training.controller import (
    Phase,
    TrainingController,
    default_runs_root,
)
from dlplayground.qt.training.curves_view import LOSS_MIN_HEIGHT, CurvesView
from dlplayground.qt.training.gradients_view import GradientsView
from dlplayground.qt.training.panel import ModelPanel, TrainingPanel
from dlplayground.qt.training.payloads import Analysis, Progress
from dlplayground.qt.training.status import TrainingStatus
from dlplayground.training import GradientRecord
from tests.conftest import EXAMPLES
from tests.qt.training.conftest import session_for
from tests.qt.training.test_views import epoch, info

LONG = 10_000  # epochs: a run that only ends when it is stopped
FOUR = ("conv1", "bn1", "mix", "fc")


def in_dock(qtbot, panel, width=700, height=600) -> QScrollArea:
    """``panel`` in a resizable scroll area, as the window docks it."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(panel)
    qtbot.addWidget(scroll)
    scroll.resize(width, height)
    scroll.show()
    qtbot.waitExposed(scroll)
    return scroll


def settle(qtbot) -> None:
    for _ in range(3):
        QCoreApplication.processEvents()
        qtbot.wait(20)


def scene_rect(item) -> QRectF:
    return item.mapRectToScene(item.boundingRect())


def curves_with_data(view: CurvesView) -> None:
    view.start(info(max_epochs=20))
    view.add(Progress(1, steps=list(range(1, 101)), batch_losses=list(np.linspace(2, 0.1, 100)),
                      lrs=[0.01] * 100, epochs=[epoch(n, 1 / n, 1.2 / n, 0.5 + n / 25, 0.45 + n / 25)
                                                for n in range(1, 11)]))
    view.redraw()


# -- fitting the dock ----------------------------------------------------------------------
def test_the_training_panel_fits_its_dock_whatever_the_banner_and_tabs(qtbot, tmp_path):
    panel = TrainingPanel(TrainingController(session_for(project_from_long_spiral()), tmp_path / "runs"))
    scroll = in_dock(qtbot, panel)
    curves_with_data(panel.curves)
    viewport = scroll.viewport().height()
    # a wrapped banner used to make the scroll area size the panel by its tallest tab's
    # preferred height (1280 px and more), so that the plots had to be scrolled
    panel.banner.show_message("Run #1 stopped by the user at epoch 113, step 2578. Saved to run folder "
                              + "a-very-long-run-folder-name-" * 4 + ".", "info")
    for tab in (panel.gradients, panel.histograms, panel.runs, panel.curves):
        panel.tabs.setCurrentWidget(tab)
        settle(qtbot)
        assert panel.height() == viewport, panel.tabs.tabText(panel.tabs.currentIndex())
    # every plot keeps a readable height; below that the panel scrolls rather than squashes
    assert panel.curves.loss_plot.height() >= LOSS_MIN_HEIGHT
    scroll.resize(700, 250)
    settle(qtbot)
    assert panel.height() > scroll.viewport().height()
    assert panel.curves.loss_plot.height() >= LOSS_MIN_HEIGHT
    assert scroll.verticalScrollBar().maximum() > 0


def test_the_model_panel_fits_its_dock_too(qtbot):
    panel = ModelPanel()
    scroll = in_dock(qtbot, panel, height=420)
    panel.images.caption.setText("A long caption that wraps " * 20)
    panel.tabs.setCurrentWidget(panel.images)
    settle(qtbot)
    assert panel.height() == scroll.viewport().height()


# -- plots that line up and legends that hide nothing ---------------------------------------
def gradients_with_four_layers(qtbot, width=700) -> GradientsView:
    view = GradientsView()
    qtbot.addWidget(view)
    view.resize(width, 520)
    view.show()
    qtbot.waitExposed(view)
    view.start(info(layer_ids=FOUR, steps_per_epoch=10, max_epochs=20))
    records = [GradientRecord(step, 1, FOUR, np.array([0.3, 0.05, 0.2, 0.9]) * (1 + 0.1 * math.sin(step)),
                              np.ones(4)) for step in range(0, 205, 5)]
    view.add(Progress(1, gradients=records))
    view.redraw()
    settle(qtbot)
    return view


def test_the_heat_map_shows_the_same_steps_as_the_curves(qtbot):
    view = gradients_with_four_layers(qtbot)
    curves_x = view.curve_plot.viewRange()[0]
    heat_x = view.heatmap_plot.viewRange()[0]
    # a pixel link (setXLink) made the map, narrower by its colour bar, show fewer epochs
    assert heat_x == pytest.approx(curves_x, abs=1e-6)
    assert heat_x[1] >= 20  # the newest steps are on screen
    view.curve_plot.setXRange(2, 7, padding=0)  # a zoom in either plot moves both
    assert view.heatmap_plot.viewRange()[0] == pytest.approx([2, 7], abs=1e-6)
    view.heatmap_plot.setXRange(1, 4, padding=0)
    assert view.curve_plot.viewRange()[0] == pytest.approx([1, 4], abs=1e-6)
    # and the plots have one width, so one step is at one place on screen
    assert view.curve_plot.getViewBox().width() == pytest.approx(view.heatmap_plot.getViewBox().width(), abs=1)


def test_legends_list_every_entry_and_cover_no_data(qtbot):
    view = gradients_with_four_layers(qtbot)
    legend = view.curve_legend
    assert [label.text for _, label in legend.items] == list(FOUR)
    data = scene_rect(view.curve_plot.getViewBox())
    assert not scene_rect(legend).intersects(data)
    # every entry is inside the legend's painted area (the 4th used to be cut off)
    for _, label in legend.items:
        assert scene_rect(legend).contains(scene_rect(label).center())

    curves = CurvesView()
    qtbot.addWidget(curves)
    curves.resize(700, 420)
    curves.show()
    qtbot.waitExposed(curves)
    curves_with_data(curves)
    settle(qtbot)
    for plot, legend, names in ((curves.loss_plot, curves.loss_legend, ["batch loss", "train", "validation"]),
                                (curves.accuracy_plot, curves.accuracy_legend, ["train", "validation"])):
        assert [label.text for _, label in legend.items] == names
        assert not scene_rect(legend).intersects(scene_rect(plot.getViewBox()))


def test_axis_labels_fit_the_axis():
    axis = plotting.ReadableAxis("left")
    for low, high, size in ((0.0, 1.0, 50), (0.0, 0.0055, 45), (0.9, 2.4, 200)):
        labelled = [v for _, values in axis.tickValues(low, high, size)[:1] for v in values]
        intervals = len(labelled) - 1
        assert 1 <= intervals <= max(2, size // plotting.ReadableAxis.LABEL_SPACING), (low, high, size)
    axis.setLogMode(False, True)  # log axes: decades, or 1-2-5 multiples, never 2..9 piled up
    for low, high, size in ((-1.6, 0.1, 60), (-1.6, 0.1, 200), (-6, 1, 60), (-0.4, -0.1, 40)):
        levels = axis.tickValues(low, high, size)
        labelled = levels[0][1]
        assert 1 <= len(labelled) <= max(2, size // plotting.ReadableAxis.LABEL_SPACING), (low, high, size)
        assert all(low <= v <= high for v in labelled)


# -- status wording --------------------------------------------------------------------------
def test_a_paused_run_shows_no_countdown(qtbot):
    status = TrainingStatus(interval=0.0)
    qtbot.addWidget(status)
    run = info(max_epochs=10, steps_per_epoch=10)
    status.start(run)
    for step in (10, 20, 30):
        status.add(Progress(1, epoch=step // 10, iteration=step, samples_seen=8 * step, seconds=step / 10))
    assert status.left.text().endswith("left")
    status.set_paused(True)
    assert status.left.text() == ""
    status.add(Progress(1, epoch=3, iteration=30, samples_seen=240, seconds=3.0, paused=True))
    assert status.left.text() == "" and status.step.text() == "step 30/100"
    status.set_paused(False)
    status.add(Progress(1, epoch=4, iteration=40, samples_seen=320, seconds=4.0))
    assert status.left.text().endswith("left")


def test_stopping_says_stopped_and_the_status_bar_gets_the_folder_name_only(qtbot, make_ui):
    ui = make_ui(project_from_long_spiral())
    messages = []
    ui.status_message.connect(messages.append)
    ui.controller.train()
    qtbot.waitUntil(lambda: ui.controller.phase is Phase.RUNNING, timeout=20_000)
    ui.controller.pause()
    assert ui.status.phase.text() == "Paused" and ui.status.left.text() == ""
    ui.controller.resume()
    with qtbot.waitSignal(ui.controller.run_finished, timeout=10_000) as blocker:
        ui.controller.stop()
    folder = blocker.args[0].result.folder
    assert ui.status.left.text().startswith("stopped after ")
    assert "finished" not in ui.status.left.text()
    assert folder.name in messages[-1] and str(folder.parent) not in messages[-1]
    banner = ui.training_panel.banner
    assert folder.name in banner.text() and str(folder) in banner.toolTip()


def project_from_long_spiral() -> dict:
    from tests.training.conftest import spiral_mlp

    return spiral_mlp(samples=200, epochs=LONG)


# -- a new project, clean views ----------------------------------------------------------------
def test_opening_another_project_clears_the_last_runs_views(qtbot, make_ui):
    project = json.loads((EXAMPLES / "digits_cnn.dlp.json").read_text())
    project["training"]["epochs"] = LONG
    ui = make_ui(project)
    model = ui.model_panel
    model.tabs.setCurrentWidget(model.images)
    ui.controller.train()
    qtbot.waitUntil(lambda: ui.controller.phase is Phase.RUNNING, timeout=20_000)
    qtbot.waitUntil(lambda: model.images._analysis is not None and model.images.canvas.isVisible(), timeout=10_000)
    with qtbot.waitSignal(ui.controller.run_finished, timeout=10_000):
        ui.controller.stop()
    assert ui.training_panel.banner.isVisible() and ui.status.epoch.text()

    ui.controller.session.replace(new_project())
    images = model.images
    assert not images.canvas.isVisible() and images.node_box.count() == 0 and images._info is None
    assert ui.status.epoch.text() == ui.status.step.text() == ui.status.left.text() == ""
    assert not ui.training_panel.banner.isVisible()
    assert len(ui.training_panel.curves.step_loss) == 0 and ui.training_panel.gradients.flags == {}
    assert ui.training_panel.histograms.layer is None
    # pictures of the forgotten run that arrive late are not shown
    ui.controller.analysed.emit(Analysis(step=1, problems=("late",)))
    assert images._analysis is None
    # the session's runs stay listed
    assert ui.training_panel.runs.list.count() == 1


def test_a_running_run_stays_on_screen_when_another_project_opens(qtbot, make_ui):
    ui = make_ui(project_from_long_spiral())
    ui.controller.train()
    qtbot.waitUntil(lambda: ui.status.epoch.text() not in ("", f"epoch 0/{LONG}")
                    and len(ui.training_panel.curves.step_loss) > 0, timeout=20_000)
    ui.controller.session.replace(new_project())
    assert ui.status.epoch.text() and len(ui.training_panel.curves.step_loss) > 0
    with qtbot.waitSignal(ui.controller.run_finished, timeout=10_000):
        ui.controller.stop()


# -- where runs go -------------------------------------------------------------------------------
def test_run_folders_go_under_the_application_name_once():
    root = default_runs_root()
    application = QCoreApplication.applicationName()
    assert root.name == "runs" and root.parent.name == application
    assert root.parent.parent.name != application  # not <data>/<organisation>/<application>


def test_the_controller_defaults_to_that_folder(qtbot):
    from dlplayground.qt.session import DocumentSession

    controller = TrainingController(DocumentSession(project_from_dict(project_from_long_spiral())))
    assert controller.runs_root == default_runs_root()
