"""Groups: finding residual blocks, inception modules and dense blocks; reading and saving groups."""

from __future__ import annotations

from typing import Any

from dlplayground.graph.document import Edge, Graph, Node
from dlplayground.graph.groups import GROUP_KEY, GROUPS_KEY, find_blocks, label_blocks, read_groups
from dlplayground.graph.io import project_from_dict, project_to_dict
from tests.helpers import chain_project


def graph_of(nodes: list[tuple[str, str]], edges: list[tuple[str, ...]]) -> Graph:
    """Nodes as (id, type); edges as (src, dst) or (src, dst, port)."""
    return Graph([Node(i, t) for i, t in nodes],
                 [Edge(e[0], e[1], int(e[2]) if len(e) > 2 else 0) for e in edges])


def resnet_graph(blocks: int = 3) -> Graph:
    nodes, edges, last = [("x", "Input"), ("stem", "Conv2d")], [("x", "stem")], "stem"
    for b in range(blocks):
        ids = [f"b{b}_conv1", f"b{b}_relu", f"b{b}_conv2", f"b{b}_add", f"b{b}_out"]
        nodes += [(ids[0], "Conv2d"), (ids[1], "ReLU"), (ids[2], "Conv2d"), (ids[3], "Add"), (ids[4], "ReLU")]
        edges += [(last, ids[0]), (ids[0], ids[1]), (ids[1], ids[2]), (ids[2], ids[3]), (last, ids[3], 1),
                  (ids[3], ids[4])]
        last = ids[4]
    nodes.append(("y", "Output"))
    edges.append((last, "y"))
    return graph_of(nodes, edges)


def test_each_residual_block_is_found_between_its_fork_and_its_add():
    blocks = find_blocks(resnet_graph(3))
    assert [b.kind for b in blocks] == ["Residual block"] * 3
    assert blocks[1].members == ("b1_conv1", "b1_relu", "b1_conv2", "b1_add")
    assert label_blocks(blocks) == ["Residual block 1", "Residual block 2", "Residual block 3"]


def test_an_inception_module_is_one_block_of_its_branches():
    g = graph_of(
        [("x", "Input"), ("stem", "Conv2d"), ("b1", "Conv2d"), ("b2a", "Conv2d"), ("b2b", "Conv2d"),
         ("b3a", "Conv2d"), ("b3b", "Conv2d"), ("pool", "MaxPool2d"), ("bp", "Conv2d"), ("cat", "Concat"),
         ("head", "Flatten"), ("y", "Output")],
        [("x", "stem"), ("stem", "b1"), ("stem", "b2a"), ("b2a", "b2b"), ("stem", "b3a"), ("b3a", "b3b"),
         ("stem", "pool"), ("pool", "bp"), ("b1", "cat"), ("b2b", "cat", 1), ("b3b", "cat", 2), ("bp", "cat", 3),
         ("cat", "head"), ("head", "y")])
    (block,) = find_blocks(g)
    assert block.kind == "Inception module"
    assert set(block.members) == {"b1", "b2a", "b2b", "b3a", "b3b", "pool", "bp", "cat"}  # not the stem


def test_a_dense_block_is_one_block_not_one_per_concat():
    nodes = [("x", "Input"), ("c0", "Conv2d")]
    edges: list[tuple[Any, ...]] = [("x", "c0")]
    features = ["c0"]
    for i in range(1, 4):
        cat = f"cat{i}"
        nodes += [(cat, "Concat"), (f"l{i}", "Conv2d")]
        edges += [(f, cat, port) for port, f in enumerate(features)]
        edges.append((cat, f"l{i}"))
        features.append(f"l{i}")
    nodes += [("final", "Concat"), ("y", "Output")]
    edges += [(f, "final", port) for port, f in enumerate(features)] + [("final", "y")]
    blocks = find_blocks(graph_of(nodes, edges))
    assert [b.kind for b in blocks] == ["Dense block"]
    assert set(blocks[0].members) == {"cat1", "l1", "cat2", "l2", "cat3", "l3", "final"}


def test_a_chain_has_no_blocks():
    assert find_blocks(resnet_graph(0)) == []


def test_groups_read_leniently_and_survive_a_save():
    raw = chain_project(("fc1", "Linear", {"out_features": 8}), ("act", "ReLU", {}), ("fc2", "Linear", {}))
    for node in raw["graph"]["nodes"]:
        if node["id"] in ("fc1", "act"):
            node[GROUP_KEY] = "g1"
    raw["graph"]["nodes"][-2][GROUP_KEY] = "unlisted"  # names a group the list lacks: belongs to none
    raw["graph"][GROUPS_KEY] = [{"id": "g1", "label": "Hidden layer", "collapsed": True}, "junk", {"id": 3},
                                {"id": "empty", "label": "no members"}]
    project = project_from_dict(raw)
    groups = read_groups(project.graph, project.graph_extra.get(GROUPS_KEY))
    assert list(groups) == ["g1"]
    assert groups["g1"].members == ["fc1", "act"] and groups["g1"].collapsed and groups["g1"].label == "Hidden layer"
    saved = project_to_dict(project)
    assert saved["graph"][GROUPS_KEY] == raw["graph"][GROUPS_KEY]  # unknown keys are kept as they were
    assert [n.get(GROUP_KEY) for n in saved["graph"]["nodes"]] == [None, "g1", "g1", "unlisted", None]
    assert read_groups(project.graph, "not a list") == {}
