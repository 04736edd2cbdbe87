"""The palette and the dataset/training settings panel."""

from __future__ import annotations

from PySide6.QtCore import Qt

from dlplayground.layers import CATALOGUE
from dlplayground.qt.mime import LAYER_MIME_TYPE, layer_from_mime
from dlplayground.qt.settings_panel import get_key, set_key

from tests.qt.conftest import open_example


# -- palette ---------------------------------------------------------------------------------
def test_palette_lists_every_layer_grouped_with_its_doc_as_tooltip(window):
    palette = window.palette
    assert sorted(palette.visible_types()) == sorted(CATALOGUE)
    groups = [palette.tree.topLevelItem(i).text(0) for i in range(palette.tree.topLevelItemCount())]
    assert groups[:3] == ["Input/Output", "Core", "Convolution"] and "Merge" in groups
    item = palette.item_for("Conv2d")
    assert item.parent().text(0) == "Convolution"
    assert CATALOGUE["Conv2d"].doc in item.toolTip(0)


def test_palette_search_filters_by_name_and_doc(window, qtbot):
    palette = window.palette
    qtbot.keyClicks(palette.search, "conv")
    assert set(palette.visible_types()) == {"Conv1d", "Conv2d"} | {
        t for t, s in CATALOGUE.items() if "conv" in s.doc.lower()}
    palette.search.clear()
    qtbot.keyClicks(palette.search, "residual")
    assert "Add" in palette.visible_types() and "Linear" not in palette.visible_types()
    palette.search.clear()
    assert len(palette.visible_types()) == len(CATALOGUE)


def test_palette_drags_carry_the_type_name(window):
    tree = window.palette.tree
    assert tree.mimeTypes() == [LAYER_MIME_TYPE]
    assert layer_from_mime(tree.mimeData([window.palette.item_for("GRU")])) == "GRU"


def test_activating_a_palette_entry_adds_it_in_the_middle_of_the_view(window):
    item = window.palette.item_for("Dropout")
    window.palette.tree.itemActivated.emit(item, 0)
    [node] = [n for n in window.session.graph.nodes if n.type == "Dropout"]
    assert window.selected_node_ids() == [node.id]


# -- settings panel ----------------------------------------------------------------------------
def test_settings_panel_shows_the_project(window):
    open_example(window, "digits_resnet.dlp.json")
    panel = window.settings_panel
    assert panel.name_edit.text() == "Digits ResNet"
    assert panel.dataset_combo.currentData() == "digits"
    assert panel.fields[("training", "optimizer.lr")].widget.value() == 0.005
    assert panel.fields[("training", "batch_size")].widget.value() == 64
    assert "[1, 8, 8]" in panel.data_info.text()


def test_changing_the_dataset_reinfers_and_undoes(window):
    open_example(window, "spiral_mlp.dlp.json")
    panel = window.settings_panel
    index = panel.dataset_combo.findData("shapes")
    panel.dataset_combo.setCurrentIndex(index)
    panel.dataset_combo.activated.emit(index)
    project = window.session.project
    assert project.data["name"] == "shapes" and project.data["params"] == {}
    assert window.session.input_shape == (1, 16, 16)
    assert ("data", "params.size") in panel.fields and ("data", "params.classes") not in panel.fields
    # the spiral MLP's Linear cannot take images: a problem, shown at once
    assert any("Flatten" in p.message for p in window.session.problems)
    panel.fields[("data", "params.size")].widget.setValue(24)
    assert project.data["params"] == {"size": 24} and window.session.input_shape == (1, 24, 24)
    window.session.undo_stack.undo()
    window.session.undo_stack.undo()
    assert project.data["name"] == "spiral" and window.session.input_shape == (2,)
    assert panel.dataset_combo.currentData() == "spiral"


def test_training_settings_are_edited_through_undo_and_saved(window, tmp_path):
    open_example(window, "spiral_mlp.dlp.json")
    panel = window.settings_panel
    training = window.session.project.training
    betas_kept = dict(training)
    panel.fields[("training", "epochs")].widget.setValue(7)
    assert window.session.project.training["epochs"] == 7
    batch = panel.fields[("training", "batch_size")].widget
    batch.setValue(batch.minimum())  # reads "full"
    assert batch.text() == "full" and window.session.project.training["batch_size"] == "full"
    loss = panel.fields[("training", "loss")].widget
    loss.setCurrentIndex(loss.findData("MSELoss"))
    loss.activated.emit(loss.currentIndex())
    assert window.session.project.training["loss"] == "MSELoss"
    window.files.choose_save_path = lambda: tmp_path / "t.dlp.json"
    window.files.save()
    from dlplayground.graph import load_project

    assert load_project(tmp_path / "t.dlp.json").training["batch_size"] == "full"
    for _ in range(3):
        window.session.undo_stack.undo()
    assert window.session.project.training == betas_kept


def test_switching_optimizer_drops_options_it_does_not_take_and_keeps_unknown_ones(window):
    panel = window.settings_panel
    window.editor.set_settings("training", set_key(window.session.project.training, "optimizer.betas", [0.8, 0.9]))
    opt = panel.fields[("training", "optimizer.type")].widget
    opt.setCurrentIndex(opt.findData("SGD"))
    opt.activated.emit(opt.currentIndex())
    assert ("training", "optimizer.momentum") in panel.fields
    panel.fields[("training", "optimizer.momentum")].widget.setValue(0.9)
    assert get_key(window.session.project.training, "optimizer.momentum") == 0.9
    opt.setCurrentIndex(opt.findData("Adam"))
    opt.activated.emit(opt.currentIndex())
    optimizer = window.session.project.training["optimizer"]
    assert "momentum" not in optimizer and optimizer["betas"] == [0.8, 0.9] and optimizer["type"] == "Adam"
    assert ("training", "optimizer.momentum") not in panel.fields


def test_scheduler_and_early_stopping(window):
    panel = window.settings_panel
    index = panel.scheduler_combo.findData("StepLR")
    panel.scheduler_combo.setCurrentIndex(index)
    panel.scheduler_combo.activated.emit(index)
    assert window.session.project.training["scheduler"] == {"type": "StepLR", "step_size": 30, "gamma": 0.1}
    panel.fields[("training", "scheduler.step_size")].widget.setValue(5)
    assert window.session.project.training["scheduler"]["step_size"] == 5
    panel.early_check.setChecked(True)
    assert window.session.project.training["early_stopping"] == {"monitor": "val_loss", "patience": 10}
    assert panel.fields[("training", "early_stopping.patience")].widget.isEnabled()
    panel.early_check.setChecked(False)
    assert "early_stopping" not in window.session.project.training
    panel.scheduler_combo.activated.emit(0)
    assert "scheduler" not in window.session.project.training


def test_project_name_edit(window, qtbot):
    panel = window.settings_panel
    panel.name_edit.selectAll()
    qtbot.keyClicks(panel.name_edit, "My net")
    qtbot.keyClick(panel.name_edit, Qt.Key.Key_Return)
    assert window.session.project.name == "My net"
    assert window.windowTitle().startswith("My net[*]")


def test_a_dataset_problem_is_shown_in_the_panel(window):
    window.editor.set_settings("data", {"name": "csv", "params": {"path": "missing.csv", "target": "y"}})
    assert "file not found" in window.settings_panel.data_info.text()
    assert ("data", "params.path") in window.settings_panel.fields
