"""The inspector: a schema-generated form whose edits are undoable and re-infer at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox

from dlplayground.graph.params import Param
from dlplayground.qt.param_form import FloatSpinBox, ParamForm, make_editor, parse_ints

from tests.qt.conftest import open_example


def select(window, node_id):
    window.scene.select_nodes([node_id])
    assert window.inspector.node_id == node_id
    return window.inspector.form.editors


def type_into(qtbot, widget, text):
    line = widget.lineEdit() if hasattr(widget, "lineEdit") and widget.lineEdit() else widget
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Delete)
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def test_editing_a_spin_box_sets_the_param_reinfers_and_undoes(window, qtbot):
    open_example(window, "spiral_mlp.dlp.json")
    editors = select(window, "fc1")
    spin = editors["out_features"].widget
    assert isinstance(spin, QSpinBox) and spin.maximum() == 1_000_000 and spin.minimum() == 1
    type_into(qtbot, spin, "32")
    graph = window.session.graph
    assert graph.node("fc1").params["out_features"] == 32
    assert window.session.inference.shapes["fc1"] == (32,)
    assert window.inspector._info["output"].text() == "[32]"
    window.session.undo_stack.undo()
    assert graph.node("fc1").params["out_features"] != 32
    assert spin.value() == graph.node("fc1").params["out_features"]  # the form follows undo


def test_consecutive_edits_of_one_param_merge_into_one_undo_step(window, qtbot):
    open_example(window, "spiral_mlp.dlp.json")
    spin = select(window, "fc1")["out_features"].widget
    depth = window.session.undo_stack.count()
    original = spin.value()
    spin.stepUp()
    spin.stepUp()
    spin.stepUp()
    assert window.session.undo_stack.count() == depth + 1
    window.session.undo_stack.undo()
    assert window.session.graph.node("fc1").params["out_features"] == original


def test_choice_bool_and_pair_editors(window, qtbot):
    window.editor.add_node("Conv2d", (300, 0))
    editors = select(window, "conv2d")
    kernel = editors["kernel_size"].widget
    assert isinstance(kernel, QLineEdit)
    type_into(qtbot, kernel, "3, 5")
    assert window.session.graph.node("conv2d").params["kernel_size"] == [3, 5]
    type_into(qtbot, kernel, "0")  # out of range: marked, not applied
    assert window.session.graph.node("conv2d").params["kernel_size"] == [3, 5]
    assert "must be >= 1" in kernel.toolTip()
    bias = editors["bias"].widget
    assert isinstance(bias, QCheckBox)
    bias.click()
    assert window.session.graph.node("conv2d").params["bias"] is False

    window.editor.add_node("GRU", (300, 200))
    editors = select(window, "gru")
    combo = editors["return"].widget
    assert isinstance(combo, QComboBox) and [combo.itemText(i) for i in range(combo.count())] == ["last", "sequence"]
    combo.setCurrentIndex(1)
    combo.activated.emit(1)
    assert window.session.graph.node("gru").params["return"] == "sequence"


def test_a_nullable_param_offers_auto(window, qtbot):
    window.editor.add_node("MaxPool2d", (300, 0))
    stride = select(window, "maxpool2d")["stride"].widget
    assert stride.text() == "" and stride.placeholderText() == "auto"  # None: the window size
    type_into(qtbot, stride, "1")
    assert window.session.graph.node("maxpool2d").params["stride"] == 1
    type_into(qtbot, stride, "")
    assert "stride" not in window.session.graph.node("maxpool2d").params


def test_renaming_a_node_keeps_its_edges_and_undoes(window, qtbot):
    open_example(window, "spiral_mlp.dlp.json")
    select(window, "fc2")
    edges_before = {(e.src, e.dst) for e in window.session.graph.edges}
    type_into(qtbot, window.inspector.id_edit, "hidden2")
    graph = window.session.graph
    assert "hidden2" in graph and "fc2" not in graph
    assert {(e.src, e.dst) for e in graph.edges} == {
        tuple("hidden2" if n == "fc2" else n for n in pair) for pair in edges_before}
    window.session.undo_stack.undo()
    assert {(e.src, e.dst) for e in graph.edges} == edges_before


def test_renaming_to_a_taken_id_is_refused(window, qtbot):
    open_example(window, "spiral_mlp.dlp.json")
    select(window, "fc2")
    type_into(qtbot, window.inspector.id_edit, "fc1")
    assert "fc2" in window.session.graph
    assert "already exists" in window.statusBar().currentMessage()


def test_problems_of_the_selected_node_are_listed(window):
    window.editor.add_node("Linear", (300, 0))
    select(window, "linear")
    assert "needs 1 input" in window.inspector._problems.text()


def test_multiple_and_no_selection_show_hints(window):
    window.scene.select_nodes(["x", "y"])
    assert window.inspector.node_id is None and window.inspector.form is None
    window.scene.select_nodes([])
    assert window.inspector.node_id is None


def test_param_form_reports_edits_only_from_the_user(qtbot):
    params = (Param("n", "int", 3, minimum=1, maximum=9), Param("lr", "float", 0.01, minimum=0.0),
              Param("shape", "shape", None, nullable=True))
    from dlplayground.graph.params import ParamSchema

    form = ParamForm(ParamSchema(params), {"n": 5})
    qtbot.addWidget(form)
    seen = []
    form.value_edited.connect(lambda name, value: seen.append((name, value)))
    form.set_values({"n": 7, "lr": 1e-5})
    assert seen == []
    assert form.editors["lr"].widget.text() == "1e-05"
    form.editors["lr"].widget.setValue(0.5)
    assert seen == [("lr", 0.5)]


def test_float_spin_box_shows_small_values_as_written(qtbot):
    editor = make_editor(Param("eps", "float", 1e-5, minimum=0.0))
    qtbot.addWidget(editor.widget)
    assert isinstance(editor.widget, FloatSpinBox)
    editor.set_value(1e-5)
    assert editor.widget.text() == "1e-05" and editor.widget.value() == 1e-5


def test_parse_ints_accepts_common_spellings():
    assert parse_ints("1, 8, 8") == [1, 8, 8]
    assert parse_ints("[1,8,8]") == [1, 8, 8]
    assert parse_ints("3x5") == [3, 5]
    assert parse_ints("") == []
