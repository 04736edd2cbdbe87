"""File › Import ONNX… loads onnx and onnxruntime on the import's worker thread, never on the GUI
thread, and the progress dialog names that stage while it lasts.

A cold import of those libraries (about a second) can only be seen in a process that has not
loaded them yet, so the window runs in a fresh Python process; the model is written here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.commands.test_import_cli import _mlp

ROOT = Path(__file__).resolve().parents[3]

CHILD = textwrap.dedent("""
    import importlib.abc, json, sys, threading
    from pathlib import Path

    WATCHED = {"onnx", "onnxruntime", "dlplayground.onnx_import"}
    imported_on = {}

    class Watch(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name in WATCHED and name not in imported_on:
                imported_on[name] = threading.current_thread() is threading.main_thread()
            return None  # the usual finders import it

    sys.meta_path.insert(0, Watch())

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication
    from dlplayground.qt.main_window import MainWindow
    from dlplayground.qt.onnx.import_action import install_import

    app = QApplication([])
    window = MainWindow(QSettings(sys.argv[3], QSettings.Format.IniFormat))
    tool = install_import(window)
    window.show()
    texts = set()

    def look():
        if tool.progress is not None:
            texts.add(tool.progress.stage_label.text())

    timer = QTimer()
    timer.timeout.connect(look)
    timer.start(1)
    loaded_before = sorted(name for name in WATCHED if name in sys.modules)
    opened = tool.import_file(Path(sys.argv[1]), Path(sys.argv[2]), show_errors=False)
    timer.stop()
    print(json.dumps({"opened": opened, "error": tool.last_error, "loaded_before": loaded_before,
                      "on_gui_thread": imported_on, "texts": sorted(texts)}))
    window.session.undo_stack.setClean()
    window.close()
""")


def test_the_first_import_loads_onnx_on_the_worker_thread_and_says_so(tmp_path):
    model = tmp_path / "mlp.onnx"
    _mlp(model)
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, str(script), str(model), str(tmp_path / "out" / "mlp.dlp.json"),
                             str(tmp_path / "settings.ini")], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=180)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["opened"], report["error"]
    assert report["loaded_before"] == []  # the window and the import action load none of them
    assert set(report["on_gui_thread"]) == {"onnx", "onnxruntime", "dlplayground.onnx_import"}
    assert not any(report["on_gui_thread"].values()), report["on_gui_thread"]
    assert "Loading the ONNX libraries (onnx, onnxruntime)…" in report["texts"]
