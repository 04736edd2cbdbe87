"""The trainer's features as event handlers: each attaches itself to a trainer's events.

The loop in :mod:`dlplayground.training.trainer` only runs steps and fires events; what a run
does beyond that lives here, one feature per module, as pytorch-ignite's handlers do:

- :mod:`.non_finite`: stop on a NaN or infinite loss and keep the last good weights;
- :mod:`.gradient_logging`: per-layer gradient and weight norms every ``log_every`` steps;
- :mod:`.schedulers`: step the learning-rate schedule per step or per epoch;
- :mod:`.early_stopping`: stop when the monitored metric stalls, restoring the best weights.

:func:`attach_defaults` attaches what the settings ask for; the Trainer calls it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dlplayground.training.handlers.early_stopping import EarlyStopper
from dlplayground.training.handlers.gradient_logging import GradientLogger
from dlplayground.training.handlers.non_finite import NonFiniteGuard
from dlplayground.training.handlers.schedulers import SchedulerStepper

if TYPE_CHECKING:
    from dlplayground.training.trainer import Trainer


def attach_defaults(trainer: "Trainer") -> None:
    """Attach the handlers every run has, as ``trainer.config`` configures them.

    The guard comes before gradient logging (a non-finite step is not logged), and both before
    any handler the caller adds; the scheduler and early stopping run after the caller's epoch
    handlers (``LATE``), so observers see an epoch before it may end the run.
    """
    NonFiniteGuard().attach(trainer)
    GradientLogger(trainer.model, trainer.log_every, trainer.keep_gradient_log).attach(trainer)
    if trainer.config.early_stopping is not None:
        EarlyStopper(trainer.config.early_stopping).attach(trainer)
    SchedulerStepper.from_config(trainer).attach(trainer)


__all__ = ["EarlyStopper", "GradientLogger", "NonFiniteGuard", "SchedulerStepper", "attach_defaults"]
