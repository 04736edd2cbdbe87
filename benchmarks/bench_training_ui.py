"""Training in the window vs headless: throughput ratio and event-loop stalls.

Trains the same example the same way twice per round, in one process: headless (the
``dlplayground train`` way: Trainer + run folder) and in the main window (offscreen Qt, the
training docks shown with the curves and the decision boundary or feature maps drawn live).
Rounds alternate (headless, window, headless, window, ...) so machine noise hits both alike;
the ratio reported is the median of the per-round ratios (each pair ran back to back, under
the same load). Both use the worker's torch thread count (all cores but one). Throughput is
samples per second of training time as the Trainer measures it.

During each window run a ``QTimer`` ticks every 10 ms on the GUI thread; how late each tick
arrives is the stall the user would feel.

The workload is the spiral example grown to 60,000 samples (``--samples``; 0 keeps the
example's own size): enough data that an epoch, its validation and the decision boundary drawn
from the model are real work while the window stays responsive.

Targets: throughput window/headless >= 0.90; stalls p99 < 30 ms, max < 100 ms.

The window trains in its training process, as the app does (``--training thread``: on a thread
of the window's own process, ``DLPLAYGROUND_TRAINING=thread``, where the trainer waits for
Python's GIL whenever the window draws; PySide6 keeps the GIL through its C++ calls, painting
included). ``--worker-only`` runs the thread worker on its own ``QThread`` with no window: the
main thread only takes the progress updates, so its ratio is what the worker itself costs
(pictures of the model included).

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_training_ui.py [--example spiral_mlp]
        [--samples 60000] [--epochs 8] [--rounds 5] [--training process|thread] [--worker-only]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PySide6.QtCore import QEventLoop, QObject, QSettings, Qt, QTimer, Slot  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EXAMPLES = ROOT / "assets" / "examples"
TICK_MS = 10
TARGET_RATIO, TARGET_P99_MS, TARGET_MAX_MS = 0.90, 30.0, 100.0


def headless(project: dict, base_dir: Path, runs: Path) -> float:
    """Samples per second of training time, trained as ``dlplayground train`` does."""
    from dlplayground.training import RunRecorder, prepare_training

    setup = prepare_training(project, base_dir)
    trainer = setup.trainer()
    RunRecorder(runs / f"headless-{time.time_ns()}", setup.project).attach(trainer)
    state = trainer.run()
    return state.samples_seen / state.seconds


class WindowBench:
    """A main window with training installed, able to run the project repeatedly."""

    def __init__(self, example: Path, epochs: int, runs: Path, data: dict | None = None) -> None:
        from dlplayground.qt.main_window import MainWindow
        from dlplayground.qt.training.integration import install_training

        self.window = MainWindow(QSettings(str(runs / "settings.ini"), QSettings.Format.IniFormat))
        self.ui = install_training(self.window, runs)
        self.window.files.open_path(example, ask=False)
        project = self.window.session.project
        project.set_settings("training", dict(project.training, epochs=epochs))
        if data is not None:
            project.set_settings("data", data)
        self.window.resize(1600, 1000)
        self.window.show()
        self.ui.training_panel.tabs.setCurrentWidget(self.ui.training_panel.curves)
        _wait(300)
        settle_like_the_app()

    def run(self) -> tuple[float, np.ndarray, int, float]:
        """(samples per second of training time, tick lateness in ms, progress updates,
        share of the run's wall time the GUI thread spent on the CPU)."""
        controller = self.ui.controller
        controller.reset_weights()  # every round starts from the same initial weights
        ticks: list[float] = []
        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setInterval(TICK_MS)
        timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
        updates = [0]
        done: list = []
        loop = QEventLoop()
        slots = [(controller.run_started, lambda _info: timer.start()),
                 (controller.progressed, lambda _p: updates.__setitem__(0, updates[0] + 1)),
                 (controller.run_finished, lambda record: (timer.stop(), done.append(record), loop.quit())),
                 (controller.run_failed, lambda message: sys.exit(f"cannot train: {message}"))]
        for signal, slot in slots:
            signal.connect(slot)
        cpu, wall = time.thread_time(), time.perf_counter()
        controller.train()
        if not done:
            loop.exec()  # the window's own event loop, as when a person trains
        gui_share = (time.thread_time() - cpu) / (time.perf_counter() - wall)
        for signal, slot in slots:  # only these: the window's own connections stay
            signal.disconnect(slot)
        result = done[0].result
        if len(ticks) < 2:
            sys.exit("the run ended before the event-loop timer could tick: raise --epochs")
        lateness = np.maximum(np.diff(np.array(ticks)) * 1000.0 - TICK_MS, 0.0)
        return result.samples_per_second, lateness, updates[0], gui_share

    def close(self) -> None:
        """Close the window (which stops the worker thread) and delete it while Qt still runs."""
        self.window.session.undo_stack.setClean()
        self.window.close()
        self.window.deleteLater()
        _wait(50)
        self.window = self.ui = None


class WorkerBench(QObject):
    """The window's training worker on its own QThread, with no window (``--worker-only``).

    This object lives on the main thread: the worker's notices are queued to it, and it takes
    the progress there, as the window does."""

    def __init__(self, project: dict, runs: Path) -> None:
        from PySide6.QtCore import QThread

        from dlplayground.qt.training.worker import TrainingWorker

        super().__init__()
        self.project, self.runs, self.count = project, runs, 0
        self.thread = QThread()
        self.thread.start()
        self.worker = TrainingWorker()
        self.worker.moveToThread(self.thread)
        self.loop = QEventLoop()
        self.done: list = []
        self.failed: list[str] = []
        self.worker.run_finished.connect(self._finished)
        self.worker.run_failed.connect(self._failed)
        self.worker.progress_available.connect(self._take)
        settle_like_the_app()

    @Slot()
    def _take(self) -> None:
        self.worker.take_progress()

    @Slot(object)
    def _finished(self, result) -> None:  # noqa: ANN001 - a RunResult
        self.done.append(result)
        self.loop.quit()

    @Slot(int, str)
    def _failed(self, _run_id: int, message: str) -> None:
        self.failed.append(message)
        self.loop.quit()

    def run(self) -> tuple[float, np.ndarray, int, float]:
        """As :meth:`WindowBench.run`: (samples per second, no stalls, no updates, GUI share)."""
        from dlplayground.qt.training.worker import RunOrder

        self.count += 1
        order = RunOrder(self.count, self.project, EXAMPLES, self.runs / f"worker-{self.count}", keep_weights=False)
        self.worker.arm()
        QTimer.singleShot(0, self.worker, lambda: self.worker.start_run(order))  # runs on the worker's thread
        cpu, wall = time.thread_time(), time.perf_counter()
        self.loop.exec()
        gui_share = (time.thread_time() - cpu) / (time.perf_counter() - wall)
        if self.failed:
            sys.exit(f"cannot train: {self.failed[-1]}")
        return self.done[-1].samples_per_second, np.zeros(2), 0, gui_share

    def close(self) -> None:
        self.worker.stop()
        self.thread.quit()
        self.thread.wait()


def settle_like_the_app() -> None:
    """What ``dlplayground`` does once its window has painted: load the engine on a background
    thread (already imported here) and take the heap out of full collections (``settle_heap``)."""
    from dlplayground.qt.engine import start_loading

    start_loading().join()


def _wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


@dataclass
class Figures:
    """What the rounds measured (the warm-up rounds left out)."""

    headless: list[float] = field(default_factory=list)
    window: list[float] = field(default_factory=list)
    stalls: list[np.ndarray] = field(default_factory=list)
    updates: list[int] = field(default_factory=list)
    gui: list[float] = field(default_factory=list)


def run_rounds(rounds: int, warmup: int, project: dict, runs: Path, bench: WindowBench | WorkerBench,
               side: str = "window") -> Figures:
    """Alternate headless and window runs, printing each round."""
    figures = Figures()
    for index in range(warmup + rounds):
        plain = headless(project, EXAMPLES, runs)
        speed, lateness, count, gui_share = bench.run()
        warm = index < warmup
        print(f"{'warm-up' if warm else 'round'} {index + 1}: headless {plain:,.0f} samples/s, "
              f"{side} {speed:,.0f} samples/s ({speed / plain:.2f}), {count} updates, "
              f"GUI thread busy {100 * gui_share:.0f}%, stalls p99 {np.percentile(lateness, 99):.1f} ms, "
              f"max {lateness.max():.1f} ms", flush=True)
        if not warm:
            figures.headless.append(plain)
            figures.window.append(speed)
            figures.stalls.append(lateness)
            figures.updates.append(count)
            figures.gui.append(gui_share)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--example", default="spiral_mlp", help="example project name (assets/examples)")
    parser.add_argument("--samples", type=int, default=60_000,
                        help="samples of the example's dataset (0: the example's own)")
    parser.add_argument("--epochs", type=int, default=8, help="epochs per run (a few seconds of training)")
    parser.add_argument("--rounds", type=int, default=5, help="headless/window pairs")
    parser.add_argument("--warmup", type=int, default=1,
                        help="rounds run first and left out of the figures (first paint, caches)")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--training", choices=("process", "thread"), default="process",
                        help="where the window trains: its training process (the app's way) or a thread of "
                             "its own process (DLPLAYGROUND_TRAINING=thread)")
    parser.add_argument("--worker-only", action="store_true",
                        help="the window's training worker on its thread, without a window (what the worker costs)")
    args = parser.parse_args()
    os.environ["DLPLAYGROUND_TRAINING"] = args.training

    import torch

    from dlplayground.graph.io import load_project, project_to_dict
    from dlplayground.qt.training.worker import training_threads

    app = QApplication.instance() or QApplication([])
    example = EXAMPLES / f"{args.example}.dlp.json"
    project = project_to_dict(load_project(example))
    project["training"] = dict(project["training"], epochs=args.epochs)
    if args.samples:
        project["data"] = dict(project["data"], params={**project["data"].get("params", {}), "samples": args.samples})
    threads = training_threads()
    torch.set_num_threads(threads)
    with tempfile.TemporaryDirectory(prefix="bench-training-ui-") as folder:
        runs = Path(folder)
        bench: WindowBench | WorkerBench
        side = "worker" if args.worker_only else f"window ({args.training})"
        if args.worker_only:
            bench = WorkerBench(project, runs)
        else:
            bench = WindowBench(example, args.epochs, runs, project["data"] if args.samples else None)
        try:
            figures = run_rounds(args.rounds, args.warmup, project, runs, bench, side)
        finally:
            bench.close()  # also on failure: the window stops its worker thread
            app.processEvents()  # let the window's deletion finish while Qt still runs

    lateness = np.concatenate(figures.stalls)
    ratio = statistics.median(w / h for w, h in zip(figures.window, figures.headless))
    p50, p99, worst = (float(np.percentile(lateness, 50)), float(np.percentile(lateness, 99)),
                       float(lateness.max()))
    samples = project["data"].get("params", {}).get("samples", "?")
    print(f"\n{args.example} ({samples:,} samples), {args.epochs} epochs x {args.rounds} rounds, "
          f"torch threads {threads}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end")
    print(f"throughput headless (median): {statistics.median(figures.headless):,.0f} samples/s")
    print(f"throughput {side} (median): {statistics.median(figures.window):,.0f} samples/s")
    if args.worker_only:
        print(f"ratio worker/headless (median of rounds): {ratio:.3f}  (the worker's own cost; no window, "
              "so no target and no stalls to measure)")
        return 0
    print(f"ratio window/headless (median of rounds): {ratio:.3f}  (target >= {TARGET_RATIO})")
    print(f"event-loop stalls over {len(lateness)} ticks of {TICK_MS} ms: p50 {p50:.1f} ms, p99 {p99:.1f} ms, "
          f"max {worst:.1f} ms  (targets p99 < {TARGET_P99_MS:.0f}, max < {TARGET_MAX_MS:.0f})")
    print(f"progress updates per run: {statistics.median(figures.updates):.0f}; GUI thread busy "
          f"{100 * statistics.median(figures.gui):.0f}% of the run (CPU time / wall time)")
    ok = ratio >= TARGET_RATIO and p99 < TARGET_P99_MS and worst < TARGET_MAX_MS
    print("targets met" if ok else "TARGET MISSED")
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
