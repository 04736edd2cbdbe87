"""Finding and listing the example projects."""

import json

from dlplayground import resources

from tests.conftest import EXAMPLES


def test_examples_dir_finds_the_source_tree_examples():
    assert resources.examples_dir() == EXAMPLES


def test_examples_dir_prefers_a_pyinstaller_bundle(tmp_path, monkeypatch):
    bundled = tmp_path / "assets" / "examples"
    bundled.mkdir(parents=True)
    (bundled / "a.dlp.json").write_text("{}")
    monkeypatch.setattr(resources.sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.examples_dir() == bundled


def test_list_examples_reads_names_and_descriptions():
    examples = resources.list_examples()
    by_file = {e.path.name: e for e in examples}
    assert "digits_resnet.dlp.json" in by_file
    resnet = by_file["digits_resnet.dlp.json"]
    raw = json.loads(resnet.path.read_text())
    assert resnet.name == raw["name"] and resnet.description == raw["description"]
    assert [e.path.name for e in examples] == sorted(by_file)


def test_a_broken_example_is_listed_with_the_reason(tmp_path):
    (tmp_path / "good.dlp.json").write_text(json.dumps({"name": "Good", "graph": {}}))
    (tmp_path / "bad.dlp.json").write_text("{not json")
    (tmp_path / "notes.txt").write_text("ignored")
    bad, good = resources.list_examples(tmp_path)
    assert (good.name, good.description) == ("Good", "")
    assert bad.name == "bad" and bad.description.startswith("cannot be read")
