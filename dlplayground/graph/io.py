"""Reading and writing the project format (version 1), see ``docs/project-format.md``.

Loading parses the JSON into typed records first, checking every field and naming where a bad
one is (``graph.nodes[3].params``), then builds the document. Unknown keys are kept at every
level and written back. Saving is atomic: a temporary file in the same folder, then a rename.
"""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from dlplayground.graph.bursts import without_gc
from dlplayground.graph.document import Edge, Graph, Node, Project
from dlplayground.graph.folders import FILE_MODE

FORMAT = "dlplayground/project"
VERSION = 1

#: a GAN's second network, in the same form as ``graph``
DISCRIMINATOR = "discriminator"
_PROJECT_KEYS = {"format", "version", "name", "graph", "data", "training", DISCRIMINATOR}
_NODE_KEYS = {"id", "type", "params", "pos"}
_EDGE_KEYS = {"src", "dst", "dst_port"}
#: the deepest nesting of arrays and objects a project may hold: far more than any real
#: project needs, far less than what makes json (and every recursive walk after it) overflow
MAX_DEPTH = 64
#: the largest project file read (a 3,000-node project is well under 2 MiB)
MAX_FILE_BYTES = 64 * 1024**2
_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_SURROGATE = re.compile("[\ud800-\udfff]")


class ProjectFormatError(ValueError):
    """A project file that is not valid JSON or not the project format; names where."""

    def __init__(self, message: str, where: str = "", source: str | Path | None = None) -> None:
        self.where = where
        self.source = str(source) if source is not None else None
        location = " ".join(part for part in (self.source or "", where) if part)
        super().__init__(f"{location}: {message}" if location else message)


@dataclass(frozen=True)
class NodeRecord:
    id: str
    type: str
    params: dict[str, Any]
    pos: tuple[float, float] | None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class EdgeRecord:
    src: str
    dst: str
    dst_port: int
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ProjectRecord:
    name: str
    nodes: tuple[NodeRecord, ...]
    edges: tuple[EdgeRecord, ...]
    data: dict[str, Any]
    training: dict[str, Any]
    extra: dict[str, Any]
    graph_extra: dict[str, Any]
    #: a GAN's discriminator graph (nodes, edges), None when the project has none
    discriminator: tuple[tuple[NodeRecord, ...], tuple[EdgeRecord, ...]] | None = None
    discriminator_extra: dict[str, Any] = field(default_factory=dict)


# -- parsing -----------------------------------------------------------------------------
def parse_project(raw: Any, source: str | Path | None = None) -> ProjectRecord:
    """Check a decoded JSON value against the format and return typed records."""

    def fail(message: str, where: str = "") -> ProjectFormatError:
        return ProjectFormatError(message, where, source)

    if not isinstance(raw, dict):
        raise fail(f"the top level must be a JSON object, got {type(raw).__name__}")
    check_structure(raw, source)
    if raw.get("format", FORMAT) != FORMAT:
        raise fail(f"'format' must be '{FORMAT}', got {excerpt(raw.get('format'))}", "format")
    version = raw.get("version", VERSION)
    if not isinstance(version, int) or isinstance(version, bool):
        raise fail(f"must be the integer {VERSION}, got {excerpt(version)}", "version")
    if version != VERSION:
        raise fail(f"unsupported version {excerpt(version)}; this dlplayground reads version {VERSION}", "version")
    name = raw.get("name", "Untitled")
    if not isinstance(name, str):
        raise fail(f"must be a string, got {excerpt(name)}", "name")
    graph = raw.get("graph")
    if not isinstance(graph, dict):
        raise fail("missing or not an object", "graph")
    nodes, edges = _parse_graph(graph, "graph", fail)
    discriminator: tuple[tuple[NodeRecord, ...], tuple[EdgeRecord, ...]] | None = None
    raw_discriminator = raw.get(DISCRIMINATOR)
    if raw_discriminator is not None:
        if not isinstance(raw_discriminator, dict):
            raise fail("must be an object with 'nodes' and 'edges'", DISCRIMINATOR)
        discriminator = _parse_graph(raw_discriminator, DISCRIMINATOR, fail)
    sections = {}
    for key in ("data", "training"):
        value = raw.get(key, {})
        if not isinstance(value, dict):
            raise fail(f"must be an object, got {excerpt(value)}", key)
        sections[key] = value
    return ProjectRecord(
        name=name,
        nodes=nodes,
        edges=edges,
        data=sections["data"],
        training=sections["training"],
        extra={k: v for k, v in raw.items() if k not in _PROJECT_KEYS},
        graph_extra={k: v for k, v in graph.items() if k not in ("nodes", "edges")},
        discriminator=discriminator,
        discriminator_extra={k: v for k, v in (raw_discriminator or {}).items() if k not in ("nodes", "edges")},
    )


