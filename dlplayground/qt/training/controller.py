"""The training controller: starts, pauses, resumes, stops runs and keeps the session's runs.

It owns the worker's QThread for the window's lifetime (one thread, reused by every run) and
the Train / Pause / Resume / Stop / Reset weights actions with their shortcuts. Each run
trains a ``to_dict()`` snapshot of the project taken when Train is pressed, so editing the
graph during a run does not disturb it. Shutting down stops the run within one batch, then
``quit()`` and ``wait()`` the thread: never ``QThread.terminate()``.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QStyle

from dlplayground.qt.session import DocumentSession
from dlplayground.qt.runs.records import RunRecord, RunRecords
from dlplayground.qt.runs.threads import WorkerThread
from dlplayground.qt.training.payloads import Progress, RunInfo, RunResult
from dlplayground.qt.training.view_request import ViewRequest
from dlplayground.qt import engine
from dlplayground.qt.training.worker import RunOrder, TrainingWorker

if TYPE_CHECKING:
    from dlplayground.qt.training.process_worker import ProcessTrainingWorker

#: ``DLPLAYGROUND_TRAINING=thread`` trains on a thread of the window's own process instead of
#: a training process (slower: the window's drawing and the trainer then share one GIL)
TRAINING_MODE_VARIABLE = "DLPLAYGROUND_TRAINING"


def trains_in_child_process() -> bool:
    """Whether the window's runs train in a process of their own (the default)."""
    return os.environ.get(TRAINING_MODE_VARIABLE, "process").strip().lower() != "thread"


class Phase(str, Enum):
    IDLE = "idle"
    PREPARING = "preparing"
    RUNNING = "running"
    PAUSED = "paused"
    STOPPING = "stopping"


def default_runs_root() -> Path:
    """``<data folder>/<application>/runs``: where the window keeps its run folders.

    That is ``~/.local/share/dlplayground/runs`` on Linux, ``~/Library/Application
    Support/dlplayground/runs`` on macOS and ``%LOCALAPPDATA%/dlplayground/runs`` on Windows
    (run folders are large and belong to this machine, so not the roaming profile).
    ``AppDataLocation`` would add the organisation as well, and ours has the application's
    name: ``dlplayground/dlplayground``. The folder follows the application name, so tests
    that rename the application (and move ``XDG_DATA_HOME``) keep their runs apart.
    """
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    name = QCoreApplication.applicationName() or "dlplayground"
    return (Path(base) / name if base else Path.home() / ".dlplayground") / "runs"


@dataclass
class _Actions:
    train: QAction
    step: QAction
    epoch: QAction
    pause: QAction
    resume: QAction
    stop: QAction
    reset: QAction
    all: list[QAction] = field(default_factory=list)


