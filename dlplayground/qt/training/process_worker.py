"""The window's side of the training process (:mod:`.child_process`).

:class:`ProcessTrainingWorker` stands where :class:`~dlplayground.qt.training.worker.TrainingWorker`
stood: the controller moves it to its worker thread, calls the same controls from the GUI thread
and hears the same signals. Its slots send the job to the child process and then relay the
child's messages as those signals until the job ends; the controls are sent at once. Progress
arrives already taken from the child's mailbox and is merged here, so the window still takes at
most one pending update whenever it likes, and nothing is lost however slow it is.

The window's picture wishes (:class:`ViewRequest`) live here and are forwarded when they change,
checked every :data:`POLL_SECONDS` while a job runs and before each job.

The child is started once the window has painted (:meth:`warm_up`), or by the first run, and
reused by every run (it keeps the last run's weights for "continue training"). If it dies (a
crash, the system killing it for memory) the run fails with a message saying so and the next
run starts a fresh one. Closing the window ends it: :meth:`close` after the worker thread ends.
"""

from __future__ import annotations

import contextlib
import importlib.util
import multiprocessing
import sys
import threading
from dataclasses import asdict
from typing import Any, Iterator

from PySide6.QtCore import QObject, QSettings, Signal, Slot

from dlplayground.qt import i18n
from dlplayground.qt.i18n import translate
from dlplayground.qt.training.child_process import serve
from dlplayground.qt.runs.bridge import continued_progress
from dlplayground.qt.runs.mailbox import ProgressMailbox
from dlplayground.qt.training.payloads import Progress
from dlplayground.qt.training.view_request import ViewRequest
from dlplayground.qt.training.worker import STOPPED_BEFORE_START, RunOrder

#: seconds between two looks at the window's wishes and the child's health while a job runs
POLL_SECONDS = 0.05
#: seconds the child is given to end on its own when the window closes
CLOSE_SECONDS = 10.0


def merge_progress(into: Progress, new: Progress) -> None:
    """Add ``new`` (the next update of the same run) to ``into``, as the child's mailbox would
    have had it accumulated: rows appended, counters and pictures the latest."""
    into.epoch, into.iteration, into.samples_seen = new.epoch, new.iteration, new.samples_seen
    into.seconds, into.lr, into.paused = new.seconds, new.lr, new.paused
    into.steps.extend(new.steps)
    into.batch_losses.extend(new.batch_losses)
    into.lrs.extend(new.lrs)
    into.epochs.extend(new.epochs)
    into.gradients.extend(new.gradients)
    if new.analysis is not None:
        into.analysis = new.analysis


