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


@dataclass
class Objective:
    """A loss with its target encoding.

    Attributes:
        loss: the ``torch.nn`` loss module (mean reduction).
        encode: dataset targets (numpy-derived tensor) -> the tensor the loss compares with.
        predict: outputs -> predicted class labels, for classifiers (None for regression).
    """

    loss: nn.Module
    encode: Callable[[torch.Tensor], torch.Tensor]
    predict: Callable[[torch.Tensor], torch.Tensor] | None


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
        return Objective(loss, lambda y: y, None)

    classes = dataset.num_classes
    if name == "CrossEntropyLoss":
        _need_output(output_shape, (classes,), where, output_source, f"one score per class ({classes})")
        return Objective(loss, lambda y: y, predictor(name, classes))
    if name in _BINARY_LOSSES:
        if tuple(output_shape) == (1,) and classes == 2:
            return Objective(loss, lambda y: y.float().unsqueeze(1), predictor(name, 1))
        if tuple(output_shape) == (classes,):
            return Objective(loss, lambda y: _one_hot(y, classes), predictor(name, classes))
        raise TrainingConfigError(
            f"{where}: the model outputs {fmt(output_shape)} per sample; with {classes} classes it needs "
            + ("[1] (one logit) or " if classes == 2 else "")
            + f"[{classes}] (one per class): change '{output_source}'"
        )
    _need_output(output_shape, (classes,), where, output_source, f"one value per class ({classes}, one-hot targets)")
    return Objective(loss, lambda y: _one_hot(y, classes), predictor(name, classes))


def predictor(loss_name: str, outputs_per_sample: int) -> Callable[[torch.Tensor], torch.Tensor]:
    """How a classifier's outputs ``[N, K]`` become class labels under ``loss_name``: a single
    output is thresholded (a logit at 0, a probability at 0.5), several are arg-maxed. Accuracy,
    the confusion matrix and anything else that counts correct predictions use this."""
    return _threshold(loss_name) if outputs_per_sample == 1 else _argmax


def _need_output(shape: Shape, wanted: Shape, where: str, source: str, what: str) -> None:
    if tuple(shape) != wanted:
        raise TrainingConfigError(
            f"{where}: the model outputs {fmt(shape)} per sample but needs {fmt(wanted)}, {what}: "
            f"change '{source}'"
        )


def _one_hot(y: torch.Tensor, classes: int) -> torch.Tensor:
    return nn.functional.one_hot(y, classes).float()


def _argmax(outputs: torch.Tensor) -> torch.Tensor:
    return outputs.argmax(dim=1)


def _threshold(loss_name: str) -> Callable[[torch.Tensor], torch.Tensor]:
    # logits are split at 0, probabilities (BCELoss after a Sigmoid) at 0.5
    threshold = 0.0 if loss_name == "BCEWithLogitsLoss" else 0.5

    def predict(outputs: torch.Tensor) -> torch.Tensor:
        return (outputs[:, 0] > threshold).long()

    return predict
