"""The project document: nodes, edges, settings, and the events views observe.

The document owns all state, node positions included. Every change goes through a method
here, which emits one event afterwards; the editor's undo commands call only these methods,
and views redraw from the events (they never write back behind the document's back).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

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
    SettingsChanged,
)

Listener = Callable[[DocumentEvent], None]


@dataclass
class Node:
    """One layer instance. ``extra`` keeps unknown JSON keys so they survive a round trip."""

    id: str
    type: str
    params: dict[str, Any] = field(default_factory=dict)
    pos: tuple[float, float] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def copy(self) -> "Node":
        return Node(self.id, self.type, copy.deepcopy(self.params), self.pos, copy.deepcopy(self.extra))


@dataclass(frozen=True)
class Edge:
    """A connection ``src -> dst``; ``dst_port`` orders the inputs of multi-input nodes."""

    src: str
    dst: str
    dst_port: int = 0
    extra: tuple[tuple[str, Any], ...] = ()

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.src, self.dst, self.dst_port)


class DocumentError(ValueError):
    """An edit that the document refuses (duplicate id, dangling edge, ...)."""


class Graph:
    """A directed graph of :class:`Node` joined by :class:`Edge`, with change events."""

    def __init__(self, nodes: Iterable[Node] = (), edges: Iterable[Edge] = ()) -> None:
        self._nodes: dict[str, Node] = {}
        # edges by key, in document order (dicts keep insertion order: the save order), and
        # the same edges indexed by endpoint, so that every query is O(degree), not O(edges)
        self._edges: dict[tuple[str, str, int], Edge] = {}
        self._in: dict[str, dict[tuple[str, str, int], Edge]] = {}
        self._out: dict[str, dict[tuple[str, str, int], Edge]] = {}
        self._serial: dict[tuple[str, str, int], int] = {}  # when each edge was added
        self._added = 0
        self._listeners: list[Listener] = []
        for node in nodes:
            self.add_node(node)
        for edge in edges:
            self.add_edge(edge)

    # -- observation -----------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _emit(self, event: DocumentEvent) -> None:
        for listener in list(self._listeners):
            listener(event)

    # -- queries ---------------------------------------------------------------------
    @property
    def nodes(self) -> list[Node]:
        return list(self._nodes.values())

    @property
    def edges(self) -> list[Edge]:
        return list(self._edges.values())

    def edge_count(self) -> int:
        return len(self._edges)

    def node(self, node_id: str) -> Node:
        try:
            return self._nodes[node_id]
        except KeyError:
            raise DocumentError(f"no node with id '{node_id}'") from None

    def has_node(self, node_id: str) -> bool:
        return node_id in self._nodes

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._nodes

    def __iter__(self) -> Iterator[Node]:
        return iter(list(self._nodes.values()))

    def __len__(self) -> int:
        return len(self._nodes)

    def in_edges(self, node_id: str) -> list[Edge]:
        """Edges into ``node_id`` ordered by ``dst_port`` (then insertion order)."""
        found = self._in.get(node_id)
        return sorted(found.values(), key=lambda e: e.dst_port) if found else []

    def out_edges(self, node_id: str) -> list[Edge]:
        """Edges out of ``node_id`` in document order."""
        found = self._out.get(node_id)
        return list(found.values()) if found else []

    def edges_of(self, node_id: str) -> list[Edge]:
        """Every edge touching ``node_id`` (a self-loop once), in document order."""
        found = {**self._out.get(node_id, {}), **self._in.get(node_id, {})}
        return sorted(found.values(), key=lambda e: self._serial[e.key])

    def has_edge(self, src: str, dst: str, dst_port: int | None = None) -> bool:
        if dst_port is not None:
            return (src, dst, dst_port) in self._edges
        return any(e.dst == dst for e in self._out.get(src, {}).values())

    def creates_cycle(self, src: str, dst: str) -> bool:
        """Whether adding ``src -> dst`` would close a cycle (``dst`` already reaches ``src``)."""
        if src == dst:
            return True
        stack, seen = [dst], set()
        while stack:
            current = stack.pop()
            if current == src:
                return True
            if current in seen:
                continue
            seen.add(current)
            stack.extend(e.dst for e in self._out.get(current, {}).values())
        return False

    def unique_id(self, base: str) -> str:
        """A fresh node id derived from ``base`` (``conv``, ``conv_2``, ...)."""
        stem = "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in base.lower()) or "node"
        if stem not in self._nodes:
            return stem
        index = 2
        while f"{stem}_{index}" in self._nodes:
            index += 1
        return f"{stem}_{index}"

    # -- edits -----------------------------------------------------------------------
    def node_index(self, node_id: str) -> int:
        """The node's place in document (and file) order."""
        self.node(node_id)
        return list(self._nodes).index(node_id)

    def edge_index(self, edge: Edge) -> int:
        """The edge's place in document (and file) order."""
        if edge.key not in self._edges:
            raise DocumentError(f"no edge {edge.src} -> {edge.dst} (port {edge.dst_port})")
        return list(self._edges).index(edge.key)

    def add_node(self, node: Node, index: int | None = None) -> Node:
        """Add ``node`` at the end, or at ``index`` in document order (undoing a deletion puts
        a node back where it was, so saving afterwards writes the same file)."""
        if not node.id:
            raise DocumentError("a node id may not be empty")
        if node.id in self._nodes:
            raise DocumentError(f"a node with id '{node.id}' already exists")
        self._nodes[node.id] = node
        if index is not None and index < len(self._nodes) - 1:
            self._nodes = _moved_to(self._nodes, node.id, index)
        self._in[node.id], self._out[node.id] = {}, {}
        self._emit(NodeAdded(node.id))
        return node

    def remove_node(self, node_id: str) -> Node:
        """Remove a node; its edges must have been removed first (the editor does it as one
        compound undo command, so that undo restores them)."""
        node = self.node(node_id)
        if self._in[node_id] or self._out[node_id]:
            raise DocumentError(f"node '{node_id}' still has edges; remove them first")
        del self._nodes[node_id], self._in[node_id], self._out[node_id]
        self._emit(NodeRemoved(node_id, node))
        return node

    def set_params(self, node_id: str, params: dict[str, Any]) -> None:
        node = self.node(node_id)
        old = node.params
        node.params = copy.deepcopy(params)
        self._emit(NodeParamsChanged(node_id, old, node.params))

    def set_param(self, node_id: str, name: str, value: Any) -> None:
        """Set one parameter; ``None`` removes it (the default applies again)."""
        params = dict(self.node(node_id).params)
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
        self.set_params(node_id, params)

    def move_node(self, node_id: str, pos: tuple[float, float] | None) -> None:
        node = self.node(node_id)
        old = node.pos
        node.pos = None if pos is None else (float(pos[0]), float(pos[1]))
        self._emit(NodeMoved(node_id, old, node.pos))

    def set_node_extra(self, node_id: str, key: str, value: Any) -> None:
        """Set one of a node's extra keys (``"trainable"``, ``"group"``); None removes it."""
        node = self.node(node_id)
        old = node.extra.get(key)
        if value is None:
            node.extra.pop(key, None)
        else:
            node.extra[key] = copy.deepcopy(value)
        self._emit(NodeExtraChanged(node_id, key, old, node.extra.get(key)))

    def add_edge(self, edge: Edge, index: int | None = None) -> Edge:
        """Add ``edge`` at the end, or at ``index`` in document order (see :meth:`add_node`)."""
        for end in (edge.src, edge.dst):
            if end not in self._nodes:
                raise DocumentError(f"edge {edge.src} -> {edge.dst}: no node with id '{end}'")
        key = edge.key
        if key in self._edges:
            raise DocumentError(f"edge {edge.src} -> {edge.dst} (port {edge.dst_port}) exists")
        self._edges[key] = self._out[edge.src][key] = self._in[edge.dst][key] = edge
        self._serial[key] = self._added
        self._added += 1
        if index is not None and index < len(self._edges) - 1:
            # linear, as an undo may be: the order of every index follows the document's
            self._edges = _moved_to(self._edges, key, index)
            self._serial = {k: i for i, k in enumerate(self._edges)}
            self._added = len(self._edges)
            self._out[edge.src] = {k: e for k, e in self._edges.items() if e.src == edge.src}
            self._in[edge.dst] = {k: e for k, e in self._edges.items() if e.dst == edge.dst}
        self._emit(EdgeAdded(edge))
        return edge

    def remove_edge(self, edge: Edge) -> Edge:
        key = edge.key
        existing = self._edges.pop(key, None)
        if existing is None:
            raise DocumentError(f"no edge {edge.src} -> {edge.dst} (port {edge.dst_port})")
        del self._out[existing.src][key], self._in[existing.dst][key], self._serial[key]
        self._emit(EdgeRemoved(existing))
        return existing

    def next_free_port(self, node_id: str) -> int:
        used = {e.dst_port for e in self.in_edges(node_id)}
        port = 0
        while port in used:
            port += 1
        return port


