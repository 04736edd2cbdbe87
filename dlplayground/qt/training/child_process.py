"""The training process: the window's runs train here, in a process of their own.

Python runs one thread at a time per process (the GIL). Training on a thread of the window's
process meant that every moment the window spent drawing (pyqtgraph paints in Python, and
PySide6 keeps the GIL through its C++ calls) was a moment the trainer waited: the window trained
at 0.85 of headless speed. In a process of its own the trainer has its interpreter to itself,
and the window draws on the other core.

This module is the child's side. :func:`serve` loads torch and says ``ready`` (or ``broken``,
with why), then runs the very :class:`TrainingWorker` the window once ran on a thread, and relays through a pipe what it would have signalled: each
signal becomes a message ``(name, *arguments)``, and each "progress available" becomes the
progress itself (taken at once, so the child's mailbox never holds more than one notice). The
window's commands arrive the other way as ``(command, *arguments)``; controls (pause, stop, the
window's picture wishes) are applied at once by a reader thread while a run trains, jobs (a
run, pictures between runs) run one at a time on the main thread, each followed by
``job_done``. The parent's side is
:mod:`dlplayground.qt.training.process_worker`.
"""

from __future__ import annotations

import queue
import threading
from typing import Any

from dlplayground.qt.training.view_request import ViewRequest, Wishes

#: commands applied at once by the reader thread (the rest are jobs, run in order)
CONTROLS = ("arm", "pause", "resume", "pause_after", "stop", "request_analysis", "wishes")


class _Relay:
    """Sends messages to the parent; several threads send, whole messages never interleave."""

    def __init__(self, connection: Any) -> None:
        self._connection = connection
        self._lock = threading.Lock()

    def send(self, *message: Any) -> None:
        with self._lock:
            try:
                self._connection.send(message)
            except (BrokenPipeError, EOFError, OSError):  # the window has gone: nothing to tell
                pass


class _RelayedRequest(ViewRequest):
    """The window's picture wishes as they reach the child, numbered: a run's end says which it
    had drawn from, so the window asks again for any that came too late (or crossed its end).
    A number is only ever claimed for wishes at least as new (a race re-asks, never loses)."""

    def __init__(self) -> None:
        super().__init__()
        self.received = 0  # the number of the latest wishes applied
        self.taken = 0  # the number of the latest wishes an analysis has read

    def receive(self, wishes: dict[str, Any], number: int) -> None:
        # a confusion matrix asked for and not yet made stays asked for (a one-shot wish)
        self.update(**dict(wishes, confusion=wishes["confusion"] or self.wishes.confusion))
        self.received = number

    def take(self) -> Wishes:
        self.taken = self.received
        return super().take()


def serve(connection: Any, language: str) -> None:
    """The child process's main: load the engine, say ``ready``, then serve until ``quit``
    (or until the window's end of the pipe closes)."""
    from PySide6.QtCore import QCoreApplication

    from dlplayground.qt import i18n
    from dlplayground.qt.engine import load_engine, settle_heap
    from dlplayground.qt.training.worker import TrainingWorker

    app = QCoreApplication.instance() or QCoreApplication(["dlplayground-training"])
    translators = i18n.install_translators(app, language)  # kept alive: the worker's texts use them
    relay = _Relay(connection)
    try:
        load_engine()
    except Exception as exc:  # noqa: BLE001 - a broken install: every run says why
        relay.send("broken", f"{type(exc).__name__}: {exc}")
        return
    settle_heap()  # torch's objects out of full collections, which would pause training
    relayed = _RelayedRequest()
    worker = TrainingWorker(relayed)
    _relay_signals(worker, relayed, relay)
    jobs: queue.Queue[tuple[Any, ...]] = queue.Queue()
    threading.Thread(target=_read, args=(connection, worker, relayed, jobs), name="dlplayground-commands",
                     daemon=True).start()
    relay.send("ready")
    while True:
        job = jobs.get()
        if job[0] == "quit":
            break
        if job[0] == "start_run":
            worker.start_run(job[1])
        elif job[0] == "analyse":
            worker.analyse()
        relay.send("job_done")
    del translators


def _relay_signals(worker: Any, relayed: _RelayedRequest, relay: _Relay) -> None:
    """Each of the worker's signals, sent on as a message (direct: on the emitting thread).
    A finished run also says the number of the last wishes its pictures were made for (the
    window asks for later ones from the trained model)."""
    worker.run_started.connect(lambda info: relay.send("run_started", info))
    worker.analysed.connect(lambda analysis: relay.send("analysed", analysis))
    worker.run_finished.connect(lambda result: relay.send("run_finished", result, relayed.taken))
    worker.run_failed.connect(lambda run_id, message: relay.send("run_failed", run_id, message))
    worker.held.connect(lambda: relay.send("held"))

    def progress() -> None:
        taken = worker.take_progress()
        if taken is not None:
            relay.send("progress", taken)

    worker.progress_available.connect(progress)


def _read(connection: Any, worker: Any, relayed: _RelayedRequest, jobs: "queue.Queue[tuple[Any, ...]]") -> None:
    """The reader thread: controls at once, jobs to the main thread; ``quit`` when the pipe ends."""
    while True:
        try:
            command = connection.recv()
        except (EOFError, OSError):
            worker.stop()  # the window has gone: end the run (its folder is still written)
            jobs.put(("quit",))
            return
        name = command[0]
        if name == "wishes":
            relayed.receive(command[1], command[2])
        elif name == "pause_after":
            worker.pause_after(command[1])
        elif name in CONTROLS:
            getattr(worker, name)()
        else:
            jobs.put(command)
            if name == "quit":
                return
