"""The training dock of a 1280x720 window shows the loss, accuracy and learning-rate plots
whole, with the shared epoch axis, without scrolling (the learning rate used to be below the
fold, and with it the epoch numbers)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QRectF
from PySide6.QtWidgets import QScrollArea

from tests.qt.training.test_fit_and_state import curves_with_data, settle
from tests.qt.training.test_views import info
from tests.qt.conftest import full_window


def on_screen(view, item, viewport) -> QRect:
    """Where ``item`` of the curves' canvas is, in the scroll area's viewport."""
    rect: QRectF = item.mapRectToScene(item.boundingRect())
    top_left = view.canvas.mapTo(viewport, view.canvas.mapFromScene(rect.topLeft()))
    bottom_right = view.canvas.mapTo(viewport, view.canvas.mapFromScene(rect.bottomRight()))
    return QRect(top_left, bottom_right)


def training_tab_of_a_run(qtbot, settings, size: tuple[int, int], tab: str, run) -> tuple:
    """A full window at ``size`` with the first start's dock sizes, its Training dock on the
    page ``tab`` (``curves``, ``gradients``, ...) and the run ``run`` (a RunInfo) started:
    (the window, the training panel)."""
    window = full_window(qtbot, settings, size)
    settle(qtbot)  # the first start's dock sizes
    panel = window.training.training_panel
    panel.tabs.setCurrentWidget(getattr(panel, tab))
    window.training.controller.run_started.emit(run)  # the docks get their first-run size
    return window, panel


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_every_curve_plot_is_on_screen_in_the_training_dock(qtbot, settings, size):
    window, panel = training_tab_of_a_run(qtbot, settings, size, "curves", info(max_epochs=20))
    view = panel.curves.view()
    curves_with_data(view)
    settle(qtbot)
    scroll = next(w for w in window.findChildren(QScrollArea) if w.widget() is panel)
    all_on_screen(view, scroll)
    # a finished run's one-line banner above the tabs takes room, and still no plot is hidden
    panel.banner.show_message("Run #2 completed 60 epochs in 0:03. Saved to run folder "
                              "spiral-mlp-run2-20261207-201049.", "info")
    settle(qtbot)
    all_on_screen(view, scroll)


def all_on_screen(view, scroll: QScrollArea) -> None:
    viewport = scroll.viewport()
    assert scroll.verticalScrollBar().maximum() == 0, "the panel scrolls"
    for plot, least in ((view.loss_plot, 55), (view.accuracy_plot, 30), (view.lr_plot, 15)):
        assert viewport.rect().contains(on_screen(view, plot, viewport)), plot.titleLabel.text
        # and each keeps a readable data area
        assert plot.getViewBox().height() >= least, plot.titleLabel.text
    epochs = view.lr_plot.getAxis("bottom")  # the shared x axis: numbers and "epoch"
    assert viewport.rect().contains(on_screen(view, epochs, viewport))
    assert view.loss_plot.height() > view.lr_plot.height()  # the loss keeps the most room
