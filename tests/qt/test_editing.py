"""Edit menu operations: undo/redo, copy/cut/paste/duplicate, select all, wrap, auto layout."""

from __future__ import annotations

import json

from PySide6.QtGui import QGuiApplication

from dlplayground.compile import infer
from dlplayground.qt import clipboard

from tests.qt.conftest import open_example


def edge_set(graph):
    return {(e.src, e.dst, e.dst_port) for e in graph.edges}


def test_copy_paste_keeps_internal_edges_with_fresh_ids(window):
    open_example(window, "spiral_mlp.dlp.json")
    graph = window.session.graph
    window.scene.select_nodes(["fc1", "a1", "fc2"])
    assert window.copy()
    raw = json.loads(QGuiApplication.clipboard().text())
    assert raw["format"] == "dlplayground/fragment"
    assert {(e["src"], e["dst"]) for e in raw["edges"]} == {("fc1", "a1"), ("a1", "fc2")}

    pasted = window.paste()
    assert len(pasted) == 3 and not set(pasted) & {"fc1", "a1", "fc2"}
    assert window.selected_node_ids() == pasted
    mapping = dict(zip(["fc1", "a1", "fc2"], pasted))
    assert {(mapping["fc1"], mapping["a1"], 0), (mapping["a1"], mapping["fc2"], 0)} <= edge_set(graph)
    assert graph.node(mapping["fc1"]).params == graph.node("fc1").params
    # the copy keeps its layout: the same offsets between its nodes
    for a, b in (("fc1", "a1"), ("a1", "fc2")):
        moved = [p - q for p, q in zip(graph.node(mapping[b]).pos, graph.node(mapping[a]).pos)]
        assert moved == [p - q for p, q in zip(graph.node(b).pos, graph.node(a).pos)]
    # one undo step removes the whole paste
    window.session.undo_stack.undo()
    assert not set(pasted) & set(n.id for n in graph.nodes)


def test_repeated_pastes_never_overlap_the_original_or_each_other(window, monkeypatch):
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QCursor

    monkeypatch.setattr(QCursor, "pos", staticmethod(lambda: QPoint(-5000, -5000)))  # pointer off the canvas
    open_example(window, "spiral_mlp.dlp.json")
    window.scene.select_nodes(["fc1", "a1"])
    window.copy()
    pasted = window.paste() + window.paste() + window.paste()
    rects = [window.scene.node_items[n].card_rect().translated(window.scene.node_items[n].pos())
             for n in ["fc1", "a1", *pasted]]
    overlapping = [(a, b) for i, a in enumerate(rects) for b in rects[i + 1:] if a.intersects(b)]
    assert not overlapping


def test_paste_goes_to_the_mouse_pointer_over_the_canvas(window, monkeypatch):
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QCursor

    open_example(window, "spiral_mlp.dlp.json")
    window.scene.select_nodes(["fc1"])
    window.copy()
    spot = QPoint(200, 150)
    monkeypatch.setattr(QCursor, "pos", staticmethod(lambda: window.view.viewport().mapToGlobal(spot)))
    target = window.view.mapToScene(spot)
    [pasted] = window.paste()
    again = window.paste() + window.paste()  # the pointer stays: each copy goes below the last
    items = [window.scene.node_items[n] for n in [pasted, *again]]
    rects = [item.card_rect().translated(item.pos()) for item in items]
    assert not [(a, b) for i, a in enumerate(rects) for b in rects[i + 1:] if a.intersects(b)]
    pos = window.session.graph.node(pasted).pos
    assert abs(pos[0] - target.x()) < 3 and abs(pos[1] - target.y()) < 3  # a pixel at the zoom


def test_cut_then_paste_restores_in_place(window):
    open_example(window, "spiral_mlp.dlp.json")
    graph = window.session.graph
    pos = graph.node("a2").pos
    window.scene.select_nodes(["a2"])
    assert window.cut()
    assert "a2" not in graph
    [restored] = window.paste()
    assert restored == "a2" and graph.node("a2").pos == pos


def test_duplicate_copies_beside_the_originals(window):
    open_example(window, "spiral_mlp.dlp.json")
    window.scene.select_nodes(["fc2", "a2"])
    new = window.duplicate()
    graph = window.session.graph
    assert [graph.node(n).type for n in new] == ["Linear", "Tanh"]
    assert (new[0], new[1], 0) in edge_set(graph)


def test_pasting_text_that_is_not_a_fragment_changes_nothing(window):
    QGuiApplication.clipboard().setText("not a fragment")
    before = window.session.snapshot()
    assert window.paste() == []
    assert window.session.snapshot() == before


def test_a_malformed_fragment_is_refused_with_the_reason(window):
    bad = {"format": "dlplayground/fragment", "nodes": [{"id": "a", "type": "ReLU"}], "edges": [{"src": "a", "dst": "zz"}]}
    clipboard.copy_to_clipboard(bad)
    assert window.paste() == []
    assert "names no node" in window.statusBar().currentMessage()


