"""The gradient view's decade axis labels as many decades as its height holds, a line apart."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics

from dlplayground.qt.training.gradients_view import DecadeAxis


@pytest.mark.parametrize("pixels", [45, 60, 90, 300])
def test_decade_labels_never_overlap(qtbot, pixels):
    axis = DecadeAxis("left")
    low, high = -5.0, 0.0  # 1e-5 .. 1e0: the bar plot of a healthy small CNN
    (step, values), = axis.tickValues(low, high, pixels)
    shown = [v for v in values if low <= v <= high]
    assert len(shown) >= 2  # a scale still reads
    gap = min(b - a for a, b in zip(shown, shown[1:])) * pixels / (high - low)
    assert gap >= QFontMetrics(axis.font()).height(), (pixels, shown)
    if pixels >= 300:
        assert shown == [-5.0, -4.0, -3.0, -2.0, -1.0, 0.0]  # tall: every decade
