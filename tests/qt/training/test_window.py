"""Training inside the main window: actions and shortcuts, docks, selection, badges, closing."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from PySide6.QtCore import Qt

from dlplayground.qt.training.controller import Phase
from dlplayground.qt.training.integration import RUNS_ROOT_KEY, install_training, runs_root
from tests.qt.conftest import ROOT, open_example


def long_training(window, epochs=10_000):
    training = dict(window.session.project.training, epochs=epochs)
    window.session.project.set_settings("training", training)


def test_train_menu_toolbar_docks_and_status(qtbot, window, tmp_path):
    ui = install_training(window, tmp_path / "runs")
    names = [a.text() for a in window.menu("Train").actions() if not a.isSeparator()]
    assert names == ["Train", "Step", "Epoch", "Pause", "Resume", "Stop", "Reset weights"]
    assert all(a in window.toolbar.actions() for a in ui.controller.actions.all)
    assert ui.controller.actions.train.shortcut().toString() == "F5"
    # scroll areas hold the panels, so their plots do not set the height of the docks beside them
    assert ui.training_dock.widget().widget() is ui.training_panel
    assert ui.model_dock.widget().widget() is ui.model_panel
    assert not ui.training_panel.buttons.isVisible()
    open_example(window, "spiral_mlp.dlp.json")
    long_training(window)
    window.activateWindow()
    with qtbot.waitSignal(ui.controller.run_started, timeout=20_000):
        qtbot.keyClick(window.view, Qt.Key.Key_F5)  # the shortcut trains
    qtbot.waitUntil(lambda: "samples/s" in ui.status.speed.text(), timeout=10_000)
    assert ui.status.epoch.text().startswith("epoch ") and ui.status.left.text().endswith("left")
    qtbot.keyClick(window.view, Qt.Key.Key_F6)
    assert ui.controller.phase is Phase.PAUSED and ui.status.phase.text() == "Paused"
    qtbot.keyClick(window.view, Qt.Key.Key_F5)  # F5 resumes a paused run
    assert ui.controller.phase is Phase.RUNNING
    with qtbot.waitSignal(ui.controller.run_finished, timeout=2_000):
        qtbot.keyClick(window.view, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert (tmp_path / "runs").is_dir()


def test_the_layer_views_follow_the_editor_selection(qtbot, window, tmp_path):
    ui = install_training(window, tmp_path / "runs")
    open_example(window, "digits_cnn.dlp.json")
    long_training(window)
    ui.training_panel.tabs.setCurrentWidget(ui.training_panel.histograms)
    ui.controller.train()
    qtbot.waitUntil(lambda: ui.controller.phase is Phase.RUNNING, timeout=20_000)
    window.scene.select_nodes(["mix"])
    window.scene.selectionChanged.emit()
    assert ui.training_panel.histograms.layer == "mix" and ui.model_panel.images.node == "mix"
    qtbot.waitUntil(lambda: ui.training_panel.histograms._latest is not None
                    and ui.training_panel.histograms._latest.node_id == "mix", timeout=5_000)
    window.scene.select_nodes(["relu1"])  # not trainable: the Layer tab keeps 'mix'
    window.scene.selectionChanged.emit()
    assert ui.training_panel.histograms.layer == "mix" and ui.model_panel.images.node == "relu1"
    ui.controller.stop()
    qtbot.waitUntil(lambda: not ui.controller.busy, timeout=5_000)


def test_vanishing_gradients_badge_the_nodes(qtbot, window, tmp_path):
    ui = install_training(window, tmp_path / "runs")
    open_example(window, "deep_plain_mlp.dlp.json")
    ui.controller.train()
    qtbot.waitUntil(lambda: window.node_item("fc0").badge_text == "vanishing", timeout=20_000)
    assert window.node_item("head").badge_text is None
    assert "Vanishing gradients" in ui.training_panel.gradients.flags_label.text()
    ui.controller.stop()
    qtbot.waitUntil(lambda: not ui.controller.busy, timeout=5_000)
    # another project with the same node ids: the last run's flags are not about its nodes
    open_example(window, "deep_residual_mlp.dlp.json")
    ui.flags_changed.emit({"fc0": "vanishing"})
    assert window.node_item("fc0").badge_text is None


def test_the_runs_folder_is_a_setting(window, tmp_path):
    window.settings.setValue(RUNS_ROOT_KEY, str(tmp_path / "elsewhere"))
    assert runs_root(window) == tmp_path / "elsewhere"


CLOSE_MID_RUN = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from dlplayground.qt.main_window import MainWindow
    from dlplayground.qt.training.integration import install_training
    from dlplayground.qt.training.controller import Phase
    folder = Path(sys.argv[1])
    window = MainWindow(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    ui = install_training(window, folder / "runs")
    ui.window_link.ask_stop_run = lambda: True  # the user answers "stop and close"
    window.files.open_path(Path(sys.argv[2]), ask=False)
    window.session.project.set_settings("training", dict(window.session.project.training, epochs=10000))
    window.show()
    seen = []
    ui.controller.progressed.connect(seen.append)
    ui.controller.train()
    deadline = time.time() + 30
    while len(seen) < 5 and time.time() < deadline:
        app.processEvents()
        time.sleep(0.01)
    assert ui.controller.phase is Phase.RUNNING, ui.controller.phase
    started = time.perf_counter()
    window.close()
    closed = time.perf_counter() - started
    thread_gone = ui.controller._thread is None
    del ui
    window.deleteLater()
    app.processEvents()
    del window
    print(f"closed in {closed:.3f} s, thread stopped: {thread_gone}")
""")


def test_closing_the_window_mid_run_stops_the_thread_cleanly(tmp_path):
    example = ROOT / "assets" / "examples" / "spiral_mlp.dlp.json"
    result = subprocess.run([sys.executable, "-c", CLOSE_MID_RUN, str(tmp_path), str(example)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120,
                            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert "QThread: Destroyed" not in result.stderr and "Traceback" not in result.stderr
    assert "thread stopped: True" in result.stdout
    closed = float(result.stdout.split("closed in ")[1].split(" s")[0])
    assert closed < 1.0
