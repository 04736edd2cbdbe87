"""Learning-rate schedules as a trainer handler.

Whether a schedule steps after every optimisation step or after every epoch (and whether it
takes the monitored loss) is decided by the settings
(:attr:`~dlplayground.training.config.TrainingConfig.scheduler_interval`), which the
training-script export reads as well. One scheduler per optimiser of the objective.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import torch

from dlplayground.graph.text import tx
from dlplayground.training.config import TrainingConfig, TrainingConfigError
from dlplayground.training.events import EARLY, LATE, Events

if TYPE_CHECKING:
    from dlplayground.training.trainer import Trainer


def make_scheduler(config: TrainingConfig, optimizer: torch.optim.Optimizer, steps_per_epoch: int) -> Any:
    """The scheduler the settings name on ``optimizer`` (None without one).

    Raises:
        TrainingConfigError: an argument torch refuses, naming the scheduler.
    """
    name = config.scheduler
    if name is None:
        return None
    args = dict(config.scheduler_args)
    if name == "OneCycleLR":
        args.setdefault("max_lr", config.lr)
        args.setdefault("total_steps", steps_per_epoch * config.epochs)
    try:
        return getattr(torch.optim.lr_scheduler, name)(optimizer, **args)
    except (TypeError, ValueError) as exc:
        raise TrainingConfigError(tx("training.scheduler: {name}: {error}", name=name, error=str(exc))) from None


class SchedulerStepper:
    """Steps schedulers and keeps ``state.lr`` (the first optimiser's rate) current.

    Args:
        schedulers: one per optimiser (may be empty: then it does nothing).
        interval: ``step``, ``epoch`` or ``plateau`` (see ``TrainingConfig.scheduler_interval``).
    """

    def __init__(self, schedulers: list[Any], interval: str | None) -> None:
        self.schedulers, self.interval = schedulers, interval

    @classmethod
    def from_config(cls, trainer: "Trainer") -> "SchedulerStepper":
        steps = trainer.state.steps_per_epoch
        found = [make_scheduler(trainer.config, optimizer, steps)
                 for optimizer in trainer.objective.optimizers.values()]
        return cls([s for s in found if s is not None], trainer.config.scheduler_interval)

    def attach(self, trainer: "Trainer") -> "SchedulerStepper":
        if not self.schedulers:
            return self
        if self.interval == "step":
            # before the caller's handlers: they read the rate the next step will use
            trainer.on(Events.ITERATION_COMPLETED, self._step, priority=EARLY)
        else:
            # after the caller's epoch handlers and early stopping: the epoch's row keeps the
            # rate it was trained with, and a run that stops is not stepped
            trainer.on(Events.EPOCH_COMPLETED, self._epoch, priority=LATE + 1)
        return self

    def _step(self, trainer: "Trainer") -> None:
        for scheduler in self.schedulers:
            scheduler.step()
        trainer.state.lr = trainer.optimizer.param_groups[0]["lr"]

    def _epoch(self, trainer: "Trainer") -> None:
        state = trainer.state
        if state.stop_reason is not None:
            return
        if self.interval == "plateau":
            metrics = state.history[-1]
            monitored = metrics.val_loss if metrics.val_loss is not None else metrics.train_loss
            for scheduler in self.schedulers:
                scheduler.step(monitored)
        else:
            for scheduler in self.schedulers:
                scheduler.step()
        state.lr = trainer.optimizer.param_groups[0]["lr"]
