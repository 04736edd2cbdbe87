"""Output folders: an earlier output may be replaced, nothing else ever is."""

from __future__ import annotations

import pytest

from dlplayground.graph.folders import RUN_FOLDER, FolderInUse, check_replaceable, partial_dir, publish_dir


def make_run(folder):
    folder.mkdir(parents=True)
    for name in ("metrics.csv", "summary.json", "weights.safetensors"):
        (folder / name).write_text("x")
    return folder


def test_absent_empty_and_earlier_run_folders_may_be_replaced(tmp_path):
    assert check_replaceable(tmp_path / "new", RUN_FOLDER) == tmp_path / "new"
    (tmp_path / "empty").mkdir()
    assert check_replaceable(tmp_path / "empty", RUN_FOLDER) == tmp_path / "empty"
    assert check_replaceable(make_run(tmp_path / "old"), RUN_FOLDER) == tmp_path / "old"


@pytest.mark.parametrize("layout, message", [
    ({"notes.txt": "mine"}, "holds other files (notes.txt)"),
    ({"project.json": "{}"}, "is not a run folder (it has no summary.json)"),  # a user's own project
])
def test_folders_holding_anything_else_are_refused(tmp_path, layout, message):
    folder = tmp_path / "out"
    folder.mkdir()
    for name, text in layout.items():
        (folder / name).write_text(text)
    with pytest.raises(FolderInUse, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_replaceable(folder, RUN_FOLDER)


def test_a_file_and_the_current_folder_are_refused(tmp_path, monkeypatch):
    (tmp_path / "a.json").write_text("{}")
    with pytest.raises(FolderInUse, match="not a folder"):
        check_replaceable(tmp_path / "a.json", RUN_FOLDER)
    monkeypatch.chdir(tmp_path)
    for target in (".", str(tmp_path), str(tmp_path.parent)):
        with pytest.raises(FolderInUse, match="current folder"):
            check_replaceable(target, RUN_FOLDER)


def test_publishing_checks_again_and_goes_beside_a_folder_that_changed_meanwhile(tmp_path):
    target = make_run(tmp_path / "run")
    partial = partial_dir(target)
    (partial / "summary.json").write_text("new")
    (target / "notes.txt").write_text("written during the run")  # no longer an earlier run folder
    published = publish_dir(partial, target, RUN_FOLDER)
    assert published == tmp_path / "run-2"
    assert (target / "notes.txt").read_text() == "written during the run"
    assert (published / "summary.json").read_text() == "new"


def test_publishing_over_a_link_replaces_the_link_not_what_it_points_to(tmp_path):
    real = make_run(tmp_path / "real")
    link = tmp_path / "link"
    link.symlink_to(real)
    partial = partial_dir(link)
    (partial / "summary.json").write_text("new")
    assert publish_dir(partial, link, RUN_FOLDER) == link
    assert not link.is_symlink() and (link / "summary.json").read_text() == "new"
    assert (real / "summary.json").read_text() == "x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link", "real"]
