"""The document session: inference after edits, clean/modified state, data problems, files."""

from __future__ import annotations

import pytest

from dlplayground.graph import Edge, Node, ProjectFormatError, load_project, project_from_dict
from dlplayground.qt.commands import AddEdgeCommand, AddNodeCommand, SetSettingsCommand, insert_command
from dlplayground.qt.session import DocumentSession, new_project

from tests.conftest import EXAMPLES
from tests.helpers import chain_project


@pytest.fixture
def session(qapp):
    return DocumentSession(project_from_dict(chain_project(("fc", "Linear", {"out_features": 4}))))


def test_a_new_project_has_an_input_an_output_and_default_settings(qapp):
    session = DocumentSession()
    assert [n.type for n in session.graph.nodes] == ["Input", "Output"]
    assert session.project.data["name"] and session.project.training["optimizer"]["type"] == "Adam"
    assert session.input_shape == (2,)
    assert not session.is_modified and session.path is None


def test_every_push_reinfers_and_announces_it(qtbot, session):
    assert session.inference.shapes["fc"] == (4,)
    with qtbot.waitSignal(session.inference_updated, timeout=1000) as blocker:
        session.push(AddNodeCommand(session.graph, Node("act", "ReLU")))
    assert "act" in {p.node_ids[0] for p in blocker.args[0].problems if p.node_ids}
    assert session.is_modified


def test_a_compound_command_infers_once(qtbot, session):
    seen = []
    session.inference_updated.connect(seen.append)
    command = insert_command(session.graph, "two", [Node("a", "ReLU"), Node("b", "Tanh")],
                             [Edge("fc", "a"), Edge("a", "b")])
    session.push(command)
    assert len(seen) == 1 and seen[0].shapes["b"] == (4,)


def test_undo_back_to_the_saved_state_is_clean(qtbot, session, tmp_path):
    session.save(tmp_path / "p.dlp.json")
    assert not session.is_modified
    with qtbot.waitSignal(session.modified_changed) as blocker:
        session.push(AddNodeCommand(session.graph, Node("z", "Tanh")))
    assert blocker.args == [True]
    session.undo_stack.undo()
    assert not session.is_modified


def test_a_bad_dataset_becomes_a_problem_and_the_input_shape_unknown(session):
    data = dict(session.project.data, name="no-such-set")
    session.push(SetSettingsCommand(session.project, "data", data))
    assert session.input_shape is None
    assert "unknown dataset" in session.data_problem
    assert session.problems[0].message.startswith("data: unknown dataset")
    assert "fc" not in session.inference.shapes
    session.undo_stack.undo()
    assert session.input_shape == (2,) and session.data_problem is None


def test_a_missing_data_file_is_a_problem_not_a_crash(session):
    session.push(SetSettingsCommand(session.project, "data", {"name": "csv", "params": {"path": "nope.csv", "target": "y"}}))
    assert "file not found" in session.data_problem


def test_nodes_without_positions_are_laid_out_on_open(qapp, tmp_path):
    raw = chain_project(("fc", "Linear", {}), ("act", "ReLU", {}))
    path = tmp_path / "unplaced.dlp.json"
    from dlplayground.graph import save_project

    save_project(project_from_dict(raw), path)
    session = DocumentSession()
    session.open(path)
    xs = [session.graph.node(n).pos[0] for n in ("x", "fc", "act", "y")]
    assert xs == sorted(xs) and len(set(xs)) == 4
    assert not session.is_modified and session.undo_stack.count() == 0


def test_opening_a_broken_file_changes_nothing(qapp, tmp_path):
    session = DocumentSession()
    before = session.snapshot()
    broken = tmp_path / "broken.dlp.json"
    broken.write_text('{"graph": {"nodes": [{"id": 3}]}}')
    with pytest.raises(ProjectFormatError, match=r"graph.nodes\[0\]"):
        session.open(broken)
    assert session.snapshot() == before and session.path is None


def test_save_writes_the_document_and_reload_is_identical(qapp, tmp_path):
    session = DocumentSession()
    session.open(EXAMPLES / "digits_resnet.dlp.json")
    session.push(AddEdgeCommand(session.graph, Edge("b2_out", "b2_add", 2)))
    target = session.save(tmp_path / "copy.dlp.json")
    assert load_project(target).to_dict() == session.snapshot()
    assert session.path == target and not session.is_modified


def test_saving_without_a_path_asks_for_one(qapp):
    with pytest.raises(ValueError, match="no file yet"):
        DocumentSession(new_project()).save()


def test_a_loss_that_does_not_fit_the_output_is_a_problem_on_the_layer_to_change(qtbot):
    from dlplayground.qt.session import DocumentSession
    from tests.conftest import EXAMPLES

    session = DocumentSession()
    session.open(EXAMPLES / "spiral_mlp.dlp.json")
    assert session.problems == []
    session.project.graph.set_param("fc3", "out_features", 2)  # 2 scores for 3 classes
    problems = session.problems
    assert len(problems) == 1 and problems[0].node_ids == ("fc3",)
    assert "training.loss CrossEntropyLoss" in problems[0].message and "needs [3]" in problems[0].message
    session.project.set_settings("training", {**session.project.training, "loss": "MSELoss"})
    assert "one value per class (3, one-hot targets)" in session.problems[0].message  # the new loss's rule
    session.project.graph.set_param("fc3", "out_features", 3)
    assert session.problems == []


def test_a_loss_that_is_not_a_name_is_a_problem_not_a_crash(qtbot):
    from dlplayground.qt.session import DocumentSession
    from tests.conftest import EXAMPLES

    session = DocumentSession()
    session.open(EXAMPLES / "spiral_mlp.dlp.json")
    session.project.set_settings("training", {**session.project.training, "loss": ["MSELoss"]})
    [problem] = session.problems
    assert problem.message.startswith("training.loss: unknown loss ['MSELoss']")


def test_settings_training_would_refuse_are_problems_in_the_editor_too(qtbot):
    import subprocess
    import sys

    from dlplayground.qt.session import DocumentSession
    from tests.conftest import EXAMPLES

    session = DocumentSession()
    session.open(EXAMPLES / "spiral_mlp.dlp.json")
    session.project.set_settings("training", {**session.project.training, "epochs": 0, "batch_size": "half"})
    messages = [p.message for p in session.problems]
    assert [m.split(":")[0] for m in messages] == ["training.batch_size", "training.epochs"]
    # the editor checks these without importing torch (the window starts before torch loads)
    code = ("import sys; from dlplayground.qt.session import DocumentSession; s = DocumentSession(); "
            "s.problems; print('torch' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
