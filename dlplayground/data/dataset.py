"""The in-memory dataset every model trains on: split, standardised, ready as tensors.

A loader returns raw ``x`` (float32, ``[N, *sample_shape]``) and ``y`` (int64 class labels
``[N]`` for classification, float32 ``[N, *target_shape]`` for regression); :func:`prepare`
splits them with the project's seed and standardises the inputs with statistics from the
training split only, so nothing about the validation samples leaks into training.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from dlplayground.graph.text import tx

Task = Literal["classification", "regression"]
#: how the per-sample axes are laid out, which decides the axis standardisation keeps:
#: ``features`` [F] per feature, ``image`` [C, H, W] per channel, ``sequence`` [T, F] per feature.
Layout = Literal["features", "image", "sequence"]


class DataError(ValueError):
    """A dataset that cannot be loaded or used; the message names the file, column or option.

    Raised with a :func:`~dlplayground.graph.text.tx` text, so the window can show it translated
    (``message_of(exc)``); ``str(exc)`` is the English the command line prints."""


@dataclass
class RawData:
    """What a loader produces before splitting."""

    x: np.ndarray
    y: np.ndarray
    task: Task
    layout: Layout
    class_names: tuple[str, ...] = ()
    #: whether inputs should be standardised (token ids for an Embedding must not be)
    standardise: bool = True


class TaskFacts:
    """What follows from a dataset's ``task`` and ``class_names`` (a :class:`Dataset`, or the
    registry's cheaper ``DatasetInfo``)."""

    task: Task
    class_names: tuple[str, ...]

    @property
    def num_classes(self) -> int:
        return len(self.class_names)

    @property
    def is_classification(self) -> bool:
        return self.task == "classification"


@dataclass
class Dataset(TaskFacts):
    """A split, standardised dataset.

    Attributes:
        name: the dataset name from the project (``spiral``, ``csv``, ...).
        x_train, y_train, x_val, y_val: numpy arrays; inputs already standardised.
        task: ``classification`` (labels 0..K-1) or ``regression``.
        layout: per-sample axis layout, see :data:`Layout`.
        class_names: one name per class for classification.
        mean, std: the standardisation applied to inputs (broadcast over a sample), so that new
            raw inputs (the ONNX model, a digit drawn in the window) get the same treatment.
        raw_val: the validation inputs before standardisation (for plots of the data).
    """

    name: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    task: Task
    layout: Layout
    class_names: tuple[str, ...] = ()
    mean: np.ndarray = field(default_factory=lambda: np.zeros(1, np.float32))
    std: np.ndarray = field(default_factory=lambda: np.ones(1, np.float32))
    raw_val: np.ndarray | None = None
    raw_train: np.ndarray | None = None
    #: token-id sets (``text``): ids run 0..vocab_size-1, so an Embedding needs that many rows
    vocab_size: int | None = None
    #: the words of ids 2, 3, ... (0 pads, 1 is an unknown word)
    vocabulary: tuple[str, ...] = ()
    #: ``data.augment`` for training batches (a :class:`dlplayground.data.augment.Augment`)
    augment: Any = None
    #: the data seed, which also seeds the augmentation draws
    seed: int = 0

    @property
    def input_shape(self) -> tuple[int, ...]:
        return tuple(int(d) for d in self.x_train.shape[1:])

    @property
    def target_shape(self) -> tuple[int, ...]:
        return tuple(int(d) for d in self.y_train.shape[1:])

    def standardise(self, raw: np.ndarray) -> np.ndarray:
        """Apply the training split's standardisation to raw inputs ``[N, *input_shape]``."""
        return ((np.asarray(raw, np.float32) - self.mean) / self.std).astype(np.float32)


#: the raw (unstandardised) training split is kept beside the standardised one up to this size
RAW_TRAIN_KEEP_BYTES = 64 * 2**20


def prepare(name: str, raw: RawData, val_split: float, seed: int) -> Dataset:
    """Shuffle with ``seed``, hold out ``val_split`` of the samples, standardise the inputs."""
    if not 0.0 <= val_split < 1.0:
        raise DataError(tx("'val_split' must be in [0, 1), got {value!r}", value=val_split))
    count = len(raw.x)
    order = np.random.default_rng(seed).permutation(count)
    n_val = int(round(count * val_split))
    if val_split > 0 and n_val == 0:
        n_val = 1
    if n_val >= count and count >= 2:
        raise DataError(tx("'val_split' {value} leaves no training samples out of {count}", value=val_split, count=count))
    return prepare_split(name, raw, order[n_val:], order[:n_val])


def kfold_indices(count: int, folds: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """``(train, validation)`` sample indices of each of ``folds`` folds: the samples shuffled with
    ``seed`` (as :func:`prepare` shuffles them) and cut into ``folds`` near-equal parts, each
    part once the validation set. The validation sets are disjoint and cover every sample."""
    if isinstance(folds, bool) or not isinstance(folds, int) or folds < 2:
        raise DataError(tx("k-fold cross-validation needs at least 2 folds, got {folds!r}", folds=folds))
    if folds > count:
        raise DataError(tx("{folds} folds need at least {folds} samples, the dataset has {count}", folds=folds, count=count))
    parts = np.array_split(np.random.default_rng(seed).permutation(count), folds)
    return [(np.concatenate(parts[:i] + parts[i + 1:]), part) for i, part in enumerate(parts)]


def prepare_split(name: str, raw: RawData, train_idx: np.ndarray, val_idx: np.ndarray) -> Dataset:
    """The dataset with the given training and validation samples, the inputs standardised with
    the training samples' statistics (cross-validation folds; :func:`prepare` for one split)."""
    x = np.ascontiguousarray(raw.x, dtype=np.float32)
    y = np.ascontiguousarray(raw.y)
    if len(x) != len(y):
        raise DataError(tx("inputs and targets differ in length: {inputs} inputs, {targets} targets",
                           inputs=len(x), targets=len(y)))
    if len(x) < 2:
        raise DataError(tx("needs at least 2 samples, got {count}", count=len(x)))
    if not np.isfinite(x).all():
        rows = np.unique(np.nonzero(~np.isfinite(x.reshape(len(x), -1)))[0])[:5]
        raise DataError(tx("inputs hold NaN or infinite values (rows {rows}...)", rows=", ".join(map(str, rows))))
    x_train, x_val = x[train_idx], x[val_idx]

    if raw.standardise:
        axes = _reduce_axes(raw.layout, x.ndim)
        mean = x_train.mean(axis=axes, keepdims=True)[0]
        std = x_train.std(axis=axes, keepdims=True)[0]
        std = np.where(std < 1e-8, 1.0, std).astype(np.float32)  # constant features stay as they are
        mean = mean.astype(np.float32)
    else:
        mean = np.zeros((1,) * (x.ndim - 1), np.float32)
        std = np.ones((1,) * (x.ndim - 1), np.float32)

    y = y.astype(np.int64, copy=False) if raw.task == "classification" else y.astype(np.float32, copy=False)
    return Dataset(
        name=name,
        x_train=_standardised(x_train, mean, std, raw.standardise),
        y_train=y[train_idx],
        x_val=_standardised(x_val, mean, std, raw.standardise),
        y_val=y[val_idx],
        task=raw.task,
        layout=raw.layout,
        class_names=raw.class_names,
        mean=mean,
        std=std,
        raw_val=x_val,
        # a large training split is not kept twice (raw and standardised): who needs raw
        # training inputs rebuilds them as x_train * std + mean
        raw_train=x_train if x_train.nbytes <= RAW_TRAIN_KEEP_BYTES or not raw.standardise else None,
    )


def _standardised(x: np.ndarray, mean: np.ndarray, std: np.ndarray, standardise: bool) -> np.ndarray:
    """``(x - mean) / std`` in one new float32 array (no temporaries: the data can be large);
    unstandardised data is shared with the raw split, not copied."""
    if not standardise:
        return x
    out = np.subtract(x, mean, dtype=np.float32)
    out /= std
    return out


def _reduce_axes(layout: Layout, ndim: int) -> tuple[int, ...]:
    """Axes (of ``[N, *sample]``) averaged over: all but the channel/feature axis."""
    if ndim == 1:
        return (0,)
    keep = {"features": ndim - 1, "image": 1, "sequence": ndim - 1}[layout]
    return tuple(a for a in range(ndim) if a != keep)
