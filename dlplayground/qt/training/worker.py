"""The training worker: a QObject that runs the engine's Trainer, on a thread of its own.

In the app it lives in the training process (:mod:`.child_process`, relayed to the window by
:mod:`.process_worker`); with ``DLPLAYGROUND_TRAINING=thread`` on a QThread of the window's process.

The window sends it a :class:`RunOrder` (a project snapshot, never the live document); the
worker prepares the run, trains, and bridges the Trainer's events to signals carrying plain
Python/numpy payloads (:mod:`dlplayground.qt.training.payloads`).

Updates are *pulled* through the run package's mailbox (:mod:`dlplayground.qt.runs.mailbox`):
the trainer's events become rows of one pending :class:`Progress`
(:mod:`dlplayground.qt.runs.bridge`), :attr:`TrainingWorker.progress_available` says one is
waiting, and the window calls :meth:`TrainingWorker.take_progress`. Pictures of the model (decision
boundary, histograms, feature maps) are made on the training thread every
:data:`ANALYSIS_INTERVAL` seconds, between two steps, or less often when making them takes
longer than :data:`ANALYSIS_SHARE` of that (a large model, or a machine busy with other work,
where a fixed interval would let the pictures eat a growing share of the training time).

Pause, resume and stop may be called from the GUI thread; they take effect within one batch.
The worker drives :meth:`Trainer.steps` and holds a paused run between two steps itself, so
that while paused it can still make the pictures the window asks for (the model is idle
then), and the time held is not counted as training time.
"""

from __future__ import annotations

import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal, Slot

from dlplayground.graph.text import message_of
from dlplayground.qt.engine import engine_ready, load_engine
from dlplayground.qt.i18n import translate
from dlplayground.qt.engine_text import problem_line, shown
from dlplayground.qt.runs.bridge import TrainerBridge, copy_state
from dlplayground.qt.runs.mailbox import UPDATE_INTERVAL
from dlplayground.qt.runs.worker import RunWorker, training_threads
from dlplayground.qt.training.payloads import Progress, RunInfo, RunResult
from dlplayground.qt.training.view_request import ViewRequest

__all__ = ["UPDATE_INTERVAL", "RunOrder", "TrainingWorker", "describe_error", "training_threads"]
#: seconds between two sets of pictures of the model made on the training thread
ANALYSIS_INTERVAL = 0.25
#: the most of the training thread's time the pictures may take: after one that took d seconds,
#: the next comes no sooner than d / ANALYSIS_SHARE seconds later
ANALYSIS_SHARE = 0.04
#: seconds between two live confusion matrices (each is a pass over the validation set)
CONFUSION_INTERVAL = 1.0
#: validation samples offered to pick from in the image views
IMAGE_CHOICES = 64
#: the run_failed message of a run stopped while it was being prepared
STOPPED_BEFORE_START = "stopped before the first step"


@dataclass(frozen=True)
class RunOrder:
    """What to train.

    Attributes:
        run_id: the run's number in the session.
        project: a ``to_dict()`` snapshot of the project.
        base_dir: the folder relative data paths are resolved against.
        run_dir: the run folder to write (None: no run folder).
        keep_weights: start from the previous run's weights when they fit the graph.
    """

    run_id: int
    project: dict[str, Any]
    base_dir: Path | None
    run_dir: Path | None
    keep_weights: bool = True


