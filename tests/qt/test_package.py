"""The installed PySide6 can be called at length (pyproject.toml excludes a build that cannot)."""

import subprocess
import sys

from tests.conftest import ROOT


def test_many_void_calls_and_signals_do_not_exhaust_none_or_true():
    # PySide6 6.12.0 on Python 3.11 drops a reference to None per void call and to True per
    # Signal.emit, and the process aborts with "deallocating None" (or True) long before the end
    code = (
        "import sys, dlplayground.qt\n"
        "from PySide6.QtCore import QObject, Signal\n"
        "class Probe(QObject):\n"
        "    changed = Signal(bool)\n"
        "probe = Probe()\n"
        "probe.changed.connect(lambda value: None)\n"
        "before = [sys.getrefcount(x) for x in (None, True, False)]\n"
        "for _ in range(100_000): probe.setObjectName('x'); probe.changed.emit(False)\n"
        "after = [sys.getrefcount(x) for x in (None, True, False)]\n"
        "assert all(a > b - 100 for a, b in zip(after, before)), (before, after)\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr
