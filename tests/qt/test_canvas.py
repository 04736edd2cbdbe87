"""The canvas driven as a user would: drops, port drags, rubber bands, moves, deletes, zoom."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QDragEnterEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication

from dlplayground.qt.canvas.edge_item import EdgeItem, edge_path
from dlplayground.qt.canvas.style import NODE_HEIGHT
from dlplayground.qt.mime import layer_mime

from tests.qt.conftest import open_example


# -- simulated input ------------------------------------------------------------------------
def viewport_point(window, scene_pos: QPointF) -> QPoint:
    return window.view.mapFromScene(scene_pos)


def send_mouse(window, kind: QEvent.Type, point: QPoint, button=Qt.MouseButton.LeftButton,
               buttons=Qt.MouseButton.LeftButton, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    viewport = window.view.viewport()
    event = QMouseEvent(kind, QPointF(point), QPointF(viewport.mapToGlobal(point)), button, buttons, modifiers)
    QApplication.sendEvent(viewport, event)


def drag(window, start: QPointF, end: QPointF, modifiers=Qt.KeyboardModifier.NoModifier, steps: int = 5,
         button=Qt.MouseButton.LeftButton) -> None:
    """Press at scene point ``start``, move in steps, release at ``end``."""
    a, b = viewport_point(window, start), viewport_point(window, end)
    send_mouse(window, QEvent.Type.MouseButtonPress, a, button, button, modifiers)
    for i in range(1, steps + 1):
        p = QPoint(a.x() + (b.x() - a.x()) * i // steps, a.y() + (b.y() - a.y()) * i // steps)
        send_mouse(window, QEvent.Type.MouseMove, p, Qt.MouseButton.NoButton, button, modifiers)
    send_mouse(window, QEvent.Type.MouseButtonRelease, b, button, Qt.MouseButton.NoButton, modifiers)


def click(window, scene_pos: QPointF, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    point = viewport_point(window, scene_pos)
    send_mouse(window, QEvent.Type.MouseButtonPress, point, modifiers=modifiers)
    send_mouse(window, QEvent.Type.MouseButtonRelease, point, buttons=Qt.MouseButton.NoButton, modifiers=modifiers)


def drop(window, mime: QMimeData, scene_pos: QPointF) -> bool:
    """Simulate dropping ``mime`` on the canvas at ``scene_pos``; returns whether it was accepted."""
    point = QPointF(viewport_point(window, scene_pos))
    viewport = window.view.viewport()
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(point.toPoint(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(point, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, event)
    return event.isAccepted()


def drop_layer(window, type_name: str, x: float, y: float) -> str:
    before = set(window.scene.node_items)
    assert drop(window, layer_mime(type_name), QPointF(x, y))
    [new_id] = set(window.scene.node_items) - before
    return new_id


def out_port(window, node_id: str) -> QPointF:
    return window.node_item(node_id).output_port.scenePos()


def in_port(window, node_id: str) -> QPointF:
    return window.node_item(node_id).input_port.scenePos()


def connect_by_mouse(window, src: str, dst: str) -> None:
    drag(window, out_port(window, src), in_port(window, dst))


def show_area(window, x: float, y: float) -> None:
    window.view.set_zoom(1.0)
    window.view.centerOn(QPointF(x, y))


# -- tests ------------------------------------------------------------------------------------
def test_dropping_a_palette_layer_adds_it_where_it_lands(window):
    show_area(window, 300, 0)
    node_id = drop_layer(window, "Linear", 330, 40)
    node = window.session.graph.node(node_id)
    assert (node.type, node.pos) == ("Linear", (330.0, 40.0))
    assert window.node_item(node_id).pos() == QPointF(330, 40)
    assert window.selected_node_ids() == [node_id]
    assert window.inspector.node_id == node_id  # the inspector follows the selection
    window.session.undo_stack.undo()
    assert node_id not in window.session.graph and node_id not in window.scene.node_items


def test_a_drop_of_something_else_is_ignored(window):
    mime = QMimeData()
    mime.setText("hello")
    assert not drop(window, mime, QPointF(0, 0))
    assert len(window.session.graph) == 2


def test_connecting_ports_with_the_mouse_builds_a_valid_model(window):
    show_area(window, 330, 0)
    fc = drop_layer(window, "Linear", 220, 0)
    act = drop_layer(window, "Tanh", 440, 0)
    for src, dst in (("x", fc), (fc, act), (act, "y")):
        connect_by_mouse(window, src, dst)
    graph = window.session.graph
    assert [(e.src, e.dst) for e in graph.edges] == [("x", fc), (fc, act), (act, "y")]
    assert window.session.inference.ok
    # shapes label the edges; counts and the validity show in the status bar
    labels = {key[:2]: item.label.text for key, item in window.scene.edge_items.items()}
    assert labels[(fc, act)] == "16" and labels[("x", fc)] == "2"
    assert window.params_label.text() == f"{2 * 16 + 16:,} parameters"
    # 16 outputs cannot train against the spiral's 3 classes: the status bar says so, on 'act'
    assert "1 problem" in window.validity_label.text() and f"change '{act}'" in window.validity_label.toolTip()
    window.editor.set_param(fc, "out_features", 3)
    assert "valid" in window.validity_label.text()


def test_a_connection_that_would_close_a_cycle_is_refused_with_a_message(window):
    show_area(window, 330, 0)
    a = drop_layer(window, "ReLU", 220, 0)
    b = drop_layer(window, "Tanh", 440, 0)
    connect_by_mouse(window, a, b)
    edges_before = window.session.graph.edges
    depth = window.session.undo_stack.count()
    connect_by_mouse(window, b, a)
    assert window.session.graph.edges == edges_before
    assert window.session.undo_stack.count() == depth
    assert "cycle" in window.statusBar().currentMessage()


def test_incompatible_shapes_are_refused_with_a_message(window):
    open_example(window, "digits_cnn.dlp.json")
    graph = window.session.graph
    fc = next(n.id for n in graph.nodes if n.type == "Linear")
    conv = next(n.id for n in graph.nodes if n.type == "Conv2d")
    edges_before = graph.edges
    assert not window.editor.connect(conv, fc)  # [C, H, W] into a Linear
    assert graph.edges == edges_before
    assert "Flatten" in window.statusBar().currentMessage()


def test_a_merge_takes_the_next_free_port_and_a_single_input_is_replaced(window):
    show_area(window, 330, 0)
    a = drop_layer(window, "ReLU", 200, -100)
    b = drop_layer(window, "Tanh", 200, 100)
    add = drop_layer(window, "Add", 420, 0)
    window.editor.connect("x", a)
    window.editor.connect("x", b)
    connect_by_mouse(window, a, add)
    connect_by_mouse(window, b, add)
    assert [(e.src, e.dst_port) for e in window.session.graph.in_edges(add)] == [(a, 0), (b, 1)]
    # the merge fans its inputs out
    ports = sorted(item.port_index for key, item in window.scene.edge_items.items() if key[1] == add)
    assert ports == [0, 1]
    # a single-input node gets its input replaced, in one undo step
    window.editor.connect(a, "y")
    window.editor.connect(b, "y")
    assert [e.src for e in window.session.graph.in_edges("y")] == [b]
    window.session.undo_stack.undo()
    assert [e.src for e in window.session.graph.in_edges("y")] == [a]


def test_dragging_a_node_moves_it_in_one_undo_step(window):
    show_area(window, 300, 0)
    start = window.node_item("x").pos()
    depth = window.session.undo_stack.count()
    drag(window, start + QPointF(0, 20), start + QPointF(120, 80), steps=8)
    assert window.session.graph.node("x").pos == (120.0, 60.0)
    assert window.session.undo_stack.count() == depth + 1
    window.session.undo_stack.undo()
    assert window.session.graph.node("x").pos == (0.0, 0.0)
    assert window.node_item("x").pos() == QPointF(0, 0)


def test_edges_follow_a_moved_node(window):
    window.editor.connect("x", "y")
    [edge] = window.scene.edge_items.values()
    before = edge.path().pointAtPercent(1.0)
    window.editor.move_nodes({"y": (660.0, 200.0)})
    after = edge.path().pointAtPercent(1.0)
    assert after.y() - before.y() == 200


def test_rubber_band_and_ctrl_click_selection(window):
    open_example(window, "spiral_mlp.dlp.json")
    show_area(window, 300, 0)
    graph = window.session.graph
    positions = {n.id: n.pos for n in graph.nodes}
    # a band from empty space around the first three nodes
    drag(window, QPointF(-100, -80), QPointF(positions["fc1"][0] + 100 + 220, 80), steps=6)
    chosen = window.selected_node_ids()
    assert chosen[:2] == ["x", "fc1"] and len(chosen) >= 3
    # ctrl-click toggles a node out of the selection
    click(window, QPointF(*positions["fc1"]) + QPointF(0, 10), Qt.KeyboardModifier.ControlModifier)
    assert "fc1" not in window.selected_node_ids() and "x" in window.selected_node_ids()


def test_delete_removes_selected_nodes_and_their_edges_in_one_step(window):
    open_example(window, "spiral_mlp.dlp.json")
    graph = window.session.graph
    before = window.session.snapshot()
    window.scene.select_nodes(["fc2"])
    window.actions["delete"].trigger()
    assert "fc2" not in graph and not any("fc2" in (e.src, e.dst) for e in graph.edges)
    assert window.session.problems  # the chain is broken now
    window.session.undo_stack.undo()
    after = window.session.snapshot()
    assert sorted(map(str, after["graph"]["edges"])) == sorted(map(str, before["graph"]["edges"]))
    assert {n["id"] for n in after["graph"]["nodes"]} == {n["id"] for n in before["graph"]["nodes"]}


def test_an_edge_can_be_selected_and_deleted(window):
    window.editor.connect("x", "y")
    [item] = window.scene.edge_items.values()
    item.setSelected(True)
    window.delete_selection()
    assert window.session.graph.edges == []


def test_problem_nodes_are_marked_with_their_message(window):
    window.editor.add_node("Linear", (300, 0), {"out_features": 3})  # the spiral's 3 classes
    item = window.node_item("linear")
    assert any("needs 1 input" in p for p in item.problems)
    assert "needs 1 input" in item.toolTip()
    window.editor.connect("x", "linear")
    assert item.problems == ["not on a path from the Input to the Output"]
    window.editor.connect("linear", "y")
    assert not item.problems and "needs" not in item.toolTip()


def test_badges_can_be_set_by_node_id(window):
    assert window.set_node_badge("x", "vanishing", "#d97706", "gradient norm 1e-9")
    item = window.node_item("x")
    assert item.badge_text == "vanishing" and "gradient norm 1e-9" in item.toolTip()
    window.clear_node_badges()
    assert item.badge_text is None
    assert not window.set_node_badge("nope", "x", "#000000")


def test_zoom_keeps_the_point_under_the_cursor(window):
    view = window.view
    view.set_zoom(1.0)
    view.centerOn(QPointF(0, 0))
    cursor = QPointF(200, 150)
    under = view.mapToScene(cursor.toPoint())
    wheel = QWheelEvent(cursor, QPointF(view.viewport().mapToGlobal(cursor.toPoint())), QPoint(0, 0), QPoint(0, 240),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoom > 1.2
    after = view.mapToScene(cursor.toPoint())
    assert abs(after.x() - under.x()) < 2 and abs(after.y() - under.y()) < 2


def test_middle_button_pans(window):
    view = window.view
    view.set_zoom(1.0)
    view.centerOn(QPointF(0, 0))
    centre_before = view.mapToScene(view.viewport().rect().center())
    drag(window, centre_before, centre_before + QPointF(-100, -50), button=Qt.MouseButton.MiddleButton)
    centre_after = view.mapToScene(view.viewport().rect().center())
    assert round(centre_after.x() - centre_before.x()) == 100 and round(centre_after.y() - centre_before.y()) == 50
    assert window.session.graph.node("x").pos == (0.0, 0.0)  # panning moved nothing


def test_fit_shows_every_node(window):
    open_example(window, "deep_residual_mlp.dlp.json")
    window.actions["fit"].trigger()
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert visible.contains(window.scene.nodes_rect())


def test_dropping_a_project_file_opens_it(window, tmp_path):
    from tests.conftest import EXAMPLES

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(EXAMPLES / "sine_gru.dlp.json"))])
    assert drop(window, mime, QPointF(0, 0))
    assert window.session.project.name == "Sine GRU"


def test_long_edges_run_beside_the_nodes_they_skip():
    start, end = QPointF(0, 0), QPointF(1000, 140)
    path = edge_path(start, end)
    # past the first bend the skip runs on the target's row, clear of a card on the source row
    for x in (300, 500, 700):
        assert _y_at(path, x) == 140
    level = edge_path(QPointF(0, 0), QPointF(1000, 0))
    assert abs(_y_at(level, 500)) > NODE_HEIGHT / 2


def _y_at(path, x: float) -> float:
    best = min((path.pointAtPercent(t / 400) for t in range(401)), key=lambda p: abs(p.x() - x))
    return round(best.y(), 1)


def test_edge_items_mirror_the_document_after_undo_and_redo(window):
    open_example(window, "digits_resnet.dlp.json")
    stack = window.session.undo_stack
    window.scene.select_nodes(["b1_add", "b2_proj"])
    window.delete_selection()
    stack.undo()
    stack.redo()
    stack.undo()
    doc_keys = {e.key for e in window.session.graph.edges}
    assert set(window.scene.edge_items) == doc_keys
    assert all(isinstance(i, EdgeItem) for i in window.scene.edge_items.values())
    assert set(window.scene.node_items) == {n.id for n in window.session.graph.nodes}


def test_space_drag_pans_and_moves_nothing(window, qtbot):
    view = window.view
    view.set_zoom(1.0)
    view.centerOn(QPointF(0, 0))
    view.setFocus()
    before = view.mapToScene(view.viewport().rect().center())
    qtbot.keyPress(view, Qt.Key.Key_Space)
    drag(window, QPointF(0, 10), QPointF(-80, 10))  # starts on the Input node: still a pan
    qtbot.keyRelease(view, Qt.Key.Key_Space)
    after = view.mapToScene(view.viewport().rect().center())
    assert round(after.x() - before.x()) == 80
    assert window.session.graph.node("x").pos == (0.0, 0.0)


def test_f_fits_on_the_canvas_but_types_in_a_text_field(window, qtbot):
    open_example(window, "deep_residual_mlp.dlp.json")
    window.view.set_zoom(1.0)
    window.palette.search.setFocus()
    qtbot.keyClicks(window.palette.search, "f")
    assert window.palette.search.text() == "f" and window.view.zoom == 1.0
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F)
    assert window.view.zoom < 0.5
