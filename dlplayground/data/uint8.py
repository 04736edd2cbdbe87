"""Image datasets kept as uint8 and standardised per batch.

60,000 28x28 images are 47 MB as bytes but 188 MB as float32, so real image sets never make a
float copy of the whole set: :class:`ByteImages` stands where a standardised float array would
(``len``, ``shape``, slicing and indexing give standardised float32), and the trainer turns
its raw bytes into float32 one batch at a time. The split keeps memory near the raw size: the
validation samples are copied out and the training samples are compacted in place.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dlplayground.data.dataset import DataError, Dataset
from dlplayground.data import budget
from dlplayground.graph.text import tx

#: images standardised at once when statistics are computed or the whole set is materialised
_CHUNK = 4096
_STATS_CHUNK = 256


class ByteImages:
    """uint8 images ``[N, C, H, W]`` seen as their standardised float32 values.

    Attributes:
        raw: the uint8 images.
        mean, std: per-channel statistics, shape ``[C, 1, 1]`` (float32).
    """

    dtype = np.dtype(np.float32)

    def __init__(self, raw: np.ndarray, mean: np.ndarray, std: np.ndarray) -> None:
        if raw.dtype != np.uint8 or raw.ndim != 4:
            raise ValueError(f"ByteImages takes uint8 [N, C, H, W], got {raw.dtype} {raw.shape}")
        self.raw, self.mean, self.std = raw, mean.astype(np.float32), std.astype(np.float32)

    def __len__(self) -> int:
        return len(self.raw)

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(self.raw.shape)

    @property
    def ndim(self) -> int:
        return 4

    @property
    def size(self) -> int:
        return int(self.raw.size)

    def standardise(self, raw: np.ndarray) -> np.ndarray:
        return ((raw.astype(np.float32) - self.mean) / self.std).astype(np.float32, copy=False)

    def __getitem__(self, index: Any) -> np.ndarray:
        return self.standardise(self.raw[index])

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        budget.require(self.raw.size * 4, tx("a float32 copy of {count} images", count=len(self)),
                       tx("4 bytes per pixel"))
        out = np.empty(self.raw.shape, np.float32)
        for start in range(0, len(self.raw), _CHUNK):
            out[start : start + _CHUNK] = self[start : start + _CHUNK]
        return out if dtype is None else out.astype(dtype, copy=False)

    def __repr__(self) -> str:
        return f"ByteImages({self.shape}, uint8)"


def split_order(count: int, val_split: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Validation and training indices: the same seeded rule as :func:`dataset.prepare`."""
    if count < 2:
        raise DataError(tx("needs at least 2 samples, got {count}", count=count))
    order = np.random.default_rng(seed).permutation(count)
    n_val = int(round(count * val_split))
    if val_split > 0 and n_val == 0:
        n_val = 1
    if n_val >= count:
        raise DataError(tx("'val_split' {value} leaves no training samples out of {count}", value=val_split, count=count))
    return order[:n_val], order[n_val:]


def channel_stats(raw: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-channel mean and standard deviation of uint8 ``[N, C, H, W]``, in chunks (float64
    sums, no float copy of the set)."""
    channels = raw.shape[1]
    counts = np.zeros((channels, 256), np.int64)
    # per-channel histograms give exact sums and squares; small blocks keep bincount's int64
    # copy of its input small
    for start in range(0, len(raw), _STATS_CHUNK):
        block = raw[start : start + _STATS_CHUNK]
        for c in range(channels):
            counts[c] += np.bincount(block[:, c].reshape(-1), minlength=256)
    levels = np.arange(256.0)
    total, squares = counts @ levels, counts @ levels**2
    n = raw.shape[0] * raw.shape[2] * raw.shape[3]
    mean = total / n
    std = np.sqrt(np.maximum(squares / n - mean**2, 0.0))
    std = np.where(std < 1e-8, 1.0, std)
    return mean.reshape(channels, 1, 1).astype(np.float32), std.reshape(channels, 1, 1).astype(np.float32)


def _take_in_place(raw: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Move the rows ``keep`` (sorted ascending) to the front of ``raw`` and return that prefix.

    Each destination row is at or before its source, and every chunk's sources are gathered
    before it is written, so nothing is overwritten before it is read.
    """
    for start in range(0, len(keep), _CHUNK):
        rows = keep[start : start + _CHUNK]
        raw[start : start + len(rows)] = raw[rows]
    return raw[: len(keep)]


def image_dataset(name: str, images: np.ndarray, labels: np.ndarray, class_names: tuple[str, ...],
                  val_split: float | str, seed: int,
                  test: tuple[np.ndarray, np.ndarray] | None = None) -> Dataset:
    """Split uint8 ``images`` ``[N, C, H, W]`` (which it may reorder in place) into a
    :class:`Dataset` whose inputs are :class:`ByteImages`.

    Args:
        val_split: a held-out fraction of ``images``, or ``"test"`` to validate on ``test``.
        test: the official test split, for ``"test"``.
    """
    labels = np.asarray(labels, np.int64)
    check_labels(labels, len(class_names), name)
    if len(images) != len(labels):
        raise DataError(tx("{name}: {images} images but {labels} labels", name=name, images=len(images),
                           labels=len(labels)))
    if val_split == "test":
        if test is None:
            raise DataError(tx("{name}: 'val_split': 'test' needs an official test split", name=name))
        x_train, y_train = images, labels
        x_val, y_val = test[0], np.asarray(test[1], np.int64)
        check_labels(y_val, len(class_names), tx("{name} (test split)", name=name))
        if len(x_train) < 1:
            raise DataError(tx("{name}: no training samples", name=name))
    else:
        val_idx, train_idx = split_order(len(images), float(val_split), seed)
        val_idx.sort()
        train_idx.sort()
        # the validation rows are copied out first; the training rows then move to the front
        # in place, so the set never exists twice (the training order is the file's: the
        # trainer shuffles every epoch)
        x_val, y_val = images[val_idx], labels[val_idx]
        y_train = labels[train_idx]
        x_train = _take_in_place(images, train_idx)
    mean, std = channel_stats(x_train)
    return Dataset(name=name, x_train=ByteImages(x_train, mean, std), y_train=y_train,
                   x_val=ByteImages(x_val, mean, std), y_val=y_val, task="classification",
                   layout="image", class_names=class_names, mean=mean, std=std,
                   raw_val=x_val, raw_train=x_train)


def check_labels(labels: np.ndarray, classes: int, where: str) -> None:
    """Every label must be a class index ``0..classes-1``."""
    if labels.size == 0:
        return
    bad = np.nonzero((labels < 0) | (labels >= classes))[0]
    if len(bad):
        raise DataError(tx("{where}: label {label} at sample {sample} is outside the class range 0..{last} "
                           "({count} such labels)", where=where, label=int(labels[bad[0]]), sample=int(bad[0]),
                           last=classes - 1, count=len(bad)))
