"""Undo commands: every user edit is one ``QUndoCommand`` calling only the document API.

Primitive commands change one thing (a node, an edge, a position set, parameters, a settings
section). A compound edit (delete nodes with their edges, paste, wrap in a residual block) is a
:class:`CompoundCommand` holding primitives: it runs them in order on redo and in reverse on
undo, so each compound edit undoes in one step (Orange's ``document/commands.py``). The
children are kept in a Python list rather than as Qt child commands, whose ownership PySide
does not track (a collected child would leave its parent a dangling pointer).
"""

from __future__ import annotations

import copy
from typing import Any, Iterable, Mapping

from PySide6.QtGui import QUndoCommand

from dlplayground.graph.document import Edge, Graph, Node, Project

Position = tuple[float, float] | None

#: ids for ``QUndoCommand.id()``: consecutive commands with the same id may merge
MERGE_PARAMS = 1
MERGE_SETTINGS = 2
_MISSING = object()


class AddNodeCommand(QUndoCommand):
    """Add a node (undo removes it again)."""

    def __init__(self, graph: Graph, node: Node) -> None:
        super().__init__(f"Add {node.type} '{node.id}'")
        self._graph, self._node = graph, node.copy()

    def redo(self) -> None:
        self._graph.add_node(self._node.copy())

    def undo(self) -> None:
        self._graph.remove_node(self._node.id)


class RemoveNodeCommand(QUndoCommand):
    """Remove a node whose edges are gone (a sibling command removed them first)."""

    def __init__(self, graph: Graph, node_id: str) -> None:
        self._node = graph.node(node_id).copy()
        super().__init__(f"Delete '{node_id}'")
        self._graph = graph
        self._index: int | None = None

    def redo(self) -> None:
        # where it was when removed: siblings are undone in reverse, so each goes back exactly
        self._index = self._graph.node_index(self._node.id)
        self._graph.remove_node(self._node.id)

    def undo(self) -> None:
        self._graph.add_node(self._node.copy(), self._index)


class AddEdgeCommand(QUndoCommand):
    """Connect two nodes."""

    def __init__(self, graph: Graph, edge: Edge) -> None:
        super().__init__(f"Connect {edge.src} → {edge.dst}")
        self._graph, self._edge = graph, edge

    def redo(self) -> None:
        self._graph.add_edge(self._edge)

    def undo(self) -> None:
        self._graph.remove_edge(self._edge)


class RemoveEdgeCommand(QUndoCommand):
    """Remove one connection."""

    def __init__(self, graph: Graph, edge: Edge) -> None:
        super().__init__(f"Disconnect {edge.src} → {edge.dst}")
        self._graph, self._edge = graph, edge
        self._index: int | None = None

    def redo(self) -> None:
        self._index = self._graph.edge_index(self._edge)
        self._graph.remove_edge(self._edge)

    def undo(self) -> None:
        self._graph.add_edge(self._edge, self._index)


class MoveNodesCommand(QUndoCommand):
    """Move several nodes at once (one drag, or an automatic layout)."""

    def __init__(self, graph: Graph, moves: Mapping[str, tuple[Position, Position]], text: str = "") -> None:
        count = len(moves)
        default = f"Move '{next(iter(moves))}'" if count == 1 else f"Move {count} nodes"
        super().__init__(text or default)
        self._graph, self._moves = graph, dict(moves)

    def redo(self) -> None:
        for node_id, (_, new) in self._moves.items():
            self._graph.move_node(node_id, new)

    def undo(self) -> None:
        for node_id, (old, _) in self._moves.items():
            self._graph.move_node(node_id, old)


class SetParamsCommand(QUndoCommand):
    """Replace a node's params; consecutive edits of the same parameter merge into one step
    (each spin box click or keystroke need not be undone separately)."""

    def __init__(self, graph: Graph, node_id: str, params: dict[str, Any], text: str = "") -> None:
        self._old = copy.deepcopy(graph.node(node_id).params)
        self._new = copy.deepcopy(params)
        self._changed = {k for k in set(self._old) | set(self._new) if self._old.get(k, _MISSING) != self._new.get(k, _MISSING)}
        names = ", ".join(sorted(self._changed)) or "parameters"
        super().__init__(text or f"Set {names} of '{node_id}'")
        self._graph, self._node_id = graph, node_id

    def id(self) -> int:
        return MERGE_PARAMS

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetParamsCommand) or other._node_id != self._node_id:
            return False
        if other._changed != self._changed:
            return False
        self._new = copy.deepcopy(other._new)
        return True

    def redo(self) -> None:
        self._graph.set_params(self._node_id, self._new)

    def undo(self) -> None:
        self._graph.set_params(self._node_id, self._old)


class SetSettingsCommand(QUndoCommand):
    """Replace the project's ``data`` or ``training`` section, or its ``name``."""

    def __init__(self, project: Project, section: str, value: Any, text: str = "") -> None:
        self._old = copy.deepcopy(getattr(project, section))
        self._new = copy.deepcopy(value)
        self._changed = _changed_keys(self._old, self._new)
        labels = {"data": "dataset settings", "training": "training settings", "name": "project name"}
        super().__init__(text or f"Change {labels.get(section, section)}")
        self._project, self._section = project, section

    def id(self) -> int:
        return MERGE_SETTINGS

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetSettingsCommand) or other._section != self._section:
            return False
        if other._changed != self._changed:
            return False
        self._new = copy.deepcopy(other._new)
        return True

    def redo(self) -> None:
        self._apply(self._new)

    def undo(self) -> None:
        self._apply(self._old)

    def _apply(self, value: Any) -> None:
        if self._section == "name":
            self._project.set_name(value)
        else:
            self._project.set_settings(self._section, value)


