"""Trainer events and handler registration, in the style of PyTorch Ignite.

Handlers run on the training thread with the trainer as their only argument: first by
``priority`` (lower first), then in registration order. ``every=n`` fires a handler on every
n-th occurrence of its event (counted per handler), which is how the window throttles its
updates.

The trainer's own features (the non-finite-loss guard, gradient logging, schedulers, early
stopping) are handlers too (:mod:`dlplayground.training.handlers`). Those that act on the
outcome of an event (step the learning rate, stop the run) register with :data:`LATE`, so the
observers registered by the caller (run folders, plots) see the epoch as it ended first.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, Callable

Handler = Callable[[Any], None]

#: priority of handlers that must run before the caller's (they update what observers read)
EARLY = -100
#: priority of handlers that decide on what the observers have just seen (stop, step a schedule)
LATE = 100


class Events(str, Enum):
    STARTED = "started"
    EPOCH_STARTED = "epoch_started"
    #: the step's gradients are computed, before the optimisers apply them (``state.output``
    #: holds the step's loss); a handler may stop the run here and the step is not applied
    BACKWARD_COMPLETED = "backward_completed"
    ITERATION_COMPLETED = "iteration_completed"
    #: gradient and weight norms per layer were recorded (``trainer.state.gradients``)
    GRADIENTS_LOGGED = "gradients_logged"
    EPOCH_COMPLETED = "epoch_completed"
    #: the run ended: all epochs done, stopped early, terminated, or the loss became non-finite
    COMPLETED = "completed"
    EXCEPTION_RAISED = "exception_raised"


class EventDispatcher:
    """Registers handlers per event and fires them."""

    def __init__(self) -> None:
        # per event: (priority, handler, every, [count]); kept sorted by priority, stable
        self._handlers: dict[Events, list[tuple[int, Handler, int, list[int]]]] = {e: [] for e in Events}

    def on(self, event: Events, handler: Handler | None = None, *, every: int = 1, priority: int = 0) -> Any:
        """Register ``handler`` for ``event``; usable as a decorator when ``handler`` is omitted."""
        if every < 1:
            raise ValueError(f"every must be >= 1, got {every}")

        def register(function: Handler) -> Handler:
            entries = self._handlers[event]
            at = len(entries)
            while at > 0 and entries[at - 1][0] > priority:
                at -= 1
            entries.insert(at, (priority, function, every, [0]))
            return function

        return register(handler) if handler is not None else register

    def remove(self, event: Events, handler: Handler) -> None:
        self._handlers[event] = [h for h in self._handlers[event] if h[1] is not handler]

    def has_handlers(self, event: Events) -> bool:
        return bool(self._handlers[event])

    def fire(self, event: Events, subject: Any) -> None:
        for _, function, every, counter in self._handlers[event]:
            counter[0] += 1
            if counter[0] % every == 0:
                function(subject)