class TrainingWorker(RunWorker):
    """Runs training on the thread it is moved to.

    Signals:
        run_started(RunInfo): the run is prepared and its first step is about to run.
        progress_available(): a :class:`Progress` is waiting in :meth:`take_progress`.
        analysed(Analysis): pictures asked for with :meth:`analyse` after a run.
        run_finished(RunResult): the run ended (any pending progress is ready to take).
        run_failed(int, str): the run could not start (run id, a message naming the problem).
        held(): the run paused itself after the step or epoch asked for with :meth:`pause_after`.
    """

    run_started = Signal(object)
    analysed = Signal(object)
    run_finished = Signal(object)
    run_failed = Signal(int, str)
    held = Signal()

    def __init__(self, request: ViewRequest | None = None) -> None:
        super().__init__()
        self.request = request or ViewRequest()
        self._last_analysis = 0.0
        self._analysis_gap = ANALYSIS_INTERVAL  # grows when the pictures take long (ANALYSIS_SHARE)
        self._last_confusion = 0.0
        self._gate = threading.Event()  # set: training may go on; clear: paused
        self._gate.set()
        self._wake = threading.Event()  # wakes a paused run (resume, stop, a picture wanted)
        self._pause_after: str | None = None  # "step" or "epoch": pause when it is done
        self._analysis_wanted = False
        self._analyst: Any = None  # the last run's Analyst (training thread only)
        self._analysis_step = 0
        self._weights: dict[str, Any] | None = None

    # -- control (any thread) ----------------------------------------------------------
    @property
    def paused(self) -> bool:
        return not self._gate.is_set()

    def pause(self) -> None:
        """Hold the run after the current step."""
        self._gate.clear()

    def resume(self) -> None:
        self._gate.set()
        self._wake.set()

    def pause_after(self, unit: str | None) -> None:
        """Pause once the next optimisation step (``"step"``) or epoch (``"epoch"``) is done."""
        if unit not in (None, "step", "epoch"):
            raise ValueError(f"pause_after takes 'step' or 'epoch', not {unit!r}")
        self._pause_after = unit

    def stop(self) -> None:
        """End the run after the current batch (a run still being prepared does not start)."""
        super().stop()
        self._gate.set()
        self._wake.set()

    def request_analysis(self) -> None:
        """Make the wished-for pictures at the next step, or now if the run is paused."""
        self._analysis_wanted = True
        self._wake.set()

    def arm(self) -> None:
        """Clear the previous run's stop and pause (GUI thread, before queuing a run), so
        that a Stop pressed right after Train reaches the new run."""
        super().arm()
        self._pause_after = None
        self._gate.set()

    def take_progress(self) -> Progress | None:
        """Everything that happened since the last take (GUI thread), or None."""
        taken = self._mailbox.take()
        return taken[0] if taken else None

    # -- what the training process's worker also answers (nothing to start or end here) --
    def warm_up(self) -> None:
        """Nothing to start: this worker loads torch when a run needs it (or the window has)."""

    def engine_ready(self) -> bool:
        """Whether torch has loaded in this process (a run would start without waiting)."""
        return engine_ready()

    def close(self) -> None:
        """Nothing to end: the worker's thread has ended with the window."""

    # -- slots run on the worker thread ------------------------------------------------
    @Slot(object)
    def start_run(self, order: RunOrder) -> None:
        """Prepare and train one run; returns when it has ended."""
        self.serve(self._run, order)


    @Slot()
    def analyse(self) -> None:
        """Make the pictures the view request asks for, from the last run's model."""
        if self._analyst is None:
            return
        wishes = self.request.take()
        self.analysed.emit(self._analyst.analyse(wishes, self._analysis_step))

    # -- the run ------------------------------------------------------------------------
    def _prepare(self, order: RunOrder) -> tuple[Any, Any, str, tuple, list]:
        """The slow part of a run's start: torch's first import, the data, the model and the
        optimiser: seconds when cold."""
        # the engine is imported here, off the GUI thread, so the window starts without torch
        # (usually done already: the window loads it in the background after its first paint)
        load_engine()
        self.leave_a_core()
        from dlplayground.training import prepare_training
        from dlplayground.training.image_analysis import conv2d_nodes, spatial_nodes

        setup = prepare_training(order.project, order.base_dir)
        note = self._restore_weights(setup, order.keep_weights)
        trainer = setup.trainer(keep_gradient_log=False)
        return setup, trainer, note, tuple(spatial_nodes(setup.model)), conv2d_nodes(setup.model)

    def _prepare_stoppably(self, order: RunOrder) -> tuple[Any, Any, str, tuple, list] | None:
        """:meth:`_prepare` on a helper thread, waited for here in short slices: a stop (the
        window closing) ends the wait at once, so this worker thread ends and the window's
        ``wait()`` on it returns without sitting out an import. Returns None when stopped.

        The abandoned helper finishes on its own and is dropped: it writes nothing (the run
        folder is made only after this returns), and being a daemon thread it never holds up
        the process's exit.
        """
        outcome: dict[str, Any] = {}
        done = threading.Event()

        def prepare() -> None:
            try:
                outcome["value"] = self._prepare(order)
            except BaseException as exc:  # handed to the worker thread, which reports it
                outcome["error"] = exc
            finally:
                done.set()

        threading.Thread(target=prepare, name="dlplayground-prepare-run", daemon=True).start()
        while not done.wait(0.05):
            if self._stop_requested:
                return None
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]

    def _run(self, order: RunOrder) -> None:
        self._mailbox.reset([Progress(order.run_id)])
        try:
            prepared = self._prepare_stoppably(order)
            with self._lock:
                # a stop during preparation cancels the run before anything is written
                if prepared is None or self._stop_requested:
                    self.run_failed.emit(order.run_id, STOPPED_BEFORE_START)
                    return
                setup, trainer, note, spatial, convs = prepared
                self._engine = trainer
            from dlplayground.qt.training.analyst import Analyst
            from dlplayground.training import Events, RunRecorder

            recorder = RunRecorder(order.run_dir, setup.project).attach(trainer) if order.run_dir else None
        except Exception as exc:  # every preparation problem is reported, none kills the thread
            with self._lock:
                self._engine = None
            self.run_failed.emit(order.run_id, describe_error(exc))
            return

        info = self._run_info(order, setup, trainer, spatial, convs[0] if convs else None, note)
        if info.is_generative:  # reconstructions, samples, GAN Lab's picture instead of classifier views
            from dlplayground.qt.training.generative_analyst import GenerativeAnalyst

            self._analyst = GenerativeAnalyst(setup, trainer)
        else:
            self._analyst = Analyst(setup.model, setup.dataset, setup.config.loss, info.layer_ids,
                                    tuple(node for node, _ in spatial), info.first_conv)
        self._analysis_step = 0
        self._register(trainer, Events)
        self.run_started.emit(info)
        try:
            for _ in trainer.steps():
                if not self._gate.is_set():
                    self._hold(trainer)
            state = trainer.state
        except Exception as exc:  # a failure outside the training loop (writing the run folder)
            traceback.print_exc()
            state = trainer.state
            state.stop_reason, state.message = "error", describe_error(exc)
        self._weights = {k: v.detach().clone() for k, v in setup.model.state_dict_by_node().items()}
        folder = recorder.finished_dir if recorder is not None else None
        if state.stop_reason == "error" and not state.message:
            state.message = "training failed"
        self._notify()
        self.run_finished.emit(RunResult(order.run_id, state.stop_reason or "error", state.message, folder,
                                         tuple(state.history), state.seconds, state.iteration,
                                         state.samples_seen))

    def _restore_weights(self, setup: Any, keep: bool) -> str:
        """Load the previous run's weights into the fresh model when asked and possible."""
        if not keep or self._weights is None:
            self._weights = None
            return self.tr("fresh initial weights (seed {seed})").format(seed=setup.config.seed)
        try:
            setup.model.load_state_dict_by_node(self._weights)
        except (KeyError, ValueError, RuntimeError):
            self._weights = None
            return self.tr("fresh initial weights: the graph changed since the previous run")
        return self.tr("continues from the previous run's weights")

    def _run_info(self, order: RunOrder, setup: Any, trainer: Any, spatial: tuple, first_conv: str | None,
                  note: str) -> RunInfo:
        from dlplayground.training.analysis import is_planar

        dataset = setup.dataset
        planar = is_planar(dataset)
        images = labels = None
        if spatial and dataset.raw_val is not None and len(dataset.raw_val):
            images = dataset.raw_val[:IMAGE_CHOICES].copy()
            labels = dataset.y_val[:IMAGE_CHOICES].copy()
        return RunInfo(
            run_id=order.run_id, name=str(setup.project.get("name") or "run"),
            # a generative run learns the data, not its labels: no accuracy, no confusion matrix
            task=dataset.task if setup.config.objective == "supervised" else "generative",
            loss=setup.config.loss, class_names=tuple(dataset.class_names),
            layer_ids=tuple(trainer.monitor.node_ids), steps_per_epoch=trainer.state.steps_per_epoch,
            max_epochs=trainer.state.max_epochs, batch_size=trainer.batch_size,
            train_samples=len(dataset.x_train), spatial_nodes=spatial, first_conv=first_conv, planar=planar,
            points=dataset.raw_train.copy() if planar else None, labels=dataset.y_train.copy() if planar else None,
            val_points=dataset.raw_val.copy() if planar else None, val_labels=dataset.y_val.copy() if planar else None,
            images=images, image_labels=labels, continued=note.startswith("continues"), note=note,
            device=str(trainer.device),
            objective=setup.config.objective, latent_dim=_latent_dim(setup),
        )

    def _hold(self, trainer: Any) -> None:
        """Stay paused between two steps, making pictures when the window asks for them."""
        self._analyse(trainer)  # pictures of the model as it is now: what a pause is for
        self._notify()  # the window shows where the run stopped
        while not self._gate.is_set() and not self._stop_requested:
            self._wake.wait(0.5)
            self._wake.clear()
            if self._analysis_wanted:
                self._analyse(trainer)
                self._notify()

    # -- trainer handlers (training thread) ---------------------------------------------
    def _register(self, trainer: Any, events: Any) -> None:
        trainer.on(events.STARTED, self._on_started)
        TrainerBridge(self._mailbox, lambda: self.paused, after_step=self._after_step).attach(trainer)
        trainer.on(events.EPOCH_COMPLETED, self._after_epoch)  # after the bridge has recorded the epoch
        trainer.on(events.COMPLETED, self._on_completed)
        # reported through state.message; describe_error also prints a traceback of a bug
        trainer.on(events.EXCEPTION_RAISED, lambda t: describe_error(t.state.error) if t.state.error else None)

    def _on_started(self, trainer: Any) -> None:
        self._analyse(trainer)
        self._notify()

    def _after_step(self, trainer: Any) -> None:
        if self._analysis_wanted or time.perf_counter() - self._last_analysis >= self._analysis_gap:
            self._analyse(trainer)
        if self._pause_after == "step":  # held at the loop's next yield, right after this
            self._pause_after = None
            self._gate.clear()
            self.held.emit()

    def _after_epoch(self, trainer: Any) -> None:
        if self._pause_after == "epoch" and trainer.state.epoch < trainer.config.epochs:
            # held here, with the epoch's metrics in: the loop's next yield comes a step later
            self._pause_after = None
            self._gate.clear()
            self.held.emit()
            self._hold(trainer)

    def _on_completed(self, trainer: Any) -> None:
        self._analyse(trainer, final=True)

    def _analyse(self, trainer: Any, final: bool = False) -> None:
        """Make the wished-for pictures (between steps: the model is not being updated)."""
        self._analysis_wanted = False
        wishes = self.request.take()
        if self._analyst is None:
            return
        now = self._last_analysis = time.perf_counter()
        live_confusion = wishes.confusion_live and now - self._last_confusion >= CONFUSION_INTERVAL
        if live_confusion or wishes.confusion or final:
            self._last_confusion = now
        self._analysis_step = trainer.state.iteration
        result = self._analyst.analyse(wishes, trainer.state.iteration, final=final,
                                        with_confusion=live_confusion)
        self._analysis_gap = max(ANALYSIS_INTERVAL, (time.perf_counter() - now) / ANALYSIS_SHARE)
        with self._mailbox.pending() as pending:
            pending[0].analysis = result

    def _refresh(self, pending: list[Progress]) -> None:
        """The run's counters and pause into the update about to be announced."""
        trainer = self._engine
        if trainer is not None:
            copy_state(pending[0], trainer)
        pending[0].paused = self.paused


