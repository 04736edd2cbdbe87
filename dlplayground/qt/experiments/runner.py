"""Run an engine job (a comparison, a sweep, a cross-validation) off the GUI thread.

The job runs on a plain Python thread and posts plain values (never tensors) into a queue; a
QTimer on the GUI thread drains it at most 20 times a second and emits them as signals, so
nothing from the job touches a widget. ``stop()`` asks the job to end (within one batch:
the engines' ``terminate``/``stop``), ``shutdown()`` stops and waits, as the window does on close.
"""

from __future__ import annotations

import queue
import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal

from dlplayground.qt.runs.threads import thread_started, thread_stopped

Post = Callable[[Any], None]


class JobRunner(QObject):
    """Runs ``job(post)`` on a thread; ``post(value)`` from the job becomes :attr:`posted`.

    Signals:
        posted(object): a value the job posted, in order.
        finished(object): the job's return value (after every posted value).
        failed(str): the job raised; the message says what.
    """

    posted = Signal(object)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: queue.Queue = queue.Queue()
        self._thread: threading.Thread | None = None
        self._stop: Callable[[], None] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self._drain)

    @property
    def busy(self) -> bool:
        return self._thread is not None

    def start(self, job: Callable[[Post], Any], stop: Callable[[], None] | None = None) -> None:
        """Start ``job``; ``stop`` (called from the GUI thread) must make it end soon."""
        if self.busy:
            raise RuntimeError("a job is already running")
        self._stop = stop

        def run() -> None:
            try:
                self._queue.put(("finished", job(lambda value: self._queue.put(("posted", value)))))
            except BaseException as exc:  # reported in the window, never lost
                self._queue.put(("failed", f"{type(exc).__name__}: {exc}\n\n{traceback.format_exc(limit=3)}"))

        self._thread = threading.Thread(target=run, name="dlplayground-job", daemon=True)
        thread_started(self)
        self._thread.start()
        self._timer.start()

    def set_stop(self, stop: Callable[[], None]) -> None:
        """Name how to stop the job once it exists (a job that builds its engine itself)."""
        self._stop = stop

    def stop(self) -> None:
        if self._stop is not None:
            self._stop()

    def shutdown(self) -> None:
        """Stop the job and wait for its thread (the window is closing)."""
        self.stop()
        if self._thread is not None:
            self._thread.join(timeout=30)
        self._drain()

    def _drain(self) -> None:
        while True:
            try:
                kind, value = self._queue.get_nowait()
            except queue.Empty:
                return
            if kind == "posted":
                self.posted.emit(value)
                continue
            self._timer.stop()
            if self._thread is not None:
                self._thread.join(timeout=5)
            self._thread, self._stop = None, None
            thread_stopped(self)
            (self.finished if kind == "finished" else self.failed).emit(value)
