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
from dlplayground.layers.shapes import fmt
from dlplayground.training.config import TrainingConfig, TrainingConfigError

Shape = tuple[int, ...]
_REGRESSION_LOSSES = {"MSELoss", "L1Loss", "HuberLoss", "SmoothL1Loss"}
_BINARY_LOSSES = {"BCEWithLogitsLoss", "BCELoss"}


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
    loss = getattr(nn, config.loss)()
    name = config.loss
    where = f"training.loss {name}"
    if not dataset.is_classification:
        if name not in _REGRESSION_LOSSES:
            raise TrainingConfigError(
                f"{where}: the dataset '{dataset.name}' is a regression task; use MSELoss, L1Loss or HuberLoss"
            )
        if tuple(output_shape) != dataset.target_shape:
            raise TrainingConfigError(
                f"{where}: the model outputs {fmt(output_shape)} per sample but the targets are "
                f"{fmt(dataset.target_shape)}: make '{output_source}' output {fmt(dataset.target_shape)}"
            )
        return Objective(loss, "same")

    classes = dataset.num_classes
    if name == "CrossEntropyLoss":
        _need_output(output_shape, (classes,), where, output_source, f"one score per class ({classes})")
        return Objective(loss, "same", classes, decision(name, classes))
    if name in _BINARY_LOSSES:
        if tuple(output_shape) == (1,) and classes == 2:
            return Objective(loss, "column", classes, decision(name, 1))
        if tuple(output_shape) == (classes,):
            return Objective(loss, "one_hot", classes, decision(name, classes))
        raise TrainingConfigError(
            f"{where}: the model outputs {fmt(output_shape)} per sample; with {classes} classes it needs "
            + ("[1] (one logit) or " if classes == 2 else "")
            + f"[{classes}] (one per class): change '{output_source}'"
        )
    _need_output(output_shape, (classes,), where, output_source, f"one value per class ({classes}, one-hot targets)")
    return Objective(loss, "one_hot", classes, decision(name, classes))


def decision(loss_name: str, outputs_per_sample: int) -> str:
    """How a classifier's outputs become labels under ``loss_name``: a single output is
    thresholded (a logit at 0, a probability at 0.5), several are arg-maxed."""
    if outputs_per_sample != 1:
        return "argmax"
    return "logit" if loss_name == "BCEWithLogitsLoss" else "probability"


def predictor(loss_name: str, outputs_per_sample: int) -> Callable[[torch.Tensor], torch.Tensor]:
    """Outputs ``[N, K]`` -> class labels under ``loss_name`` (see :func:`decision`). Accuracy,
    the confusion matrix and anything else that counts correct predictions use this."""
    return _DECISIONS[decision(loss_name, outputs_per_sample)]


def _need_output(shape: Shape, wanted: Shape, where: str, source: str, what: str) -> None:
    if tuple(shape) != wanted:
        raise TrainingConfigError(
            f"{where}: the model outputs {fmt(shape)} per sample but needs {fmt(wanted)}, {what}: "
            f"change '{source}'"
        )


_DECISIONS: dict[str, Callable[[torch.Tensor], torch.Tensor]] = {
    "argmax": lambda outputs: outputs.argmax(dim=1),
    "logit": lambda outputs: (outputs[:, 0] > 0.0).long(),
    "probability": lambda outputs: (outputs[:, 0] > 0.5).long(),
}
