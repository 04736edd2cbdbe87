"""The editor's scene: node and edge items mirroring the session's document.

The scene never edits the document itself. It redraws from document events and inference
results; user gestures (a finished drag, a connection dropped on a node) become calls on the
:class:`~dlplayground.qt.editor.GraphEditor`, which pushes undo commands.
"""

from __future__ import annotations

import contextlib
from typing import Iterator

from PySide6.QtCore import QPointF, QRectF, QTimer, Signal
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent

from dlplayground.compile.infer import Inference
from dlplayground.graph.document import Edge
from dlplayground.graph.events import (
    DocumentEvent,
    EdgeAdded,
    EdgeRemoved,
    GraphExtraChanged,
    NodeAdded,
    NodeExtraChanged,
    NodeMoved,
    NodeParamsChanged,
    NodeRemoved,
)
from dlplayground.graph.groups import GROUP_KEY, GROUPS_KEY, Group
from dlplayground.graph.problems import problems_by_node
from dlplayground.qt.canvas import style
from dlplayground.qt.canvas.edge_item import EdgeItem, PendingEdge
from dlplayground.qt.canvas.group_item import GroupBlock, GroupFrame
from dlplayground.qt.canvas.node_item import NodeItem, PortItem
from dlplayground.qt.editor import ConnectionRefused, GraphEditor
from dlplayground.qt.session import DocumentSession

EdgeKey = tuple[str, str, int]


