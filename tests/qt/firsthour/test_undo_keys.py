"""Item 6: Ctrl+Z undoes the project's last edit while a field of the Inspector has focus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.qt.conftest import open_example


def select_last_linear(window) -> str:
    linear = [n for n in window.session.graph.nodes if n.type == "Linear"][-1]
    window.scene.select_nodes([linear.id])
    window.scene.selectionChanged.emit()
    return linear.id


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_ctrl_z_in_a_focused_spin_box_undoes_the_project_edit(qtbot, window, size):
    window.resize(*size)
    open_example(window, "spiral_mlp.dlp.json")
    window.activateWindow()
    node_id = select_last_linear(window)
    before = window.session.graph.node(node_id).params.get("out_features")
    window.editor.set_param(node_id, "out_features", 9)
    spin = window.inspector.form.editors["out_features"].widget
    spin.setFocus()
    qtbot.waitUntil(spin.hasFocus, timeout=2000)
    qtbot.keyClick(spin, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.graph.node(node_id).params.get("out_features") == before
    assert spin.value() == before  # the form follows the undo
    qtbot.keyClick(spin, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.session.graph.node(node_id).params.get("out_features") == 9


def test_ctrl_z_in_the_id_field_undoes_the_project_edit(qtbot, window):
    open_example(window, "spiral_mlp.dlp.json")
    window.activateWindow()
    node_id = select_last_linear(window)
    window.editor.set_param(node_id, "out_features", 9)
    field = window.inspector.id_edit
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=2000)
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.graph.node(node_id).params.get("out_features") != 9


def test_typing_in_a_field_is_undone_in_the_field_first(qtbot, window):
    open_example(window, "spiral_mlp.dlp.json")
    window.activateWindow()
    node_id = select_last_linear(window)
    window.editor.set_param(node_id, "out_features", 9)
    field = window.inspector.id_edit
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=2000)
    qtbot.keyClicks(field, "xy")
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.graph.node(node_id).params.get("out_features") == 9  # the project kept it
    assert "xy" not in field.text()
