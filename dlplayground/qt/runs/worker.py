"""What every run worker (live training, comparisons) shares: the progress mailbox, the
running flag, a stop that also cancels a run still being prepared, and torch's thread count.

A worker is a QObject moved to its own thread (:class:`~dlplayground.qt.runs.threads.WorkerThread`);
its slot calls :meth:`RunWorker.serve` with the job, on that thread.
"""

from __future__ import annotations

import os
import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

from dlplayground.qt.runs.bridge import continued_list
from dlplayground.qt.runs.mailbox import ProgressMailbox
from dlplayground.qt.training.payloads import Progress


def training_threads() -> int:
    """Torch threads for training: every core the process may use but one, left to the GUI."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, cores - 1)


class RunWorker(QObject):
    """The base of the window's run workers.

    Signals:
        progress_available(): an update is waiting in the mailbox (take it on the GUI thread).
    """

    progress_available = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._mailbox: ProgressMailbox[list[Progress]] = ProgressMailbox(
            self.progress_available.emit, continued_list, self._refresh)
        self._stop_requested = False
        self._running = threading.Event()
        self._threads_set = False
        #: what runs now (a Trainer, a Comparison): it has terminate(); None between runs
        self._engine: Any = None

    @property
    def running(self) -> bool:
        """Whether a run is being prepared or trained."""
        return self._running.is_set()

    def stop(self) -> None:
        """End the run after the current batch (a run still being prepared does not start)."""
        with self._lock:
            self._stop_requested = True
            if self._engine is not None:
                self._engine.terminate()

    def arm(self) -> None:
        """Clear the previous run's stop (GUI thread, before queuing the next), so that a Stop
        pressed right after Train reaches the new run."""
        with self._lock:
            self._stop_requested = False

    def serve(self, job: Callable[[Any], None], order: Any) -> None:
        """Run ``job(order)`` on this thread with the running flag up; then :meth:`_release`."""
        self._running.set()
        try:
            job(order)
        finally:
            with self._lock:
                self._release()
            self._running.clear()

    def leave_a_core(self) -> None:
        """Set torch's thread count once, before the first torch op on this thread."""
        if not self._threads_set:
            import torch

            torch.set_num_threads(training_threads())
            self._threads_set = True

    def _notify(self) -> None:
        self._mailbox.notify()

    # -- for subclasses --------------------------------------------------------------------
    def _release(self) -> None:
        """Drop the engine of the run that ended (called under the lock)."""
        self._engine = None

    def _refresh(self, pending: list[Progress]) -> None:
        """Bring ``pending`` up to date just before a notice (counters, pause)."""
