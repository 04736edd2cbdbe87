"""The objective of one rank of a data-parallel run (see :mod:`~dlplayground.training.data_parallel`).

:class:`DataParallelObjective` wraps the playground's :class:`SupervisedObjective` so that the
Trainer's loop stays as it is for one process: it is handed the global batch, trains this
rank's part of it through DistributedDataParallel with the loss weighted by the part's share,
and returns the global batch's mean loss (the same on every rank, so the non-finite guard, early
stopping and the schedule decide alike everywhere). The outputs it returns are this rank's; the
Trainer compares their predictions with this rank's labels through ``parallel.train_accuracy``.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import torch
from torch import nn

from dlplayground.graph.text import tx
from dlplayground.training.config import TrainingConfigError
from dlplayground.training.objective import Objective, Predictor, SupervisedObjective


class _ShareOfGlobalMean(nn.Module):
    """A mean loss over this rank's part, weighted as ``parallel.scaled_loss`` says for the
    current step (unweighted while evaluating)."""

    def __init__(self, loss: nn.Module, owner: "DataParallelObjective") -> None:
        super().__init__()
        self.loss, self.owner = loss, owner

    def forward(self, outputs: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
        total = self.owner.global_batch
        if total is None:  # evaluation: the plain mean over the samples given
            return self.loss(outputs, targets)
        count = len(outputs)
        loss = self.loss(outputs, targets) if count else None
        return self.owner.parallel.scaled_loss(loss, outputs, count, total)


class DataParallelObjective(Objective):
    """One rank's share of a :class:`SupervisedObjective`'s steps."""

    def __init__(self, objective: Objective, parallel: Any) -> None:
        if not isinstance(objective, SupervisedObjective):
            raise TrainingConfigError(tx("training on several processes supports one network trained on a loss; "
                                         "{objective} trains in one process only",
                                         objective=type(objective).__name__))
        self.parallel = parallel
        #: the size of the global batch of the step in progress (None outside a step)
        self.global_batch: int | None = None
        network = parallel.wrap(objective.model)  # BatchNorm made global, DDP around the model
        plan = dataclasses.replace(objective.plan, loss=_ShareOfGlobalMean(objective.plan.loss, self))
        self.inner = SupervisedObjective(network, plan, objective.optimizers["model"])
        self.networks = self.inner.networks
        self.optimizers = self.inner.optimizers

    def backward(self, inputs: torch.Tensor, targets: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor | None]:
        self.global_batch = len(inputs)
        try:
            scaled, outputs = self.inner.backward(self.parallel.shard(inputs), self.parallel.shard(targets))
        finally:
            self.global_batch = None
        return self.parallel.mean_over_ranks(scaled), outputs

    def step(self) -> None:
        self.inner.step()

    def evaluate(self, inputs: torch.Tensor, targets: torch.Tensor) -> tuple[float, torch.Tensor | None]:
        return self.inner.evaluate(inputs, targets)

    def encode(self, labels: torch.Tensor) -> torch.Tensor:
        return self.inner.encode(labels)

    @property
    def predict(self) -> Predictor | None:
        return self.inner.predict
