"""Copy and paste of graph fragments as spec JSON.

A fragment is the selected nodes and the edges between them, written exactly as in a project
file (``{"format": "dlplayground/fragment", "nodes": [...], "edges": [...]}``), so a copy can
be pasted into another window, into a text editor, or back. Pasting parses it with the
project loader's checks (JSON only, nothing is ever unpickled) and gives every node a fresh id.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, Mapping

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QClipboard, QGuiApplication

from dlplayground.graph.document import Edge, Graph, Node, Project
from dlplayground.graph.io import ProjectFormatError, json_copy, project_from_dict, project_to_dict

MIME_TYPE = "application/x-dlplayground-fragment"
FRAGMENT_FORMAT = "dlplayground/fragment"


class FragmentError(ValueError):
    """Clipboard content that is not a graph fragment; the message says what is wrong."""


def fragment(graph: Graph, node_ids: Iterable[str]) -> dict[str, Any]:
    """The nodes ``node_ids`` and the edges among them, as a JSON-ready fragment."""
    chosen = [n for n in dict.fromkeys(node_ids) if n in graph]
    inside = set(chosen)
    sub = Graph([graph.node(n).copy() for n in chosen],
                [e for e in graph.edges if e.src in inside and e.dst in inside])
    raw = project_to_dict(Project(graph=sub))["graph"]
    return {"format": FRAGMENT_FORMAT, "nodes": raw["nodes"], "edges": raw["edges"]}


def instantiate(graph: Graph, raw: Mapping[str, Any], offset: tuple[float, float]) -> tuple[list[Node], list[Edge]]:
    """Nodes and edges to insert for fragment ``raw``: fresh ids, positions moved by ``offset``.

    Raises:
        FragmentError: ``raw`` is not a fragment (wrong format, bad nodes or edges).
    """
    if not isinstance(raw, Mapping) or raw.get("format") != FRAGMENT_FORMAT:
        raise FragmentError("not a dlplayground graph fragment")
    try:
        parsed = project_from_dict({"graph": {"nodes": json_copy(raw.get("nodes", [])),
                                              "edges": json_copy(raw.get("edges", []))}})
    except ProjectFormatError as exc:
        raise FragmentError(str(exc)) from None
    taken = set(n.id for n in graph.nodes)
    renamed: dict[str, str] = {}
    nodes = []
    for node in parsed.graph.nodes:
        new_id = _fresh_id(node.id, taken)
        taken.add(new_id)
        renamed[node.id] = new_id
        pos = None if node.pos is None else (node.pos[0] + offset[0], node.pos[1] + offset[1])
        nodes.append(Node(new_id, node.type, node.params, pos, node.extra))
    edges = [Edge(renamed[e.src], renamed[e.dst], e.dst_port, e.extra) for e in parsed.graph.edges]
    return nodes, edges


def _fresh_id(wanted: str, taken: set[str]) -> str:
    if wanted not in taken:
        return wanted
    stem, _, suffix = wanted.rpartition("_")
    if not (stem and suffix.isdigit()):
        stem = wanted  # "conv" -> "conv_2"; "conv_2" -> "conv_3"
    index = 2
    while f"{stem}_{index}" in taken:
        index += 1
    return f"{stem}_{index}"


def to_mime(raw: Mapping[str, Any]) -> QMimeData:
    """MIME data holding the fragment as its own type and as plain JSON text."""
    text = json.dumps(raw, indent=2)
    mime = QMimeData()
    mime.setData(MIME_TYPE, text.encode("utf-8"))
    mime.setText(text)
    return mime


def from_mime(mime: QMimeData | None) -> dict[str, Any] | None:
    """The fragment in ``mime`` (its own type, or JSON text), or None if it holds none."""
    if mime is None:
        return None
    if mime.hasFormat(MIME_TYPE):
        text = bytes(mime.data(MIME_TYPE).data()).decode("utf-8", errors="replace")
    elif mime.hasText():
        text = mime.text()
    else:
        return None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError:
        return None
    return raw if isinstance(raw, dict) and raw.get("format") == FRAGMENT_FORMAT else None


def copy_to_clipboard(raw: Mapping[str, Any], board: QClipboard | None = None) -> None:
    (board or QGuiApplication.clipboard()).setMimeData(to_mime(raw))


def read_clipboard(board: QClipboard | None = None) -> dict[str, Any] | None:
    return from_mime((board or QGuiApplication.clipboard()).mimeData())
