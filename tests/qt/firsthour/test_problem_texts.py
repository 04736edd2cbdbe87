"""Item 3: problem texts read as text (no HTML escapes) and the Problems list shows the whole fix."""

from __future__ import annotations

import pytest

from tests.qt.conftest import open_example


def break_output(window) -> str:
    """Give the spiral's last Linear a wrong width: a problem whose text quotes a node id."""
    open_example(window, "spiral_mlp.dlp.json")
    graph = window.session.graph
    linear = [n for n in graph.nodes if n.type == "Linear"][-1]
    window.editor.set_param(linear.id, "out_features", 7)
    return linear.id


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_the_inspector_and_the_problems_list_show_the_whole_plain_text(qtbot, window, size):
    window.resize(*size)
    node_id = break_output(window)
    problems = window.session.problems
    assert problems and any("'" in p.message for p in problems)
    window.scene.select_nodes([node_id])
    window.scene.selectionChanged.emit()
    qtbot.wait(20)
    label = window.inspector._problems
    shown = label.text()
    assert "&#x27;" not in shown and "&amp;" not in shown
    # what the label draws (rich text parsed) is the message itself, quotes and all
    from PySide6.QtGui import QTextDocument

    document = QTextDocument()
    document.setHtml(shown)
    assert any(p.message in document.toPlainText() for p in problems if node_id in p.node_ids)

    tree = window.summary_panel.problems
    window.summary_dock.raise_()
    qtbot.wait(20)
    assert tree.wordWrap()
    item = tree.topLevelItem(0)
    text = item.text(0)
    rect = tree.visualItemRect(item)
    line = tree.fontMetrics().height()
    width = tree.header().sectionSize(0)
    # a message wider than its column takes more lines instead of being cut off
    if tree.fontMetrics().horizontalAdvance(text) > width:
        assert rect.height() > 1.5 * line
