"""Groups of nodes that the editor can collapse into one labelled block, and finding them.

How a group is stored (see docs/project-format.md, "Groups"): each member node carries
``"group": "<group id>"``, and the graph section lists the groups with their label and whether
they are collapsed::

    "graph": {"nodes": [{"id": "conv1", ..., "group": "g1"}, ...], "edges": [...],
              "groups": [{"id": "g1", "label": "Residual block 1", "collapsed": true}]}

Membership lives on the nodes so that it follows them through renames, deletions and undo
without a second list to keep in step. Both keys are extra keys, which every reader of the
format keeps and otherwise ignores: a group changes nothing about the model.

:func:`find_blocks` finds the blocks of a deep network: for every merge (``Add``, ``Concat``),
the nodes between it and its immediate dominator (the fork its branches leave from) — a
residual block, an inception module, a dense block. Dominators come from one pass in
topological order (Cooper, Harvey and Kennedy's intersection); each node joins at most one
block, so the search is linear in nodes + edges in practice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dlplayground.graph.document import Graph

#: a node's extra key naming its group
GROUP_KEY = "group"
#: the graph section's extra key listing the groups
GROUPS_KEY = "groups"
#: a label longer than this is cut (it is drawn on one line)
MAX_LABEL = 80

MERGES = frozenset({"Add", "Concat"})


@dataclass
class Group:
    """One group: its id, label, whether it is collapsed, and its member node ids (document order)."""

    id: str
    label: str
    collapsed: bool = False
    members: list[str] = field(default_factory=list)

    def entry(self) -> dict[str, Any]:
        """The group as the ``graph.groups`` list stores it."""
        return {"id": self.id, "label": self.label, "collapsed": self.collapsed}


def group_entries(raw: Any) -> list[dict[str, Any]]:
    """The well-formed entries of a ``graph.groups`` value (anything else is ignored, not fatal:
    a group is a view of the graph, never part of the model)."""
    if not isinstance(raw, list):
        return []
    entries, seen = [], set()
    for item in raw:
        if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"] and item["id"] not in seen:
            seen.add(item["id"])
            label = item.get("label")
            entries.append({"id": item["id"], "label": (label if isinstance(label, str) else item["id"])[:MAX_LABEL],
                            "collapsed": item.get("collapsed") is True})
    return entries


def read_groups(graph: Graph, raw: Any) -> dict[str, Group]:
    """The groups that have members: ``raw`` is the ``graph.groups`` value, members come from
    the nodes' ``group`` keys (a node naming an unlisted group belongs to none)."""
    groups = {e["id"]: Group(e["id"], e["label"], e["collapsed"]) for e in group_entries(raw)}
    for node in graph.nodes:
        group = groups.get(node.extra.get(GROUP_KEY)) if isinstance(node.extra.get(GROUP_KEY), str) else None
        if group is not None:
            group.members.append(node.id)
    return {gid: g for gid, g in groups.items() if g.members}


def new_group_ids(taken: set[str], count: int) -> list[str]:
    """``count`` fresh ids ``g1``, ``g2``, ... not in ``taken``."""
    ids: list[str] = []
    index = 1
    while len(ids) < count:
        candidate = f"g{index}"
        if candidate not in taken:
            ids.append(candidate)
        index += 1
    return ids


@dataclass(frozen=True)
class Block:
    """A block :func:`find_blocks` found: its kind ("Residual block", ...) and members."""

    kind: str
    members: tuple[str, ...]


def find_blocks(graph: Graph, min_size: int = 2) -> list[Block]:
    """Residual blocks, inception modules and dense blocks, in graph order.

    Each block is a merge and every node between it and its immediate dominator; an enclosing
    block takes its inner blocks in (a dense block is one block, not one per Concat).
    """
    order = _topological_order(graph)
    if not order:
        return []
    index = {node_id: i for i, node_id in enumerate(order)}
    preds = {node_id: [e.src for e in graph.in_edges(node_id)] for node_id in order}
    idom = _immediate_dominators(order, index, preds)
    owner: dict[str, int] = {}
    found: list[tuple[int, str, list[str]]] = []
    for merge in reversed(order):  # later merges first: an enclosing block before its inner ones
        if merge in owner or graph.node(merge).type not in MERGES or len(set(preds[merge])) < 2:
            continue
        fork = idom.get(merge)
        if fork is None:
            continue
        members, stack, seen = [merge], [merge], {merge}
        while stack:  # backwards from the merge to the fork: everything its branches hold
            for p in preds[stack.pop()]:
                if p != fork and p not in seen and p not in owner and p in index:
                    seen.add(p)
                    members.append(p)
                    stack.append(p)
        if len(members) < min_size:
            continue
        block_id = len(found)
        for node_id in members:
            owner[node_id] = block_id
        found.append((index[merge], _kind(graph, merge, members, len(set(preds[merge]))), members))
    found.sort()
    return [Block(kind, tuple(sorted(members, key=index.__getitem__))) for _, kind, members in found]


def _kind(graph: Graph, merge: str, members: list[str], inputs: int) -> str:
    if graph.node(merge).type == "Add":
        return "Residual block"
    inner_concats = sum(1 for m in members if graph.node(m).type == "Concat")
    if inner_concats > 1:
        return "Dense block"
    return "Inception module" if inputs >= 3 else "Concat block"


def label_blocks(blocks: list[Block]) -> list[str]:
    """``Residual block 1``, ``Residual block 2``, ``Dense block 1``, ...: numbered per kind."""
    counts: dict[str, int] = {}
    labels = []
    for block in blocks:
        counts[block.kind] = counts.get(block.kind, 0) + 1
        labels.append(f"{block.kind} {counts[block.kind]}")
    return labels


def _topological_order(graph: Graph) -> list[str]:
    """Kahn's order (nodes on a cycle are left out: a cyclic graph is invalid anyway)."""
    indegree = {node.id: len(graph.in_edges(node.id)) for node in graph.nodes}
    ready = [node_id for node_id, d in indegree.items() if d == 0]
    order = []
    while ready:
        node_id = ready.pop()
        order.append(node_id)
        for edge in graph.out_edges(node_id):
            indegree[edge.dst] -= 1
            if indegree[edge.dst] == 0:
                ready.append(edge.dst)
    return order


_ROOT = "\0root"  # a virtual root above every source, so that graphs with several inputs work


def _immediate_dominators(order: list[str], index: dict[str, int], preds: dict[str, list[str]]) -> dict[str, str]:
    """Immediate dominators of a DAG in topological ``order`` (one pass suffices without cycles)."""
    idom: dict[str, str] = {_ROOT: _ROOT}
    rank = dict(index)
    rank[_ROOT] = -1

    def intersect(a: str, b: str) -> str:
        while a != b:
            while rank[a] > rank[b]:
                a = idom[a]
            while rank[b] > rank[a]:
                b = idom[b]
        return a

    for node_id in order:
        sources = [p for p in preds[node_id] if p in idom]
        if not sources:
            idom[node_id] = _ROOT
            continue
        dominator = sources[0]
        for p in sources[1:]:
            dominator = intersect(dominator, p)
        idom[node_id] = dominator
    return {k: v for k, v in idom.items() if k != _ROOT and v != _ROOT}
