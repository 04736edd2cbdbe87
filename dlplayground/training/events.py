"""Trainer events and handler registration, in the style of PyTorch Ignite.

Handlers run on the training thread, in registration order, with the trainer as their only
argument. ``every=n`` fires a handler on every n-th occurrence of its event (counted per
handler), which is how the window throttles its updates.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, Callable

Handler = Callable[[Any], None]


class Events(str, Enum):
    STARTED = "started"
    EPOCH_STARTED = "epoch_started"
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
        self._handlers: dict[Events, list[tuple[Handler, int, list[int]]]] = {e: [] for e in Events}

    def on(self, event: Events, handler: Handler | None = None, *, every: int = 1):
        """Register ``handler`` for ``event``; usable as a decorator when ``handler`` is omitted."""
        if every < 1:
            raise ValueError(f"every must be >= 1, got {every}")

        def register(function: Handler) -> Handler:
            self._handlers[event].append((function, every, [0]))
            return function

        return register(handler) if handler is not None else register

    def remove(self, event: Events, handler: Handler) -> None:
        self._handlers[event] = [h for h in self._handlers[event] if h[0] is not handler]

    def has_handlers(self, event: Events) -> bool:
        return bool(self._handlers[event])

    def fire(self, event: Events, subject: Any) -> None:
        for function, every, counter in self._handlers[event]:
            counter[0] += 1
            if counter[0] % every == 0:
                function(subject)
