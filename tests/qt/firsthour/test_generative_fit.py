"""At 1280x720 the Model view dock is about 620 px wide: a GAN's picture and curves both fit in it,
their long titles wrapped rather than pushing the curves past the edge (in English and Turkish)."""

from __future__ import annotations

import pytest

from dlplayground.qt.training.generative_view import GenerativeView
from dlplayground.qt.training.payloads import Progress
from tests.qt.firsthour.test_translation import turkish  # noqa: F401 (a fixture)
from tests.qt.training.test_generative_view import _epoch, _info


@pytest.mark.parametrize("language", ["en", "tr"])
@pytest.mark.parametrize("width", [620, 1100])
def test_a_gans_picture_and_curves_fit_the_dock(qtbot, request, language, width):
    if language == "tr":
        request.getfixturevalue("turkish")
    view = GenerativeView()
    qtbot.addWidget(view)
    view.resize(width, 300)
    view.show()
    qtbot.waitExposed(view)
    info = _info("gan")
    view.start(info.__class__(**{**info.__dict__, "planar": True}))  # the longest title: GAN Lab's legend
    view.add(Progress(1, epochs=[_epoch(1, 0.4)]))
    view.redraw()
    qtbot.wait(50)
    canvas = view.layout_widget
    for plot in (view.picture, view.curves_plot):
        right = canvas.mapFromScene(plot.sceneBoundingRect().topRight()).x()
        assert right <= canvas.width() + 1, (plot.titleLabel.text, right, canvas.width())
