"""The Gradients tab of a 1280x720 window shows its three plots whole, without scrolling,
a finished run's one-line banner included (its page used to need ~398 px where the dock gave
it ~298, so the depth chart was below the fold); at 1920x1080 the plots take the extra room."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QScrollArea

from dlplayground.qt.training.payloads import Progress
from dlplayground.training import GradientRecord
from tests.qt.training.test_curves_above_the_fold import on_screen, training_tab_of_a_run
from tests.qt.training.test_fit_and_state import FOUR, settle
from tests.qt.training.test_views import info

#: the least data height of each plot (curves, heat map, bars) that still reads
LEAST = {"1280x720": (35, 26, 30), "1920x1080": (60, 50, 50)}


def gradients_running(qtbot, settings, size):
    window, panel = training_tab_of_a_run(qtbot, settings, size, "gradients",
                                          info(layer_ids=FOUR, steps_per_epoch=10, max_epochs=20))
    view = panel.gradients.view()
    records = [GradientRecord(step, 1, FOUR, np.array([0.3, 0.05, 0.2, 0.9]) * (1 + 0.1 * math.sin(step)),
                              np.ones(4)) for step in range(0, 105, 5)]
    view.add(Progress(1, gradients=records))
    view.redraw()
    settle(qtbot)
    scroll = next(w for w in window.findChildren(QScrollArea) if w.widget() is panel)
    return panel, view, scroll


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_every_gradient_plot_is_on_screen_in_the_training_dock(qtbot, settings, size):
    panel, view, scroll = gradients_running(qtbot, settings, size)
    least = LEAST[f"{size[0]}x{size[1]}"]
    all_on_screen(view, scroll, least)
    # a finished run's one-line banner above the tabs takes room, and still nothing scrolls
    panel.banner.show_message("Run #2 completed 60 epochs in 0:03. Saved to run folder "
                              "spiral-mlp-run2-20261207-201049.", "info")
    settle(qtbot)
    all_on_screen(view, scroll, least if size == (1920, 1080) else (30, 22, 26))


def all_on_screen(view, scroll: QScrollArea, least: tuple[int, int, int]) -> None:
    viewport = scroll.viewport()
    assert scroll.verticalScrollBar().maximum() == 0, "the Gradients tab scrolls"
    flags = view.flags_label  # what the plots say, in words
    assert viewport.rect().contains(QRect(flags.mapTo(viewport, QPoint(0, 0)), flags.size()))
    for plot, height in zip((view.curve_plot, view.heatmap_plot, view.bar_plot), least):
        assert viewport.rect().contains(on_screen(view, plot, viewport)), plot.titleLabel.text
        assert plot.getViewBox().height() >= height, (plot.titleLabel.text, plot.getViewBox().height())
    # the axes under the heat map (epochs) and under the bars (layers) are whole on screen
    for axis in (view.heatmap_plot.getAxis("bottom"), view.bar_plot.getAxis("bottom")):
        assert viewport.rect().contains(on_screen(view, axis, viewport))


def deep_model_gradients(qtbot, settings):
    """A 1280x720 window's Gradients tab with a 20-layer run's records, the first layers'
    gradients vanishing: (the training panel, the drawn view)."""
    layers = tuple(f"fc{i}" for i in range(19)) + ("head",)
    _, panel = training_tab_of_a_run(qtbot, settings, (1280, 720), "gradients",
                                     info(layer_ids=layers, steps_per_epoch=10, max_epochs=20))
    view = panel.gradients.view()
    view.add(Progress(1, gradients=[GradientRecord(step, 1, layers, np.logspace(-9, 0, len(layers)),
                                                   np.ones(len(layers))) for step in range(0, 30, 5)]))
    view.redraw()
    return panel, view


def test_the_short_heat_map_of_a_deep_model_names_only_the_layers_it_has_room_for(qtbot, settings):
    """Twenty layers in a 1280x720 window: every n-th name, a line apart, the head always."""
    _, view = deep_model_gradients(qtbot, settings)
    settle(qtbot)
    axis = view.heatmap_plot.getAxis("left")
    named = [name for _, name in axis._tickLevels[0]]
    line = QFontMetrics(axis.style.get("tickFont") or axis.font()).height()
    assert 2 <= len(named) and len(named) * line <= view.heatmap_plot.getViewBox().height() + line
    assert named[-1] == "head"


def test_a_long_flags_message_is_never_drawn_over_the_plots(qtbot, settings):
    """A deep model's vanishing layers after a run (its banner shown): the flags line names a
    few of them (all in its tooltip); wrapped onto two lines it makes the dock scroll rather
    than push the bars' axis out of the tab (it was cut off by 9 px)."""
    panel, view = deep_model_gradients(qtbot, settings)
    panel.banner.show_message("Run #2 completed 60 epochs in 0:03. Saved to run folder "
                              "deep-plain-mlp-run2-20261207-201049.", "info")
    settle(qtbot)
    flagged = [n for n, flag in view.flags.items() if flag == "vanishing"]
    assert len(flagged) > 4
    assert "fc5" not in view.flags_label.text() and view.flags_label.toolTip() == ", ".join(flagged)
    assert view.flags_label.geometry().bottom() < view.canvas.geometry().top()
    assert view.canvas.geometry().bottom() <= view.rect().bottom(), "the plots run past the tab's bottom"
    assert view.canvas.height() >= view.canvas.minimumHeight()
