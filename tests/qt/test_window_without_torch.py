"""Building the window, opening a project, editing, validating and drawing it never import
torch (issue 20): shapes and parameter counts are arithmetic, torch waits for Train."""

from tests.qt.conftest import run_window_probe

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
    result = run_window_probe(PROBE, tmp_path)
    assert "TORCH-ABSENT 8" in result.stdout, result.stdout + result.stderr


#: the window as ``dlplayground`` starts it: torch loads on a background thread after the first paint
PRELOAD = """
import os, sys, threading, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from dlplayground.qt import engine
from dlplayground.qt.app import build_window

window = build_window()
assert window.files.open_path(sys.argv[1], ask=False)
app = QApplication.instance()
seen = {}

class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "paint" not in seen:
            seen["paint"] = time.monotonic()
            seen["torch at paint"] = "torch" in sys.modules
        return False

watch = Watch()
app.installEventFilter(watch)
real_start = engine.start_loading
def start_loading():
    seen["start"] = time.monotonic()
    return real_start()
engine.start_loading = start_loading
window.show()
engine.load_engine_after_first_paint(window)
deadline = time.monotonic() + 200
while not engine.engine_ready() and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
engine.start_loading().join(30)  # the loader settles the heap once the engine is in
import gc
window.session.undo_stack.setClean()
window.close()
print("painted-first" if seen["paint"] < seen["start"] else "started-first", seen["torch at paint"],
      engine.engine_ready(), "dlplayground.training" in sys.modules, "torch._dynamo" in sys.modules, "frozen" if gc.get_freeze_count() > 100000 else "unfrozen",
      [t.name for t in threading.enumerate() if t.name == "dlplayground-load-engine"])
"""


def test_torch_loads_in_the_background_only_after_the_window_has_painted(tmp_path):
    result = run_window_probe(PRELOAD, tmp_path, timeout=240)
    # painted without torch, then the loading thread started, finished, and left the training
    # modules loaded (Train then starts without waiting for them) but not torch's compiler
    assert "painted-first False True True False" in result.stdout, result.stdout + result.stderr
    # and the loaded engine's objects are out of the cycle collector's full collections, which
    # would otherwise walk them all (150-180 ms holding the GIL: a stall of the window)
    assert "True False frozen" in result.stdout, result.stdout + result.stderr


def test_a_run_that_must_wait_for_torch_says_so(qtbot, monkeypatch):
    from dlplayground.qt import engine
    from dlplayground.qt.training import ui as training_ui
    from dlplayground.graph.document import Project
    from dlplayground.qt.session import DocumentSession
    from dlplayground.qt.training.controller import Phase, TrainingController
    from dlplayground.qt.training.process_worker import ProcessTrainingWorker

    class Status:
        def set_phase(self, text):
            self.text = text

        def set_paused(self, paused):
            pass

    class Panel:
        class banner:  # noqa: N801 - stands in for the panel's banner
            @staticmethod
            def clear_message():
                pass

    # on a thread of the window's process, the run waits for the window's own import of torch
    monkeypatch.setenv("DLPLAYGROUND_TRAINING", "thread")
    controller = TrainingController(DocumentSession(Project()))
    fake = type("Ui", (), {"status": Status(), "training_panel": Panel(), "controller": controller})()
    monkeypatch.setattr(engine._ready, "is_set", lambda: False)
    training_ui.TrainingUi._on_phase(fake, Phase.PREPARING)
    assert fake.status.text == training_ui.LOADING_ENGINE_TEXT == "Loading PyTorch…"
    monkeypatch.setattr(engine._ready, "is_set", lambda: True)
    training_ui.TrainingUi._on_phase(fake, Phase.PREPARING)
    assert fake.status.text == "Preparing…"
    # in the training process, the run waits for that process's import: it says when it is done
    worker = ProcessTrainingWorker()
    controller._worker = worker
    training_ui.TrainingUi._on_phase(fake, Phase.PREPARING)
    assert fake.status.text == "Loading PyTorch…"
    worker._ready = True
    training_ui.TrainingUi._on_phase(fake, Phase.PREPARING)
    assert fake.status.text == "Preparing…"
    controller._worker = None


#: Train imports torch on the training thread only: the GUI thread never waits for the import
TRAIN = """
import os, sys, threading, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"

class WhereTorchLoads:
    thread = None
    def find_spec(self, name, path=None, target=None):
        if name == "torch" and WhereTorchLoads.thread is None:
            WhereTorchLoads.thread = threading.current_thread().name
        return None

sys.meta_path.insert(0, WhereTorchLoads())
from PySide6.QtWidgets import QApplication
from dlplayground.qt.app import build_window

window = build_window()
assert window.files.open_path(sys.argv[1], ask=False)
window.show()
app = QApplication.instance()
controller = window.training.controller
started = time.monotonic()
controller.train()
train_returned = time.monotonic() - started
deadline = time.monotonic() + 200
from dlplayground.qt.training.controller import Phase
stopped = False
while time.monotonic() < deadline:  # until the run trains; then stop it and let it end
    app.processEvents()
    time.sleep(0.01)
    if not stopped and controller.phase is Phase.RUNNING:
        controller.stop()
        stopped = True
    if stopped and not controller.busy:
        break
window.session.undo_stack.setClean()
window.close()
print("TORCH-THREAD", WhereTorchLoads.thread, "train() returned in", round(train_returned, 3))
"""


def test_train_loads_torch_off_the_gui_thread(tmp_path):
    result = run_window_probe(TRAIN, tmp_path, timeout=240, data_home=True)
    line = next(line for line in result.stdout.splitlines() if line.startswith("TORCH-THREAD"))
    assert line.split()[1] not in ("None", "MainThread"), result.stdout + result.stderr


#: imported only when first needed: the plots (pyqtgraph) when a plot is first shown, package
#: metadata with the About box
DEFERRED = ("pyqtgraph", "importlib.metadata")

PLOTS = """
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from dlplayground.qt.app import build_window

deferred = sys.argv[2].split(",")
window = build_window()
assert window.files.open_path(sys.argv[1], ask=False)
after_open = [name for name in deferred if name in sys.modules]
app = QApplication.instance()
seen = {}

class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "paint" not in seen:
            seen["paint"] = [name for name in deferred if name in sys.modules]
        return False

watch = Watch()
app.installEventFilter(watch)
window.show()
# the model view's current tab (the decision boundary) is built once it has painted
boundary = window.training.model_panel.boundary
deadline = time.monotonic() + 60
while not boundary.built and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
import pyqtgraph
plot = boundary.view().findChild(pyqtgraph.PlotWidget)
window.session.undo_stack.setClean()
window.close()
print("after-open", after_open, "at-first-paint", seen.get("paint"), "boundary", type(boundary.view()).__name__,
      plot is not None)
"""


def test_the_window_paints_its_first_frame_before_importing_the_plots(tmp_path):
    result = run_window_probe(PLOTS, tmp_path, ",".join(DEFERRED))
    # nothing deferred was loaded by building the window, opening the project or the first paint;
    # the plot on screen was built right after that paint
    assert "after-open [] at-first-paint [] boundary BoundaryView True" in result.stdout, result.stdout + result.stderr
