"""What the window's data preview shows, computed without Qt (on a worker thread).

A few training samples as uint8 images with their labels, the class counts of both splits,
and for CSV-based sets (``csv``, ``text``) the header and first rows of the file, so a column
can be picked before training.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from dlplayground.data.dataset import DataError
from dlplayground.data.registry import load_dataset
from dlplayground.data.uint8 import ByteImages
from dlplayground.graph.text import tx

SAMPLES = 32
ROWS = 10


@dataclass
class Preview:
    name: str
    input_shape: tuple[int, ...]
    train_count: int
    val_count: int
    #: class name -> (training count, validation count); empty for regression
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: uint8 [K, C, H, W] samples of an image set (C 1 or 3), with their label names
    images: np.ndarray | None = None
    labels: tuple[str, ...] = ()
    #: a CSV's header and first rows
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


def sample_rows(labels: np.ndarray, count: int, classes: int) -> np.ndarray:
    """At most ``count`` rows to show: the first few training samples of every class, class
    after class (the training split keeps the file's order, which often begins with one class)."""
    per_class = max(1, count // max(classes, 1))
    rows = [np.nonzero(labels == c)[0][:per_class] for c in range(classes)]
    return np.concatenate(rows)[:count] if rows else np.arange(0)


def _as_bytes(x: Any, rows: np.ndarray) -> np.ndarray:
    if isinstance(x, ByteImages):
        return x.raw[rows]
    values = np.asarray(x[rows], np.float32)
    low, high = float(values.min()), float(values.max())
    return ((values - low) / (high - low or 1.0) * 255).astype(np.uint8)


def csv_head(path: Path, rows: int = ROWS) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as stream:
            reader = csv.reader(stream)
            header = tuple(next(reader, []))
            return header, tuple(tuple(row) for _, row in zip(range(rows), reader))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataError(tx("{path}: cannot read as CSV: {why}", path=path, why=exc)) from None


def summarise(section: Mapping[str, Any], base_dir: Path | None) -> Preview:
    """Load the dataset (through the registry's cache) and describe it for the preview."""
    data = load_dataset(section, base_dir)
    preview = Preview(data.name, data.input_shape, len(data.y_train), len(data.y_val))
    if data.is_classification:
        train = np.bincount(data.y_train, minlength=data.num_classes)
        val = np.bincount(data.y_val, minlength=data.num_classes)
        preview.counts = {name: (int(train[i]), int(val[i])) for i, name in enumerate(data.class_names)}
    if data.layout == "image" and len(data.input_shape) == 3 and data.input_shape[0] in (1, 3):
        if data.is_classification:
            rows = sample_rows(np.asarray(data.y_train), SAMPLES, data.num_classes)
            preview.labels = tuple(data.class_names[int(i)] for i in data.y_train[rows])
        else:
            rows = np.arange(min(SAMPLES, len(data.y_train)))
        preview.images = _as_bytes(data.x_train, rows)
    path = (section.get("params") or {}).get("path")
    if section.get("name") in ("csv", "text") and path:
        candidate = Path(path).expanduser()
        if not candidate.is_absolute() and base_dir is not None:
            candidate = base_dir / candidate
        preview.header, preview.rows = csv_head(candidate)
    return preview
