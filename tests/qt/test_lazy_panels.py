"""Panels that start behind a tab are built when first needed, not before the first frame."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

from dlplayground.qt.lazy_panel import LazyPanel, build_when_idle
from tests.qt.conftest import run_window_probe


def test_content_is_built_once_on_first_request(qtbot):
    made = []
    holder = LazyPanel(lambda: made.append(1) or QLabel("panel"))
    qtbot.addWidget(holder)
    assert not holder.is_built and made == []
    first = holder.content()
    assert holder.content() is first and made == [1] and holder.is_built
    assert first.parent() is holder


def test_a_failed_build_is_tried_again(qtbot):
    attempts = []

    def flaky():
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("not yet")
        return QLabel("panel")

    holder = LazyPanel(flaky)
    qtbot.addWidget(holder)
    try:
        holder.content()
    except OSError:
        pass
    assert not holder.is_built
    assert holder.content().text() == "panel" and len(attempts) == 2


def test_showing_the_dock_builds_the_panel(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    front, behind = QDockWidget("front", window), QDockWidget("behind", window)
    holder = LazyPanel(lambda: QLabel("behind"))
    front.setWidget(QLabel("front"))
    behind.setWidget(holder)
    for dock in (front, behind):
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.tabifyDockWidget(front, behind)
    front.raise_()
    holder.build_when_shown(behind)
    window.show()
    qtbot.waitExposed(window)
    assert not holder.is_built  # behind its tab
    behind.raise_()
    qtbot.waitUntil(lambda: holder.is_built)


def test_idle_building_goes_one_panel_a_pass_and_skips_built_ones(qtbot):
    order = []
    holders = [LazyPanel(lambda n=n: order.append(n) or QLabel(str(n))) for n in range(3)]
    for holder in holders:
        qtbot.addWidget(holder)
    holders[1].content()
    build_when_idle(holders)
    assert order == [1]  # nothing before the event loop runs
    qtbot.waitUntil(lambda: all(h.is_built for h in holders))
    assert order == [1, 0, 2]


#: the window as the app starts it, in a fresh interpreter (the test process imported everything)
PROBE = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from dlplayground.qt.app import build_window

LAZY = ("dlplayground.qt.settings_panel", "dlplayground.qt.onnx.inference_panel")
window = build_window()
assert window.files.open_path(sys.argv[1], ask=False)
window.show()
print("before the first frame:", [p.is_built for p in window.lazy_panels], [m in sys.modules for m in LAZY])
app = QApplication.instance()
QTimer.singleShot(3000, app.quit)
def check():
    if all(p.is_built for p in window.lazy_panels):
        print("later:", [m in sys.modules for m in LAZY], window.settings_panel.dataset_combo.currentText())
        app.quit()
    else:
        QTimer.singleShot(20, check)
QTimer.singleShot(0, check)
app.exec()
window.session.undo_stack.setClean()
window.close()
"""


def test_the_app_builds_its_hidden_panels_after_the_first_frame(tmp_path):
    result = run_window_probe(PROBE, tmp_path)
    assert "before the first frame: [False, False] [False, False]" in result.stdout, result.stdout + result.stderr
    assert "later: [True, True] spiral" in result.stdout, result.stdout + result.stderr
