"""The main window's files, title, panels API, examples, export and settings persistence."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from dlplayground.graph import load_project, project_to_dict
from dlplayground.qt.dialogs import ExamplesDialog, UnsavedChoice, about_text, versions
from dlplayground.qt.file_manager import RECENT_KEY
from dlplayground.qt.main_window import GEOMETRY_KEY, STATE_KEY, MainWindow
from dlplayground.resources import list_examples

from tests.conftest import EXAMPLES, ROOT
from tests.qt.conftest import open_example


def test_save_and_reload_give_an_identical_document(window, tmp_path):
    open_example(window, "digits_resnet.dlp.json")
    window.editor.set_param("stem", "out_channels", 24)
    window.editor.move_nodes({"gap": (3650.5, 130.25)})
    target = tmp_path / "mine.dlp.json"
    window.files.choose_save_path = lambda: target
    assert window.files.save()  # no file yet: Save asks where
    assert window.session.path == target and not window.isWindowModified()
    saved = project_to_dict(window.session.project)
    assert window.files.open_path(target)
    assert project_to_dict(window.session.project) == saved
    assert project_to_dict(load_project(target)) == saved
    assert json.loads(target.read_text())["description"]  # unknown top-level keys survive


def test_save_as_adds_the_extension_and_updates_the_title(window, tmp_path):
    window.files.choose_save_path = lambda: tmp_path / "net"
    assert window.files.save_as()
    assert (tmp_path / "net.dlp.json").is_file()
    assert window.windowTitle() == "Untitled[*] — dlplayground"


def test_title_shows_the_name_and_the_modified_marker(window):
    open_example(window, "sine_gru.dlp.json")
    assert window.windowTitle() == "Sine GRU[*] — dlplayground" and not window.isWindowModified()
    window.editor.add_node("ReLU", (0, 300))
    assert window.isWindowModified()
    window.session.undo_stack.undo()
    assert not window.isWindowModified()
    window.editor.set_settings("name", "Sine forecaster")
    assert window.windowTitle().startswith("Sine forecaster[*]")


def test_open_each_example_from_the_gallery(window, qtbot):
    examples = list_examples()
    assert {e.path.name for e in examples} == {p.name for p in EXAMPLES.glob("*.dlp.json")}
    for example in examples:
        dialog = ExamplesDialog(window)
        qtbot.addWidget(dialog)
        assert dialog.select(example.path)
        dialog._accept_current()
        assert window.files.open_example(dialog.chosen)
        raw = json.loads(example.path.read_text())
        assert window.session.project.name == raw["name"] == example.name
        assert len(window.scene.node_items) == len(raw["graph"]["nodes"])
        assert len(window.scene.edge_items) == len(raw["graph"]["edges"])
        assert window.session.inference.ok, (example.name, window.session.problems)
        assert window.session.path is None  # a copy: Save asks where


def test_a_broken_file_shows_an_error_and_keeps_the_document(window, tmp_path):
    open_example(window, "spiral_mlp.dlp.json")
    window.editor.add_node("ReLU", (0, 300))
    before = window.session.snapshot()
    broken = tmp_path / "broken.dlp.json"
    broken.write_text('{"format": "dlplayground/project", "graph": {"nodes": [{"id": "a", "type": "ReLU", "pos": [1]}]}}')
    assert not window.files.open_path(broken, ask=False)
    [(title, message)] = window.errors
    assert "broken.dlp.json" in message and "graph.nodes[0]" in message and "'pos'" in message
    assert window.session.snapshot() == before and window.isWindowModified()


def test_unsaved_changes_prompt_can_cancel_save_or_discard(window, tmp_path):
    window.editor.add_node("ReLU", (0, 300))
    answers = []
    window.files.ask_unsaved = lambda parent, name: answers.pop(0)

    answers.append(UnsavedChoice.CANCEL)
    assert not window.files.new()
    assert "relu" in window.session.graph

    answers.append(UnsavedChoice.SAVE)
    window.files.choose_save_path = lambda: tmp_path / "kept.dlp.json"
    assert window.files.new()
    assert "relu" in {n.id for n in load_project(tmp_path / "kept.dlp.json").graph.nodes}

    window.editor.add_node("ReLU", (0, 300))
    answers.append(UnsavedChoice.DISCARD)
    assert window.files.open_example(EXAMPLES / "sine_gru.dlp.json")


def test_closing_with_unsaved_changes_asks_first(window):
    window.editor.add_node("ReLU", (0, 300))
    window.files.ask_unsaved = lambda parent, name: UnsavedChoice.CANCEL
    assert not window.close()
    assert window.isVisible()
    window.files.ask_unsaved = lambda parent, name: UnsavedChoice.DISCARD
    assert window.close()


def test_recent_files_are_remembered_in_settings(window, settings, tmp_path):
    paths = []
    for index in range(3):
        path = tmp_path / f"p{index}.dlp.json"
        window.files.choose_save_path = lambda p=path: p
        window.files.save_as()
        paths.append(path.resolve())
    assert window.files.recent_files() == list(reversed(paths))
    assert settings.value(RECENT_KEY)[0] == str(paths[-1])
    actions = [a for a in window.recent_menu.actions() if a.text().endswith(".json")]
    assert [a.text() for a in actions] == [p.name for p in reversed(paths)]
    actions[-1].trigger()
    assert window.session.path == paths[0]
    # a recent file that has gone is dropped from the list when it fails to open
    paths[1].unlink()
    assert not window.files.open_path(paths[1])
    assert paths[1] not in window.files.recent_files()


def test_window_state_is_saved_on_close_and_restored(qtbot, settings):
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.show()
    first.summary_dock.hide()
    assert first.close()
    assert isinstance(settings.value(STATE_KEY), QByteArray) and isinstance(settings.value(GEOMETRY_KEY), QByteArray)
    second = MainWindow(settings)
    qtbot.addWidget(second)
    second.show()
    assert not second.summary_dock.isVisible() and second.inspector_dock.isVisible()


def test_extension_panels_keep_their_place_between_sessions(qtbot):
    from dlplayground.qt.app import build_window

    first = build_window()
    qtbot.addWidget(first)
    first.show()
    first.training.model_dock.hide()
    assert first.close()
    second = build_window()
    qtbot.addWidget(second)
    second.show()
    assert not second.training.model_dock.isVisible() and second.training.training_dock is not None
    second.close()


def test_panels_menus_and_actions_can_be_plugged_in(window):
    panel = QLabel("training curves")
    dock = window.add_panel(panel, "Training", Qt.DockWidgetArea.BottomDockWidgetArea, "training")
    assert dock.widget() is panel and dock.objectName() == "dock_training"
    assert dock.toggleViewAction() in window.panels_menu.actions()
    train = window.menu("Train")
    tools = window.menu("Tools")
    extra = window.menu("Compare")
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "&Train", "&Tools", "&Compare", "&Help"]
    assert window.menu("Train") is train and tools is not train
    start = QAction("Start", window)
    window.add_action("Train", start, toolbar=True)
    assert start in train.actions() and start in window.toolbar.actions()
    assert extra.isEmpty()


def test_status_bar_shows_parameters_and_validity(window):
    open_example(window, "digits_cnn.dlp.json")
    total = window.session.inference.total_params
    assert window.params_label.text() == f"{total:,} parameters" and total > 0
    assert "valid" in window.validity_label.text()
    window.editor.add_node("Linear", (0, 400))
    assert "problem" in window.validity_label.text()


def test_summary_panel_lists_problems_and_rows_and_selects_nodes(window):
    open_example(window, "spiral_mlp.dlp.json")
    panel = window.summary_panel
    assert panel.table.rowCount() == len(window.session.graph)
    assert not panel.problems.isVisible() or panel.problems.topLevelItemCount() == 0
    window.editor.add_node("Linear", (0, 400))
    assert panel.problems.topLevelItemCount() >= 1 and panel.tabs.tabText(0).startswith("Problems (")
    panel.node_activated.emit("fc2")
    assert window.selected_node_ids() == ["fc2"]


def test_export_diagram_png_and_svg(window, tmp_path):
    open_example(window, "digits_resnet.dlp.json")
    window.scene.select_nodes(["stem"])
    png = window.export_diagram(tmp_path / "d.png")
    svg = window.export_diagram(tmp_path / "d.svg")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    rect = window.scene.itemsBoundingRect()
    assert image.width() >= 2 * rect.width() and image.height() >= 2 * rect.height()
    text = svg.read_text()
    assert text.lstrip().startswith("<?xml") and "<svg" in text and "Digits ResNet" in text
    assert window.selected_node_ids() == ["stem"]  # the selection is back after rendering


def test_export_training_script_from_the_file_menu(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    open_example(window, "spiral_mlp.dlp.json")
    window.editor.set_param("fc1", "out_features", 12)  # the script trains what is on screen, saved or not
    action = window.actions["export_script"]
    assert action in window.menu("File").actions()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(tmp_path))
    action.trigger()
    script = tmp_path / "train.py"
    assert script.exists() and (tmp_path / "data.npz").exists()
    assert "self.layers['fc1'] = nn.Linear(in_features=2, out_features=12" in script.read_text()
    assert "train.py" in window.statusBar().currentMessage()

    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: asked.append(args[2])
                        or QMessageBox.StandardButton.Cancel)
    script.write_text("edited by hand")
    action.trigger()
    assert "train.py" in asked[0] and script.read_text() == "edited by hand"  # cancelled: kept


def test_export_training_script_explains_a_project_that_cannot_train(window, tmp_path):
    open_example(window, "spiral_mlp.dlp.json")
    window.editor.set_param("fc3", "out_features", 2)  # 2 scores for 3 classes
    from dlplayground.qt.script_export import export_into

    assert export_into(window, tmp_path / "script") is None
    title, message = window.errors[-1]
    assert "training script" in title and "training.loss CrossEntropyLoss" in message
    assert not (tmp_path / "script").exists()


def test_about_names_the_library_versions(window):
    text = about_text()
    for name in ("dlplayground", "PyTorch", "Qt", "ONNX Runtime"):
        assert name in text
    assert versions()["PyTorch"].split("+")[0][0].isdigit()


@pytest.mark.parametrize("args", [["--smoke-test"], ["--smoke-test", str(EXAMPLES / "digits_resnet.dlp.json")]])
def test_smoke_test_starts_the_window_and_reports(tmp_path, args):
    env = {"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path), "HOME": str(tmp_path),
           "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "dlplayground", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    expected = "Digits ResNet, 23 nodes" if len(args) > 1 else f"{list_examples()[0].name}, "
    assert f"smoke test ok: {expected}" in result.stdout


def test_smoke_test_fails_on_a_broken_project(tmp_path):
    broken = tmp_path / "broken.dlp.json"
    broken.write_text("{")
    env = {"QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path), "HOME": str(tmp_path),
           "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "dlplayground", "--smoke-test", str(broken)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "not valid JSON" in result.stderr


def test_without_a_display_the_window_says_how_to_go_on(tmp_path):
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}  # no DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM
    result = subprocess.run([sys.executable, "-m", "dlplayground"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "no display" in result.stderr and "dlplayground train PROJECT" in result.stderr
    smoke = subprocess.run([sys.executable, "-m", "dlplayground", "--smoke-test"], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=120)
    assert smoke.returncode == 0 and "smoke test ok" in smoke.stdout, smoke.stderr


def test_extensions_install_themselves_and_absent_ones_are_skipped(window, monkeypatch):
    import types

    from dlplayground.qt import app

    calls = []
    module = types.ModuleType("fake_extension")
    module.install = calls.append
    monkeypatch.setitem(sys.modules, "fake_extension", module)
    monkeypatch.setitem(sys.modules, "no_install_extension", types.ModuleType("no_install_extension"))
    names = ["fake_extension", "no_install_extension", "dlplayground.qt.not_in_this_build"]
    assert app.install_extensions(window, names) == ["fake_extension"]
    assert calls == [window]


def test_a_shipped_example_opened_by_path_opens_as_a_copy(window, tmp_path):
    example = EXAMPLES / "spiral_mlp.dlp.json"
    before = example.read_bytes()
    assert window.files.open_path(example, ask=False)  # as from Open, Open Recent or the command line
    assert window.session.path is None and window.session.display_name == "Spiral MLP"
    window.editor.set_param("fc1", "out_features", 9)
    target = tmp_path / "mine.dlp.json"
    window.files.choose_save_path = lambda: target
    assert window.files.save()  # Save asks where: the example is never the target
    assert window.session.path == target and example.read_bytes() == before


def test_a_small_window_keeps_room_for_the_canvas_and_the_tool_buttons(window, qtbot):
    from PySide6.QtWidgets import QToolBar

    window.resize(1400, 900)
    window.resizeDocks([window.summary_dock], [600], Qt.Orientation.Vertical)  # a tall bottom panel
    qtbot.wait(50)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.centralWidget().height() >= 0.44 * window.height(), timeout=2000)
    bars = window.findChildren(QToolBar)
    assert bars and all(b.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly for b in bars)
    window.resize(1400, 900)
    qtbot.waitUntil(lambda: bars[0].toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon, timeout=2000)


def test_tool_buttons_added_while_hidden_are_fitted_to_the_window_when_it_shows(qtbot, settings):
    from PySide6.QtWidgets import QToolBar

    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.resize(1024, 700)
    for index in range(8):  # as the extensions add Train, Step, Pause, ... before the first show
        win.add_action("Train", QAction(f"A long action name {index}", win), toolbar=True)
    win.show()
    qtbot.waitExposed(win)
    bars = [bar for bar in win.findChildren(QToolBar) if not bar.isHidden()]
    assert bars and all(b.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly for b in bars)
    win.resize(3000, 900)  # wide enough for every text: measured again on resize
    qtbot.waitUntil(lambda: bars[0].toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon, timeout=2000)
    win.session.undo_stack.setClean()