def _parse_graph(graph: dict[str, Any], section: str,
                 fail: Callable[[str, str], ProjectFormatError]) -> tuple[tuple[NodeRecord, ...], tuple[EdgeRecord, ...]]:
    """The nodes and edges of a graph section (``graph``, or a GAN's ``discriminator``)."""
    raw_nodes = graph.get("nodes", [])
    raw_edges = graph.get("edges", [])
    if not isinstance(raw_nodes, list):
        raise fail("must be a list", f"{section}.nodes")
    if not isinstance(raw_edges, list):
        raise fail("must be a list", f"{section}.edges")

    nodes: list[NodeRecord] = []
    seen: set[str] = set()
    for index, item in enumerate(raw_nodes):
        where = f"{section}.nodes[{index}]"
        if not isinstance(item, dict):
            raise fail("must be an object", where)
        node_id = item.get("id")
        if not isinstance(node_id, str) or not node_id:
            raise fail(f"'id' must be a non-empty string, got {excerpt(node_id)}", where)
        where = f"{section}.nodes[{index}] (id {excerpt(node_id)})"
        if node_id in seen:
            raise fail("duplicate node id", where)
        seen.add(node_id)
        node_type = item.get("type")
        if not isinstance(node_type, str) or not node_type:
            raise fail(f"'type' must be a non-empty string, got {excerpt(node_type)}", where)
        params = item.get("params", {})
        if params is None:
            params = {}
        if not isinstance(params, dict):
            raise fail(f"'params' must be an object, got {excerpt(params)}", where)
        pos = item.get("pos")
        if pos is not None:
            if (
                not isinstance(pos, (list, tuple))
                or len(pos) != 2
                or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in pos)
            ):
                raise fail(f"'pos' must be [x, y] numbers, got {excerpt(pos)}", where)
            try:
                pos = (float(pos[0]), float(pos[1]))
            except OverflowError:
                pos = (math.inf, math.inf)
            if not all(math.isfinite(v) for v in pos):
                raise fail(f"'pos' must be finite numbers, got {excerpt(item.get('pos'))}", where)
        extra = {k: v for k, v in item.items() if k not in _NODE_KEYS}
        nodes.append(NodeRecord(node_id, node_type, dict(params), pos, extra))

    edges: list[EdgeRecord] = []
    seen_edges: set[tuple[str, str, int]] = set()
    for index, item in enumerate(raw_edges):
        where = f"{section}.edges[{index}]"
        if not isinstance(item, dict):
            raise fail("must be an object", where)
        src, dst = item.get("src"), item.get("dst")
        for key, value in (("src", src), ("dst", dst)):
            if not isinstance(value, str):
                raise fail(f"'{key}' must be a node id string, got {excerpt(value)}", where)
            if value not in seen:
                raise fail(f"'{key}' names no node: {excerpt(value)}", where)
        port = item.get("dst_port", 0)
        if not isinstance(port, int) or isinstance(port, bool) or port < 0:
            raise fail(f"'dst_port' must be a non-negative integer, got {excerpt(port)}", where)
        if (src, dst, port) in seen_edges:
            raise fail(f"duplicate edge {excerpt(src)} -> {excerpt(dst)} (port {port})", where)
        seen_edges.add((src, dst, port))
        extra = {k: v for k, v in item.items() if k not in _EDGE_KEYS}
        edges.append(EdgeRecord(src, dst, port, extra))

    return tuple(nodes), tuple(edges)


def build_project(record: ProjectRecord) -> Project:
    """Build the document from checked records."""
    graph = _build_graph(record.nodes, record.edges)
    discriminator = None if record.discriminator is None else _build_graph(*record.discriminator)
    return Project(
        name=record.name,
        graph=graph,
        data=dict(record.data),
        training=dict(record.training),
        extra=dict(record.extra),
        graph_extra=dict(record.graph_extra),
        discriminator=discriminator,
        discriminator_extra=dict(record.discriminator_extra),
    )


def _build_graph(nodes: tuple[NodeRecord, ...], edges: tuple[EdgeRecord, ...]) -> Graph:
    return Graph(
        (Node(n.id, n.type, dict(n.params), n.pos, dict(n.extra)) for n in nodes),
        (Edge(e.src, e.dst, e.dst_port, tuple(e.extra.items())) for e in edges),
    )


@without_gc  # a large file makes tens of thousands of objects at once
def project_from_dict(raw: Mapping[str, Any], source: str | Path | None = None) -> Project:
    return build_project(parse_project(raw, source))


def load_project(path: str | Path) -> Project:
    """Read a project file; raise :class:`ProjectFormatError` naming the file and the place."""
    path = Path(path)
    try:
        if path.is_dir():
            raise ProjectFormatError("is a folder, not a project file", source=path)
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ProjectFormatError(f"is {path.stat().st_size} bytes, more than the {MAX_FILE_BYTES} bytes "
                                     "a project file may have", source=path)
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProjectFormatError("no such file", source=path) from None
    except UnicodeDecodeError as exc:
        raise ProjectFormatError(f"not UTF-8 text (byte {exc.start})", source=path) from None
    except OSError as exc:
        raise ProjectFormatError(f"cannot read: {exc.strerror or exc}", source=path) from None
    return project_from_dict(loads_json(text, path), path)


