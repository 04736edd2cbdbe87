"""Item 7: valid nodes never wear the error colour; activation headers are not red."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage, QPainter

from dlplayground.qt.canvas import style
from tests.qt.conftest import open_example


def hue_distance(a: QColor, b: QColor) -> float:
    d = abs(a.hslHueF() - b.hslHueF()) * 360
    return min(d, 360 - d)


def test_no_category_colour_looks_like_the_problem_colour():
    for category, name in style.CATEGORY_COLOURS.items():
        colour = QColor(name)
        assert hue_distance(colour, style.PROBLEM) >= 25, category
    activation = QColor(style.CATEGORY_COLOURS["Activation"])
    assert hue_distance(activation, style.PROBLEM) >= 45
    # white header text on the new colour stays legible (contrast >= 3:1)
    luminance = sum(w * c ** 2.2 for w, c in zip((0.2126, 0.7152, 0.0722),
                                                 (activation.redF(), activation.greenF(), activation.blueF())))
    assert 1.05 / (luminance + 0.05) >= 3


def test_a_valid_tanh_and_relu_are_drawn_without_red(qtbot, window):
    open_example(window, "spiral_mlp.dlp.json")
    assert not window.session.problems
    activations = [n.id for n in window.session.graph.nodes if n.type in ("Tanh", "ReLU")]
    assert activations
    for node_id in activations:
        item = window.scene.node_items[node_id]
        rect = item.card_rect()
        image = QImage(int(rect.width()) + 4, int(rect.height()) + 8, QImage.Format.Format_ARGB32)
        image.fill(0)
        painter = QPainter(image)
        painter.translate(-rect.left() + 2, -rect.top() + 2)
        item.paint(painter, None, None)
        painter.end()
        header = image.pixelColor(int(rect.width() * 0.85), int(style.HEADER_HEIGHT / 2) + 2)
        assert header.alpha() > 200
        assert hue_distance(header, style.PROBLEM) >= 45, (node_id, header.name())
