"""One long job of the ONNX dialogs (export, import) on a thread of its own.

A job is a ``QObject`` with a ``run`` slot and a ``finished`` signal that ends every run; it
calls :func:`hand_back` just before emitting ``finished``.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread


def start(job: QObject, parent: QObject, on_thread_finished: Callable[[], None] | None = None) -> QThread:
    """Run ``job`` on a new thread owned by ``parent``; the thread quits when the job finishes.

    The caller keeps a reference to ``job`` until the thread has finished (the job comes back
    to the GUI thread at its end and is deleted when that reference goes).

    ``on_thread_finished`` is connected before the thread starts, so it cannot be missed.
    """
    thread = QThread(parent)
    job.moveToThread(thread)
    thread.started.connect(job.run)  # type: ignore[attr-defined]
    # quit() is thread-safe: called directly on the worker thread, the thread ends even while
    # the GUI thread is blocked in QThread.wait() (queued, it would wait for the GUI forever)
    job.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)  # type: ignore[attr-defined]
    if on_thread_finished is not None:
        thread.finished.connect(on_thread_finished)
    thread.finished.connect(thread.deleteLater)
    thread.start()
    return thread


def hand_back(job: QObject) -> None:
    """Move ``job`` back to the GUI thread (called on its thread as it ends): its owner drops it
    there, so it is never deleted on one thread while the other still uses it."""
    application = QCoreApplication.instance()
    if application is not None:
        job.moveToThread(application.thread())
