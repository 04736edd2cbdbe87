"""Work the window does on a background thread, of which only the latest request's result counts.

A panel that shows what a setting leads to (the data preview loading a dataset) asks again each
time the setting changes; an answer to a question the user has since changed is of no use. A
:class:`LatestOnly` runs one request at a time on a daemon thread (a load cannot be interrupted
halfway, and two at once would only compete for the CPU); a request made meanwhile waits, and
replaces any request already waiting; only the result of the newest request is delivered, on
the GUI thread.

The threads report through one relay object that lives on the GUI thread for the whole process,
never through the panel itself: a panel closed while its load runs is deleted without a thread
still holding it, and Qt drops the relay's connection to it.
"""

from __future__ import annotations

import itertools
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

_keys = itertools.count(1)


class _Relay(QObject):
    """Carries a finished request from its thread to the GUI thread (queued)."""

    delivered = Signal(int, int, bool, object)  # requester's key, request serial, ok, result or error


_relay: _Relay | None = None


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:  # made on the GUI thread, by the first LatestOnly
        _relay = _Relay()
    return _relay


class LatestOnly(QObject):
    """Runs requests on a background thread, one at a time; delivers the latest one's result.

    Signals:
        finished(object): the newest request's result (on the GUI thread).
        failed(object): the newest request raised this exception (its traceback went to stderr).
    """

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._key = next(_keys)
        self._serial = 0
        self._current = 0  # the serial of the request running
        self._running = False
        self._waiting: tuple[int, Callable[..., Any], tuple[Any, ...]] | None = None
        _the_relay().delivered.connect(self._delivered)

    @property
    def busy(self) -> bool:
        """Whether a request is running or waiting whose result will be delivered."""
        return self._running and (self._waiting is not None or self._current == self._serial)

    def request(self, function: Callable[..., Any], *args: Any) -> None:
        """Run ``function(*args)`` in the background; any earlier request's result is dropped."""
        self._serial += 1
        job = (self._serial, function, args)
        if self._running:
            self._waiting = job  # starts when the running one ends
        else:
            self._start(job)

    def forget(self) -> None:
        """Drop the result of every request made so far (nothing will be delivered for them)."""
        self._serial += 1
        self._waiting = None

    def _start(self, job: tuple[int, Callable[..., Any], tuple[Any, ...]]) -> None:
        self._running = True
        self._current = job[0]
        threading.Thread(target=_work, args=(self._key, *job), name=f"dlplayground-{self._name}",
                         daemon=True).start()

    def _delivered(self, key: int, serial: int, ok: bool, outcome: object) -> None:
        if key != self._key:
            return
        self._running = False
        if self._waiting is not None:
            job, self._waiting = self._waiting, None
            self._start(job)  # this result is stale: a newer request was made meanwhile
            return
        if serial != self._serial:
            return  # forgotten
        if ok:
            self.finished.emit(outcome)
        else:
            self.failed.emit(outcome)


def _work(key: int, serial: int, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        result, ok = function(*args), True
    except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which reports it
        traceback.print_exception(exc)
        result, ok = exc, False
    relay = _relay
    if relay is not None:
        relay.delivered.emit(key, serial, ok, result)


__all__ = ["LatestOnly"]
