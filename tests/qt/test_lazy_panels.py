"""Panels that start behind a tab are built when first needed, not before the first frame."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow

from dlplayground.qt.lazy_page import LazyPage, build_when_idle
from tests.qt.conftest import run_window_probe


def test_content_is_built_once_on_first_request(qtbot):
    made = []
    page = LazyPage(lambda: made.append(1) or QLabel("panel"))
    qtbot.addWidget(page)
    assert not page.built and made == []
    first = page.view()
    assert page.view() is first and made == [1] and page.built
    assert first.parent() is page


def test_a_failed_build_is_tried_again(qtbot):
    attempts = []

    def flaky():
        attempts.append(1)
        if len(attempts) == 1:
            raise OSError("not yet")
        return QLabel("panel")

    page = LazyPage(flaky)
    qtbot.addWidget(page)
    try:
        page.view()
    except OSError:
        pass
    assert not page.built
    assert page.view().text() == "panel" and len(attempts) == 2


def test_showing_the_dock_builds_the_panel(qtbot):
    window = QMainWindow()
    qtbot.addWidget(window)
    front, behind = QDockWidget("front", window), QDockWidget("behind", window)
    page = LazyPage(lambda: QLabel("behind"))
    front.setWidget(QLabel("front"))
    behind.setWidget(page)
    for dock in (front, behind):
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.tabifyDockWidget(front, behind)
    front.raise_()
    window.show()
    qtbot.waitExposed(window)
    assert not page.built  # behind its tab
    behind.raise_()
    qtbot.waitUntil(lambda: page.built)


def test_idle_building_goes_one_panel_a_pass_and_skips_built_ones(qtbot):
    order = []
    window = QMainWindow()  # idle building builds only the pages of a window on screen
    qtbot.addWidget(window)
    docks = [QDockWidget(str(n), window) for n in range(3)]
    pages = [LazyPage(lambda n=n: order.append(n) or QLabel(str(n))) for n in range(3)]
    for dock, page in zip(docks, pages):
        dock.setWidget(page)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    for dock in docks[1:]:
        window.tabifyDockWidget(docks[0], dock)
    docks[1].raise_()
    window.show()
    qtbot.waitUntil(lambda: pages[1].built)  # the one in front, painted
    assert order == [1]
    for page in pages:
        build_when_idle(page)
    assert order == [1]  # nothing before the event loop runs
    qtbot.waitUntil(lambda: all(page.built for page in pages))
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
print("before the first frame:", [p.built for p in window.lazy_panels], [m in sys.modules for m in LAZY])
app = QApplication.instance()
QTimer.singleShot(3000, app.quit)
def check():
    if all(p.built for p in window.lazy_panels):
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
