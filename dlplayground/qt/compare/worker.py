"""The comparison worker: a QObject on its own QThread that trains two projects side by side.

It runs the engine's :class:`~dlplayground.training.compare.Comparison` (one step of each
network in turn, on this thread) and follows the live-training worker's rules: payloads are
plain Python/numpy (the live views' :class:`Progress` and :class:`RunInfo`, one per side),
updates are pulled through the run package's mailbox and bridge (:mod:`dlplayground.qt.runs`:
at most one notice waiting, at most ~20 a second, nothing lost), and
pause, resume and stop act within one batch from any thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal, Slot

from dlplayground.graph.folders import file_stem
from dlplayground.qt.runs.bridge import TrainerBridge
from dlplayground.qt.runs.worker import RunWorker
from dlplayground.qt.training.payloads import Progress, RunInfo, RunResult
from dlplayground.qt.training.worker import describe_error


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


class CompareWorker(RunWorker):
    """Trains a comparison on the thread it is moved to.

    Signals:
        comparison_started(CompareStarted): both runs are ready; their first steps follow.
        progress_available(): a pair of :class:`Progress` is waiting in :meth:`take_progress`.
        comparison_finished(CompareFinished): both runs ended (pending progress is ready).
        comparison_failed(str): the comparison could not start (the message names the problem).
    """

    comparison_started = Signal(object)
    comparison_finished = Signal(object)
    comparison_failed = Signal(str)

    def __init__(self) -> None:
        super().__init__()

    # -- control (any thread) ------------------------------------------------------------
    def pause(self) -> None:
        with self._lock:
            if self._engine is None:
                return
            self._engine.pause()
        # the runs hold at their next batch, perhaps before any handler runs again: say so now
        self._notify()

    def resume(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.resume()

    def take_progress(self) -> tuple[Progress, Progress] | None:
        """Everything both runs did since the last take (GUI thread), or None."""
        pending = self._mailbox.take()
        return None if pending is None else (pending[0], pending[1])

    # -- the comparison (worker thread) --------------------------------------------------
    @Slot(object)
    def start(self, order: CompareOrder) -> None:
        """Prepare and train both runs; returns when they have ended."""
        self.serve(self._run, order)


    def _run(self, order: CompareOrder) -> None:
        self.leave_a_core()
        from dlplayground.training import Events, RunRecorder
        from dlplayground.training.compare import Comparison

        self._mailbox.reset([Progress(0), Progress(1)])
        try:
            comparison = Comparison(order.first, order.second, order.base_dir, epochs=order.epochs,
                                    keep_gradient_log=False)
            with self._lock:
                if self._stop_requested:
                    self.comparison_failed.emit("stopped before the first step")
                    return
                self._engine = comparison
            # after the stop check: a recorder opens its files and folder at once
            recorders = []
            if order.run_dir is not None:
                for index, run in enumerate(comparison.runs):
                    folder = order.run_dir / f"{'ab'[index]}-{file_stem(run.label, 'run')}"
                    recorders.append(RunRecorder(folder, run.setup.project).attach(run.trainer))
        except Exception as exc:  # every preparation problem is reported, none kills the thread
            self.comparison_failed.emit(describe_error(exc))
            return

        bridge = TrainerBridge(self._mailbox, lambda: comparison.paused)
        for run in comparison.runs:
            bridge.attach(run.trainer)
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

    def _refresh(self, pending: list[Progress]) -> None:
        """Each run's pause into the update about to be announced."""
        comparison = self._engine
        if comparison is not None:
            for progress, run in zip(pending, comparison.runs):
                progress.paused = run.trainer.paused


def _run_info(index: int, run: Any) -> RunInfo:
    dataset, trainer = run.setup.dataset, run.trainer
    return RunInfo(
        run_id=index, name=run.label, task=dataset.task, loss=run.setup.config.loss,
        class_names=tuple(dataset.class_names), layer_ids=tuple(trainer.monitor.node_ids),
        steps_per_epoch=trainer.state.steps_per_epoch, max_epochs=trainer.state.max_epochs,
        batch_size=trainer.batch_size, train_samples=len(dataset.x_train),
    )

