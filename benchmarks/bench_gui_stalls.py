"""How long the window's GUI thread pauses in three one-off moments, each in a fresh process.

The window's rule is that its GUI thread never pauses for more than about 100 ms. A ``QTimer``
ticks every 10 ms on the GUI thread while the moment plays out; the latest tick (how much later
than 10 ms after the one before it arrived) is the pause a person would feel. Each moment is a
first time (a cold import, a first build), so each repeat runs in a new Python process; the
figure reported is the median over the repeats of each process's worst tick.

The moments, in a window built as the app builds it (every extension installed, the training
engine already loaded in the background, as it is a few seconds after the window opens):

``onnx-import``
    File › Import ONNX… of a small model, from the call until the project has opened (the first
    import loads onnx and onnxruntime).
``data-preview``
    The Data && Training tab's preview follows a change of the dataset (the spiral example
    switched to the moons at 1,500 samples, one edit as the dataset box makes it): the dataset
    is generated, its classes counted, its points drawn; ticks for 2.5 s.
``data-preview-large``
    The same with the moons at 1,000,000 samples (the most the schema allows).
``window-start``
    A new window as the app opens it (the spiral example, the engine loading in the background
    after the first frame): from ``show()`` for 3 s. Its first data preview falls in these
    seconds, with the first paint, the first plot of the model view and the engine's import.
``run-start``
    The first training run of the window (the spiral example, curves tab on screen): from Train
    until the run has finished (3 short epochs). Train is pressed once the window has settled
    (half a second after the engine has loaded), as a person would.
``run-start-early``
    The same, but Train is pressed the moment the engine has loaded, before the window has had
    any idle time.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui_stalls.py [onnx-import data-preview run-start]
        [--repeats 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "assets" / "examples"
TICK_MS = 10
MOMENTS = ("onnx-import", "data-preview", "data-preview-large", "window-start", "run-start", "run-start-early")
#: the moons' samples in ``data-preview`` and ``data-preview-large``
PREVIEW_SAMPLES, LARGE_SAMPLES = 1_500, 1_000_000
TARGET_MAX_MS = 100.0


# -- the child process: one moment, once ---------------------------------------------------
class Ticker:
    """A 10 ms ``QTimer`` on the GUI thread recording when each tick arrives."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.ticks: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))

    def start(self) -> None:
        self.ticks.append(time.perf_counter())
        self.timer.start()

    def stop(self) -> float:
        """Stop; the worst lateness in ms (the time since the last tick counts too)."""
        self.timer.stop()
        self.ticks.append(time.perf_counter())
        gaps = [(b - a) * 1000.0 - TICK_MS for a, b in zip(self.ticks, self.ticks[1:])]
        return max(0.0, *gaps)