class GraphScene(QGraphicsScene):
    """Items for every node and edge of the session's graph.

    Signals:
        connection_hovered(message): while dragging a connection, why the target under the
            mouse would be refused ("" when it would be accepted or there is none).
    """

    connection_hovered = Signal(str)

    def __init__(self, session: DocumentSession, editor: GraphEditor) -> None:
        super().__init__()
        self.session, self.editor = session, editor
        self.node_items: dict[str, NodeItem] = {}
        self.edge_items: dict[EdgeKey, EdgeItem] = {}
        self._edges_by_node: dict[str, set[EdgeKey]] = {}
        self._pending: PendingEdge | None = None
        self._pending_src: str | None = None
        self._syncing = False
        # edges whose ends moved: redrawn once per finished command (a layout moves each node,
        # and most edges twice), or at the next turn of the event loop
        self._dirty_edges: set[EdgeKey] = set()
        self._flush_timer = QTimer(self, singleShot=True, interval=0)
        self._flush_timer.timeout.connect(self.flush_edges)
        self._raised: set[NodeItem] = set()  # selected nodes drawn above the others
        # groups: a block for each collapsed one, a frame around each expanded one
        self.groups: dict[str, Group] = {}
        self.group_blocks: dict[str, GroupBlock] = {}
        self.group_frames: dict[str, GroupFrame] = {}
        self._group_of: dict[str, str] = {}  # member node id -> group id
        self._groups_dirty = False
        self._moved_groups: set[str] = set()  # groups whose members moved: frame or block to redo
        # (ports shown, edge labels shown): off when the view is zoomed out so far that they
        # would be specks; hidden items cost a zoomed-out frame nothing
        self._detail = (True, True)
        self.selectionChanged.connect(self._raise_selected)
        session.undo_stack.indexChanged.connect(self.flush_edges)
        session.project_replaced.connect(self.rebuild)
        session.network_switched.connect(lambda _network: self.rebuild())  # a GAN's other network
        session.document_changed.connect(self._on_document_changed)
        session.inference_updated.connect(self.apply_inference)
        self.rebuild()

    # -- building --------------------------------------------------------------------
    def rebuild(self) -> None:
        """Recreate every item from the document (a new project was opened)."""
        self.cancel_connection()
        self._dirty_edges.clear()
        self._raised.clear()
        self.clear()
        self.group_blocks.clear()
        self.group_frames.clear()
        self.groups.clear()
        self._group_of.clear()
        self.node_items.clear()
        self.edge_items.clear()
        self._edges_by_node.clear()
        for node in self.session.graph.nodes:
            self._add_node_item(node.id, show_params=False)  # apply_inference below shows them
        for edge in self.session.graph.edges:
            self._add_edge_item(edge, spread=False)
        for node_id in self.node_items:  # each merge's inputs spread once, not once per edge
            self._spread_ports(node_id)
        self.sync_groups()
        self.apply_inference(self.session.inference)

    def _add_node_item(self, node_id: str, show_params: bool = True) -> NodeItem:
        node = self.session.graph.node(node_id)
        item = NodeItem(node.id, node.type)
        self._syncing = True
        item.setPos(QPointF(*(node.pos or (0.0, 0.0))))
        self._syncing = False
        self.addItem(item)
        self.node_items[node_id] = item
        self._edges_by_node.setdefault(node_id, set())
        if show_params:
            item.set_info(node.params, None, None, [])
        item.set_frozen(node.extra.get("trainable", True) is False)
        if not self._detail[0]:
            item.set_ports_visible(False)
        return item

    def _add_edge_item(self, edge: Edge, spread: bool = True) -> None:
        item = EdgeItem(edge, self.node_items[edge.src], self.node_items[edge.dst])
        item.label.setVisible(self._detail[1])
        self.addItem(item)
        self.edge_items[edge.key] = item
        self._edges_by_node[edge.src].add(edge.key)
        self._edges_by_node[edge.dst].add(edge.key)
        if spread:
            self._spread_ports(edge.dst)

    def _remove_edge_item(self, edge: Edge) -> None:
        item = self.edge_items.pop(edge.key, None)
        if item is None:
            return
        for end in (edge.src, edge.dst):
            self._edges_by_node.get(end, set()).discard(edge.key)
        self.removeItem(item)
        if edge.dst in self.node_items:
            self._spread_ports(edge.dst)

    def _spread_ports(self, node_id: str) -> None:
        """Fan out the ends of a merge's input edges in port order."""
        incoming = sorted((k for k in self._edges_by_node.get(node_id, ()) if k[1] == node_id), key=lambda k: k[2])
        for index, key in enumerate(incoming):
            self.edge_items[key].set_port(index, len(incoming))

    # -- following the document ------------------------------------------------------
    def _on_document_changed(self, event: DocumentEvent) -> None:
        if isinstance(event, NodeAdded):
            self._add_node_item(event.node_id)
            if GROUP_KEY in self.session.graph.node(event.node_id).extra:
                self._mark_groups_dirty()
        elif isinstance(event, NodeRemoved):
            if event.node_id in self._group_of:
                self._mark_groups_dirty()
            item = self.node_items.pop(event.node_id, None)
            self._edges_by_node.pop(event.node_id, None)
            if item is not None:
                self._raised.discard(item)
                self.removeItem(item)
        elif isinstance(event, EdgeAdded):
            self._add_edge_item(event.edge)
        elif isinstance(event, EdgeRemoved):
            self._remove_edge_item(event.edge)
        elif isinstance(event, NodeMoved):
            item = self.node_items.get(event.node_id)
            if item is not None and event.new is not None and (item.pos().x(), item.pos().y()) != event.new:
                self._syncing = True
                item.setPos(QPointF(*event.new))
                self._syncing = False
                self._dirty_edges.update(self._edges_by_node.get(event.node_id, ()))
                if event.node_id in self._group_of:
                    self._moved_groups.add(self._group_of[event.node_id])
                self._flush_timer.start()
        elif isinstance(event, NodeParamsChanged):
            pass  # the inference that follows redraws the node
        elif isinstance(event, NodeExtraChanged) and event.key == "trainable":
            item = self.node_items.get(event.node_id)
            if item is not None:
                item.set_frozen(event.new is False)
        elif (isinstance(event, NodeExtraChanged) and event.key == GROUP_KEY) or (
                isinstance(event, GraphExtraChanged) and event.key == GROUPS_KEY):
            self._mark_groups_dirty()

    def apply_inference(self, inference: Inference) -> None:
        """Show shapes, parameter counts and problems on nodes and edges."""
        problems = problems_by_node(self.session.problems)
        for node_id, item in self.node_items.items():
            if not self.session.graph.has_node(node_id):
                continue
            node = self.session.graph.node(node_id)
            item.set_info(node.params, inference.shapes.get(node_id), inference.param_counts.get(node_id),
                          [p.message for p in problems.get(node_id, [])])
        for key, item in self.edge_items.items():
            shape = inference.shapes.get(key[0])
            item.set_shape_text(style.compact_shape(shape) if shape is not None else "")
        for gid, block in self.group_blocks.items():
            group = self.groups[gid]
            block.set_info(group.label, len(group.members), self._group_params(group))

    def node_item_moved(self, item: NodeItem) -> None:
        """Redraw the edges of a node that moved (during a drag, or after a document move)."""
        for key in self._edges_by_node.get(item.node_id, ()):
            edge = self.edge_items.get(key)
            if edge is not None:
                edge.update_path()

    def flush_edges(self, *_args: object) -> None:
        """Redraw the edges whose ends moved, each once (and the groups, if they changed)."""
        if self._groups_dirty:
            self.sync_groups()
        dirty, self._dirty_edges = self._dirty_edges, set()
        for key in dirty:
            edge = self.edge_items.get(key)
            if edge is not None:
                edge.update_path()
        moved, self._moved_groups = self._moved_groups, set()
        for gid in moved:
            self._place_group(gid)

    # -- level of detail -------------------------------------------------------------
    def set_zoom_detail(self, zoom: float) -> None:
        """Show ports and edge labels only at zooms where they can be seen (items check the
        zoom again when they paint; this spares the frame the items it would not draw)."""
        self._apply_detail((zoom >= style.LOD_BLOCKS, zoom >= style.LOD_TEXT))

    def _apply_detail(self, detail: tuple[bool, bool]) -> None:
        if detail == self._detail:
            return  # work only when a threshold is crossed, not on every zoom step
        ports_changed, labels_changed = detail[0] != self._detail[0], detail[1] != self._detail[1]
        self._detail = detail
        if ports_changed:
            for item in self.node_items.values():
                item.set_ports_visible(detail[0])
        if labels_changed:
            for edge in self.edge_items.values():
                edge.label.setVisible(detail[1])

    @contextlib.contextmanager
    def full_detail(self) -> Iterator[None]:
        """Everything shown (for exporting a picture), whatever the view's zoom."""
        before = self._detail
        self._apply_detail((True, True))
        try:
            yield
        finally:
            self._apply_detail(before)

    # -- groups ----------------------------------------------------------------------
    def _mark_groups_dirty(self) -> None:
        self._groups_dirty = True
        self._flush_timer.start()

    def sync_groups(self) -> None:
        """Show the document's groups: hide collapsed members behind their block, route the
        edges that cross a collapsed group's border to its block, frame the expanded ones.
        Linear in nodes + edges; runs once per command that changed groups."""
        self._groups_dirty = False
        self.groups = self.editor.groups.groups()
        self._group_of = {m: gid for gid, group in self.groups.items() for m in group.members}
        collapsed = {gid for gid, group in self.groups.items() if group.collapsed}
        for gid in [g for g in self.group_blocks if g not in collapsed]:
            self.removeItem(self.group_blocks.pop(gid))
        for gid in [g for g in self.group_frames if g not in self.groups or g in collapsed]:
            self.removeItem(self.group_frames.pop(gid))
        for gid, group in self.groups.items():
            if group.collapsed:
                block = self.group_blocks.get(gid)
                if block is None:
                    block = self.group_blocks[gid] = GroupBlock(gid, group.label)
                    self.addItem(block)
                block.set_info(group.label, len(group.members), self._group_params(group))
            else:
                frame = self.group_frames.get(gid)
                if frame is None or frame.label != group.label:
                    if frame is not None:
                        self.removeItem(frame)
                    frame = self.group_frames[gid] = GroupFrame(gid, group.label)
                    self.addItem(frame)
            self._place_group(gid)
        for node_id, item in self.node_items.items():
            hidden = self._group_of.get(node_id) in collapsed
            if item.isVisible() == hidden:
                item.setVisible(not hidden)
                if hidden:
                    item.setSelected(False)
        for key, edge in self.edge_items.items():
            src, dst = self.end_item(key[0]), self.end_item(key[1])
            inside = src is dst
            if edge.isVisible() == inside:
                edge.setVisible(not inside)
            if not inside and (src is not edge.src_item or dst is not edge.dst_item):
                edge.src_item, edge.dst_item = src, dst
                edge.update_path()

    def group_id_of(self, node_id: str) -> str | None:
        """The id of the group ``node_id`` belongs to, if any."""
        return self._group_of.get(node_id)

    def end_item(self, node_id: str):
        """What an edge at ``node_id`` attaches to: its node, or its collapsed group's block."""
        block = self.group_blocks.get(self._group_of.get(node_id, ""))
        return block if block is not None else self.node_items[node_id]

    def _group_params(self, group: Group) -> int | None:
        counts = self.session.inference.param_counts
        values = [counts.get(m) for m in group.members]
        return None if any(v is None for v in values) else sum(values)  # type: ignore[misc]

    def _members_rect(self, group: Group) -> QRectF:
        items = [self.node_items[m] for m in group.members if m in self.node_items]
        if not items:
            return QRectF()
        card = items[0].card_rect()
        xs, ys = [i.x() for i in items], [i.y() for i in items]
        return QRectF(min(xs) + card.left(), min(ys) + card.top(),
                      max(xs) - min(xs) + card.width(), max(ys) - min(ys) + card.height())

    def _place_group(self, gid: str) -> None:
        """Put a block at its members' centre, or fit a frame around its members."""
        group = self.groups.get(gid)
        if group is None:
            return
        rect = self._members_rect(group)
        block = self.group_blocks.get(gid)
        if block is not None:
            block.place(rect.center())
            for key in {k for m in group.members for k in self._edges_by_node.get(m, ())}:
                edge = self.edge_items.get(key)
                if edge is not None and edge.isVisible():
                    edge.update_path()
        frame = self.group_frames.get(gid)
        if frame is not None:
            frame.set_rect(rect)

    def group_item_moved(self, block: GroupBlock) -> None:
        """Redraw the edges of a block being dragged."""
        group = self.groups.get(block.group_id)
        if group is None:
            return
        for key in {k for m in group.members for k in self._edges_by_node.get(m, ())}:
            edge = self.edge_items.get(key)
            if edge is not None and edge.isVisible():
                edge.update_path()

    def _raise_selected(self) -> None:
        """Selected nodes above the others (only the nodes whose selection changed are touched)."""
        selected = {i for i in self.selectedItems() if isinstance(i, NodeItem)}
        for item in self._raised - selected:
            item.setZValue(1)
        for item in selected - self._raised:
            item.setZValue(1.5)
        self._raised = selected

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        super().mouseMoveEvent(event)
        if isinstance(self.mouseGrabberItem(), (NodeItem, GroupBlock)):  # a drag moves the selection
            for item in self.selectedItems():
                if isinstance(item, NodeItem):
                    self.node_item_moved(item)
                    if item.node_id in self._group_of:
                        frame = self.group_frames.get(self._group_of[item.node_id])
                        if frame is not None:
                            frame.set_rect(self._members_rect(self.groups[frame.group_id]))
                elif isinstance(item, GroupBlock):
                    self.group_item_moved(item)

    # -- selection -------------------------------------------------------------------
    def selected_node_ids(self) -> list[str]:
        """Selected node ids, in document order."""
        chosen = {i.node_id for i in self.selectedItems() if isinstance(i, NodeItem)}
        for item in self.selectedItems():  # a selected block stands for its members
            if isinstance(item, GroupBlock) and item.group_id in self.groups:
                chosen.update(self.groups[item.group_id].members)
        return [n.id for n in self.session.graph.nodes if n.id in chosen]

    def selected_edges(self) -> list[Edge]:
        return [i.edge for i in self.selectedItems() if isinstance(i, EdgeItem)]

    def select_nodes(self, node_ids: list[str] | set[str]) -> None:
        """Select exactly these nodes."""
        wanted = set(node_ids)
        self.blockSignals(True)
        try:
            self.clearSelection()
            for node_id in wanted:
                item = self.node_items.get(node_id)
                if item is not None:
                    item.setSelected(True)
        finally:
            self.blockSignals(False)
        self.selectionChanged.emit()

    def nodes_rect(self) -> QRectF:
        """The bounding rectangle of all node cards (empty without nodes)."""
        items = [item for item in self.node_items.values() if item.isVisible()]
        if not items:
            return QRectF()
        xs = [item.x() for item in items]
        ys = [item.y() for item in items]
        card = items[0].boundingRect()  # every card has the same size: no per-item rectangle
        return QRectF(min(xs) + card.left(), min(ys) + card.top(),
                      max(xs) - min(xs) + card.width(), max(ys) - min(ys) + card.height())

    # -- moving ----------------------------------------------------------------------
    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        self.commit_moves()

    def commit_moves(self) -> None:
        """Push one move command for the nodes the user dragged away from their document spot."""
        moves = {}
        for node_id, item in self.node_items.items():
            pos = self.session.graph.node(node_id).pos
            here = (round(item.pos().x(), 1), round(item.pos().y(), 1))
            if pos is None or here != (round(pos[0], 1), round(pos[1], 1)):
                moves[node_id] = here
        for gid, block in self.group_blocks.items():  # a dragged block moves its members with it
            dx, dy = block.x() - block.home.x(), block.y() - block.home.y()
            if (dx or dy) and gid in self.groups:
                for node_id in self.groups[gid].members:
                    x, y = moves.get(node_id, (self.node_items[node_id].x(), self.node_items[node_id].y()))
                    moves[node_id] = (round(x + dx, 1), round(y + dy, 1))
        if moves:
            self.editor.move_nodes(moves)

    # -- connecting ------------------------------------------------------------------
    @property
    def connecting(self) -> bool:
        return self._pending is not None

    def begin_connection(self, src_id: str, pos: QPointF) -> None:
        self.cancel_connection()
        self._pending_src = src_id
        self._pending = PendingEdge(self.node_items[src_id].output_anchor())
        self.addItem(self._pending)
        self.update_connection(pos)

    def update_connection(self, pos: QPointF) -> None:
        if self._pending is None or self._pending_src is None:
            return
        self._pending.set_end(pos)
        target = self.node_at(pos)
        if target is None or target.node_id == self._pending_src:
            self._pending.set_state(None)
            self.connection_hovered.emit("")
            return
        try:
            self.editor.plan_connection(self._pending_src, target.node_id)
        except ConnectionRefused as exc:
            self._pending.set_state(False)
            self.connection_hovered.emit(str(exc))
        else:
            self._pending.set_state(True)
            self.connection_hovered.emit("")

    def finish_connection(self, pos: QPointF) -> bool:
        """Connect the dragged output to the node under ``pos``; False if none or refused."""
        src = self._pending_src
        self.cancel_connection()
        target = self.node_at(pos)
        if src is None or target is None or target.node_id == src:
            return False
        return self.editor.connect(src, target.node_id)

    def cancel_connection(self) -> None:
        if self._pending is not None:
            self.removeItem(self._pending)
        self._pending, self._pending_src = None, None

    def node_at(self, pos: QPointF) -> NodeItem | None:
        """The node whose card (or port) is at scene position ``pos``."""
        for item in self.items(pos):
            if isinstance(item, PortItem):
                return item.node
            if isinstance(item, NodeItem):
                return item
        return None
