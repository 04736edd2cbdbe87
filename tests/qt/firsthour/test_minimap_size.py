"""At 1280x720 the canvas is small: the minimap in its corner takes a modest share of it, and
grows back when the window does."""

from __future__ import annotations

from tests.qt.conftest import open_example


def test_the_minimap_keeps_to_a_corner_of_a_small_canvas(qtbot, window):
    window.resize(1280, 720)
    open_example(window, "digits_resnet.dlp.json")
    minimap = window.canvas_tools.minimap
    qtbot.waitUntil(minimap.isVisible)
    minimap.render_scene()
    viewport = window.view.viewport().size()
    assert viewport.width() < 960  # a canvas where a full-size overview would crowd the nodes
    assert minimap.width() <= viewport.width() // 4 and minimap.height() <= viewport.height() // 3
    small = minimap.size()
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: minimap.width() > small.width(), timeout=2_000)
    assert minimap.width() <= 240 and minimap.height() <= 150
    # still in the bottom-right corner of the canvas
    area = window.view.viewport().geometry()
    assert abs(minimap.geometry().right() - (area.right() - 10)) <= 1
