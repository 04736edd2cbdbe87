"""At 1280x720 the Inference panel's chart is narrow: a sure prediction's "100.0%" stays inside it."""

from __future__ import annotations

import numpy as np
import pytest

from dlplayground.qt.onnx.probability_chart import ProbabilityChart


@pytest.mark.parametrize("width", [260, 600])
def test_every_percentage_is_drawn_inside_the_chart(qtbot, width):
    chart = ProbabilityChart()
    qtbot.addWidget(chart)
    chart.resize(width, 220)
    chart.show()
    qtbot.waitExposed(chart)
    chart.set_labels([str(i) for i in range(10)])
    values = np.zeros(10)
    values[2], values[5] = 0.995, 0.005
    chart.set_probabilities(values)
    qtbot.wait(50)
    view = chart.getPlotItem().getViewBox()
    shown = view.sceneBoundingRect()
    for text in chart._texts:
        if text.toPlainText():
            rect = text.sceneBoundingRect()
            assert shown.contains(rect), (text.toPlainText(), rect, shown)