def _latent_dim(setup: Any) -> int:
    """A GAN's noise size or a VAE's z size (the inference panel's sliders); 0 otherwise."""
    if setup.config.objective == "gan":
        return int(setup.model.input_shape[0])
    if setup.vae_taps is not None:
        return int(setup.inference.shapes[setup.vae_taps.node][0])
    return 0


def describe_error(exc: BaseException) -> str:
    """A message for the window: the engine's own wording for errors a user can fix (anything
    else also goes to stderr with its traceback, for a bug report)."""
    from dlplayground.compile.residual import TwinError
    from dlplayground.data import DataError
    from dlplayground.graph.io import ProjectFormatError
    from dlplayground.graph.problems import ValidationError
    from dlplayground.training import TrainingConfigError

    if isinstance(exc, TwinError):
        return translate("worker", "No residual twin can be made of this project: {error}").format(
            error=shown(message_of(exc)))
    if isinstance(exc, ValidationError):  # the graph's problems, as the Problems list words them
        return "\n".join(problem_line(problem) for problem in exc.problems)
    if isinstance(exc, (DataError, ProjectFormatError, TrainingConfigError, OSError)):
        # translated here: the run_failed signal carries a plain str, which would drop the template
        return shown(message_of(exc))
    traceback.print_exception(exc)
    return f"{type(exc).__name__}: {exc}"
