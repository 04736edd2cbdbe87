"""Gradient logging: per-layer gradient and weight norms, recorded every ``log_every`` steps.

Recorded after the backward pass (the gradients exist) and before the optimiser's step (the
weight norms are those the gradients were computed for); the first step of every epoch is
always logged. Each record is put in ``state.gradients`` (and kept in ``state.gradient_log``
when asked) and announced with ``GRADIENTS_LOGGED``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dlplayground.compile.module import TRACING_LOCK, GraphModule
from dlplayground.training.events import Events
from dlplayground.training.gradients import GradientMonitor

if TYPE_CHECKING:
    from dlplayground.training.trainer import Trainer


class GradientLogger:
    """Records a :class:`~dlplayground.training.gradients.GradientRecord` every ``every`` steps
    of an epoch.

    Args:
        model: the network whose parametrised nodes are measured.
        every: steps between records, counted from each epoch's first step.
        keep: keep every record in ``state.gradient_log`` (else only the latest).
    """

    def __init__(self, model: GraphModule, every: int, keep: bool = True) -> None:
        if every < 1:
            raise ValueError(f"every must be >= 1, got {every}")
        self.monitor = GradientMonitor(model)
        self.every, self.keep = every, keep

    def attach(self, trainer: "Trainer") -> "GradientLogger":
        trainer.monitor = self.monitor  # the node ids the window's plots label their rows with
        trainer.on(Events.BACKWARD_COMPLETED, self._log)
        return self

    def _log(self, trainer: "Trainer") -> None:
        state = trainer.state
        if state.stop_reason is not None or state.epoch_iteration % self.every:
            return
        with TRACING_LOCK:
            state.gradients = self.monitor.record(state.iteration, state.epoch)
        if self.keep:
            state.gradient_log.append(state.gradients)
        trainer.fire(Events.GRADIENTS_LOGGED, trainer)
