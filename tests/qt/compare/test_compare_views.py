"""The comparison plots on hand-made payloads: overlaid curves, depth profile, heat maps."""

from __future__ import annotations

import numpy as np

from dlplayground.qt.compare.views import CompareCurves, DepthProfile, FlowHeatmap, _thinned
from dlplayground.qt.training.payloads import Progress, RunInfo
from dlplayground.training.gradients import GradientRecord
from dlplayground.training.trainer import EpochMetrics


def info(run, layer_ids, steps=4, epochs=3):
    return RunInfo(run_id=run, name=f"run {run}", task="classification", loss="CrossEntropyLoss",
                   class_names=("a", "b"), layer_ids=tuple(layer_ids), steps_per_epoch=steps, max_epochs=epochs,
                   batch_size=8, train_samples=32)


def record(step, layer_ids, norms):
    return GradientRecord(step, 1, tuple(layer_ids), np.asarray(norms, float), np.ones(len(norms)))


def test_curves_overlay_both_runs_and_skip_missing_values(qtbot):
    curves = CompareCurves()
    qtbot.addWidget(curves)
    curves.start((info(0, ["l"]), info(1, ["l"])))
    for run, loss in ((0, 1.1), (1, 0.4)):
        curves.add(run, Progress(run, steps=[1, 2, 3, 4], batch_losses=[loss, np.nan, loss, loss],
                                 epochs=[EpochMetrics(1, loss, None, 0.5, None, 0.01, 1.0)]))
    curves.redraw()
    assert not curves.dirty
    assert list(curves.step_loss[1].x) == [0.25, 0.5, 0.75, 1.0]
    drawn = curves.curves[5 + 1].item.getData()  # run B's train loss
    assert list(drawn[1]) == [0.4]
    assert curves.accuracy_plot.isVisible() or not curves.isVisible()


def test_depth_profile_matches_layers_by_id_at_the_latest_common_step(qtbot):
    profile = DepthProfile()
    qtbot.addWidget(profile)
    a_ids, b_ids = ["fc0", "fc1", "head"], ["fc0", "add1_proj", "fc1", "head"]
    profile.start((info(0, a_ids), info(1, b_ids)))
    profile.add(0, Progress(0, gradients=[record(0, a_ids, [1e-9, 1e-3, 1.0]), record(4, a_ids, [1e-8, 1e-2, 1.0])]))
    profile.add(1, Progress(1, gradients=[record(0, b_ids, [0.5, 7.0, 0.6, 1.0])]))
    profile.redraw()
    assert profile.step == 0  # B has not logged step 4 yet
    np.testing.assert_allclose(profile.norms(1, 0), [0.5, 0.6, 1.0])  # the projection is left out
    profile.add(1, Progress(1, gradients=[record(4, b_ids, [0.4, 7.0, 0.5, 1.0])]))
    profile.redraw()
    assert profile.step == 4 and "step 4" in profile.plot.getPlotItem().getAxis("bottom").labelText
    x, _ = profile.items[0].getData()
    assert list(x) == [0, 1, 2]


def test_heatmap_draws_every_record_and_names_vanishing_layers(qtbot):
    heatmap = FlowHeatmap()
    qtbot.addWidget(heatmap)
    ids = [f"fc{i}" for i in range(6)] + ["head"]
    heatmap.start(info(0, ids))
    norms = [1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 1.0]
    heatmap.add(Progress(0, gradients=[record(step, ids, norms) for step in (0, 2, 4)]))
    heatmap.redraw()
    assert heatmap.image.image.shape == (7, 3)
    assert heatmap.flags == {f"fc{i}": "vanishing" for i in range(5)}  # below 1e-3 of the head's
    text = heatmap.flags_label.text()
    assert "Vanishing gradients</b> in 5 layer(s) (fc0, fc1 … fc4)" in text
    heatmap.add(Progress(0, gradients=[record(6, ids, [1.0] * 7)]))
    heatmap.redraw()
    assert "reach every layer" in heatmap.flags_label.text()


def test_tick_labels_are_thinned_and_keep_the_head():
    ids = tuple(f"fc{i}" for i in range(49)) + ("head",)
    ticks = _thinned(ids)
    assert ticks[0] == (0, "fc0") and ticks[-1] == (49, "head") and len(ticks) <= 17
    assert all(b[0] - a[0] >= 4 for a, b in zip(ticks, ticks[1:]))


