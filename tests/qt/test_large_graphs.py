"""Large graphs in the window: groups collapse and expand (undoably), the minimap navigates,
quick add places a layer at the pointer, find selects a node, frozen nodes look frozen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QMouseEvent, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QStyleOptionGraphicsItem

from dlplayground.graph.groups import GROUP_KEY, GROUPS_KEY
from dlplayground.graph.io import save_project
from dlplayground.qt.canvas.group_item import GroupFrame
from tests.qt.test_canvas import click, send_mouse, viewport_point


def resnet_project(blocks: int = 4) -> dict[str, Any]:
    """A small valid residual CNN: a stem and ``blocks`` residual blocks, then a classifier."""
    nodes: list[dict[str, Any]] = [{"id": "x", "type": "Input"},
                                   {"id": "stem", "type": "Conv2d", "params": {"out_channels": 4, "kernel_size": 3,
                                                                               "padding": 1}}]
    edges: list[dict[str, Any]] = [{"src": "x", "dst": "stem"}]
    last = "stem"
    for b in range(blocks):
        conv = {"out_channels": 4, "kernel_size": 3, "padding": 1}
        nodes += [{"id": f"b{b}_conv1", "type": "Conv2d", "params": conv}, {"id": f"b{b}_relu", "type": "ReLU"},
                  {"id": f"b{b}_conv2", "type": "Conv2d", "params": conv}, {"id": f"b{b}_add", "type": "Add"},
                  {"id": f"b{b}_out", "type": "ReLU"}]
        edges += [{"src": last, "dst": f"b{b}_conv1"}, {"src": f"b{b}_conv1", "dst": f"b{b}_relu"},
                  {"src": f"b{b}_relu", "dst": f"b{b}_conv2"}, {"src": f"b{b}_conv2", "dst": f"b{b}_add"},
                  {"src": last, "dst": f"b{b}_add", "dst_port": 1}, {"src": f"b{b}_add", "dst": f"b{b}_out"}]
        last = f"b{b}_out"
    nodes += [{"id": "flat", "type": "Flatten"}, {"id": "fc", "type": "Linear", "params": {"out_features": 3}},
              {"id": "y", "type": "Output"}]
    edges += [{"src": last, "dst": "flat"}, {"src": "flat", "dst": "fc"}, {"src": "fc", "dst": "y"}]
    return {"format": "dlplayground/project", "version": 1, "name": "resnet",
            "graph": {"nodes": nodes, "edges": edges},
            "data": {"name": "shapes", "params": {"size": 8}, "val_split": 0.2, "seed": 0},
            "training": {"loss": "CrossEntropyLoss", "optimizer": {"type": "Adam", "lr": 0.01},
                         "batch_size": 16, "epochs": 1, "seed": 0}}


def open_resnet(window, tmp_path, blocks: int = 4):
    path = tmp_path / "resnet.dlp.json"
    save_project(resnet_project(blocks), path)
    assert window.files.open_path(path, ask=False)
    QApplication.processEvents()
    return path


def visible_nodes(window) -> set[str]:
    return {n for n, item in window.scene.node_items.items() if item.isVisible()}


def test_blocks_collapse_and_expand_and_each_step_undoes(window, tmp_path):
    open_resnet(window, tmp_path)
    scene, stack = window.scene, window.session.undo_stack
    everything = set(scene.node_items)
    window.actions["group_blocks"].trigger()  # Ctrl+Shift+B
    assert set(scene.group_blocks) == {"g1", "g2", "g3", "g4"}
    block = scene.group_blocks["g2"]
    assert block.label == "Residual block 2" and block.member_count == 4
    assert visible_nodes(window) == everything - {f"b{b}_{k}" for b in range(4) for k in ("conv1", "relu", "conv2", "add")}
    # the edges that cross a block's border end on it; those inside it are hidden
    into = scene.edge_items[("b0_out", "b1_conv1", 0)]
    assert into.dst_item is block and into.path().currentPosition() == block.input_anchor()
    assert not scene.edge_items[("b1_conv1", "b1_relu", 0)].isVisible()
    assert scene.edge_items[("b1_add", "b1_out", 0)].src_item is block

    # expand one by double-clicking it; collapse it again from its frame's header
    point = viewport_point(window, block.scenePos())
    send_mouse(window, QEvent.Type.MouseButtonPress, point)
    send_mouse(window, QEvent.Type.MouseButtonRelease, point, buttons=Qt.MouseButton.NoButton)
    send_mouse(window, QEvent.Type.MouseButtonDblClick, point)
    send_mouse(window, QEvent.Type.MouseButtonRelease, point, buttons=Qt.MouseButton.NoButton)
    QTest.qWait(20)
    assert "g2" not in scene.group_blocks and isinstance(scene.group_frames["g2"], GroupFrame)
    assert {"b1_conv1", "b1_add"} <= visible_nodes(window)
    assert scene.edge_items[("b0_out", "b1_conv1", 0)].dst_item is scene.node_items["b1_conv1"]
    assert stack.undoText() == "Expand 'Residual block 2'"
    header = scene.group_frames["g2"].header_rect().center()
    window.view.centerOn(header)
    click(window, header)
    QTest.qWait(20)
    assert "g2" in scene.group_blocks and stack.undoText() == "Collapse 'Residual block 2'"

    stack.undo()  # the collapse
    stack.undo()  # the expansion
    assert "g2" in scene.group_blocks and len(scene.group_blocks) == 4
    stack.undo()  # the grouping
    assert not scene.group_blocks and not scene.group_frames and visible_nodes(window) == everything
    assert all(GROUP_KEY not in n.extra for n in window.session.graph.nodes)
    assert GROUPS_KEY not in window.session.project.graph_extra
    assert scene.edge_items[("b0_out", "b1_conv1", 0)].dst_item is scene.node_items["b1_conv1"]
    stack.redo()
    assert len(scene.group_blocks) == 4


def test_groups_are_saved_and_open_collapsed(window, tmp_path):
    path = open_resnet(window, tmp_path, blocks=2)
    window.scene.select_nodes(["b0_conv1", "b0_relu", "b0_conv2"])
    gid = window.canvas_tools.group_selection("Main path")  # Ctrl+G
    window.editor.groups.set_collapsed([gid], True)
    assert window.files.save()
    window.files.new()
    assert window.files.open_path(path, ask=False)
    assert list(window.scene.group_blocks) == [gid] and window.scene.group_blocks[gid].label == "Main path"
    # a selected block stands for its members (copy, delete and duplicate take them all)
    window.scene.clearSelection()
    window.scene.group_blocks[gid].setSelected(True)
    assert window.scene.selected_node_ids() == ["b0_conv1", "b0_relu", "b0_conv2"]


def test_dragging_a_block_moves_its_members_in_one_step(window, tmp_path):
    open_resnet(window, tmp_path, blocks=2)
    window.editor.groups.group_blocks()
    block = window.scene.group_blocks["g1"]
    before = window.session.graph.node("b0_conv1").pos
    start = block.scenePos()
    from tests.qt.test_canvas import drag, viewport_point

    drag(window, start, start + QPointF(0, 200), steps=4)
    QApplication.processEvents()
    # the pointer moves in whole pixels: the scene distance it covered at the fitted zoom
    moved = (window.view.mapToScene(viewport_point(window, start + QPointF(0, 200)))
             - window.view.mapToScene(viewport_point(window, start))).y()
    assert abs(moved - 200) < 1 / window.view.transform().m11()
    after = window.session.graph.node("b0_conv1").pos
    assert after is not None and before is not None and abs(after[1] - before[1] - moved) < 0.5
    assert window.session.undo_stack.undoText().startswith("Move")
    assert abs(block.scenePos().y() - start.y() - moved) < 0.5


def test_minimap_click_and_drag_move_the_view_and_panning_does_not_rerender(window, tmp_path):
    open_resnet(window, tmp_path, blocks=12)
    window.view.set_zoom(1.0)
    minimap = window.canvas_tools.minimap
    assert minimap.isVisible()
    minimap.render_scene()
    renders = minimap.renders
    nodes = window.scene.nodes_rect()
    target = QPointF(nodes.right() - 100, nodes.center().y())
    point = minimap.to_widget(QRectF(target, target)).topLeft()
    QTest.mouseClick(minimap, Qt.MouseButton.LeftButton, pos=point.toPoint())
    centre = window.view.mapToScene(window.view.viewport().rect().center())
    assert abs(centre.x() - target.x()) < 40 and abs(centre.y() - target.y()) < 40
    # dragging on the minimap follows the pointer
    other = QPointF(nodes.left() + 200, nodes.center().y())
    p = minimap.to_widget(QRectF(other, other)).topLeft().toPoint()
    QApplication.sendEvent(minimap, QMouseEvent(QEvent.Type.MouseMove, QPointF(p), QPointF(minimap.mapToGlobal(p)),
                                                 Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton,
                                                 Qt.KeyboardModifier.NoModifier))
    centre = window.view.mapToScene(window.view.viewport().rect().center())
    assert abs(centre.x() - other.x()) < 40
    # the outline is where the view is; scrolling moves it without rendering the scene again
    outline = minimap.to_widget(minimap.visible_scene_rect())
    window.view.horizontalScrollBar().setValue(window.view.horizontalScrollBar().value() + 300)
    QApplication.processEvents()
    assert minimap.to_widget(minimap.visible_scene_rect()).left() > outline.left()
    assert minimap.renders == renders
    window.actions["minimap"].trigger()  # Ctrl+M hides it
    assert not minimap.isVisible()


def test_quick_add_places_the_chosen_layer_at_the_pointer(window):
    view = window.view
    pointer = QPoint(300, 200)
    send_mouse(window, QEvent.Type.MouseMove, pointer, Qt.MouseButton.NoButton, Qt.MouseButton.NoButton)
    expected = view.mapToScene(pointer)
    view.setFocus()
    QTest.keyClick(view, Qt.Key.Key_Tab)
    popup = window.canvas_tools.quick_add_popup
    assert popup.isVisible()
    QTest.keyClicks(popup.edit, "conv2")
    assert popup.current_key() == "Conv2d"  # names that start with the text come first
    before = set(window.session.graph._nodes)
    QTest.keyClick(popup.edit, Qt.Key.Key_Return)
    [new_id] = set(window.session.graph._nodes) - before
    node = window.session.graph.node(new_id)
    assert node.type == "Conv2d" and node.pos == (round(expected.x()), round(expected.y()))
    assert window.scene.selected_node_ids() == [new_id] and not popup.isVisible()
    window.session.undo_stack.undo()
    assert new_id not in window.session.graph


def test_quick_add_filters_and_escape_adds_nothing(window):
    tools = window.canvas_tools
    tools.quick_add()
    QTest.keyClicks(tools.quick_add_popup.edit, "norm")
    shown = [tools.quick_add_popup.list.item(i).data(Qt.ItemDataRole.UserRole)
             for i in range(tools.quick_add_popup.list.count())]
    assert shown and all("norm" in name.lower() for name in shown) and "BatchNorm2d" in shown
    count = len(window.session.graph)
    QTest.keyClick(tools.quick_add_popup.edit, Qt.Key.Key_Escape)
    assert not tools.quick_add_popup.isVisible() and len(window.session.graph) == count


def test_find_selects_and_centres_a_node_expanding_its_group(window, tmp_path):
    open_resnet(window, tmp_path, blocks=12)
    window.view.set_zoom(1.0)
    window.editor.groups.group_blocks(collapsed=True)
    window.actions["find_node"].trigger()  # Ctrl+F
    popup = window.canvas_tools.find_popup
    QTest.keyClicks(popup.edit, "b9_conv2")
    QTest.keyClick(popup.edit, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert window.scene.selected_node_ids() == ["b9_conv2"]
    item = window.scene.node_items["b9_conv2"]
    assert item.isVisible()  # its block was expanded
    centre = window.view.mapToScene(window.view.viewport().rect().center())
    shown = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    # centred across; down only as far as the scene reaches (a one-row graph)
    assert abs(centre.x() - item.x()) < 5 and shown.contains(item.sceneBoundingRect())


def test_trainable_checkbox_freezes_draws_frozen_and_undoes(window, tmp_path):
    open_resnet(window, tmp_path, blocks=1)
    window.scene.select_nodes(["fc"])
    box = window.inspector.trainable_box
    assert box is not None and box.isChecked() and box.isEnabled()
    item = window.scene.node_items["fc"]

    def picture() -> QImage:
        image = QImage(200, 120, QImage.Format.Format_ARGB32)
        image.fill(0)
        painter = QPainter(image)
        painter.translate(100, 60)
        item.paint(painter, QStyleOptionGraphicsItem())
        painter.end()
        return image

    live = picture()
    box.click()
    assert window.session.graph.node("fc").extra["trainable"] is False and item.frozen
    assert picture() != live and "Frozen" in item.toolTip()
    window.session.undo_stack.undo()
    assert "trainable" not in window.session.graph.node("fc").extra and box.isChecked() and not item.frozen
    window.scene.select_nodes(["b0_relu"])  # no weights: nothing to freeze
    assert not window.inspector.trainable_box.isEnabled()


def test_file_import_onnx_opens_the_model_and_refuses_unmappable_ones(window, tmp_path):
    from dlplayground.qt.onnx.import_action import install_import
    from tests.commands.test_import_cli import _mlp
    from tests.onnx_import.models import unmappable_model
    import onnx

    tool = install_import(window)
    assert tool.action in window.menu("File").actions()
    _mlp(tmp_path / "mlp.onnx")
    assert tool.import_file(tmp_path / "mlp.onnx", tmp_path / "out" / "mlp.dlp.json", show_errors=False)
    assert [n.type for n in window.session.graph.nodes] == ["Input", "Linear", "ReLU", "Linear", "Output"]
    assert window.session.project.training["init"] == "mlp.safetensors"
    assert (tmp_path / "out" / "mlp.safetensors").exists() and window.session.path == tmp_path / "out" / "mlp.dlp.json"
    onnx.save(unmappable_model(), str(tmp_path / "bad.onnx"))
    assert not tool.import_file(tmp_path / "bad.onnx", tmp_path / "bad.dlp.json", show_errors=False)
    assert "bad.onnx" in tool.last_error and not (tmp_path / "bad.dlp.json").exists()


def test_zoomed_out_frames_skip_ports_and_labels_but_exported_pictures_keep_them(window, tmp_path):
    from dlplayground.qt.export_image import render_png

    open_resnet(window, tmp_path, blocks=2)
    scene, view = window.scene, window.view
    view.set_zoom(1.0)
    picture = render_png(scene, scale=1.0)
    item, edge = scene.node_items["b0_conv1"], scene.edge_items[("stem", "b0_conv1", 0)]
    assert item.output_port.isVisible() and edge.label.isVisible()
    view.set_zoom(0.3)  # labels would be specks; ports still show
    assert item.output_port.isVisible() and not edge.label.isVisible()
    view.set_zoom(0.1)
    assert not item.output_port.isVisible() and not edge.label.isVisible()
    assert render_png(scene, scale=1.0) == picture  # the export draws everything, at its own scale
    assert not item.output_port.isVisible()  # and the view's detail is back afterwards
    window.scene.select_nodes([])
    new_id = window.editor.add_node("ReLU", (0, 600))  # items made while zoomed out follow suit
    assert not scene.node_items[new_id].output_port.isVisible()
    view.set_zoom(1.0)
    assert scene.node_items[new_id].output_port.isVisible() and edge.label.isVisible()
