"""Training objectives: what one optimisation step computes, for one network or several.

An :class:`Objective` owns the networks it trains and one optimiser per network, and knows how
to take a step: :meth:`Objective.backward` computes every gradient of the step and returns its
loss, :meth:`Objective.step` applies them. The :class:`~dlplayground.training.trainer.Trainer`
only calls these two, between them fires ``BACKWARD_COMPLETED`` (where the non-finite-loss
guard and gradient logging run), and never looks at how many networks there are. A new kind
of training (a GAN's generator and discriminator, a VAE's reconstruction and prior terms) is
therefore a new subclass here, not a branch in the loop. An objective whose networks update
one after another (a GAN's discriminator before its generator) applies the earlier updates
inside :meth:`~Objective.backward` and leaves the last one to :meth:`~Objective.step`.

:class:`SupervisedObjective` is the playground's own: one network, one loss from ``torch.nn``.
One dataset can be trained with several losses (cross-entropy on class labels, MSE on one-hot
targets, BCE on a single logit), which is part of what the playground teaches:
:func:`make_objective` checks that the model's output fits the loss and the dataset and plans
how the dataset's labels become that loss's targets (:class:`SupervisedLoss`), described by
name so that the training-script export can write the same as code.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Callable, Mapping

import torch
from torch import nn

from dlplayground.data.dataset import Dataset
from dlplayground.training.config import TrainingConfig
from dlplayground.training.optimizers import make_optimizer
from dlplayground.training.targets import decision, plan_targets

Shape = tuple[int, ...]
Predictor = Callable[[torch.Tensor], torch.Tensor]


@dataclass(frozen=True)
class SupervisedLoss:
    """A loss with its target encoding.

    Attributes:
        loss: the ``torch.nn`` loss module (mean reduction).
        targets: how dataset targets become what the loss compares with: ``same`` (labels or
            values as they are), ``column`` (labels as floats ``[N, 1]``, one binary logit) or
            ``one_hot`` (``[N, classes]`` floats).
        classes: number of classes (0 for regression).
        decision: how outputs become class labels: ``argmax``, ``logit`` (one output, > 0),
            ``probability`` (one output, > 0.5); None for regression.
    """

    loss: nn.Module
    targets: str
    classes: int = 0
    decision: str | None = None

    def encode(self, y: torch.Tensor) -> torch.Tensor:
        if self.targets == "column":
            return y.float().unsqueeze(1)
        if self.targets == "one_hot":
            return nn.functional.one_hot(y, self.classes).float()
        return y

    @property
    def predict(self) -> Predictor | None:
        """Outputs ``[N, K]`` -> class labels, for classifiers (None for regression)."""
        return None if self.decision is None else _DECISIONS[self.decision]


class Objective(ABC):
    """What a training step optimises: named networks, one optimiser each, a step in two halves.

    Attributes:
        networks: the trained modules by role (``model``; a GAN: ``generator``, ``discriminator``).
        optimizers: one optimiser per entry of ``networks``, by the same names.
    """

    networks: Mapping[str, nn.Module]
    optimizers: Mapping[str, torch.optim.Optimizer]
    #: extra ``metrics.csv`` columns the objective reports (see :meth:`epoch_extras`)
    columns: tuple[str, ...] = ()

    @abstractmethod
    def backward(self, inputs: torch.Tensor, targets: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor | None]:
        """Compute the step's gradients; return its loss (a scalar tensor) and the batch's
        outputs when they count towards the epoch's accuracy (else None)."""

    def step(self) -> None:
        """Apply the gradients :meth:`backward` computed."""
        for optimizer in self.optimizers.values():
            optimizer.step()

    @abstractmethod
    def evaluate(self, inputs: torch.Tensor, targets: torch.Tensor) -> tuple[float, torch.Tensor | None]:
        """Mean loss on a batch (no gradients, eval mode set by the caller) and its outputs."""

    def encode(self, labels: torch.Tensor) -> torch.Tensor:
        """Dataset labels -> what :meth:`backward` takes as targets (once, before training)."""
        return labels

    @property
    def predict(self) -> Predictor | None:
        """Outputs -> class labels, for objectives that classify (accuracy); else None."""
        return None

    def epoch_extras(self) -> dict[str, float]:
        """The :attr:`columns` averaged over the epoch's steps (then reset); empty without columns."""
        return {}


class SupervisedObjective(Objective):
    """One network trained on (input, target) pairs with one loss and one optimiser."""

    def __init__(self, model: nn.Module, loss: SupervisedLoss, optimizer: torch.optim.Optimizer) -> None:
        self.model, self.plan = model, loss
        self.networks = {"model": model}
        self.optimizers = {"model": optimizer}
        # bound once: a step of a tiny model spends as long in Python as in its kernels
        self._loss_fn, self._optimizer = loss.loss, optimizer
        self._keep_outputs = loss.decision is not None

    @classmethod
    def build(cls, model: nn.Module, loss: SupervisedLoss, config: TrainingConfig) -> "SupervisedObjective":
        """The optimiser the settings name, over ``model``'s parameters."""
        return cls(model, loss, make_optimizer(config.optimizer, model.parameters(), config.optimizer_args))

    def backward(self, inputs: torch.Tensor, targets: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor | None]:
        self._optimizer.zero_grad(set_to_none=True)
        outputs = self.model(inputs)
        loss = self._loss_fn(outputs, targets)
        loss.backward()
        return loss, outputs.detach() if self._keep_outputs else None

    def step(self) -> None:
        self._optimizer.step()

    def evaluate(self, inputs: torch.Tensor, targets: torch.Tensor) -> tuple[float, torch.Tensor | None]:
        outputs = self.model(inputs)
        return self._loss_fn(outputs, targets).item(), outputs

    def encode(self, labels: torch.Tensor) -> torch.Tensor:
        return self.plan.encode(labels)

    @property
    def predict(self) -> Predictor | None:
        return self.plan.predict


def make_objective(config: TrainingConfig, dataset: Dataset, output_shape: Shape,
                   output_source: str = "the last layer") -> SupervisedLoss:
    """Check that ``output_shape`` suits ``config.loss`` and ``dataset``; plan the loss.

    Raises:
        TrainingConfigError: naming the loss, the shapes and what to change.
    """
    targets, decided = plan_targets(config.loss, dataset, output_shape, output_source)
    classes = dataset.num_classes if dataset.is_classification else 0
    return SupervisedLoss(getattr(nn, config.loss)(), targets, classes, decided)


def predictor(loss_name: str, outputs_per_sample: int) -> Predictor:
    """Outputs ``[N, K]`` -> class labels under ``loss_name`` (see :func:`decision`). Accuracy,
    the confusion matrix and anything else that counts correct predictions use this."""
    return _DECISIONS[decision(loss_name, outputs_per_sample)]


_DECISIONS: dict[str, Predictor] = {
    "argmax": lambda outputs: outputs.argmax(dim=1),
    "logit": lambda outputs: (outputs[:, 0] > 0.0).long(),
    "probability": lambda outputs: (outputs[:, 0] > 0.5).long(),
}
