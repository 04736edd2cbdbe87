"""Fixtures for window tests: a main window with its own settings file, never the user's."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QGuiApplication

from dlplayground.qt.dialogs import UnsavedChoice
from dlplayground.qt.main_window import MainWindow


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path_factory, qapp):
    """Any default-constructed QSettings writes to a temporary folder under a test name."""
    folder = tmp_path_factory.mktemp("qsettings")
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(folder))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QCoreApplication.setOrganizationName("dlplayground-tests")
    QCoreApplication.setApplicationName("dlplayground-tests")
    yield
    # Qt's offscreen platform crashes at exit when its clipboard still holds data (the xcb one
    # does not), which would turn a green run into exit status 139
    QGuiApplication.clipboard().clear()


@pytest.fixture(autouse=True)
def _cycles_collected_between_tests():
    """Python's cycle collector runs between tests, on the GUI thread with every worker
    stopped, not whenever allocation triggers it mid-test: with PySide6 6.11 the suite crashed
    (SIGSEGV inside "Garbage-collecting" on the GUI thread) while an export worker ran
    torch.export, when the collector freed a previous test's Qt wrappers at that moment (the
    previous test's teardown has collected them)."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, settings):
    """A shown main window; unsaved-changes prompts answer "discard", errors are recorded."""
    win = MainWindow(settings)
    win.errors = []
    win.files.ask_unsaved = lambda parent, name: UnsavedChoice.DISCARD
    win.files.show_error = lambda title, message: win.errors.append((title, message))
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.session.undo_stack.setClean()


def full_window(qtbot, settings: QSettings, size: tuple[int, int]) -> MainWindow:
    """A shown main window with every extension installed (training, ONNX, ...), as the app
    builds it, at ``size``."""
    from dlplayground.qt import app as app_module

    window = MainWindow(settings)
    qtbot.addWidget(window)
    app_module.install_extensions(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    return window


def open_example(window: MainWindow, name: str) -> None:
    from tests.conftest import EXAMPLES

    assert window.files.open_example(EXAMPLES / name)



ROOT = Path(__file__).resolve().parents[2]


ROOT = Path(__file__).resolve().parents[2]
SPIRAL = ROOT / "assets/examples/spiral_mlp.dlp.json"


def run_window_probe(code: str, home: Path, *args: str, timeout: float = 120,
                     data_home: bool = False) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh interpreter (the test process may hold torch and the window's
    modules already) with the spiral example as its first argument, offscreen, its settings
    (and with ``data_home`` its run folders) under ``home`` rather than the user's; asserts
    that it exited cleanly."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(home), "HOME": str(home)}
    if data_home:
        env["XDG_DATA_HOME"] = str(home / "data")
    result = subprocess.run([sys.executable, "-c", code, str(SPIRAL), *args], capture_output=True, text=True,
                            cwd=ROOT, env=env, timeout=timeout)
    assert result.returncode == 0, result.stderr
    return result
