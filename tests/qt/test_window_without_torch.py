"""Building the window, opening a project, editing, validating and drawing it never import
torch (issue 20): shapes and parameter counts are arithmetic, torch waits for Train."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: a fresh interpreter (the test process may hold torch already) drives a real offscreen window
PROBE = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from dlplayground.qt.app import build_window

window = build_window()
window.show()
app = QApplication.instance()
app.processEvents()
assert window.files.open_path(sys.argv[1], ask=False)
app.processEvents()
node = window.editor.add_node("Linear", (900.0, 300.0), {"out_features": 5})
window.editor.set_param("fc1", "out_features", 48)
window.editor.connect("a2", node)
window.auto_layout()
window.session.undo_stack.undo()
window.session.undo_stack.redo()
for _ in range(20):
    app.processEvents()
items = len(window.scene.node_items)
window.session.undo_stack.setClean()
window.close()
print("TORCH-LOADED" if "torch" in sys.modules else "TORCH-ABSENT", items)
"""


def test_building_the_window_opening_and_editing_a_project_leaves_torch_unloaded(tmp_path):
    # the window's settings go to a throw-away place, not the user's
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path), "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", PROBE, str(ROOT / "assets/examples/spiral_mlp.dlp.json")],
                            capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "TORCH-ABSENT 8" in result.stdout, result.stdout + result.stderr
