"""Grouping edits: make a group of nodes, ungroup, collapse and expand, find a network's blocks.

Each is one undo step built from two primitive commands: the members' ``group`` keys
(:class:`~dlplayground.qt.commands.SetNodeExtraCommand`) and the graph's ``groups`` list
(:class:`~dlplayground.qt.commands.SetGraphExtraCommand`). How groups are stored is described
in :mod:`dlplayground.graph.groups`.
"""

from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import QObject, Signal

from dlplayground.graph.document import Edge, Graph, Node
from dlplayground.graph.groups import (
    GROUP_KEY,
    GROUPS_KEY,
    Group,
    find_blocks,
    group_entries,
    label_blocks,
    new_group_ids,
    read_groups,
)
from dlplayground.qt.commands import SetGraphExtraCommand, SetNodeExtraCommand, macro
from dlplayground.qt.session import DocumentSession


class GroupEditor(QObject):
    """Edits the open project's groups through undo commands.

    Signals:
        refused(message): an edit was refused; nothing changed.
    """

    refused = Signal(str)

    def __init__(self, session: DocumentSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session

    def groups(self) -> dict[str, Group]:
        """The project's groups that have members, by id."""
        return read_groups(self.session.graph, self.session.project.graph_extra.get(GROUPS_KEY))

    def group_of(self, node_id: str) -> Group | None:
        """The group ``node_id`` belongs to, if any."""
        if not self.session.graph.has_node(node_id):
            return None
        gid = self.session.graph.node(node_id).extra.get(GROUP_KEY)
        return self.groups().get(gid) if isinstance(gid, str) else None

    def _entries(self) -> list[dict]:
        # entries of groups that lost every member are dropped whenever the list is rewritten
        live = self.groups()
        return [e for e in group_entries(self.session.project.graph_extra.get(GROUPS_KEY)) if e["id"] in live]

    def create(self, node_ids: Iterable[str], label: str = "", collapsed: bool = False) -> str | None:
        """Group the nodes (taking them out of any other group); returns the new group's id."""
        graph = self.session.graph
        ids = [n for n in dict.fromkeys(node_ids) if graph.has_node(n)]
        if len(ids) < 2:
            self.refused.emit("select at least two nodes to group")
            return None
        entries = self._entries()
        gid = new_group_ids({e["id"] for e in entries}, 1)[0]
        label = (label.strip() or f"Group {gid[1:]}")
        entries.append({"id": gid, "label": label, "collapsed": collapsed})
        text = f"Group {len(ids)} nodes as '{label}'"
        compound = macro(text)
        for node_id in ids:
            compound.add(SetNodeExtraCommand(graph, node_id, GROUP_KEY, gid, text))
        compound.add(SetGraphExtraCommand(self.session.project, GROUPS_KEY, self._pruned(entries, set(ids)), text))
        self.session.push(compound)
        return gid

    def _pruned(self, entries: list[dict], moving: set[str]) -> list[dict]:
        """``entries`` without the groups that ``moving`` leaves empty."""
        remaining: dict[str, int] = {}
        for node in self.session.graph.nodes:
            gid = node.extra.get(GROUP_KEY)
            if isinstance(gid, str) and node.id not in moving:
                remaining[gid] = remaining.get(gid, 0) + 1
        new_id = entries[-1]["id"] if entries else None
        return [e for e in entries if e["id"] == new_id or remaining.get(e["id"])]

    def ungroup(self, group_ids: Iterable[str]) -> bool:
        """Dissolve groups (their nodes stay where they are), as one undo step."""
        groups = self.groups()
        chosen = [groups[g] for g in dict.fromkeys(group_ids) if g in groups]
        if not chosen:
            return False
        gone = {g.id for g in chosen}
        text = f"Ungroup '{chosen[0].label}'" if len(chosen) == 1 else f"Ungroup {len(chosen)} groups"
        compound = macro(text)
        for group in chosen:
            for node_id in group.members:
                compound.add(SetNodeExtraCommand(self.session.graph, node_id, GROUP_KEY, None, text))
        entries = [e for e in self._entries() if e["id"] not in gone]
        compound.add(SetGraphExtraCommand(self.session.project, GROUPS_KEY, entries or None, text))
        self.session.push(compound)
        return True

    def set_collapsed(self, group_ids: Iterable[str], collapsed: bool) -> bool:
        """Collapse (or expand) groups into one block each, as one undo step."""
        wanted = set(group_ids)
        entries = self._entries()
        changed = [e for e in entries if e["id"] in wanted and e["collapsed"] != collapsed]
        if not changed:
            return False
        for entry in changed:
            entry["collapsed"] = collapsed
        verb = "Collapse" if collapsed else "Expand"
        text = f"{verb} '{changed[0]['label']}'" if len(changed) == 1 else f"{verb} {len(changed)} groups"
        self.session.push(SetGraphExtraCommand(self.session.project, GROUPS_KEY, entries, text))
        return True

    def set_all_collapsed(self, collapsed: bool) -> bool:
        return self.set_collapsed(self.groups(), collapsed)

    def group_blocks(self, collapsed: bool = True) -> int:
        """Group every residual block, inception module and dense block not grouped yet (one undo
        step); returns how many groups were made."""
        graph = self.session.graph
        grouped = {m for group in self.groups().values() for m in group.members}
        blocks = [b for b in find_blocks(graph) if grouped.isdisjoint(b.members)]
        if not blocks:
            self.refused.emit("no ungrouped residual blocks, inception modules or dense blocks found")
            return 0
        entries = self._entries()
        ids = new_group_ids({e["id"] for e in entries}, len(blocks))
        text = f"Group {len(blocks)} blocks"
        compound = macro(text)
        for gid, label, block in zip(ids, label_blocks(blocks), blocks):
            entries.append({"id": gid, "label": label, "collapsed": collapsed})
            for node_id in block.members:
                compound.add(SetNodeExtraCommand(graph, node_id, GROUP_KEY, gid, text))
        compound.add(SetGraphExtraCommand(self.session.project, GROUPS_KEY, entries, text))
        self.session.push(compound)
        return len(blocks)


Position = tuple[float, float]


def condensed(graph: Graph, groups: dict[str, Group]) -> tuple[Graph, dict[str, Group]]:
    """``graph`` as the canvas shows it: each collapsed group one node (named by the group's id,
    made unique), edges between them deduplicated. Returns the graph and the collapsed groups
    by their stand-in's id. Linear in nodes + edges."""
    collapsed = {gid: g for gid, g in groups.items() if g.collapsed}
    if not collapsed:
        return graph, {}
    stand_in: dict[str, str] = {}
    by_proxy: dict[str, Group] = {}
    for gid, group in collapsed.items():
        proxy = gid
        while graph.has_node(proxy) or proxy in by_proxy:
            proxy += "_"
        by_proxy[proxy] = group
        for member in group.members:
            stand_in[member] = proxy
    nodes = [Node(n.id, n.type) for n in graph.nodes if n.id not in stand_in]
    nodes += [Node(proxy, "Group") for proxy in by_proxy]
    edges: dict[tuple[str, str, int], Edge] = {}
    for edge in graph.edges:
        src, dst = stand_in.get(edge.src, edge.src), stand_in.get(edge.dst, edge.dst)
        if src == dst:
            continue
        port = edge.dst_port if dst == edge.dst else 0  # edges into a block share its one input
        edges.setdefault((src, dst, port), Edge(src, dst, port))
    return Graph(nodes, edges.values()), by_proxy


def expand_positions(graph: Graph, by_proxy: dict[str, Group], positions: dict[str, Position]) -> dict[str, Position]:
    """Positions of the condensed graph turned into positions of every node: a collapsed
    group's members move together so that their centre lands on the block's place."""
    result = {node_id: pos for node_id, pos in positions.items() if node_id not in by_proxy}
    for proxy, group in by_proxy.items():
        placed = [graph.node(m).pos or (0.0, 0.0) for m in group.members]
        xs, ys = [p[0] for p in placed], [p[1] for p in placed]
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        tx, ty = positions[proxy]
        for member, (x, y) in zip(group.members, placed):
            result[member] = (x - cx + tx, y - cy + ty)
    return result