class ProcessTrainingWorker(QObject):
    """Runs training in a child process; the interface of ``TrainingWorker`` (see there)."""

    run_started = Signal(object)
    analysed = Signal(object)
    run_finished = Signal(object)
    run_failed = Signal(int, str)
    held = Signal()
    progress_available = Signal()

    def __init__(self, request: ViewRequest | None = None) -> None:
        super().__init__()
        self.request = request or ViewRequest()
        self._process: Any = None
        self._connection: Any = None
        self._send_lock = threading.Lock()
        self._spawn_lock = threading.Lock()
        self._wishes_lock = threading.Lock()
        self._wishes_sent = 0  # the number of the latest wishes sent to the child
        self._ready = False
        self._broken: str | None = None
        self._greeted = threading.Event()
        # the child's progress, merged until the window takes it (at most one notice waiting)
        self._mailbox: ProgressMailbox[Progress] = ProgressMailbox(self.progress_available.emit, continued_progress)
        self._stop_requested = False

    # -- the child process ---------------------------------------------------------------
    def warm_up(self) -> None:
        """Start the child now (it loads torch, seconds when cold) unless it runs already.
        Any thread: the window calls it after its first paint, a run when none is running."""
        with self._spawn_lock:
            if self._process is not None and self._process.is_alive():
                return
            context = multiprocessing.get_context("spawn")  # never fork a process running Qt threads
            ours, theirs = context.Pipe(duplex=True)
            process = context.Process(target=serve, args=(theirs, i18n.chosen_language(QSettings())),
                                      name="dlplayground-training", daemon=True)
            with _main_left_alone():
                process.start()
            theirs.close()
            self._process, self._connection = process, ours
            self._ready, self._broken, self._greeted = False, None, threading.Event()
            threading.Thread(target=self._await_greeting, args=(ours, self._greeted), daemon=True,
                             name="dlplayground-training-handshake").start()

    def _await_greeting(self, connection: Any, greeted: threading.Event) -> None:
        """Read the child's first message: ``ready`` once torch is loaded, or ``broken``.
        (Only then does a job's relay read the pipe: one reader at a time.)"""
        try:
            message = connection.recv()
            if message[0] == "ready":
                self._ready = True
            elif message[0] == "broken":
                self._broken = str(message[1])
        except (EOFError, OSError):
            pass  # died while loading: the relay reports it
        finally:
            greeted.set()

    def engine_ready(self) -> bool:
        """Whether the child has loaded torch (a run would start without waiting for it)."""
        return self._ready

    def close(self) -> None:
        """End the child (the window is closing; the worker thread has ended). Idempotent."""
        if self._process is None:
            return
        if not self._ready:  # still loading torch (or never said so): nothing of value to wait for
            self._discard_child()
            return
        self._send("quit")
        self._process.join(CLOSE_SECONDS)  # it ends on its own, else it is killed now
        self._discard_child()

    def _discard_child(self) -> None:
        """Drop a child that cannot go on (dead, or busy with a job no longer wanted)."""
        process, self._process = self._process, None
        if process is not None:
            if process.is_alive():
                process.kill()
            process.join()
            self._connection.close()

    def _send(self, *message: Any) -> None:
        with self._send_lock:
            if self._process is None:
                return
            try:
                self._connection.send(message)
            except (BrokenPipeError, EOFError, OSError):
                pass  # a dead child: the job's relay notices and says so

    # -- controls (GUI thread) -----------------------------------------------------------
    def arm(self) -> None:
        """Clear the previous run's stop and pause before a run is queued; the child is started
        now if it is not running, so that what follows (a pause after one step) reaches it."""
        self._stop_requested = False
        self.warm_up()
        self._send("arm")

    def pause(self) -> None:
        self._send("pause")

    def resume(self) -> None:
        self._send("resume")

    def pause_after(self, unit: str | None) -> None:
        if unit not in (None, "step", "epoch"):
            raise ValueError(f"pause_after takes 'step' or 'epoch', not {unit!r}")
        self._send("pause_after", unit)

    def stop(self) -> None:
        self._stop_requested = True
        self._send("stop")

    def request_analysis(self) -> None:
        self._forward_wishes()
        self._send("request_analysis")

    def take_progress(self) -> Progress | None:
        """Everything that happened since the last take (GUI thread), or None."""
        return self._mailbox.take()

    # -- jobs (worker thread) ------------------------------------------------------------
    @Slot(object)
    def start_run(self, order: RunOrder) -> None:
        """Train ``order`` in the child, relaying its signals until the run has ended."""
        self._mailbox.reset(Progress(order.run_id))
        self.warm_up()
        self._forward_wishes(force=True)
        self._send("start_run", order)
        self._relay(order.run_id)

    @Slot()
    def analyse(self) -> None:
        """The pictures the view request asks for, from the last run's model (between runs)."""
        if self._process is None or not self._process.is_alive():
            return  # no child, no model: nothing to draw
        self._forward_wishes(force=True)
        self._send("analyse")
        self._relay(None)

    def _relay(self, run_id: int | None) -> None:
        """Emit the child's messages until it says the job is done (or it dies)."""
        while not self._greeted.wait(POLL_SECONDS):  # the child is still loading torch
            if run_id is not None and self._stop_requested:  # do not wait for it
                self._discard_child()
                self.run_failed.emit(run_id, STOPPED_BEFORE_START)
                return
        if self._broken is not None:
            error = self._broken
            self._discard_child()
            if run_id is not None:
                self.run_failed.emit(run_id, translate("process_worker", "PyTorch could not be loaded: {error}")
                                     .format(error=error))
            return
        ended = self._ready and self._relay_job(run_id)
        if ended:
            return
        # the child died in the middle of the job (or while loading)
        code = self._process.exitcode if self._process is not None else None
        self._discard_child()
        if run_id is not None:
            self.run_failed.emit(run_id, translate(
                "process_worker", "The training process ended unexpectedly (exit code {code}); "
                "the next run starts a new one.").format(code=code))

    def _relay_job(self, run_id: int | None) -> bool:
        """Relay until ``job_done``; False if the child died first (nothing said of it yet)."""
        ended = False  # a run_finished or run_failed was relayed
        while True:
            self._forward_wishes()
            if not self._connection.poll(POLL_SECONDS):
                if not self._process.is_alive():
                    return ended and run_id is not None
                continue
            try:
                message = self._connection.recv()
            except (EOFError, OSError):
                return ended and run_id is not None
            name = message[0]
            if name == "job_done":
                if run_id is not None and not ended:
                    self.run_failed.emit(run_id, translate("process_worker", "The run ended without a result."))
                return True
            if name == "progress":
                self._add_progress(message[1])
            elif name == "run_finished":
                ended = True
                if message[2] < self._wishes_sent:  # wishes its last pictures did not see
                    self.request.update()  # (untaken again: the window asks for them after the run)
                self.run_finished.emit(message[1])
            elif name == "run_failed":
                ended = True
                self.run_failed.emit(message[1], message[2])
            elif name == "run_started":
                self.run_started.emit(message[1])
            elif name == "held":
                self.held.emit()
            elif name == "analysed":
                self.analysed.emit(message[1])

    def _add_progress(self, progress: Progress) -> None:
        with self._mailbox.pending() as pending:
            merge_progress(pending, progress)
        self._mailbox.notify()

    def _forward_wishes(self, force: bool = False) -> None:
        """Send the window's wishes to the child if they changed since they were last sent."""
        if not (force or self.request.untaken):
            return
        with self._wishes_lock:  # numbered in the order sent (the GUI thread sends some too)
            self._wishes_sent += 1
            self._send("wishes", asdict(self.request.take()), self._wishes_sent)


#: what the training process imports as its main module instead of the window's (see below)
CHILD_MAIN = "dlplayground.qt.training.child_process"


@contextlib.contextmanager
def _main_left_alone() -> Iterator[None]:
    """While a training process starts, let it import :data:`CHILD_MAIN` as its main module.

    multiprocessing's spawn runs the parent's ``__main__`` again in the child: by module name
    after ``python -m``, else from its file. The window's ``__main__`` holds nothing the child
    needs, and a script that opens the window without an ``if __name__ == "__main__"`` guard
    would open another window there and try to start a training process of its own; a script
    piped in on standard input has no file to run at all, so its child died at once. spawn
    names the main module by its ``__spec__``, so for the moment of the start that is the
    child's own module. (A bundle starts its children through PyInstaller's own hook.)
    """
    main = sys.modules.get("__main__")
    if main is None or getattr(sys, "frozen", False):
        yield
        return
    missing = object()
    saved = vars(main).get("__spec__", missing)
    main.__spec__ = importlib.util.find_spec(CHILD_MAIN)
    try:
        yield
    finally:
        if saved is missing:
            del main.__spec__
        else:
            main.__spec__ = saved
