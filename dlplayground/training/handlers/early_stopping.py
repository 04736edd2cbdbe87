"""Early stopping: end the run when the monitored metric has stopped improving.

After each epoch (once the caller's handlers have seen it) the monitored value is compared
with the best so far; ``patience`` epochs without an improvement of more than ``min_delta``
stop the run, and with ``restore_best`` the weights of the best epoch are put back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dlplayground.graph.text import tx
from dlplayground.training.config import EarlyStopping
from dlplayground.training.events import LATE, Events

if TYPE_CHECKING:
    from dlplayground.training.trainer import Trainer


class EarlyStopper:
    """Watches ``settings.monitor`` after every epoch and stops the trainer when it stalls."""

    def __init__(self, settings: EarlyStopping) -> None:
        self.settings = settings
        self.best_value: float | None = None
        self.since_best = 0
        self._best_weights: dict | None = None

    def attach(self, trainer: "Trainer") -> "EarlyStopper":
        trainer.on(Events.EPOCH_COMPLETED, self._check, priority=LATE)
        return self

    def _check(self, trainer: "Trainer") -> None:
        early, state = self.settings, trainer.state
        if state.stop_reason is not None:
            return
        value = getattr(state.history[-1], early.monitor)
        if value is not None and improved(value, self.best_value, early.min_delta, early.maximise):
            self.best_value, self.since_best, state.best_epoch = value, 0, state.epoch
            self._best_weights = trainer.weights_snapshot() if early.restore_best else None
            return
        self.since_best += 1
        if self.since_best < early.patience:
            return
        message = tx("stopped early at epoch {epoch}: {monitor} has not improved for {patience} epochs (best at "
                     "epoch {best})", epoch=state.epoch, monitor=early.monitor, patience=early.patience,
                     best=state.best_epoch)
        if self._best_weights is not None:
            trainer.load_weights(self._best_weights)
            message = tx("{message}; the best weights were restored", message=message)
        trainer.stop("early_stopping", message)


def improved(value: float, best: float | None, min_delta: float, maximise: bool) -> bool:
    if best is None:
        return True
    return value > best + min_delta if maximise else value < best - min_delta
