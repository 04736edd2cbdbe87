"""The training views, fed with hand-made payloads: what they buffer and what they draw."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import Qt

from dlplayground.qt.training.boundary_view import BoundaryView, class_image
from dlplayground.qt.training.buffers import GrowingSeries
from dlplayground.qt.training.confusion_view import ConfusionView
from dlplayground.qt.training.controller import RunRecord
from dlplayground.qt.training.curves_view import CurvesView
from dlplayground.qt.training.gradients_view import GradientsView
from dlplayground.qt.training.histograms_view import HistogramsView
from dlplayground.qt.training.images_view import ImagesView, heat_overlay
from dlplayground.qt.training.payloads import Analysis, Progress, RunInfo, RunResult
from dlplayground.qt.training.runs_view import RunsView, describe_run
from dlplayground.qt.training.status import SpeedMeter, TrainingStatus, format_duration
from dlplayground.qt.training.view_request import ViewRequest
from dlplayground.training import EpochMetrics, GradientRecord
from dlplayground.training.analysis import ConfusionMatrix, Histogram, LayerHistograms, Surface
from dlplayground.training.image_analysis import FeatureMaps, Filters, GradCam

LAYERS = ("fc1", "fc2", "fc3")


def info(**changes) -> RunInfo:
    base = dict(run_id=1, name="test", task="classification", loss="CrossEntropyLoss",
                class_names=("a", "b", "c"), layer_ids=LAYERS, steps_per_epoch=10, max_epochs=5,
                batch_size=8, train_samples=80)
    return RunInfo(**{**base, **changes})


def epoch(n, train_loss, val_loss, train_acc=0.5, val_acc=0.4):
    return EpochMetrics(n, train_loss, val_loss, train_acc, val_acc, 0.01, float(n))


def record(step, norms):
    return GradientRecord(step, 1, LAYERS, np.array(norms, float), np.ones(3))


# -- buffers -------------------------------------------------------------------------------
def test_growing_series_keeps_every_point_and_filters_non_finite():
    series = GrowingSeries(2, capacity=2)
    for i in range(100):
        series.append(i, [i, math.nan if i % 10 == 0 else -i])
    assert len(series) == 100 and series.x[-1] == 99 and series.values.shape == (100, 2)
    x, y = series.finite(1)
    assert len(x) == 90 and np.isfinite(y).all()
    series.clear()
    assert len(series) == 0 and series.x.size == 0


# -- curves --------------------------------------------------------------------------------
def test_curves_show_steps_epochs_and_the_gap(qtbot):
    view = CurvesView()
    qtbot.addWidget(view)
    view.start(info())
    view.add(Progress(1, steps=[1, 2, 3], batch_losses=[1.0, math.nan, 0.8], lrs=[0.01] * 3,
                      epochs=[epoch(1, 0.9, 1.1, 0.6, 0.5)]))
    assert view.dirty
    view.redraw()
    x, y = view.curves["step"].item.getData()
    assert list(x) == pytest.approx([0.1, 0.3]) and list(y) == [1.0, 0.8]  # the NaN is not drawn
    assert list(view.curves["val_loss"].item.getData()[1]) == [1.1]
    assert "+0.2" in view.gap_label.text() and "+10.0 pts" in view.gap_label.text()
    assert not view.dirty


def test_log_loss_axis_drops_non_positive_points(qtbot):
    view = CurvesView()
    qtbot.addWidget(view)
    view.start(info(task="regression", class_names=()))
    view.add(Progress(1, steps=[1, 2], batch_losses=[0.0, 0.5], lrs=[0.1, 0.1]))
    view.log_loss.setChecked(True)
    assert list(view.curves["step"].item.yData) == [0.5]  # as given; the axis shows its log
    assert not view.accuracy_plot.isVisible()  # regression has no accuracy


# -- gradients ---------------------------------------------------------------------------------
def test_gradient_flags_are_listed_coloured_and_announced(qtbot):
    view = GradientsView()
    qtbot.addWidget(view)
    view.start(info())
    with qtbot.waitSignal(view.flags_changed, timeout=1000) as blocker:
        view.add(Progress(1, gradients=[record(0, [1e-8, 0.5, 1.0]), record(4, [1e-9, 0.4, 1.0])]))
    assert blocker.args[0] == {"fc1": "vanishing"}
    assert "Vanishing gradients" in view.flags_label.text() and "fc1" in view.flags_label.text()
    view.redraw()
    assert view.heatmap.image.shape == (3, 2)  # layers x records
    assert np.isclose(view.heatmap.image[0, 1], -9.0)
    heights = view.bars.opts["height"]
    assert heights[0] < heights[1] < heights[2]
    assert view.threshold_line.isVisible() and view.threshold_line.value() == pytest.approx(-3.0)
    colours = [b.color().name() for b in view.bars.opts["brushes"]]
    assert colours[0] != colours[1] == colours[2]
    with qtbot.waitSignal(view.flags_changed, timeout=1000) as blocker:
        view.add(Progress(1, gradients=[record(8, [0.3, 0.4, 1.0])]))
    assert blocker.args[0] == {} and "flow to every layer" in view.flags_label.text()


def test_non_finite_gradients_do_not_break_the_views(qtbot):
    view = GradientsView()
    qtbot.addWidget(view)
    view.start(info())
    view.add(Progress(1, gradients=[record(0, [math.nan, math.inf, 1.0])]))
    view.redraw()
    assert view.flags == {"fc1": "exploding", "fc2": "exploding"}


# -- histograms, boundary, images, confusion -------------------------------------------------------
def test_histograms_show_the_selected_layer_only(qtbot):
    view = HistogramsView()
    qtbot.addWidget(view)
    view.start(info())
    assert view.layer == "fc1" and view.select_layer("fc2") and not view.select_layer("relu")
    hist = Histogram(np.array([1, 3, 1]), np.array([-1.0, -0.3, 0.3, 1.0]))
    view.show_analysis(Analysis(5, histograms=LayerHistograms("fc1", 5, hist, None, 5)))
    assert not view.dirty  # another layer's histograms are ignored
    view.show_analysis(Analysis(5, histograms=LayerHistograms("fc2", 5, hist, hist, 5)))
    view.redraw()
    assert list(view.weight_curve.getData()[1]) == [1, 3, 1] and "5 parameters" in view.info.text()


def test_class_image_mixes_colours_by_confidence():
    certain = np.zeros((1, 2, 3))
    certain[0, 0] = [1, 0, 0]
    certain[0, 1] = [1 / 3, 1 / 3, 1 / 3]
    image = class_image(certain)
    assert image.shape == (1, 2, 3) and image.dtype == np.uint8
    assert (image[0, 1] == 255).all()  # no preference: white
    assert image[0, 0, 2] > image[0, 0, 0]  # class 0 is blue: the blue channel dominates


def test_boundary_draws_the_surface_under_the_points(qtbot):
    view = BoundaryView()
    qtbot.addWidget(view)
    points = np.array([[0.0, 0.0], [1.0, 2.0]])
    view.start(info(class_names=("a", "b"), planar=True, points=points, labels=np.array([0, 1]),
                    val_points=points, val_labels=np.array([1, 0])))
    assert len(view._scatters) == 4
    values = np.zeros((4, 5, 2))
    values[..., 0] = 1.0
    surface = Surface(np.linspace(-1, 2, 5), np.linspace(-1, 3, 4), values, "classification")
    view.show_analysis(Analysis(7, surface=surface))
    view.redraw()
    assert view.image.image.shape == (4, 5, 3)
    rect = view.image.mapRectToParent(view.image.boundingRect())
    assert rect.left() == pytest.approx(-1.375) and rect.width() == pytest.approx(3.75)


def test_images_view_shows_filters_maps_and_grad_cam(qtbot):
    view = ImagesView()
    qtbot.addWidget(view)
    images = np.random.default_rng(0).random((4, 1, 8, 8))
    view.start(info(spatial_nodes=(("conv", (4, 8, 8)), ("pool", (4, 4, 4))), first_conv="conv",
                    images=images, image_labels=np.array([0, 1, 2, 0])))
    assert view.node == "conv" and view.sample_box.maximum() == 3 and view.cam_class is None
    assert view.select_node("pool") and not view.select_node("fc1")
    cam = GradCam("pool", 0, 1, 1, np.eye(8), np.array([0.1, 0.8, 0.1]))
    analysis = Analysis(3, filters=Filters("conv", np.ones((4, 1, 3, 3))),
                        features=FeatureMaps("pool", 0, np.random.default_rng(1).random((4, 4, 4))), cam=cam)
    view.show_analysis(analysis)
    view.redraw()
    assert view.filters_panel.image.image.shape == (7, 7)  # 2x2 tiles of 3x3 with a gap
    assert view.features_panel.image.image.shape[0] == 4
    assert view.cam_overlay.image.shape == (8, 8, 4)
    assert "Predicted b (80%)" in view.caption.text()


def test_heat_overlay_is_transparent_without_evidence():
    overlay = heat_overlay(np.array([[0.0, 1.0]]))
    assert overlay.shape == (1, 2, 4) and overlay[0, 0, 3] == 0 and overlay[0, 1, 3] > 150


def test_confusion_view_labels_and_counts(qtbot):
    view = ConfusionView()
    qtbot.addWidget(view)
    view.start(info())
    matrix = ConfusionMatrix(np.array([[5, 1, 0], [0, 4, 0], [2, 0, 3]]), ("a", "b", "c"), "val")
    view.show_analysis(Analysis(9, confusion=matrix))
    view.redraw()
    assert len(view._texts) == 9 and view._texts[1].textItem.toPlainText() == "1"
    assert "accuracy 80.0%" in view.caption.text() and "step 9" in view.caption.text()
    with qtbot.waitSignal(view.compute_requested, timeout=500):
        view.compute_button.click()


# -- runs, status, requests -------------------------------------------------------------------------
def run_record(run_id, val_accs, reason="completed"):
    history = tuple(epoch(i + 1, 1.0 / (i + 1), 1.2 / (i + 1), a, a) for i, a in enumerate(val_accs))
    result = RunResult(run_id, reason, "", None, history, 1.0, 10)
    return RunRecord(run_id, "Spiral", 0.0, info(run_id=run_id), result)


def test_runs_list_describes_runs_and_overlays_the_selected_ones(qtbot):
    view = RunsView()
    qtbot.addWidget(view)
    view.show()  # the overlay is drawn only while the view is on screen
    runs = [run_record(1, [0.5, 0.7]), run_record(2, [0.6, 0.9, 0.95], "early_stopping"),
            RunRecord(3, "Broken", 0.0, error="node 'y' has no input")]
    view.set_runs(runs)
    assert view.list.count() == 3
    assert describe_run(runs[1]) == "#2 Spiral · 3 epochs · val acc 0.950 · stopped early"
    assert "could not start" in describe_run(runs[2])
    view.select_runs([1, 2])
    curves = view.loss_plot.getPlotItem().listDataItems()
    assert len(curves) == 4  # train and validation of each run
    assert len(view.accuracy_plot.getPlotItem().listDataItems()) == 2
    pens = {c.opts["pen"].color().name() for c in curves}
    assert len(pens) == 2  # one colour per run
    assert any(c.opts["pen"].style() == Qt.PenStyle.DashLine for c in curves)


def test_status_reports_speed_and_time_left(qtbot):
    status = TrainingStatus(interval=0.0)
    qtbot.addWidget(status)
    status.start(info(steps_per_epoch=10, max_epochs=10))
    status.add(Progress(1, epoch=1, iteration=10, samples_seen=80, seconds=1.0))
    status.add(Progress(1, epoch=2, iteration=20, samples_seen=160, seconds=2.0))
    assert status.speed.text() == "80 samples/s" and status.left.text() == "0:08 left"
    assert status.epoch.text() == "epoch 2/10" and status.step.text() == "step 20/100"
    assert format_duration(3725) == "1:02:05" and format_duration(math.nan) == "–"
    meter = SpeedMeter()
    meter.update(0, 0, 0.0)
    meter.update(100, 10, 1.0)
    meter.update(300, 20, 2.0)
    assert 100 < meter.samples_per_second < 200


def test_status_shows_the_device_the_run_trains_on(qtbot):
    status = TrainingStatus(interval=0.0)
    qtbot.addWidget(status)
    assert status.device.isHidden()
    status.start(info(device="mps"))
    assert status.device.text() == "on mps" and not status.device.isHidden()
    status.start(info(device=""))  # a run that does not say (a comparison's runs)
    assert status.device.isHidden()


def test_view_request_takes_consistent_wishes():
    request = ViewRequest()
    assert request.take().feature_node is None
    request.update(feature_node="conv", confusion=True)
    wishes = request.take()
    assert wishes.feature_node == "conv" and wishes.confusion
    assert not request.take().confusion  # one-shot
    assert request.take().feature_node == "conv"  # the others stay
    assert not request.untaken
    request.update(images=False)
    assert request.untaken  # changed after the training thread last read them
    request.take()
    assert not request.untaken


# -- pacing and ranges ------------------------------------------------------------------------------
def test_frame_pacer_slows_down_when_the_window_uses_too_much_cpu(monkeypatch):
    from PySide6.QtCore import QTimer

    from dlplayground.qt.training import ui as ui_module

    clock = {"cpu": 0.0, "wall": 0.0}
    monkeypatch.setattr(ui_module.time, "thread_time", lambda: clock["cpu"])
    monkeypatch.setattr(ui_module.time, "perf_counter", lambda: clock["wall"])
    timer = QTimer()
    pacer = ui_module.FramePacer(timer, budget=0.1, fastest=33, slowest=250, first=33)
    pacer.restart()
    clock["wall"] += 0.6  # the first half second after a start is not measured
    pacer.tick()

    def second(cpu_share):
        clock["cpu"] += cpu_share * 0.6
        clock["wall"] += 0.6
        pacer.tick()

    second(0.4)  # four times the budget: the interval stretches (at most doubles per step)
    assert timer.interval() == 66 and pacer.share == pytest.approx(0.4)
    for _ in range(5):
        second(0.4)
    assert timer.interval() == 250  # never slower than 4 Hz
    for _ in range(20):
        second(0.01)
    assert timer.interval() == 33  # never faster than 30 Hz


def test_sticky_range_moves_only_when_the_data_leaves_it(qtbot):
    from dlplayground.qt.training import plotting

    plot = plotting.plot_widget()
    qtbot.addWidget(plot)
    sticky = plotting.StickyRange(plot)
    sticky.fit(np.array([1.0, 2.0]))
    first = sticky.range
    sticky.fit(np.array([1.1, 1.9, math.nan]))
    assert sticky.range == first  # still comfortably inside
    sticky.fit(np.array([0.5, 2.0]))
    assert sticky.range[0] < 0.5
    sticky.fit(np.array([1.0, 1.01]))
    assert sticky.range[1] - sticky.range[0] < 0.1  # the data shrank: the range follows
    sticky.reset(log=True)
    sticky.fit(np.array([1e-6, 1.0, 0.0]))
    assert sticky.range[0] < -6 and sticky.range[1] > 0  # log10 units; the 0 is left out
    growing = plotting.GrowingXRange(plot, start=10)
    growing.reset(100)
    growing.fit(5)
    assert growing.right == 10
    growing.fit(9.9)
    assert growing.right == 20
    growing.fit(500)
    assert growing.right == 100


def test_status_labels_change_a_few_times_a_second_at_most(qtbot):
    status = TrainingStatus()  # the default interval
    qtbot.addWidget(status)
    status.start(info(steps_per_epoch=10, max_epochs=10))
    status.add(Progress(1, epoch=1, iteration=10, samples_seen=80, seconds=1.0))
    status.add(Progress(1, epoch=2, iteration=20, samples_seen=160, seconds=2.0))
    assert status.step.text() == "step 10/100"  # the second update waits...
    status.add(Progress(1, epoch=2, iteration=21, samples_seen=168, seconds=2.1, paused=True))
    assert status.step.text() == "step 21/100"  # ...but a pause shows at once
    status.add(Progress(1, epoch=3, iteration=30, samples_seen=240, seconds=3.0))
    status.finish("finished in 0:03")
    assert status.step.text() == "step 30/100" and status.left.text() == "finished in 0:03"


def test_the_runs_list_speaks_the_window_language(qapp):
    from dlplayground.qt import i18n

    translators = i18n.install_translators(qapp, "tr")
    try:
        one = run_record(1, [0.5])
        assert describe_run(one).startswith("#1 Spiral · 1 epok · ")
        assert " · 3 epok · " in describe_run(run_record(2, [0.6, 0.9, 0.95]))
        assert describe_run(RunRecord(4, "Spiral", 0.0)) == "#4 Spiral · eğitiliyor…"
    finally:
        i18n.remove_translators(qapp, translators)