def test_two_heatmaps_can_share_one_colour_scale(qtbot):
    from dlplayground.qt.compare.views import shared_levels

    maps = [FlowHeatmap(), FlowHeatmap()]
    ids = ["fc0", "head"]
    for run, (heatmap, norms) in enumerate(zip(maps, ([1e-9, 1.0], [1e-2, 10.0]))):
        qtbot.addWidget(heatmap)
        heatmap.start(info(run, ids))
        heatmap.add(Progress(run, gradients=[record(0, ids, norms)]))
    levels = shared_levels(*(m.log_norms() for m in maps))
    assert levels == (-9.0, 1.0)
    for heatmap in maps:
        heatmap.redraw(levels)
        assert tuple(heatmap.image.levels) == levels
    assert shared_levels(np.array([[np.nan]])) is None


def test_depth_profile_leaves_normalisation_layers_out(qtbot):
    profile = DepthProfile()
    qtbot.addWidget(profile)
    ids = ["conv0", "bn0", "conv1", "bn1", "head"]
    types = {"conv0": "Conv2d", "bn0": "BatchNorm2d", "conv1": "Conv2d", "bn1": "BatchNorm2d", "head": "Linear"}
    profile.start((info(0, ids), info(1, ids)), types)
    for run in (0, 1):
        profile.add(run, Progress(run, gradients=[record(0, ids, [1.0, 2.0, 3.0, 4.0, 5.0])]))
    profile.redraw()
    np.testing.assert_allclose(profile.norms(0, 0), [1.0, 3.0, 5.0])
    ticks = profile.plot.getPlotItem().getAxis("bottom")._tickLevels[0]
    assert [label for _, label in ticks] == ["conv0", "conv1", "head"]


def label_gaps(heatmap: FlowHeatmap) -> list[float]:
    """Pixels between consecutive layer names on the heat map's left axis."""
    axis = heatmap.plot.getPlotItem().getAxis("left")
    rows = [position for position, _ in axis._tickLevels[0]]
    pixels_per_row = heatmap.plot.getPlotItem().getViewBox().height() / len(heatmap._layer_ids)
    return [(b - a) * pixels_per_row for a, b in zip(rows, rows[1:])]


def test_a_short_heatmap_names_fewer_layers_rather_than_piling_them_up(qtbot):
    from PySide6.QtGui import QFontMetrics

    heatmap = FlowHeatmap()
    qtbot.addWidget(heatmap)
    ids = [f"fc{i}" for i in range(20)] + ["head"]  # the 20-layer MLP of Compare Plain vs Residual
    heatmap.start(info(0, ids))
    heatmap.resize(480, 190)  # its size in the compare dialog at 1053x520, its least width
    heatmap.show()
    qtbot.waitExposed(heatmap)
    qtbot.wait(20)
    axis = heatmap.plot.getPlotItem().getAxis("left")
    line = QFontMetrics(axis.style.get("tickFont") or axis.font()).height()
    assert min(label_gaps(heatmap)) >= line
    assert axis._tickLevels[0][-1] == (20, "head")  # the head keeps its name
    heatmap.resize(480, 700)  # tall: more names, still apart
    qtbot.waitUntil(lambda: len(axis._tickLevels[0]) >= 8)
    assert min(label_gaps(heatmap)) >= line


def test_the_depth_profile_stays_inside_a_narrow_column(qtbot):
    """Its title is one short line: a long title (the step, in Turkish) was the plot's least
    width and pushed the plot past the compare dialog's right edge."""
    ids = [f"fc{i}" for i in range(20)] + ["head"]
    profile = DepthProfile()
    qtbot.addWidget(profile)
    profile.start((info(0, ids), info(1, ids)))
    profile.add(0, Progress(0, gradients=[record(370, ids, np.linspace(1e-10, 1, 21))]))
    profile.add(1, Progress(1, gradients=[record(370, ids, np.ones(21))]))
    profile.redraw()
    profile.resize(250, 220)
    profile.show()
    qtbot.waitExposed(profile)
    qtbot.wait(30)
    item = profile.plot.getPlotItem()
    shown = profile.plot.mapToScene(profile.plot.viewport().rect()).boundingRect()
    for part in (item.getViewBox(), item.titleLabel, item.getAxis("bottom")):
        assert shown.contains(part.mapRectToScene(part.boundingRect())), part
    assert "370" in item.getAxis("bottom").labelText
