"""The Inference panel: dataset samples and mouse-drawn digits update the prediction live."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QScrollArea

from dlplayground.data import load_dataset
from dlplayground.export.inference import Predictor
from dlplayground.qt.onnx.inference_panel import InferencePanel
from dlplayground.qt.onnx.integration import install_onnx
from tests.export.models import exported_model


@pytest.fixture
def panel(qtbot):
    widget = InferencePanel()
    qtbot.addWidget(widget)
    widget.resize(420, 720)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def draw(qtbot, widget, points):
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for point in points[1:]:
        qtbot.mouseMove(widget, QPoint(*point))
    qtbot.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def test_loading_a_model_runs_it_on_a_dataset_sample(qtbot, panel, tmp_path):
    path = exported_model("digits", tmp_path)
    with qtbot.waitSignals([panel.model_loaded, panel.prediction_changed], timeout=5000):
        assert panel.load_model(path)
    assert panel.chart.labels == [str(d) for d in range(10)]
    assert panel.sources.isTabEnabled(1), "a [1, 8, 8] model can take a drawn digit"
    assert "input [N, 1, 8, 8]" in panel.info_label.text() and "10 classes" in panel.info_label.text()

    samples = load_dataset({"name": "digits", "val_split": 0.2, "seed": 0}).raw_val
    predictor = Predictor(path)
    with qtbot.waitSignal(panel.prediction_changed, timeout=2000) as signal:
        panel.index_box.setValue(7)
    expected = predictor.probabilities(predictor.run(samples[7:8]))[0]
    np.testing.assert_allclose(signal.args[0], expected, rtol=1e-5)
    np.testing.assert_allclose(panel.chart.values, expected, rtol=1e-5)
    assert panel.sample_label.text().startswith("validation sample 7 of 359")
    assert panel.prediction_label.text().startswith(f"Prediction: {int(expected.argmax())} (")


def test_drawing_with_the_mouse_updates_the_prediction_live(qtbot, panel, tmp_path):
    panel.load_model(exported_model("digits", tmp_path))
    panel.sources.setCurrentIndex(1)
    canvas = panel.canvas
    seen: list[np.ndarray] = []
    panel.prediction_changed.connect(seen.append)

    draw(qtbot, canvas, [(60, 40), (140, 40), (80, 160)])  # a 7
    assert len(seen) >= 3, "every mouse move runs the model"
    first = seen[-1]
    np.testing.assert_array_equal(panel.last_input, canvas.digit()[None, None])
    predictor = Predictor(panel.predictor.path)
    np.testing.assert_allclose(first, predictor.probabilities(predictor.run(canvas.digit()[None, None]))[0],
                               rtol=1e-5)
    assert first.sum() == pytest.approx(1.0) and np.allclose(panel.chart.values, first)

    canvas.clear()
    assert panel.prediction_label.text() == "Draw a digit" and not panel.chart.values.any()
    draw(qtbot, canvas, [(100, 30), (100, 170)])  # a 1
    assert not np.allclose(seen[-1], first), "a different drawing gives different probabilities"


def test_feature_models_show_values_and_no_canvas(qtbot, panel, tmp_path):
    panel.load_model(exported_model("spiral", tmp_path))
    assert not panel.sources.isTabEnabled(1) and panel.sources.currentIndex() == 0
    assert panel.chart.labels == ["class 0", "class 1", "class 2"]
    assert "values: [" in panel.sample_label.text() and "true class: <b>class" in panel.sample_label.text()
    with qtbot.waitSignal(panel.prediction_changed, timeout=2000) as signal:
        panel.index_box.setValue(3)
    assert signal.args[0].shape == (3,) and panel.sample_label.text().startswith("validation sample 3 of 30")
    indices = set()
    for _ in range(20):
        panel.random_sample()
        indices.add(panel.index_box.value())
    assert len(indices) > 1 and max(indices) <= 29


def test_a_bad_file_is_reported_and_the_model_kept(qtbot, panel, tmp_path):
    panel.load_model(exported_model("spiral", tmp_path))
    (tmp_path / "broken.onnx").write_bytes(b"nope")
    assert not panel.load_model(tmp_path / "broken.onnx")
    assert "broken.onnx: not an ONNX model" in panel.status_label.text()
    assert panel.predictor is not None and panel.predictor.path.name == "spiral.onnx"


def in_view(widget, viewport) -> bool:
    """Whether all of ``widget`` lies inside ``viewport``'s visible area (nothing to scroll to)."""
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    return widget.isVisible() and viewport.rect().contains(QRect(top_left, widget.size()))


@pytest.fixture
def docked(qtbot, window, tmp_path):
    """The window's Inference panel with the digits model, floated in a 450 x 400 dock."""
    ui = install_onnx(window)
    ui.panel.load_model(exported_model("digits", tmp_path))
    ui.dock.setFloating(True)
    ui.dock.show()
    ui.dock.resize(450, 400)
    qtbot.waitExposed(ui.dock)
    scroll = ui.dock.widget()
    assert isinstance(scroll, QScrollArea), "the dock scrolls a panel below its minimum size"
    return ui.panel, scroll


def test_input_and_prediction_are_in_view_together_in_a_short_dock(qtbot, docked):
    panel, scroll = docked
    viewport = scroll.viewport()
    qtbot.waitUntil(lambda: panel.height() <= viewport.height(), timeout=2000)
    assert panel.side_by_side, "a 450 x 400 dock puts the prediction beside its input"
    for widget in (panel.sample_view, panel.prediction_label, panel.chart):
        assert in_view(widget, viewport), widget

    panel.sources.setCurrentIndex(1)
    canvas = panel.canvas
    qtbot.waitUntil(canvas.isVisible, timeout=2000)
    side = min(canvas.width(), canvas.height())
    draw(qtbot, canvas, [(canvas.width() // 2, side // 6), (canvas.width() // 2, side * 5 // 6)])
    assert panel.prediction_label.text().startswith("Prediction: ")
    for widget in (canvas, panel.digit_view, panel.clear_button, panel.prediction_label, panel.chart):
        assert in_view(widget, viewport), widget
    assert side >= 150, "the canvas keeps room to draw in"
    assert panel.chart.height() >= 120 and not scroll.verticalScrollBar().isVisible()


def test_a_tall_narrow_dock_stacks_the_prediction_below_the_input(qtbot, docked):
    panel, scroll = docked
    panel.sources.setCurrentIndex(1)
    panel.parentWidget().window().resize(360, 820)
    viewport = scroll.viewport()
    qtbot.waitUntil(lambda: not panel.side_by_side and panel.width() <= viewport.width(), timeout=2000)
    canvas = panel.canvas
    assert panel.chart.mapTo(panel, QPoint(0, 0)).y() >= canvas.mapTo(panel, QPoint(0, 0)).y() + canvas.height()
    for widget in (canvas, panel.prediction_label, panel.chart):
        assert in_view(widget, viewport), widget
    assert min(canvas.width(), canvas.height()) >= 200
    panel.parentWidget().window().resize(450, 400)
    qtbot.waitUntil(lambda: panel.side_by_side, timeout=2000)
