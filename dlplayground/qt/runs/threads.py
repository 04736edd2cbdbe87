"""The one owner of the window's worker threads.

:class:`WorkerThread` creates a QThread, moves a worker onto it, starts it and, on
:meth:`~WorkerThread.shutdown`, asks the worker to stop, quits and waits (never
``QThread.terminate()``). A QThread destroyed while it runs aborts the process ("QThread:
Destroyed while thread is still running"), so every running owner is registered here and, at
interpreter exit, whatever the exit path (a script that never ran the event loop, an
exception), gets its ``shutdown()`` called. Owners of plain Python threads register with
:func:`thread_started` and :func:`thread_stopped` too.
"""

from __future__ import annotations

import atexit
import weakref
from typing import Callable, Protocol

from PySide6.QtCore import QMetaMethod, QObject, QThread


class ThreadOwner(Protocol):
    def shutdown(self) -> None: ...


_RUNNING: weakref.WeakSet = weakref.WeakSet()


def thread_started(owner: ThreadOwner) -> None:
    _RUNNING.add(owner)


def thread_stopped(owner: ThreadOwner) -> None:
    _RUNNING.discard(owner)


@atexit.register
def _shutdown_all() -> None:
    for owner in list(_RUNNING):
        try:
            owner.shutdown()
        except RuntimeError:  # its Qt objects are already gone, and their thread with them
            pass


def connect_by_name(sender: QObject, receiver: QObject) -> list[str]:
    """Connect each signal ``x`` of ``sender`` to ``receiver._on_x`` where it has one, as
    ``QMetaObject.connectSlotsByName`` does for a form's children; return the names connected."""
    connected = []
    meta = sender.metaObject()
    for index in range(meta.methodCount()):
        method = meta.method(index)
        if method.methodType() != QMetaMethod.MethodType.Signal:
            continue
        name = bytes(method.name().data()).decode()
        slot = getattr(receiver, f"_on_{name}", None)
        if slot is not None and name not in connected:
            getattr(sender, name).connect(slot)
            connected.append(name)
    return connected


class WorkerThread:
    """A worker QObject living on its own QThread, started at once.

    Args:
        parent: the QThread's parent, the worker's owner: each signal ``x`` of the worker is
            connected to the owner's ``_on_x`` (:func:`connect_by_name`; queued to its thread).
        name: the thread's name (seen in debuggers and crash reports).
        worker: the QObject to move.
        stop: makes the worker's current job end soon (called from the GUI thread on shutdown).
    """

    def __init__(self, parent: QObject, name: str, worker: QObject, stop: Callable[[], None] | None = None) -> None:
        connect_by_name(worker, parent)
        self.thread: QThread | None = QThread(parent)
        self.thread.setObjectName(name)
        self.worker: QObject | None = worker
        self._stop = stop
        worker.moveToThread(self.thread)
        self.thread.start()
        thread_started(self)

    @property
    def running(self) -> bool:
        return self.thread is not None

    def shutdown(self) -> None:
        """Stop the worker's job, end the thread and wait for it. Idempotent."""
        if self.thread is None:
            return
        if self._stop is not None:
            self._stop()
        self.thread.quit()
        self.thread.wait()  # the job ends soon after stop(); never terminate()
        thread_stopped(self)
        self.thread = None
        self.worker = None  # its thread has finished: it may be deleted from here