def _moved_to(items: dict[Any, Any], key: Any, index: int) -> dict[Any, Any]:
    """A copy of ``items`` with ``key`` (already in it) moved to position ``index``."""
    keys = [k for k in items if k != key]
    keys.insert(index, key)
    return {k: items[k] for k in keys}


@dataclass
class Project:
    """A whole project: its name, graph, dataset and training settings.

    ``data`` and ``training`` are the spec's JSON sections kept as plain dicts (their schemas
    live with the datasets and the trainer); ``extra`` keeps unknown top-level keys.
    """

    name: str = "Untitled"
    graph: Graph = field(default_factory=Graph)
    data: dict[str, Any] = field(default_factory=dict)
    training: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    graph_extra: dict[str, Any] = field(default_factory=dict)
    #: a GAN's discriminator (the top-level ``discriminator`` section); None for other projects
    discriminator: Graph | None = None
    discriminator_extra: dict[str, Any] = field(default_factory=dict)

    def set_settings(self, section: str, value: dict[str, Any]) -> None:
        """Replace the ``data`` or ``training`` section and tell the graph's listeners."""
        if section not in ("data", "training"):
            raise DocumentError(f"unknown settings section '{section}'")
        old = getattr(self, section)
        setattr(self, section, copy.deepcopy(value))
        self.graph._emit(SettingsChanged(section, old, getattr(self, section)))

    def set_graph_extra(self, key: str, value: Any) -> None:
        """Set one extra key of the ``graph`` section (``"groups"``); None removes it."""
        if key in ("nodes", "edges"):
            raise DocumentError(f"'{key}' is not an extra key of the graph section")
        old = self.graph_extra.get(key)
        if value is None:
            self.graph_extra.pop(key, None)
        else:
            self.graph_extra[key] = copy.deepcopy(value)
        self.graph._emit(GraphExtraChanged(key, old, self.graph_extra.get(key)))

    def set_name(self, name: str) -> None:
        old = self.name
        self.name = name
        self.graph._emit(SettingsChanged("name", old, name))

    def to_dict(self) -> dict[str, Any]:
        """A plain JSON-ready snapshot (what training reads, never the live document)."""
        from dlplayground.graph.io import project_to_dict

        return project_to_dict(self)
