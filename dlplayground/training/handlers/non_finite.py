"""The non-finite-loss guard: a NaN or infinite loss ends the run with the last good weights.

Checked after the backward pass (``BACKWARD_COMPLETED``), before the optimisers apply the
step, so the step that would spread NaN through the weights is never taken; the weights of the
last complete epoch (or the initial ones) are put back, so what is saved is never NaN.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from dlplayground.graph.text import tx
from dlplayground.training.events import Events

if TYPE_CHECKING:
    from dlplayground.training.trainer import Trainer


class NonFiniteGuard:
    """Stops a trainer whose step loss (``state.output``) is not finite."""

    def __init__(self) -> None:
        self._good: dict | None = None

    def attach(self, trainer: "Trainer") -> "NonFiniteGuard":
        trainer.on(Events.STARTED, self._remember)
        trainer.on(Events.EPOCH_COMPLETED, self._remember)
        trainer.on(Events.BACKWARD_COMPLETED, self._check)
        return self

    def _remember(self, trainer: "Trainer") -> None:
        self._good = trainer.weights_snapshot()

    def _check(self, trainer: "Trainer") -> None:
        state = trainer.state
        loss = state.output
        if math.isfinite(loss):
            return
        if self._good is not None:
            trainer.load_weights(self._good)
        epoch = state.epoch
        kept = tx("the weights of the end of epoch {epoch} were kept", epoch=epoch - 1) if epoch > 1 else \
            tx("the weights from before training were kept")
        trainer.stop("non_finite_loss", tx("the loss became {loss} at epoch {epoch}, step {step}: training stopped "
                                           "(a learning rate of {lr:g} may be too high); {kept}", loss=loss,
                                           epoch=epoch, step=state.iteration + 1, lr=state.lr, kept=kept))
