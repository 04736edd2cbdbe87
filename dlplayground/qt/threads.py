"""Objects that own a running QThread are shut down before the process ends.

A QThread destroyed while it runs aborts the process ("QThread: Destroyed while thread is still
running"). Owners register here when their thread starts and leave when it has stopped; at
interpreter exit, whatever the exit path (a script that never ran the event loop, an
exception), every owner still registered gets its ``shutdown()`` called.
"""

from __future__ import annotations

import atexit
import weakref
from typing import Protocol


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