def test_select_all_and_delete_then_undo_redo_restore_everything(window):
    open_example(window, "digits_resnet.dlp.json")
    graph = window.session.graph
    before_nodes = {n.id: (n.type, n.params, n.pos) for n in graph.nodes}
    before_edges = edge_set(graph)
    window.actions["select_all"].trigger()
    assert len(window.selected_node_ids()) == len(before_nodes)
    window.actions["delete"].trigger()
    assert len(graph) == 0 and not graph.edges
    window.actions["undo"].trigger()
    assert {n.id: (n.type, n.params, n.pos) for n in graph.nodes} == before_nodes
    assert edge_set(graph) == before_edges
    window.actions["redo"].trigger()
    assert len(graph) == 0
    window.actions["undo"].trigger()
    assert window.session.inference.ok


def test_undo_redo_shortcuts_are_the_standard_ones(window):
    texts = {key: [s.toString() for s in window.actions[key].shortcuts()] for key in ("undo", "redo", "duplicate", "fit")}
    assert "Ctrl+Z" in texts["undo"]
    assert {"Ctrl+Shift+Z", "Ctrl+Y"} <= set(texts["redo"])
    assert texts["duplicate"] == ["Ctrl+D"] and texts["fit"] == ["F"]


def test_wrap_selected_chain_in_a_residual_block_is_one_undo_step(window):
    open_example(window, "spiral_mlp.dlp.json")
    graph = window.session.graph
    before = window.session.snapshot()
    window.scene.select_nodes(["fc2", "a2"])
    add_id = window.wrap_selection()
    assert add_id is not None and window.selected_node_ids() == [add_id]
    assert {e.src for e in graph.in_edges(add_id)} == {"a2", "a1"}
    assert window.session.inference.ok
    items = window.scene.node_items.values()
    rects = [item.card_rect().translated(item.pos()) for item in items]
    assert not [(a, b) for i, a in enumerate(rects) for b in rects[i + 1:] if a.intersects(b)]
    assert graph.node(add_id).pos[1] == graph.node("a2").pos[1]  # in line after the chain
    window.session.undo_stack.undo()
    assert window.session.snapshot()["graph"]["nodes"] == before["graph"]["nodes"]
    assert edge_set(graph) == {(e["src"], e["dst"], e.get("dst_port", 0)) for e in before["graph"]["edges"]}


def test_wrapping_something_that_is_not_a_chain_is_refused(window):
    open_example(window, "spiral_mlp.dlp.json")
    window.scene.select_nodes(["fc1", "fc2"])
    assert window.wrap_selection() is None
    assert "one chain" in window.statusBar().currentMessage()


def test_auto_layout_is_one_undo_step(window):
    open_example(window, "digits_resnet.dlp.json")
    graph = window.session.graph
    before = {n.id: n.pos for n in graph.nodes}
    window.actions["auto_layout"].trigger()
    after = {n.id: n.pos for n in graph.nodes}
    assert after != before and len(set(after.values())) == len(after)
    assert window.node_item("b2_proj").pos().toTuple() == after["b2_proj"]
    window.session.undo_stack.undo()
    assert {n.id: n.pos for n in graph.nodes} == before


def test_edit_actions_follow_the_selection(window):
    open_example(window, "spiral_mlp.dlp.json")
    window.scene.select_nodes([])
    assert not window.actions["copy"].isEnabled() and not window.actions["wrap_residual"].isEnabled()
    window.scene.select_nodes(["fc1"])
    assert window.actions["copy"].isEnabled() and window.actions["delete"].isEnabled()


def test_every_example_survives_a_full_delete_undo_cycle(window):
    from tests.conftest import EXAMPLES

    for path in sorted(EXAMPLES.glob("*.dlp.json")):
        assert window.files.open_example(path)
        snapshot = window.session.snapshot()
        window.select_all()
        window.delete_selection()
        window.session.undo_stack.undo()
        graph = window.session.graph
        restored = window.session.snapshot()
        assert {n["id"] for n in restored["graph"]["nodes"]} == {n["id"] for n in snapshot["graph"]["nodes"]}
        # a GAN's generator takes noise: the session checks each project as its objective reads it
        assert window.session.networks.ok, path.name
        assert window.session.networks.graph.order == infer(graph, window.session.networks.graph.shapes.get(
            window.session.networks.graph.input_id or "")).order, path.name


def test_save_after_deleting_nodes_and_undoing_writes_the_same_bytes(window, tmp_path):
    open_example(window, "digits_resnet.dlp.json")
    session = window.session
    before, after = tmp_path / "before.dlp.json", tmp_path / "after.dlp.json"
    session.save(before)
    ids = [n.id for n in session.graph.nodes]
    # a node from the middle and one near the start, with every edge they have
    window.scene.select_nodes([ids[len(ids) // 2], ids[1]])
    window.delete_selection()
    assert len(session.graph) == len(ids) - 2
    session.undo_stack.undo()
    assert [n.id for n in session.graph.nodes] == ids
    session.save(after)
    assert after.read_bytes() == before.read_bytes()
