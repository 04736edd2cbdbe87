"""The training objective: a loss, the targets it needs, and accuracy for classifiers.

One dataset can be trained with several losses (cross-entropy on class labels, MSE on one-hot
targets, BCE on a single logit), which is part of what the playground teaches. This module
checks that the model's output fits the loss and the dataset, and turns the dataset's labels
into the targets that loss expects, once, before training.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import torch
from torch import nn

from dlplayground.data.dataset import Dataset
from dlplayground.training.config import TrainingConfig
from dlplayground.training.targets import decision, plan_targets

Shape = tuple[int, ...]


@dataclass(frozen=True)
class Objective:
    """A loss with its target encoding, described by name so that it can also be written out as
    code (the training-script export).

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
    def predict(self) -> Callable[[torch.Tensor], torch.Tensor] | None:
        """Outputs ``[N, K]`` -> class labels, for classifiers (None for regression)."""
        return None if self.decision is None else _DECISIONS[self.decision]


def make_objective(config: TrainingConfig, dataset: Dataset, output_shape: Shape,
                   output_source: str = "the last layer") -> Objective:
    """Check that ``output_shape`` suits ``config.loss`` and ``dataset``; build the objective.

    Raises:
        TrainingConfigError: naming the loss, the shapes and what to change.
    """
    targets, decided = plan_targets(config.loss, dataset, output_shape, output_source)
    classes = dataset.num_classes if dataset.is_classification else 0
    return Objective(getattr(nn, config.loss)(), targets, classes, decided)


def predictor(loss_name: str, outputs_per_sample: int) -> Callable[[torch.Tensor], torch.Tensor]:
    """Outputs ``[N, K]`` -> class labels under ``loss_name`` (see :func:`decision`). Accuracy,
    the confusion matrix and anything else that counts correct predictions use this."""
    return _DECISIONS[decision(loss_name, outputs_per_sample)]


_DECISIONS: dict[str, Callable[[torch.Tensor], torch.Tensor]] = {
    "argmax": lambda outputs: outputs.argmax(dim=1),
    "logit": lambda outputs: (outputs[:, 0] > 0.0).long(),
    "probability": lambda outputs: (outputs[:, 0] > 0.5).long(),
}