def loads_json(text: str, source: str | Path | None = None) -> Any:
    """``json.loads`` with the nesting checked first (a deep file would overflow its recursion)
    and every failure a :class:`ProjectFormatError`."""
    check_text_depth(text, source)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProjectFormatError(
            f"not valid JSON: {exc.msg}", f"line {exc.lineno} column {exc.colno}", source
        ) from None
    except (ValueError, RecursionError) as exc:  # a number of more than 4300 digits, say
        raise ProjectFormatError(f"not a usable JSON value: {excerpt(str(exc))}", source=source) from None


def check_text_depth(text: str, source: str | Path | None = None) -> None:
    """Refuse JSON text nested deeper than :data:`MAX_DEPTH`, by one linear scan of its
    brackets (those inside strings skipped), before any recursive parser sees it."""
    depth = 0
    for match in _BRACKETS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                raise ProjectFormatError(f"nested more than {MAX_DEPTH} levels deep", f"line {line}", source)
        elif token in "]}":
            depth -= 1


def check_structure(raw: Any, source: str | Path | None = None) -> None:
    """Refuse decoded JSON nested deeper than :data:`MAX_DEPTH` or holding a lone surrogate
    (text that cannot be written back as UTF-8 nor printed), walking it without recursion."""
    pending: list[tuple[Any, int, str]] = [(raw, 0, "")]
    while pending:
        value, depth, where = pending.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                raise ProjectFormatError(f"holds a lone surrogate (not valid Unicode text): {excerpt(value)}",
                                         where or "top level", source)
        elif isinstance(value, (dict, list, tuple)):
            if depth >= MAX_DEPTH:
                raise ProjectFormatError(f"nested more than {MAX_DEPTH} levels deep", where, source)
            if isinstance(value, dict):
                for key, item in value.items():
                    key_text = key if isinstance(key, str) else str(key)
                    if _SURROGATE.search(key_text):
                        raise ProjectFormatError(f"a key holds a lone surrogate: {excerpt(key_text)}",
                                                 where or "top level", source)
                    pending.append((item, depth + 1, f"{where}.{key_text}" if where else key_text))
            else:
                pending.extend((item, depth + 1, f"{where}[{i}]") for i, item in enumerate(value))


def excerpt(value: Any, limit: int = 60) -> str:
    """A short, escaped quote of a value for a message: ``repr`` cut to ``limit`` characters,
    so a message never carries a file's whole text nor its control characters."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return f"an integer of about {int(value.bit_length() * 0.30103)} digits"
    try:
        text = repr(value) if not isinstance(value, str) else ascii(value)
    except ValueError:  # repr of a container holding an int beyond Python's digit limit
        text = f"a {type(value).__name__} too large to show"
    return text if len(text) <= limit else text[: limit - 3] + "..."


# -- writing -----------------------------------------------------------------------------
def project_to_dict(project: Project) -> dict[str, Any]:
    """The project as the format's JSON object (a fresh, independent structure)."""
    result: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "name": project.name,
        "graph": {**graph_to_dict(project.graph), **json_copy(project.graph_extra)},
        "data": json_copy(project.data),
        "training": json_copy(project.training),
    }
    if project.discriminator is not None:
        result[DISCRIMINATOR] = {**graph_to_dict(project.discriminator), **json_copy(project.discriminator_extra)}
    result.update(json_copy(project.extra))
    return result


def graph_to_dict(graph: Graph) -> dict[str, Any]:
    """A graph section's ``{"nodes": [...], "edges": [...]}``."""
    nodes = []
    for node in graph.nodes:
        item: dict[str, Any] = {"id": node.id, "type": node.type, "params": json_copy(node.params)}
        if node.pos is not None:
            item["pos"] = [_tidy(node.pos[0]), _tidy(node.pos[1])]
        item.update(json_copy(node.extra))
        nodes.append(item)
    edges = []
    for edge in graph.edges:
        item = {"src": edge.src, "dst": edge.dst}
        if edge.dst_port:
            item["dst_port"] = edge.dst_port
        item.update(json_copy(dict(edge.extra)))
        edges.append(item)
    return {"nodes": nodes, "edges": edges}


def dumps_project(project: Project | Mapping[str, Any]) -> str:
    raw = project if isinstance(project, Mapping) else project_to_dict(project)
    return json.dumps(raw, indent=2, ensure_ascii=False) + "\n"


def save_project(project: Project | Mapping[str, Any], path: str | Path) -> None:
    """Write the project atomically: a crash never leaves a half-written file."""
    atomic_write_text(Path(path), dumps_project(project))


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Write to a temporary file beside ``path``, flush it to disk, then rename over ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); give it the mode a plain open() would
        os.chmod(temp_name, _existing_mode(path))
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _existing_mode(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets what a plain ``open()`` would."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return FILE_MODE


def json_copy(value: Any) -> Any:
    """A deep copy of JSON-like data (tuples become lists, as JSON would make them)."""
    if isinstance(value, dict):
        return {str(k): json_copy(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_copy(v) for v in value]
    return value


def _tidy(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 2)
