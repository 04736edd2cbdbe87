"""Item 2: the wheel over a spin box scrolls the Data & Training panel unless the field has focus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea

from tests.qt.conftest import open_example


def wheel(widget, notches: int = -1) -> None:
    """``notches`` turns of the wheel with the pointer at the middle of ``widget``."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(QPoint(centre.toPoint()))), QPoint(0, 0),
                        QPoint(0, 120 * notches), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_the_wheel_scrolls_the_panel_and_leaves_the_learning_rate(qtbot, window, size):
    window.resize(*size)
    open_example(window, "spiral_mlp.dlp.json")
    window.settings_dock.raise_()
    qtbot.wait(50)
    panel = window.settings_panel
    scroll = panel.findChild(QScrollArea)
    scroll.verticalScrollBar().setValue(0)
    spin = panel.fields[("training", "optimizer.lr")].widget
    before = spin.value()
    window.view.setFocus()
    wheel(spin, -2)
    assert spin.value() == before  # unchanged while the user scrolls past it
    if scroll.verticalScrollBar().maximum() > 0:
        assert scroll.verticalScrollBar().value() > 0  # the panel scrolled instead
    assert window.session.project.training["optimizer"]["lr"] == before
    spin.setFocus()
    wheel(spin, -1)
    assert spin.value() < before  # a field the user clicked into still takes the wheel
    assert spin.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_the_dataset_combo_ignores_a_passing_wheel(qtbot, window):
    open_example(window, "spiral_mlp.dlp.json")
    combo = window.settings_panel.dataset_combo
    window.view.setFocus()
    before = combo.currentIndex()
    wheel(combo, -1)
    assert combo.currentIndex() == before
