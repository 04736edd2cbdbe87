"""Drawing with the mouse gives an 8x8 digit in the dataset's 0..16 format."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from dlplayground.qt.onnx.digit_canvas import GRID, MAX_VALUE, DigitCanvas


@pytest.fixture
def canvas(qtbot):
    widget = DigitCanvas()
    qtbot.addWidget(widget)
    widget.resize(200, 200)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def drag(qtbot, widget, points):
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for point in points[1:]:
        qtbot.mouseMove(widget, QPoint(*point))
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def test_a_stroke_drawn_small_in_a_corner_fills_the_frame_like_a_dataset_digit(qtbot, canvas):
    assert canvas.is_empty() and not canvas.digit().any()
    with qtbot.waitSignals([canvas.drawing_changed] * 3, timeout=2000):
        drag(qtbot, canvas, [(30, 20), (30, 40), (30, 60), (30, 80)])
    digit = canvas.digit()
    assert digit.shape == (GRID, GRID) and digit.dtype == np.float32
    assert 0.0 <= digit.min() and digit.max() <= MAX_VALUE and digit.max() > 8
    # a vertical line: every row inked, only the middle columns (the fit centres it)
    assert (digit.sum(axis=1) > 0).all()
    assert set(np.nonzero(digit.sum(axis=0) > 1)[0]) <= {2, 3, 4, 5}


def test_clear_empties_the_canvas(qtbot, canvas):
    drag(qtbot, canvas, [(50, 50), (150, 150)])
    assert not canvas.is_empty()
    with qtbot.waitSignal(canvas.drawing_changed, timeout=1000):
        canvas.clear()
    assert canvas.is_empty() and not canvas.digit().any()


def test_moves_without_a_press_draw_nothing(qtbot, canvas):
    qtbot.mouseMove(canvas, QPoint(40, 40))
    qtbot.mouseMove(canvas, QPoint(120, 120))
    assert canvas.is_empty()
