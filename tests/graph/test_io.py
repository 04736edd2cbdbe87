"""Project files: parsing into records, errors naming where, unknown keys kept, atomic saves."""

import json

import pytest

from dlplayground.graph import (
    Edge,
    Node,
    Project,
    ProjectFormatError,
    load_project,
    project_from_dict,
    project_to_dict,
    save_project,
)
from dlplayground.graph.io import atomic_write_text

SPEC_EXAMPLE = {
    "format": "dlplayground/project",
    "version": 1,
    "name": "Spiral MLP",
    "graph": {
        "nodes": [
            {"id": "x", "type": "Input", "params": {}, "pos": [0, 0]},
            {"id": "fc1", "type": "Linear", "params": {"out_features": 16}, "pos": [180, 0]},
            {"id": "a1", "type": "Tanh"},
            {"id": "fc2", "type": "Linear", "params": {"out_features": 3}},
            {"id": "y", "type": "Output"},
        ],
        "edges": [
            {"src": "x", "dst": "fc1"}, {"src": "fc1", "dst": "a1"},
            {"src": "a1", "dst": "fc2"}, {"src": "fc2", "dst": "y"},
        ],
    },
    "data": {"name": "spiral", "params": {"samples": 1000, "noise": 0.1, "classes": 3}, "val_split": 0.2, "seed": 0},
    "training": {"loss": "CrossEntropyLoss", "optimizer": {"type": "Adam", "lr": 0.01, "weight_decay": 0.0},
                 "batch_size": 32, "epochs": 100, "seed": 0},
}


def test_spec_example_loads_into_a_document():
    project = project_from_dict(SPEC_EXAMPLE)
    assert project.name == "Spiral MLP"
    assert [n.id for n in project.graph.nodes] == ["x", "fc1", "a1", "fc2", "y"]
    assert project.graph.node("fc1").params == {"out_features": 16}
    assert project.graph.node("fc1").pos == (180.0, 0.0)
    assert project.graph.node("a1").pos is None
    assert [e.key for e in project.graph.in_edges("fc2")] == [("a1", "fc2", 0)]
    assert project.training["optimizer"]["lr"] == 0.01


def test_round_trip_is_identical(tmp_path):
    path = tmp_path / "p.dlp.json"
    project = project_from_dict(SPEC_EXAMPLE)
    save_project(project, path)
    again = load_project(path)
    assert project_to_dict(again) == project_to_dict(project)
    save_project(again, path)
    assert project_to_dict(load_project(path)) == project_to_dict(project)


def test_unknown_keys_survive_at_every_level(tmp_path):
    raw = json.loads(json.dumps(SPEC_EXAMPLE))
    raw["author"] = "someone"
    raw["graph"]["layout"] = "manual"
    raw["graph"]["nodes"][1]["color"] = "#ff0000"
    raw["graph"]["edges"][0]["label"] = "features"
    raw["data"]["note"] = "kept"
    path = tmp_path / "p.json"
    save_project(project_from_dict(raw), path)
    written = json.loads(path.read_text())
    assert written["author"] == "someone"
    assert written["graph"]["layout"] == "manual"
    assert written["graph"]["nodes"][1]["color"] == "#ff0000"
    assert written["graph"]["edges"][0]["label"] == "features"
    assert written["data"]["note"] == "kept"


@pytest.mark.parametrize(
    "mutate, where, words",
    [
        (lambda r: r.update(format="other"), "format", "must be"),
        (lambda r: r.update(version=7), "version", "unsupported version 7"),
        (lambda r: r.pop("graph"), "graph", "missing"),
        (lambda r: r["graph"]["nodes"][1].pop("type"), "graph.nodes[1] (id 'fc1')", "'type'"),
        (lambda r: r["graph"]["nodes"][2].update(id="fc1"), "graph.nodes[2] (id 'fc1')", "duplicate node id"),
        (lambda r: r["graph"]["nodes"][1].update(params=[1]), "graph.nodes[1]", "'params' must be an object"),
        (lambda r: r["graph"]["nodes"][1].update(pos=[1]), "graph.nodes[1]", "'pos'"),
        (lambda r: r["graph"]["edges"][2].update(dst="nowhere"), "graph.edges[2]", "'nowhere'"),
        (lambda r: r["graph"]["edges"][0].update(dst_port=-1), "graph.edges[0]", "dst_port"),
        (lambda r: r.update(training=[]), "training", "must be an object"),
    ],
)
def test_bad_files_name_the_place(mutate, where, words):
    raw = json.loads(json.dumps(SPEC_EXAMPLE))
    mutate(raw)
    with pytest.raises(ProjectFormatError) as info:
        project_from_dict(raw, "hand.json")
    assert where in str(info.value)
    assert words in str(info.value)
    assert "hand.json" in str(info.value)


def test_invalid_json_names_line_and_column(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{\n  "format": "dlplayground/project",\n  "graph": {,}\n}')
    with pytest.raises(ProjectFormatError) as info:
        load_project(path)
    assert "broken.json" in str(info.value) and "line 3" in str(info.value)


def test_missing_file_is_a_format_error(tmp_path):
    with pytest.raises(ProjectFormatError, match="no such file"):
        load_project(tmp_path / "absent.json")


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    path = tmp_path / "p.json"
    path.write_text("old contents")

    def explode(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", explode)
    with pytest.raises(OSError):
        atomic_write_text(path, "new contents")
    assert path.read_text() == "old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["p.json"]


def test_to_dict_is_a_snapshot():
    project = Project(name="p")
    project.graph.add_node(Node("x", "Input"))
    project.graph.add_node(Node("fc", "Linear", {"out_features": 4}))
    project.graph.add_edge(Edge("x", "fc"))
    snapshot = project.to_dict()
    project.graph.set_param("fc", "out_features", 9)
    assert snapshot["graph"]["nodes"][1]["params"] == {"out_features": 4}
