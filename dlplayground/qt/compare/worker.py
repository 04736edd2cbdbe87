"""The comparison worker: a QObject on its own QThread that trains two projects side by side.

It runs the engine's :class:`~dlplayground.training.compare.Comparison` (one step of each
network in turn, on this thread) and follows the live-training worker's rules: payloads are
plain Python/numpy (the live views' :class:`Progress` and :class:`RunInfo`, one per side),
updates are pulled (at most one notice waiting, at most ~20 a second, nothing lost), and
pause, resume and stop act within one batch from any thread.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from dlplayground.graph.folders import file_stem
from dlplayground.qt.training.payloads import Progress, RunInfo, RunResult
from dlplayground.qt.training.worker import (
    UPDATE_INTERVAL,
    continued_progress,
    describe_error,
    training_threads,
)


@dataclass(frozen=True)
class CompareOrder:
    """What to compare.

    Attributes:
        first: the reference project (a ``to_dict()`` snapshot), usually the plain net.
        second: the project to compare with; None trains the residual twin of ``first``.
        base_dir: the folder relative data paths are resolved against.
        epochs: the budget of both runs (None: the first project's ``training.epochs``).
        run_dir: where to write both run folders (``a-...``, ``b-...``); None writes none.
    """

    first: dict[str, Any]
    second: dict[str, Any] | None
    base_dir: Path | None = None
    epochs: int | None = None
    run_dir: Path | None = None


@dataclass(frozen=True)
class CompareStarted:
    """Both runs are prepared: what each trains, and which layers share initial weights."""

    runs: tuple[RunInfo, RunInfo]
    shared: tuple[str, ...]
    differing: tuple[str, ...]
    second_project: dict[str, Any]
    #: node id -> layer type of each run's trainable layers
    layer_types: tuple[dict[str, str], dict[str, str]] = ({}, {})


@dataclass(frozen=True)
class CompareFinished:
    """How both runs ended (the folders are None when none were written)."""

    results: tuple[RunResult, RunResult]


class CompareWorker(QObject):
    """Trains a comparison on the thread it is moved to.

    Signals:
        comparison_started(CompareStarted): both runs are ready; their first steps follow.
        progress_available(): a pair of :class:`Progress` is waiting in :meth:`take_progress`.
        comparison_finished(CompareFinished): both runs ended (pending progress is ready).
        comparison_failed(str): the comparison could not start (the message names the problem).
    """

    comparison_started = Signal(object)
    progress_available = Signal()
    comparison_finished = Signal(object)
    comparison_failed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._pending: list[Progress] | None = None
        self._notice_waiting = False
        self._last_notice = 0.0
        self._comparison: Any = None
        self._stop_requested = False
        self._running = threading.Event()
        self._threads_set = False

    # -- control (any thread) ------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._running.is_set()

    def pause(self) -> None:
        with self._lock:
            if self._comparison is None:
                return
            self._comparison.pause()
        # the runs hold at their next batch, perhaps before any handler runs again: say so now
        self._notify()

    def resume(self) -> None:
        with self._lock:
            if self._comparison is not None:
                self._comparison.resume()

    def stop(self) -> None:
        """End both runs after their current batch (a comparison being prepared does not start)."""
        with self._lock:
            self._stop_requested = True
            if self._comparison is not None:
                self._comparison.terminate()

    def arm(self) -> None:
        """Clear the previous comparison's stop (GUI thread, before queuing the next one), so
        that a Stop pressed right after Train reaches the new comparison."""
        with self._lock:
            self._stop_requested = False

    def take_progress(self) -> tuple[Progress, Progress] | None:
        """Everything both runs did since the last take (GUI thread), or None."""
        with self._lock:
            pending = self._pending
            self._notice_waiting = False
            if pending is None:
                return None
            self._pending = [continued_progress(p) for p in pending]
            return pending[0], pending[1]

    # -- the comparison (worker thread) --------------------------------------------------
    @Slot(object)
    def start(self, order: CompareOrder) -> None:
        """Prepare and train both runs; returns when they have ended."""
        self._running.set()
        try:
            self._run(order)
        finally:
            with self._lock:
                self._comparison = None
            self._running.clear()

    def _run(self, order: CompareOrder) -> None:
        import torch

        if not self._threads_set:
            torch.set_num_threads(training_threads())  # leave a core to the window
            self._threads_set = True
        from dlplayground.training import Events, RunRecorder
        from dlplayground.training.compare import Comparison

        with self._lock:
            self._pending = [Progress(0), Progress(1)]
            self._notice_waiting = False
        try:
            comparison = Comparison(order.first, order.second, order.base_dir, epochs=order.epochs,
                                    keep_gradient_log=False)
            with self._lock:
                if self._stop_requested:
                    self.comparison_failed.emit("stopped before the first step")
                    return
                self._comparison = comparison
            # after the stop check: a recorder opens its files and folder at once
            recorders = []
            if order.run_dir is not None:
                for index, run in enumerate(comparison.runs):
                    folder = order.run_dir / f"{'ab'[index]}-{file_stem(run.label, 'run')}"
                    recorders.append(RunRecorder(folder, run.setup.project).attach(run.trainer))
        except Exception as exc:  # every preparation problem is reported, none kills the thread
            self.comparison_failed.emit(describe_error(exc))
            return

        comparison.on(Events.ITERATION_COMPLETED, self._on_iteration)
        comparison.on(Events.GRADIENTS_LOGGED, self._on_gradients)
        comparison.on(Events.EPOCH_COMPLETED, self._on_epoch)
        # reported in the result; describe_error also prints a traceback of a bug
        comparison.on(Events.EXCEPTION_RAISED,
                      lambda index, trainer: describe_error(trainer.state.error) if trainer.state.error else None)
        infos = tuple(_run_info(index, run) for index, run in enumerate(comparison.runs))
        types = tuple({n["id"]: n["type"] for n in run.setup.project["graph"]["nodes"]} for run in comparison.runs)
        self.comparison_started.emit(CompareStarted(infos, tuple(comparison.shared), tuple(comparison.differing),
                                                    comparison.runs[1].setup.project, types))
        try:
            states = comparison.run()
        except Exception as exc:  # outside the training loop: writing a run folder
            states = tuple(run.state for run in comparison.runs)
            for state in states:
                if state.stop_reason in (None, "completed"):
                    state.stop_reason, state.message = "error", describe_error(exc)
        self._notify()
        results = []
        for index, state in enumerate(states):
            folder = recorders[index].finished_dir if recorders else None
            results.append(RunResult(index, state.stop_reason or "error", state.message, folder,
                                     tuple(state.history), state.seconds, state.iteration, state.samples_seen))
        self.comparison_finished.emit(CompareFinished((results[0], results[1])))

    # -- trainer handlers (training thread) ----------------------------------------------
    def _on_iteration(self, index: int, trainer: Any) -> None:
        state = trainer.state
        with self._lock:
            pending = self._pending[index]
            pending.steps.append(state.iteration)
            pending.batch_losses.append(state.batch_loss)
            pending.lrs.append(state.lr)
            _copy_state(pending, trainer)
        if index == 1 or trainer.paused:  # both sides have taken this step, or a pause is about to hold it
            self._maybe_notify(trainer)

    def _on_gradients(self, index: int, trainer: Any) -> None:
        with self._lock:
            self._pending[index].gradients.append(trainer.state.gradients)

    def _on_epoch(self, index: int, trainer: Any) -> None:
        with self._lock:
            self._pending[index].epochs.append(trainer.state.history[-1])
            _copy_state(self._pending[index], trainer)
        self._maybe_notify(trainer)

    def _maybe_notify(self, trainer: Any) -> None:
        # at once when paused: the trainer is about to block and the window should show where
        if trainer.paused or time.perf_counter() - self._last_notice >= UPDATE_INTERVAL:
            self._notify()

    def _notify(self) -> None:
        """Tell the window an update is waiting, unless a notice is already on its way."""
        with self._lock:
            if self._pending is None:
                return
            comparison = self._comparison
            if comparison is not None:  # before the waiting check: a waiting notice must carry it too
                for pending, run in zip(self._pending, comparison.runs):
                    pending.paused = run.trainer.paused
            if self._notice_waiting:
                return
            self._notice_waiting = True
        self._last_notice = time.perf_counter()
        self.progress_available.emit()


def _run_info(index: int, run: Any) -> RunInfo:
    dataset, trainer = run.setup.dataset, run.trainer
    return RunInfo(
        run_id=index, name=run.label, task=dataset.task, loss=run.setup.config.loss,
        class_names=tuple(dataset.class_names), layer_ids=tuple(trainer.monitor.node_ids),
        steps_per_epoch=trainer.state.steps_per_epoch, max_epochs=trainer.state.max_epochs,
        batch_size=trainer.batch_size, train_samples=len(dataset.x_train),
    )


def _copy_state(progress: Progress, trainer: Any) -> None:
    state = trainer.state
    progress.epoch, progress.iteration = state.epoch, state.iteration
    progress.samples_seen, progress.seconds, progress.lr = state.samples_seen, state.seconds, state.lr
    progress.paused = trainer.paused