def wait(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def build_window(folder: Path, example: str = "spiral_mlp", settle_ms: int = 300):  # noqa: ANN201 - a MainWindow
    """A shown window with every extension, the example open, the engine loaded, then
    ``settle_ms`` of the event loop."""
    from PySide6.QtCore import QSettings

    from dlplayground.qt import app as app_module
    from dlplayground.qt.engine import start_loading
    from dlplayground.qt.main_window import MainWindow
    from dlplayground.qt.training.integration import RUNS_ROOT_KEY

    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue(RUNS_ROOT_KEY, str(folder / "runs"))
    window = MainWindow(settings)
    app_module.install_extensions(window)
    window.files.open_path(EXAMPLES / f"{example}.dlp.json", ask=False)
    window.resize(1600, 1000)
    window.show()
    wait(300)
    start_loading().join()  # what the app does after its first frame: torch and the trainer
    if settle_ms:
        wait(settle_ms)
    return window


def moment_onnx_import(window, folder: Path, model: Path) -> float:  # noqa: ANN001
    ticker = Ticker()
    ticker.start()
    opened = window.onnx_import.import_file(model, folder / "imported" / "mlp.dlp.json", show_errors=False)
    worst = ticker.stop()
    if not opened:
        sys.exit(f"the import failed: {window.onnx_import.last_error}")
    return worst


def moment_data_preview(window, _folder: Path, _model: Path, samples: int = PREVIEW_SAMPLES) -> float:  # noqa: ANN001
    preview = window.settings_panel.preview
    window.settings_dock.raise_()
    wait(300)
    if preview.dataset is None or preview.dataset.name != "spiral":
        sys.exit("the preview did not show the example's dataset first")
    ticker = Ticker()
    ticker.start()
    window.editor.set_settings("data", {"name": "moons", "params": {"samples": samples}})
    wait(2500)
    worst = ticker.stop()
    if preview.dataset is None or preview.dataset.name != "moons" or preview.points() is None:
        sys.exit("the preview did not show the moons' points (raise the wait)")
    return worst


def moment_data_preview_large(window, folder: Path, model: Path) -> float:  # noqa: ANN001
    return moment_data_preview(window, folder, model, LARGE_SAMPLES)


def moment_run_start(window, _folder: Path, _model: Path, early: bool = False) -> float:  # noqa: ANN001
    from PySide6.QtCore import QEventLoop

    ui = window.training
    project = window.session.project
    project.set_settings("training", dict(project.training, epochs=3))
    if not early:
        ui.training_dock.raise_()
        ui.training_panel.tabs.setCurrentWidget(ui.training_panel.curves)
        wait(500)  # the curves tab is painted (built) as it would be by the time anyone trains
    loop = QEventLoop()
    done: list = []
    ui.controller.run_finished.connect(lambda record: (done.append(record), loop.quit()))
    ui.controller.run_failed.connect(lambda message: sys.exit(f"cannot train: {message}"))
    ticker = Ticker()
    ticker.start()
    ui.controller.train()
    if not done:
        loop.exec()
    return ticker.stop()


def moment_run_start_early(window, folder: Path, model: Path) -> float:  # noqa: ANN001
    return moment_run_start(window, folder, model, early=True)


def window_start(folder: Path) -> float:
    """The ``window-start`` moment: it builds its own window."""
    from PySide6.QtCore import QSettings

    from dlplayground.qt import app as app_module
    from dlplayground.qt.engine import load_engine_after_first_paint
    from dlplayground.qt.main_window import MainWindow

    window = MainWindow(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    app_module.install_extensions(window)
    window.files.open_path(EXAMPLES / "spiral_mlp.dlp.json", ask=False)
    window.resize(1600, 1000)
    ticker = Ticker()
    ticker.start()
    window.show()
    load_engine_after_first_paint(window)  # as dlplayground's main does
    wait(3000)
    worst = ticker.stop()
    if window.settings_panel.preview.dataset is None:
        sys.exit("the data preview showed nothing in 3 s")
    return worst


def child(moment: str, model: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication([])  # kept alive until the process ends
    with tempfile.TemporaryDirectory(prefix="bench-gui-stalls-") as name:
        folder = Path(name)
        if moment == "window-start":
            worst = window_start(folder)
        else:
            window = build_window(folder, settle_ms=0 if moment == "run-start-early" else 300)
            worst = globals()["moment_" + moment.replace("-", "_")](window, folder, model)
    print(json.dumps({"moment": moment, "worst_ms": worst}))
    sys.stdout.flush()
    os._exit(0)  # no teardown of threads or Qt: the figure is printed


# -- the parent: repeats in fresh processes --------------------------------------------------
def make_model(path: Path) -> None:
    """A small ONNX MLP (Gemm, Relu, MatMul, Add), made here so that the children start cold."""
    sys.path.insert(0, str(ROOT))
    from tests.commands.test_import_cli import _mlp

    _mlp(path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("moments", nargs="*", default=[],
                        help="which moments: " + ", ".join(MOMENTS) + " (default: all)")
    parser.add_argument("--repeats", type=int, default=5, help="fresh processes per moment")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--model", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, Path(args.model))
        return 0
    unknown = sorted(set(args.moments) - set(MOMENTS))
    if unknown:
        parser.error(f"unknown moment {', '.join(unknown)}; choose from {', '.join(MOMENTS)}")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory(prefix="bench-gui-stalls-model-") as name:
        model = Path(name) / "mlp.onnx"
        make_model(model)
        results: dict[str, list[float]] = {}
        for moment in args.moments or MOMENTS:
            worst = []
            for _ in range(args.repeats):
                out = subprocess.run([sys.executable, __file__, "--child", moment, "--model", str(model)],
                                     env=env, capture_output=True, text=True, check=False)
                line = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else ""
                if not line.startswith("{"):
                    sys.exit(f"{moment}: the child failed:\n{out.stdout}\n{out.stderr}")
                worst.append(json.loads(line)["worst_ms"])
            results[moment] = worst
            print(f"{moment:<18} worst tick lateness per process: "
                  + ", ".join(f"{w:.0f}" for w in worst) + f" ms; median {statistics.median(worst):.0f} ms",
                  flush=True)
    print(f"\n{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end; target: < "
          f"{TARGET_MAX_MS:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
