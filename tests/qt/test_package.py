"""Importing the window package makes PySide6 safe to call at length on every Python."""

import subprocess
import sys

from tests.conftest import ROOT


def test_many_void_calls_and_signals_do_not_exhaust_none_or_true():
    # PySide6 6.12 on Python 3.11 drops a reference to None per void call and to True per
    # Signal.emit; without the guard in dlplayground/qt/__init__.py this aborts with
    # "deallocating None" (or True) long before the end
    code = (
        "import sys, dlplayground.qt\n"
        "from PySide6.QtCore import QObject, Signal\n"
        "class Probe(QObject):\n"
        "    changed = Signal(bool)\n"
        "probe = Probe()\n"
        "probe.changed.connect(lambda value: None)\n"
        "for _ in range(100_000): probe.setObjectName('x'); probe.changed.emit(False)\n"
        "assert min(sys.getrefcount(x) for x in (None, True, False)) > 1000\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr
