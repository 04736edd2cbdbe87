"""Which targets and predictions a loss needs, checked against the model's output and the
dataset without torch, so that the editor can flag a model that cannot train as it is drawn
(the same check :func:`~dlplayground.training.objective.make_objective` makes before training).
"""

from __future__ import annotations

from typing import Any, Mapping, Protocol

from dlplayground.compile.infer import Inference
from dlplayground.graph.document import Graph
from dlplayground.graph.problems import Problem, ProblemKind
from dlplayground.graph.text import message_of, tx
from dlplayground.layers.shapes import fmt
from dlplayground.training.config import TrainingConfigError, parse_training

Shape = tuple[int, ...]
REGRESSION_LOSSES = frozenset({"MSELoss", "L1Loss", "HuberLoss", "SmoothL1Loss"})
BINARY_LOSSES = frozenset({"BCEWithLogitsLoss", "BCELoss"})


class DatasetShape(Protocol):
    """What the check needs of a dataset (a ``Dataset`` or the cheaper ``DatasetInfo``)."""

    name: str

    @property
    def is_classification(self) -> bool: ...

    @property
    def num_classes(self) -> int: ...

    @property
    def target_shape(self) -> Shape: ...


def plan_targets(loss: str, dataset: DatasetShape, output_shape: Shape,
                 output_source: str = "the last layer") -> tuple[str, str | None]:
    """How ``loss`` compares ``output_shape`` with the dataset's targets.

    Returns:
        (targets, decision): the target encoding (``same``, ``column`` or ``one_hot``) and how
        outputs become class labels (``argmax``, ``logit``, ``probability``; None for regression);
        see :class:`~dlplayground.training.objective.SupervisedLoss`.

    Raises:
        TrainingConfigError: naming the loss, the shapes and the layer to change.
    """

    output = tuple(output_shape)
    if not dataset.is_classification:
        if loss not in REGRESSION_LOSSES:
            raise TrainingConfigError(
                tx("training.loss {loss}: the dataset '{dataset}' is a regression task; use MSELoss, L1Loss or "
                   "HuberLoss", loss=loss, dataset=dataset.name))
        if output != tuple(dataset.target_shape):
            raise TrainingConfigError(
                tx("training.loss {loss}: the model outputs {shape} per sample but the targets are {targets}: "
                   "make '{source}' output {targets}", loss=loss, shape=fmt(output),
                   targets=fmt(dataset.target_shape), source=output_source))
        return "same", None

    classes = dataset.num_classes
    if loss == "CrossEntropyLoss":
        _need(output, (classes,), loss, output_source, tx("one score per class ({classes})", classes=classes))
        return "same", decision(loss, classes)
    if loss in BINARY_LOSSES:
        if output == (1,) and classes == 2:
            return "column", decision(loss, 1)
        if output == (classes,):
            return "one_hot", decision(loss, classes)
        raise TrainingConfigError(
            tx("training.loss {loss}: the model outputs {shape} per sample; with {classes} classes it needs "
               "[1] (one logit) or [{classes}] (one per class): change '{source}'", loss=loss, shape=fmt(output),
               classes=classes, source=output_source) if classes == 2 else
            tx("training.loss {loss}: the model outputs {shape} per sample; with {classes} classes it needs "
               "[{classes}] (one per class): change '{source}'", loss=loss, shape=fmt(output), classes=classes,
               source=output_source))
    _need(output, (classes,), loss, output_source,
          tx("one value per class ({classes}, one-hot targets)", classes=classes))
    return "one_hot", decision(loss, classes)


def decision(loss: str, outputs_per_sample: int) -> str:
    """How a classifier's outputs become labels under ``loss``: a single output is thresholded
    (a logit at 0, a probability at 0.5), several are arg-maxed."""
    if outputs_per_sample != 1:
        return "argmax"
    return "logit" if loss == "BCEWithLogitsLoss" else "probability"


def _need(shape: Shape, wanted: Shape, loss: str, source: str, what: str) -> None:
    if shape != wanted:
        raise TrainingConfigError(
            tx("training.loss {loss}: the model outputs {shape} per sample but needs {wanted}, {what}: "
               "change '{source}'", loss=loss, shape=fmt(shape), wanted=fmt(wanted), what=what, source=source))


def training_problems(section: Mapping[str, Any] | None, dataset: DatasetShape | None, graph: Graph,
                      inference: Inference, check_torch_names: bool = True) -> list[Problem]:
    """What training would refuse in a ``training`` section: every wrong key, then (with the
    dataset known and the graph valid) a loss that does not fit the model's output, marked on
    the layer feeding the Output, the one to change. The editor's live check
    (``check_torch_names=False``: no torch) and ``dlplayground summary`` both use this."""
    try:
        config = parse_training(section, check_torch_names=check_torch_names)
    except TrainingConfigError as exc:
        return [Problem(ProblemKind.BAD_SETTINGS, line) for line in str(exc).splitlines()]
    if config.objective != "supervised":
        return []  # labels are not read; the networks' shapes are checked with the graph (compile.generative)
    if dataset is None or not inference.ok or inference.output_id is None:
        return []
    source = graph.in_edges(inference.output_id)[0].src
    try:
        plan_targets(config.loss, dataset, inference.shapes[inference.output_id], source)
    except TrainingConfigError as exc:
        return [Problem(ProblemKind.BAD_SETTINGS, message_of(exc), (source,))]
    return []
