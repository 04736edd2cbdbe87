"""Editing operations on the open project, each pushed as one undo command.

The canvas, the inspector, the menus and the tests all edit through :class:`GraphEditor`, so
the rules (which connections are allowed, how new nodes are named, what a paste keeps) live in
one place. A refused edit changes nothing and posts its reason on :attr:`GraphEditor.refused`,
which the main window shows in the status bar.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from PySide6.QtCore import QObject, Signal

from dlplayground.compile.wrap import WrapError, plan_wrap
from dlplayground.graph.bursts import paused_gc
from dlplayground.graph.document import Edge, Graph, Node
from dlplayground.graph.layout import layered_layout
from dlplayground.graph.validate import INPUT_TYPE
from dlplayground.layers.catalogue import CATALOGUE
from dlplayground.layers.shapes import fmt
from dlplayground.layers.spec import ShapeError
from dlplayground.qt import clipboard
from dlplayground.qt.canvas.wrap_layout import wrapped_layout
from dlplayground.qt.commands import (
    AddEdgeCommand,
    AddNodeCommand,
    MoveNodesCommand,
    RemoveEdgeCommand,
    SetNodeExtraCommand,
    SetParamsCommand,
    SetSettingsCommand,
    delete_command,
    insert_command,
    macro,
    rename_command,
)
from dlplayground.qt.group_editor import GroupEditor, condensed, expand_positions
from dlplayground.qt.session import DocumentSession

Position = tuple[float, float]


class ConnectionRefused(ValueError):
    """A connection the editor will not make; the message says why."""


@dataclass(frozen=True)
class ConnectionPlan:
    """How ``src -> dst`` would be made: the new edge and the edge it replaces, if any."""

    edge: Edge
    replaces: Edge | None


class GraphEditor(QObject):
    """Edits the session's project through undo commands.

    Signals:
        refused(message): an edit was refused; nothing changed.
        notified(message): an edit was made and is worth a word (e.g. an edge was replaced).
    """

    refused = Signal(str)
    notified = Signal(str)

    def __init__(self, session: DocumentSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.groups = GroupEditor(session, self)  # grouping, collapsing and expanding
        self.groups.refused.connect(self.refused)

    @property
    def graph(self) -> Graph:
        return self.session.graph

    # -- nodes -----------------------------------------------------------------------
    def add_node(self, type_name: str, pos: Position, params: Mapping[str, Any] | None = None) -> str | None:
        """Add a layer of ``type_name`` centred at ``pos``; returns its new id."""
        if type_name not in CATALOGUE:
            self.refused.emit(self.tr("unknown layer type '{type_name}'").format(type_name=type_name))
            return None
        node_id = self.graph.unique_id(type_name)
        node = Node(node_id, type_name, dict(params or {}), (float(pos[0]), float(pos[1])))
        self.session.push(AddNodeCommand(self.graph, node))
        return node_id

    def delete(self, node_ids: Iterable[str] = (), edges: Iterable[Edge] = ()) -> bool:
        """Delete nodes (with their edges) and edges as one undo step."""
        node_ids, edges = list(node_ids), list(edges)
        if not node_ids and not edges:
            return False
        self.session.push(delete_command(self.graph, node_ids, edges))
        return True

    def move_nodes(self, moves: Mapping[str, Position], text: str = "") -> bool:
        """Move nodes to new positions as one undo step (a drag or a layout)."""
        changes = {}
        for node_id, new in moves.items():
            old = self.graph.node(node_id).pos
            new = (float(new[0]), float(new[1]))
            if old != new:
                changes[node_id] = (old, new)
        if not changes:
            return False
        self.session.push(MoveNodesCommand(self.graph, changes, text))
        return True

    def set_param(self, node_id: str, name: str, value: Any) -> bool:
        """Set one parameter (None: back to its default)."""
        params = dict(self.graph.node(node_id).params)
        if value is None:
            params.pop(name, None)
        else:
            params[name] = copy.deepcopy(value)
        if params == self.graph.node(node_id).params:
            return False
        self.session.push(SetParamsCommand(self.graph, node_id, params))
        return True

    def rename_node(self, old_id: str, new_id: str) -> bool:
        """Give a node another id (its edges follow); refused if taken or empty."""
        new_id = new_id.strip()
        if new_id == old_id:
            return False
        if not new_id:
            self.refused.emit(self.tr("a node id may not be empty"))
            return False
        if new_id in self.graph:
            self.refused.emit(self.tr("a node with id '{new_id}' already exists").format(new_id=new_id))
            return False
        self.session.push(rename_command(self.graph, old_id, new_id))
        return True

    def set_trainable(self, node_ids: Iterable[str], trainable: bool) -> bool:
        """Freeze (``"trainable": false``) or unfreeze nodes, as one undo step. Training leaves a
        frozen node's weights as they are (``training.init`` loads them)."""
        value = None if trainable else False  # trainable is the default: the key goes away
        ids = [n for n in node_ids if n in self.graph and self.graph.node(n).extra.get("trainable") != value]
        if not ids:
            return False
        what = f"'{ids[0]}'" if len(ids) == 1 else f"{len(ids)} nodes"
        text = f"{'Unfreeze' if trainable else 'Freeze'} {what}"
        compound = macro(text)
        for node_id in ids:
            compound.add(SetNodeExtraCommand(self.graph, node_id, "trainable", value, text))
        self.session.push(compound)
        return True

    # -- connections -----------------------------------------------------------------
    def plan_connection(self, src: str, dst: str) -> ConnectionPlan:
        """Check ``src -> dst`` and say how it would be made.

        Multi-input nodes (Add, Concat) take the next free port; a single-input node that
        already has an input has it replaced.

        Raises:
            ConnectionRefused: a cycle, a node without that port, or shapes that do not fit.
        """
        graph = self.graph
        src_spec, dst_spec = CATALOGUE.get(graph.node(src).type), CATALOGUE.get(graph.node(dst).type)
        if src == dst:
            raise ConnectionRefused(self.tr("cannot connect '{src}' to itself").format(src=src))
        if src_spec is not None and not src_spec.has_output:
            raise ConnectionRefused(self.tr("'{src}' is the Output: it has no outgoing connection").format(src=src))
        if dst_spec is not None and dst_spec.max_inputs == 0:
            raise ConnectionRefused(self.tr("'{dst}' is the {type}: it takes no input").format(dst=dst, type=graph.node(dst).type))
        if graph.has_edge(src, dst) and not (dst_spec and dst_spec.multi_input):
            raise ConnectionRefused(self.tr("'{src}' is already connected to '{dst}'").format(src=src, dst=dst))
        if graph.creates_cycle(src, dst):
            raise ConnectionRefused(self.tr("connecting '{src}' to '{dst}' would create a cycle").format(src=src, dst=dst))

        existing = graph.in_edges(dst)
        replaces = None
        if dst_spec is not None and dst_spec.multi_input:
            edge = Edge(src, dst, graph.next_free_port(dst))
            inputs = [e.src for e in existing] + [src]
        else:
            edge = Edge(src, dst, 0)
            replaces = existing[0] if existing else None
            inputs = [src]
        self._check_shapes(dst, inputs)
        return ConnectionPlan(edge, replaces)

    def connect(self, src: str, dst: str) -> bool:
        """Connect ``src``'s output to ``dst``'s input, or post why not."""
        try:
            plan = self.plan_connection(src, dst)
        except ConnectionRefused as exc:
            self.refused.emit(str(exc))
            return False
        sized = self._output_width(src, dst)
        if sized is not None:  # one undo step: the edge, and the Linear sized to the classes
            self.session.undo_stack.beginMacro(f"Connect '{src}' to '{dst}'")
        try:
            self._push_connection(plan, src, dst)
            if sized is not None:
                self.set_param(src, "out_features", sized)
                self.notified.emit(self.tr("'{src}' now has {sized} outputs, one per class of the data").format(src=src, sized=sized))
        finally:
            if sized is not None:
                self.session.undo_stack.endMacro()
        return True

    def _output_width(self, src: str, dst: str) -> int | None:
        """The class count a Linear left at its default width should get when it is connected
        straight to the Output (a new network would otherwise show a problem at once)."""
        if self.graph.node(dst).type != "Output" or self.graph.node(src).type != "Linear":
            return None
        if "out_features" in self.graph.node(src).params:
            return None  # the user chose a width: keep it
        info = self.session.dataset_info
        if info is None or not info.is_classification or info.num_classes < 2:
            return None
        return info.num_classes

    def _push_connection(self, plan, src: str, dst: str) -> None:
        if plan.replaces is None:
            self.session.push(AddEdgeCommand(self.graph, plan.edge))
        else:
            compound = macro(f"Reconnect '{dst}' to '{src}'")
            compound.add(RemoveEdgeCommand(self.graph, plan.replaces))
            compound.add(AddEdgeCommand(self.graph, plan.edge))
            self.session.push(compound)
            self.notified.emit(self.tr("'{dst}' now reads from '{src}' instead of '{src2}'").format(dst=dst, src=src, src2=plan.replaces.src))

    def _check_shapes(self, dst: str, inputs: list[str]) -> None:
        """Refuse when the shapes already known cannot feed ``dst`` (unknown shapes pass)."""
        inference = self.session.inference
        spec = CATALOGUE.get(self.graph.node(dst).type)
        if spec is None or self.graph.node(dst).type == INPUT_TYPE or len(inputs) < spec.min_inputs:
            return
        shapes = [inference.shapes.get(node_id) for node_id in inputs]
        if any(shape is None for shape in shapes):
            return
        resolved = spec.schema.resolve(self.graph.node(dst).params)
        if spec.schema.problems(self.graph.node(dst).params):
            return  # the node's own parameters are wrong; that is shown on the node already
        try:
            spec.shape_rule(tuple(shapes), resolved)  # type: ignore[arg-type]
        except ShapeError as exc:
            got = " + ".join(fmt(s) for s in shapes)  # type: ignore[arg-type]
            raise ConnectionRefused(self.tr("cannot feed {got} into '{dst}': {exc}").format(got=got, dst=dst, exc=exc)) from None
        except (KeyError, IndexError, TypeError, ValueError):
            return  # a rule that cannot judge these inputs: let inference report it

    # -- settings --------------------------------------------------------------------
    def set_settings(self, section: str, value: Any) -> bool:
        """Replace the ``data`` or ``training`` section, or the project ``name``."""
        if getattr(self.session.project, section) == value:
            return False
        self.session.push(SetSettingsCommand(self.session.project, section, value))
        return True

    # -- whole-graph edits -----------------------------------------------------------
    def auto_layout(self, view_size: tuple[float, float] | None = None) -> bool:
        """Lay the whole graph out in columns (one undo step); with the view's size in pixels,
        a chain too long for one readable row wraps into rows that fill the view. A collapsed
        group is laid out as the one block it shows; its members keep their arrangement
        around the block's new place."""
        with paused_gc():  # every node and edge item moves: a burst of objects (graph.bursts)
            graph, groups = condensed(self.graph, self.groups.groups())
            positions = layered_layout(graph) if view_size is None else wrapped_layout(graph, *view_size)
            return self.move_nodes(expand_positions(self.graph, groups, positions), self.tr("Auto layout"))

    def wrap_in_residual(self, node_ids: Iterable[str]) -> str | None:
        """Wrap a selected chain in a residual block; returns the new Add's id."""
        try:
            plan = plan_wrap(self.graph, list(node_ids), self.session.inference)
        except WrapError as exc:
            self.refused.emit(str(exc))
            return None
        what = self.tr("identity skip") if plan.projection is None else self.tr("{type} projection").format(type=plan.projection.type)
        text = self.tr("Wrap {count} layer(s) in a residual block").format(count=len(plan.chain))
        stack = self.session.undo_stack
        stack.beginMacro(text)  # one undo step: making room for the Add, and the block itself
        try:
            self.move_nodes(dict(plan.moves), text)
            self.session.push(insert_command(self.graph, text, plan.new_nodes, plan.added_edges, plan.removed_edges))
        finally:
            stack.endMacro()
        self.notified.emit(self.tr("wrapped {value} in a residual block ({what})").format(value=', '.join(plan.chain), what=what))
        return plan.add.id

    def paste(self, fragment: Mapping[str, Any], offset: Position = (40.0, 40.0), text: str = "Paste") -> list[str]:
        """Insert a clipboard fragment with fresh ids, keeping its internal edges."""
        try:
            nodes, edges = clipboard.instantiate(self.graph, fragment, offset)
        except clipboard.FragmentError as exc:
            self.refused.emit(self.tr("cannot paste: {exc}").format(exc=exc))
            return []
        if not nodes:
            return []
        self.session.push(insert_command(self.graph, f"{text} {len(nodes)} node(s)", nodes, edges))
        return [n.id for n in nodes]

    def duplicate(self, node_ids: Iterable[str]) -> list[str]:
        """Copy the nodes (and the edges between them) beside the originals."""
        ids = [n for n in node_ids if n in self.graph]
        if not ids:
            return []
        return self.paste(clipboard.fragment(self.graph, ids), text=self.tr("Duplicate"))
