"""Item 5: an opened project fits the view; auto layout wraps a long chain into readable rows
and keeps residual blocks whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF

from dlplayground.graph.io import load_project
from dlplayground.qt.canvas.wrap_layout import wrapped_layout
from tests.conftest import EXAMPLES
from tests.qt.conftest import open_example

SIZES = [(1280, 720), (1920, 1080)]


def visible_scene_rect(window) -> QRectF:
    view = window.view
    return view.mapToScene(view.viewport().rect()).boundingRect()


@pytest.mark.parametrize("size", SIZES, ids=["1280x720", "1920x1080"])
@pytest.mark.parametrize("name", ["spiral_mlp.dlp.json", "digits_resnet.dlp.json"])
def test_an_opened_project_is_wholly_in_view(qtbot, window, size, name):
    window.resize(*size)
    qtbot.wait(30)
    open_example(window, name)
    qtbot.wait(30)
    seen = visible_scene_rect(window)
    for node_id, item in window.scene.node_items.items():
        assert seen.contains(item.sceneBoundingRect()), f"{node_id} is off screen in {name} at {size}"


@pytest.mark.parametrize("size", SIZES, ids=["1280x720", "1920x1080"])
def test_auto_layout_wraps_a_deep_chain_into_rows_that_fit(qtbot, window, size):
    window.resize(*size)
    qtbot.wait(30)
    open_example(window, "deep_plain_mlp.dlp.json")  # 41 nodes in one row
    window.actions["auto_layout"].trigger()
    qtbot.wait(30)
    positions = [node.pos for node in window.session.graph.nodes]
    rows = {round(y) for _, y in positions}
    assert len(rows) >= 3  # wrapped, not one strip 8000 units wide
    assert window.view.zoom >= 0.3  # and the whole graph fits at a zoom where it can be read
    seen = visible_scene_rect(window)
    assert all(seen.contains(item.sceneBoundingRect()) for item in window.scene.node_items.values())
    # no two nodes on top of each other
    assert len({(round(x), round(y)) for x, y in positions}) == len(positions)
    window.session.undo_stack.undo()  # one undo step puts the row back
    assert {round(node.pos[1]) for node in window.session.graph.nodes} == {0}


def test_wrapping_never_splits_a_residual_block():
    project = load_project(EXAMPLES / "deep_residual_mlp.dlp.json")
    graph = project.graph
    placed = wrapped_layout(graph, 1100, 420)
    assert len({round(y) for _, y in placed.values()}) > 2
    # every edge goes right within its row, except the one edge that links two rows
    for edge in graph.edges:
        (sx, sy), (dx, dy) = placed[edge.src], placed[edge.dst]
        if dx <= sx:  # a row break: the source is the last column of its row, the target the first
            assert dx == 0 and dy > sy
            assert edge.dst_port == 0 and len([e for e in graph.edges if e.dst == edge.dst]) == 1


def test_a_short_chain_that_fits_stays_on_one_row():
    project = load_project(EXAMPLES / "sine_gru.dlp.json")
    placed = wrapped_layout(project.graph, 1600, 900)
    assert len({round(y) for _, y in placed.values()}) == 1


def test_an_opened_project_stays_whole_while_the_panels_settle_until_the_user_moves_the_view(qtbot, window):
    """The canvas shrinks after opening (a dock grows, the window is made smaller): the graph is
    fitted again; once the user has zoomed, a resize leaves the user's view alone."""
    window.resize(1920, 1080)
    qtbot.wait(30)
    open_example(window, "spiral_mlp.dlp.json")
    qtbot.wait(30)
    wide = window.view.zoom
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.view.viewport().width() < 900)
    seen = visible_scene_rect(window)
    assert all(seen.contains(item.sceneBoundingRect()) for item in window.scene.node_items.values())
    assert window.view.zoom < wide
    window.actions["zoom_in"].trigger()
    zoomed = window.view.zoom
    window.resize(1400, 800)
    qtbot.wait(30)
    assert window.view.zoom == zoomed