class SetNodeExtraCommand(QUndoCommand):
    """Set (None: remove) one extra key of a node, e.g. ``"trainable"`` or ``"group"``."""

    def __init__(self, graph: Graph, node_id: str, key: str, value: Any, text: str = "") -> None:
        super().__init__(text or f"Set {key} of '{node_id}'")
        self._graph, self._node_id, self._key = graph, node_id, key
        self._old, self._new = copy.deepcopy(graph.node(node_id).extra.get(key)), copy.deepcopy(value)

    def redo(self) -> None:
        self._graph.set_node_extra(self._node_id, self._key, self._new)

    def undo(self) -> None:
        self._graph.set_node_extra(self._node_id, self._key, self._old)


class SetGraphExtraCommand(QUndoCommand):
    """Set (None: remove) one extra key of the graph section, e.g. ``"groups"``."""

    def __init__(self, project: Project, key: str, value: Any, text: str = "") -> None:
        super().__init__(text or f"Change {key}")
        self._project, self._key = project, key
        self._old, self._new = copy.deepcopy(project.graph_extra.get(key)), copy.deepcopy(value)

    def redo(self) -> None:
        self._project.set_graph_extra(self._key, self._new)

    def undo(self) -> None:
        self._project.set_graph_extra(self._key, self._old)


def _changed_keys(old: Any, new: Any, prefix: str = "") -> frozenset[str]:
    """Dotted paths of what differs between two JSON values (what a merge compares)."""
    if isinstance(old, dict) and isinstance(new, dict):
        keys: set[str] = set()
        for key in set(old) | set(new):
            if old.get(key, _MISSING) != new.get(key, _MISSING):
                inner_old, inner_new = old.get(key), new.get(key)
                keys |= _changed_keys(inner_old, inner_new, f"{prefix}{key}.") or {f"{prefix}{key}"}
        return frozenset(keys)
    return frozenset() if old == new else frozenset({prefix.rstrip(".") or "value"})


# -- compound edits ------------------------------------------------------------------------
class CompoundCommand(QUndoCommand):
    """Several commands as one undo step: redone in order, undone in reverse."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.children: list[QUndoCommand] = []

    def add(self, command: QUndoCommand) -> QUndoCommand:
        self.children.append(command)
        return command

    def redo(self) -> None:
        for command in self.children:
            command.redo()

    def undo(self) -> None:
        for command in reversed(self.children):
            command.undo()


def macro(text: str) -> CompoundCommand:
    """An empty compound command to :meth:`~CompoundCommand.add` primitives to."""
    return CompoundCommand(text)


def delete_command(graph: Graph, node_ids: Iterable[str], edges: Iterable[Edge] = ()) -> CompoundCommand:
    """Delete nodes with every edge touching them, plus any other ``edges``, as one step."""
    ids = [n for n in dict.fromkeys(node_ids) if n in graph]
    doomed: dict[tuple[str, str, int], Edge] = {}
    for node_id in ids:
        for edge in graph.edges_of(node_id):
            doomed[edge.key] = edge
    for edge in edges:
        doomed.setdefault(edge.key, edge)
    what = []
    if ids:
        what.append(f"'{ids[0]}'" if len(ids) == 1 else f"{len(ids)} nodes")
    if not ids and doomed:
        what.append("1 connection" if len(doomed) == 1 else f"{len(doomed)} connections")
    compound = macro("Delete " + " and ".join(what))
    for edge in doomed.values():
        compound.add(RemoveEdgeCommand(graph, edge))
    for node_id in ids:
        compound.add(RemoveNodeCommand(graph, node_id))
    return compound


def insert_command(graph: Graph, text: str, nodes: Iterable[Node], edges: Iterable[Edge],
                   removed_edges: Iterable[Edge] = ()) -> CompoundCommand:
    """Remove ``removed_edges``, add ``nodes``, then add ``edges``, as one step."""
    compound = macro(text)
    for edge in removed_edges:
        compound.add(RemoveEdgeCommand(graph, edge))
    for node in nodes:
        compound.add(AddNodeCommand(graph, node))
    for edge in edges:
        compound.add(AddEdgeCommand(graph, edge))
    return compound


def rename_command(graph: Graph, old_id: str, new_id: str) -> CompoundCommand:
    """Rename a node: re-create it under the new id with the same edges, as one step."""
    node = graph.node(old_id).copy()
    edges = graph.edges_of(old_id)
    renamed = Node(new_id, node.type, node.params, node.pos, node.extra)

    def swap(edge: Edge) -> Edge:
        return Edge(new_id if edge.src == old_id else edge.src, new_id if edge.dst == old_id else edge.dst,
                    edge.dst_port, edge.extra)

    compound = macro(f"Rename '{old_id}' to '{new_id}'")
    for edge in edges:
        compound.add(RemoveEdgeCommand(graph, edge))
    compound.add(RemoveNodeCommand(graph, old_id))
    compound.add(AddNodeCommand(graph, renamed))
    for edge in edges:
        compound.add(AddEdgeCommand(graph, swap(edge)))
    return compound
