"""Drives comparisons for the compare dialog: owns the worker's QThread, relays its payloads.

One thread lives as long as the controller and serves every comparison. Shutting down stops
the running comparison within one batch, then ``quit()`` and ``wait()`` the thread: never
``QThread.terminate()``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal

from dlplayground.qt.compare.worker import CompareFinished, CompareOrder, CompareStarted, CompareWorker
from dlplayground.qt.runs.threads import WorkerThread


class CompareController(QObject):
    """Starts, pauses, resumes and stops comparisons on a worker thread.

    Signals:
        comparison_started(CompareStarted): both runs are prepared.
        progressed(Progress, Progress): what runs A and B did since the previous update.
        comparison_finished(CompareFinished): both runs ended.
        comparison_failed(str): the comparison could not start (why).
        busy_changed(bool): a comparison started (True) or ended (False).
        paused_changed(bool): the comparison was paused or resumed.
    """

    comparison_started = Signal(object)
    progressed = Signal(object, object)
    comparison_finished = Signal(object)
    comparison_failed = Signal(str)
    busy_changed = Signal(bool)
    paused_changed = Signal(bool)
    _start_requested = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: WorkerThread | None = None
        self._worker: CompareWorker | None = None
        self._busy = False
        self._paused = False
        application = QCoreApplication.instance()
        if application is not None:  # a safety net: the dialog also shuts down when it closes
            application.aboutToQuit.connect(self.shutdown)

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def paused(self) -> bool:
        return self._paused

    # -- commands ------------------------------------------------------------------------
    def start(self, order: CompareOrder) -> bool:
        """Start a comparison; False when one is already running."""
        if self._busy:
            return False
        self._ensure_worker()
        assert self._worker is not None
        self._worker.arm()
        self._set_busy(True)
        # a queued signal: the order is handled on the worker's thread
        self._start_requested.emit(order)
        return True

    def pause(self) -> None:
        if self._busy and not self._paused and self._worker is not None:
            self._worker.pause()
            self._paused = True
            self.paused_changed.emit(True)

    def resume(self) -> None:
        if self._busy and self._paused and self._worker is not None:
            self._worker.resume()
            self._paused = False
            self.paused_changed.emit(False)

    def stop(self) -> None:
        """End both runs after their current batch; their run folders are still written."""
        if self._busy and self._worker is not None:
            self._worker.stop()
            if self._paused:
                self._paused = False
                self.paused_changed.emit(False)

    def shutdown(self) -> None:
        """Stop any comparison and end the worker thread. Idempotent."""
        if self._thread is None:
            return
        self._thread.shutdown()  # the comparison ends within one batch of the worker's stop()
        self._thread = None
        self._worker = None
        self._paused = False
        self._set_busy(False)

    # -- the worker ----------------------------------------------------------------------
    def _ensure_worker(self) -> CompareWorker:
        if self._worker is None:
            worker = CompareWorker()
            self._start_requested.connect(worker.start)
            self._worker = worker
            self._thread = WorkerThread(self, "dlplayground-compare", worker, worker.stop)
        return self._worker

    def _on_comparison_started(self, started: CompareStarted) -> None:
        self.comparison_started.emit(started)

    def _on_progress_available(self) -> None:
        if self._worker is None:
            return
        pair = self._worker.take_progress()
        if pair is not None:
            self.progressed.emit(*pair)

    def _on_comparison_finished(self, finished: CompareFinished) -> None:
        self._on_progress_available()  # whatever the last notice did not carry yet
        self._paused = False
        self._set_busy(False)
        self.comparison_finished.emit(finished)

    def _on_comparison_failed(self, message: str) -> None:
        self._paused = False
        self._set_busy(False)
        self.comparison_failed.emit(message)

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busy_changed.emit(busy)
