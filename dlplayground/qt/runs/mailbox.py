"""The progress mailbox: how a training thread hands updates to the GUI thread.

Updates are *pulled*: the training thread accumulates what happened into the pending payload
and calls :meth:`ProgressMailbox.notify`, which emits a notice only when no earlier notice is
waiting; the GUI thread answers with :meth:`ProgressMailbox.take`. So at most one notice is ever
queued, :meth:`maybe_notify` sends at most one every :data:`UPDATE_INTERVAL`, and nothing is lost
however slow the window is.
"""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Callable, Generic, Iterator, TypeVar

#: seconds between two progress notices to the window (at most ~20 a second)
UPDATE_INTERVAL = 0.05

T = TypeVar("T")


class ProgressMailbox(Generic[T]):
    """One pending payload of type ``T`` shared by a training thread and the GUI thread.

    Args:
        announce: emits the notice (a Qt signal's ``emit``; queued to the GUI thread).
        continued: the empty payload that goes on from a taken one (its counters, no rows).
        refresh: brings the pending payload up to date just before a notice (under the lock).
    """

    def __init__(self, announce: Callable[[], None], continued: Callable[[T], T],
                 refresh: Callable[[T], None] | None = None) -> None:
        self.lock = threading.Lock()
        self._announce, self._continued, self._refresh = announce, continued, refresh
        self._pending: T | None = None
        self._waiting = False
        self._last = 0.0

    def reset(self, payload: T | None, refresh: Callable[[T], None] | None = None) -> None:
        """Start a new run's updates from ``payload`` (None: no run)."""
        with self.lock:
            self._pending, self._waiting = payload, False
            if refresh is not None:
                self._refresh = refresh

    @contextmanager
    def pending(self) -> Iterator[T]:
        """The pending payload, locked, for the training thread to add to."""
        with self.lock:
            assert self._pending is not None, "no run is being reported"
            yield self._pending

    def maybe_notify(self, now: bool = False) -> None:
        """Notify if the last notice is old enough, or ``now`` (a pause is about to hold the run)."""
        if now or time.perf_counter() - self._last >= UPDATE_INTERVAL:
            self.notify()

    def notify(self) -> None:
        """Tell the window an update is waiting, unless a notice is already on its way."""
        with self.lock:
            if self._pending is None:
                return
            if self._refresh is not None:  # before the waiting check: a waiting notice carries it too
                self._refresh(self._pending)
            if self._waiting:
                return
            self._waiting = True
        self._last = time.perf_counter()
        self._announce()

    def take(self) -> T | None:
        """Everything since the last take (GUI thread), or None."""
        with self.lock:
            payload = self._pending
            self._waiting = False
            if payload is not None:
                self._pending = self._continued(payload)
            return payload