class TrainingController(QObject):
    """Drives training for a :class:`DocumentSession`.

    Args:
        session: the open project (its snapshot and folder are read when Train is pressed).
        runs_root: the folder run folders are written under (default: :func:`default_runs_root`).

    Signals:
        phase_changed(Phase): idle, preparing, running, paused or stopping.
        run_started(RunInfo), progressed(Progress), analysed(Analysis): what the views draw.
        run_finished(RunRecord): a run ended (its result holds the reason and the folder).
        run_failed(str): a run could not start (the message names the problem).
        runs_changed(): the runs list changed.
    """

    phase_changed = Signal(object)
    run_started = Signal(object)
    progressed = Signal(object)
    analysed = Signal(object)
    run_finished = Signal(object)
    run_failed = Signal(str)
    runs_changed = Signal()
    _start_requested = Signal(object)
    _analysis_requested = Signal()

    def __init__(self, session: DocumentSession, runs_root: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.runs_root = Path(runs_root) if runs_root is not None else default_runs_root()
        self.request = ViewRequest()
        #: the session's runs (shared with every view that lists or uses them)
        self.records: RunRecords = session.runs
        self.records.changed.connect(self.runs_changed)
        self._phase = Phase.IDLE
        self._current: RunRecord | None = None
        self._has_model = False  # the worker holds a trained model (pictures can be redrawn)
        self._keep_weights = False  # the next run continues from the last run's weights
        self._reset_during_run = False
        self._stop_requested_at: float | None = None
        self._thread: WorkerThread | None = None
        self._worker: TrainingWorker | ProcessTrainingWorker | None = None
        self._shut_down = False
        self.actions = self._make_actions()
        self._update_actions()
        session.project_replaced.connect(self.reset_weights)  # another project: nothing to continue
        application = QCoreApplication.instance()
        if application is not None:  # a safety net: the window also shuts down on close
            application.aboutToQuit.connect(self.shutdown)

    # -- state -----------------------------------------------------------------------------
    @property
    def runs(self) -> list[RunRecord]:
        """The session's runs, oldest first."""
        return self.records.records

    @property
    def phase(self) -> Phase:
        return self._phase

    @property
    def busy(self) -> bool:
        return self._phase is not Phase.IDLE

    def _set_phase(self, phase: Phase) -> None:
        if phase is not self._phase:
            self._phase = phase
            self._update_actions()
            self.phase_changed.emit(phase)

    # -- actions ---------------------------------------------------------------------------
    def _make_actions(self) -> _Actions:
        style = QApplication.style()

        def action(text: str, shortcut: str, tip: str, slot, icon: QStyle.StandardPixmap | None) -> QAction:
            # Step and Epoch have no icon: the words say more than another arrow beside Train's
            made = QAction(style.standardIcon(icon) if style is not None and icon is not None else QIcon(), text, self)
            made.setShortcut(QKeySequence(shortcut))
            made.setToolTip(f"{tip} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
            made.setStatusTip(tip)
            made.triggered.connect(slot)
            return made

        # F5 trains when idle and resumes when paused: only one of the two is ever enabled
        pixmap = QStyle.StandardPixmap
        actions = _Actions(
            train=action(self.tr("Train"), "F5", self.tr("Train the project (continues from the last run's weights)"), self.train,
                         pixmap.SP_MediaPlay),
            step=action(self.tr("Step"), "F7", self.tr("Train one batch, then pause (starts a run when none is going on)"),
                        lambda: self.advance("step"), None),
            epoch=action(self.tr("Epoch"), "F8",
                         self.tr("Train to the end of the epoch, then pause (starts a run when none is going on)"),
                         lambda: self.advance("epoch"), None),
            pause=action(self.tr("Pause"), "F6", self.tr("Pause training after the current batch"), self.pause, pixmap.SP_MediaPause),
            resume=action(self.tr("Resume"), "F5", self.tr("Resume the paused run"), self.resume, pixmap.SP_MediaSeekForward),
            stop=action(self.tr("Stop"), "Shift+F5", self.tr("Stop the run and save its run folder"), self.stop, pixmap.SP_MediaStop),
            reset=action(self.tr("Reset weights"), "Ctrl+F5", self.tr("Start the next run from fresh initial weights"),
                         self.reset_weights, pixmap.SP_BrowserReload),
        )
        actions.all = [actions.train, actions.step, actions.epoch, actions.pause, actions.resume, actions.stop,
                       actions.reset]
        # from idle, a step or an epoch starts a run: only where Train could (see TrainGate)
        actions.train.changed.connect(self._sync_advance)
        return actions

    def _update_actions(self) -> None:
        phase = self._phase
        self.actions.train.setEnabled(phase is Phase.IDLE)
        self.actions.pause.setEnabled(phase is Phase.RUNNING)
        self.actions.resume.setEnabled(phase is Phase.PAUSED)
        self.actions.stop.setEnabled(phase in (Phase.PREPARING, Phase.RUNNING, Phase.PAUSED))
        self.actions.reset.setEnabled(phase is Phase.IDLE and self._keep_weights)
        self._sync_advance()

    def _sync_advance(self) -> None:
        phase = self._phase
        enabled = phase in (Phase.RUNNING, Phase.PAUSED) or (phase is Phase.IDLE and self.actions.train.isEnabled())
        self.actions.step.setEnabled(enabled)
        self.actions.epoch.setEnabled(enabled)

    # -- commands --------------------------------------------------------------------------
    def train(self) -> int | None:
        """Start a run of the project as it is now; return its id (None if one is running)."""
        if self.busy:
            return None
        self._ensure_worker().arm()
        run_id = self.records.next_id()
        snapshot = self.session.snapshot()
        name = str(snapshot.get("name") or "run")
        record = RunRecord(run_id, name, time.time(), project=snapshot)
        self._current = record
        from dlplayground.graph.folders import default_run_dir

        run_dir = default_run_dir(f"{name}-run{run_id}", self.runs_root)
        self._stop_requested_at = None
        self._reset_during_run = False
        self._set_phase(Phase.PREPARING)
        self.records.add(record)
        self._start_requested.emit(RunOrder(run_id, snapshot, self.session.base_dir, run_dir, self._keep_weights))
        return run_id

    def pause(self) -> None:
        if self._phase is Phase.RUNNING and self._worker is not None:
            self._worker.pause()
            self._set_phase(Phase.PAUSED)

    def resume(self) -> None:
        if self._phase is Phase.PAUSED and self._worker is not None:
            self._worker.resume()
            self._set_phase(Phase.RUNNING)

    def advance(self, unit: str) -> int | None:
        """Train one optimisation step (``"step"``) or to the end of the epoch (``"epoch"``), then pause.

        Paused: the run goes on for that long. Running: it pauses when that is done. Idle: a
        run starts and pauses after its first step or epoch (TensorFlow Playground's step
        button). Returns the run's id, or None when nothing could be done.
        """
        if self._phase is Phase.IDLE:
            if not self.actions.train.isEnabled():  # the project cannot be trained
                return None
            run_id = self.train()
            if run_id is not None and self._worker is not None:
                self._worker.pause_after(unit)
            return run_id
        if self._worker is None or self._phase not in (Phase.RUNNING, Phase.PAUSED):
            return None
        self._worker.pause_after(unit)
        if self._phase is Phase.PAUSED:
            self._worker.resume()
            self._set_phase(Phase.RUNNING)
        return self._current.run_id if self._current is not None else None

    def _on_held(self) -> None:
        """The run paused itself after the step or epoch asked for."""
        if self._phase is Phase.RUNNING:
            self._set_phase(Phase.PAUSED)

    def stop(self) -> None:
        """End the run after the current batch; its run folder is still written."""
        if self._phase in (Phase.PREPARING, Phase.RUNNING, Phase.PAUSED) and self._worker is not None:
            self._stop_requested_at = time.perf_counter()
            self._worker.stop()
            self._set_phase(Phase.STOPPING)

    def reset_weights(self) -> None:
        """Forget the trained weights: the next run starts from the seed's initial weights.

        During a run this applies to the run after it.
        """
        self._keep_weights = False
        self._reset_during_run = self.busy
        self._update_actions()

    def request_analysis(self) -> None:
        """Refresh the pictures after a view changed what it shows (the layer, the sample).

        During a run the training thread makes them after its current step (at once when
        paused); between runs the worker redraws them from the last run's model.
        """
        if self._phase is Phase.IDLE:
            if self._has_model:
                self._analysis_requested.emit()
        elif self._worker is not None:
            self._worker.request_analysis()

    def request_confusion(self) -> None:
        self.request.update(confusion=True)
        self.request_analysis()

    # -- the worker thread -----------------------------------------------------------------
    def warm_up(self) -> None:
        """Get the training engine ready before the first Train (the window calls this once it
        has painted): the training process is started and loads torch meanwhile."""
        if trains_in_child_process() and not self._shut_down:
            self._ensure_worker().warm_up()

    def engine_ready(self) -> bool:
        """Whether a run would start without waiting for torch to load."""
        return self._worker.engine_ready() if self._worker is not None else engine.engine_ready()

    def _ensure_worker(self) -> TrainingWorker | ProcessTrainingWorker:
        if self._worker is None:
            worker: TrainingWorker | ProcessTrainingWorker
            if trains_in_child_process():
                # imported here: multiprocessing and the relay are not needed to show the window
                from dlplayground.qt.training.process_worker import ProcessTrainingWorker

                worker = ProcessTrainingWorker(self.request)
            else:
                worker = TrainingWorker(self.request)
            self._start_requested.connect(worker.start_run)
            self._analysis_requested.connect(worker.analyse)
            self._worker = worker
            self._thread = WorkerThread(self, "dlplayground-training", worker, worker.stop)
        return self._worker

    def _on_run_started(self, info: RunInfo) -> None:
        if self._current is not None and self._current.run_id == info.run_id:
            self._current.info = info
        if self._phase is Phase.PREPARING:
            self._set_phase(Phase.RUNNING)
        self.run_started.emit(info)

    def _on_analysed(self, analysis: object) -> None:
        self.analysed.emit(analysis)

    def _on_progress_available(self) -> None:
        if self._worker is None:
            return
        progress: Progress | None = self._worker.take_progress()
        if progress is not None:
            self.progressed.emit(progress)

    def _on_run_finished(self, result: RunResult) -> None:
        self._on_progress_available()  # whatever the last notice did not carry yet
        record = self._current
        if record is not None and record.run_id == result.run_id:
            record.result = result
        self._has_model = True
        self._keep_weights = not self._reset_during_run
        self._current = None
        self._set_phase(Phase.IDLE)
        self.records.changed.emit()
        if self.request.untaken:
            # the window changed what it shows after the run's last analysis (a short run can
            # end before the window has built its views): draw that from the trained model
            self.request_analysis()
        if record is not None:
            self.run_finished.emit(record)

    def _on_run_failed(self, run_id: int, message: str) -> None:
        record = self._current
        if record is not None and record.run_id == run_id:
            record.error = message
        self._current = None
        self._set_phase(Phase.IDLE)
        self.records.changed.emit()
        self.run_failed.emit(message)

    @property
    def stop_latency(self) -> float | None:
        """Seconds from the last Stop to now (for the status bar and tests), or None."""
        return None if self._stop_requested_at is None else time.perf_counter() - self._stop_requested_at

    def shutdown(self) -> None:
        """Stop any run and end the worker thread (the window is closing). Idempotent."""
        self._shut_down = True  # a late warm_up() must not start another worker
        if self._thread is None:
            return
        self._thread.shutdown()  # the run ends within one batch of the worker's stop()
        self._thread = None
        if self._worker is not None:
            self._worker.close()  # a training process ends with the window
        self._worker = None  # its thread has finished: it may be deleted from here
        if self.busy:
            self._current = None
            self._set_phase(Phase.IDLE)
