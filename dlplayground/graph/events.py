"""Events the document emits after each change; views and caches subscribe to them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Union

if TYPE_CHECKING:
    from dlplayground.graph.document import Edge, Node


@dataclass(frozen=True)
class NodeAdded:
    node_id: str


@dataclass(frozen=True)
class NodeRemoved:
    node_id: str
    node: "Node"


@dataclass(frozen=True)
class NodeParamsChanged:
    node_id: str
    old: dict[str, Any]
    new: dict[str, Any]


@dataclass(frozen=True)
class NodeMoved:
    node_id: str
    old: tuple[float, float] | None
    new: tuple[float, float] | None


@dataclass(frozen=True)
class NodeExtraChanged:
    """One of a node's extra keys (``trainable``, ``group``, ...) changed; None: absent."""

    node_id: str
    key: str
    old: Any
    new: Any


@dataclass(frozen=True)
class GraphExtraChanged:
    """One of the graph section's extra keys (``groups``, ...) changed; None: absent."""

    key: str
    old: Any
    new: Any


@dataclass(frozen=True)
class EdgeAdded:
    edge: "Edge"


@dataclass(frozen=True)
class EdgeRemoved:
    edge: "Edge"


@dataclass(frozen=True)
class SettingsChanged:
    """The project's ``name``, ``data`` or ``training`` section changed."""

    section: str
    old: Any
    new: Any


DocumentEvent = Union[
    NodeAdded, NodeRemoved, NodeParamsChanged, NodeMoved, NodeExtraChanged, EdgeAdded, EdgeRemoved,
    SettingsChanged, GraphExtraChanged,
]

#: Events after which shapes and problems must be inferred again (moves and groups do not
#: matter; a node's extra keys do: inference checks ``trainable``).
STRUCTURAL_EVENTS = (NodeAdded, NodeRemoved, NodeParamsChanged, NodeExtraChanged, EdgeAdded, EdgeRemoved,
                     SettingsChanged)
