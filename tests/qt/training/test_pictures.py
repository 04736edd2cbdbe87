"""Pictures of the model made on the training thread: boundary, maps, confusion, on demand."""

from __future__ import annotations

import json

from tests.conftest import EXAMPLES
from tests.training.conftest import spiral_mlp


def analyses(ui):
    seen = []
    ui.controller.progressed.connect(lambda p: p.analysis is not None and seen.append(p.analysis))
    ui.controller.analysed.connect(seen.append)
    return seen


def test_a_planar_run_draws_its_decision_boundary_and_confusion_matrix(qtbot, make_ui):
    ui = make_ui(spiral_mlp(samples=300, epochs=4))
    seen = analyses(ui)
    with qtbot.waitSignal(ui.controller.run_finished, timeout=20_000):
        ui.controller.train()
    model = ui.model_panel
    assert model.tabs.currentWidget() is model.boundary
    surfaces = [a.surface for a in seen if a.surface is not None]
    assert surfaces and surfaces[0].values.shape[2] == 3
    # the run's final pictures carry the confusion matrix of all 60 validation samples (a picture
    # a view asks for after the run may follow them, without one)
    confusions = [a.confusion for a in seen if a.confusion is not None]
    assert confusions and confusions[-1].counts.sum() == 60
    qtbot.waitUntil(lambda: model.boundary.image.image is not None, timeout=2_000)
    # the confusion tab was hidden: its matrix is drawn when it is shown
    model.tabs.setCurrentWidget(model.confusion)
    qtbot.waitUntil(lambda: len(model.confusion._texts) == 9, timeout=2_000)


def test_an_image_run_sends_filters_feature_maps_and_grad_cam(qtbot, make_ui):
    project = json.loads((EXAMPLES / "digits_cnn.dlp.json").read_text())
    project["training"]["epochs"] = 2
    ui = make_ui(project)
    seen = analyses(ui)
    with qtbot.waitSignal(ui.controller.run_finished, timeout=30_000):
        ui.controller.train()
    images = ui.model_panel.images
    assert ui.model_panel.tabs.currentWidget() is images and images.node == "conv1"
    # the tab's wishes reach the training thread once the run's views are built: a short run
    # may end first, and then the trained model is analysed for them on demand
    qtbot.waitUntil(lambda: seen and seen[-1].filters is not None and seen[-1].features is not None, timeout=5_000)
    last = seen[-1]
    assert last.filters.weights.shape == (16, 1, 3, 3)
    assert last.features.node_id == "conv1" and last.features.maps.shape == (16, 8, 8)
    assert last.cam is not None and last.cam.heatmap.shape == (8, 8)
    assert not ui.model_panel.boundary.isVisible() and all(a.surface is None for a in seen)

    # after the run, choosing another node and sample redraws from the trained model
    count = len(seen)
    with qtbot.waitSignal(ui.controller.analysed, timeout=5_000):
        images.select_node("relu2")
    with qtbot.waitSignal(ui.controller.analysed, timeout=5_000):
        images.sample_box.setValue(3)
    assert len(seen) > count and seen[-1].features.node_id == "relu2" and seen[-1].features.sample == 3
    with qtbot.waitSignal(ui.controller.analysed, timeout=5_000) as blocker:
        ui.model_panel.confusion.compute_button.click()
    assert blocker.args[0].confusion is not None


def test_the_confusion_matrix_is_live_while_its_tab_is_shown(qtbot, make_ui):
    ui = make_ui(spiral_mlp(samples=300, epochs=10_000))
    ui.model_panel.tabs.setCurrentWidget(ui.model_panel.confusion)
    seen = analyses(ui)
    ui.controller.train()
    qtbot.waitUntil(lambda: any(a.confusion is not None for a in seen), timeout=20_000)
    assert ui.controller.busy  # during the run, not only at its end
    qtbot.waitUntil(lambda: ui.model_panel.confusion.plot.isVisible(), timeout=2_000)
    ui.controller.stop()
    qtbot.waitUntil(lambda: not ui.controller.busy, timeout=5_000)
