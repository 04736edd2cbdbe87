"""What the data preview shows, worked out off the GUI thread: no Qt here.

:func:`load_contents` reads a CSV file's first rows, builds the dataset (a generated one with a
million samples, or a large file, takes seconds), counts its classes and picks the points of
its scatter or the pixels of its image grid: everything the preview needs except the widgets,
which :mod:`.data_preview` fills on the GUI thread from the :class:`PreviewContents`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from dlplayground.data import DataError, Dataset, load_dataset
from dlplayground.graph.text import message_of

#: rows of a table file shown; images in the grid; points in the scatter
HEAD_ROWS, GRID_IMAGES, MAX_POINTS = 5, 16, 2000


def read_table_head(path: Path, delimiter: str = ",", rows: int = HEAD_ROWS) -> tuple[list[str], list[list[str]]]:
    """A CSV file's header and its first ``rows`` data rows (reads no further); raises OSError
    or csv.Error/UnicodeDecodeError for a file that cannot be read."""
    with path.open(newline="", encoding="utf-8-sig") as stream:
        reader = csv.reader(stream, delimiter=delimiter or ",")
        lines = [row for row in islice(reader, rows + 1)]
    if not lines:
        return [], []
    return [h.strip() for h in lines[0]], lines[1:]


def data_path(data: Mapping[str, Any], base_dir: str | Path | None) -> Path | None:
    """The data file a ``data`` section names (resolved against ``base_dir``), or None."""
    path = (data.get("params") or {}).get("path")
    if not isinstance(path, str) or not path.strip():
        return None
    candidate = Path(path).expanduser()
    if not candidate.is_absolute() and base_dir is not None:
        candidate = Path(base_dir) / candidate
    return candidate


@dataclass
class PreviewContents:
    """Everything the preview shows of one ``data`` section.

    Attributes:
        data: the section it was made from.
        header, rows: a CSV file's header and first rows (empty for other datasets).
        dataset: the dataset, or None when it cannot be built (``problem`` says why).
        problem: why the dataset cannot be built (a message, translated by the window).
        counts: samples per class (classification), else None.
        points, targets: the first 2-D inputs and their targets, for the scatter, else None.
        feature_names: a CSV dataset's input columns (the scatter's axes), else None.
        grid: the first training images as one grey picture ``[H, W]`` uint8, else None.
        grid_labels: the labels of those images.
    """

    data: dict[str, Any]
    header: list[str]
    rows: list[list[str]]
    dataset: Dataset | None = None
    problem: str | None = None
    counts: np.ndarray | None = None
    points: np.ndarray | None = None
    targets: np.ndarray | None = None
    feature_names: tuple[str, ...] | None = None
    grid: np.ndarray | None = None
    grid_labels: np.ndarray | None = None


def table_head(data: Mapping[str, Any], base_dir: str | Path | None) -> tuple[list[str], list[list[str]]]:
    """A CSV dataset's header and first rows; empty for other datasets and unreadable files."""
    if data.get("name") != "csv":
        return [], []
    path = data_path(data, base_dir)
    if path is None or not path.is_file():
        return [], []
    try:
        return read_table_head(path, (data.get("params") or {}).get("delimiter") or ",")
    except (OSError, UnicodeDecodeError, csv.Error):
        return [], []


def load_contents(data: Mapping[str, Any], base_dir: str | Path | None) -> PreviewContents:
    """Build what the preview shows of ``data`` (a generated or file dataset; real image sets
    are loaded by the Preview… button instead). Runs on any thread."""
    header, rows = table_head(data, base_dir)
    contents = PreviewContents(dict(data), header, rows)
    try:
        dataset = load_dataset(data, base_dir)
    except (DataError, OSError, ValueError) as exc:
        contents.problem = message_of(exc)
        return contents
    contents.dataset = dataset
    if dataset.is_classification:
        labels = np.concatenate([dataset.y_train, dataset.y_val]).astype(np.int64)
        contents.counts = np.bincount(labels, minlength=dataset.num_classes)
    if dataset.layout == "features" and dataset.input_shape == (2,):
        raw_train = dataset.raw_train if dataset.raw_train is not None else dataset.x_train
        raw_val = dataset.raw_val if dataset.raw_val is not None else dataset.x_val
        # the first MAX_POINTS only: a million points would copy the whole set to draw 2000
        taken = min(MAX_POINTS, len(raw_train))
        contents.points = np.concatenate([raw_train[:taken], raw_val[:MAX_POINTS - taken]])
        contents.targets = np.concatenate([dataset.y_train[:taken], dataset.y_val[:MAX_POINTS - taken]])
        if data.get("name") == "csv":
            target = (data.get("params") or {}).get("target")
            contents.feature_names = tuple(h for h in header if h != target) if header else None
    elif dataset.layout == "image" and len(dataset.input_shape) == 3:
        raw = dataset.raw_train if dataset.raw_train is not None else dataset.x_train
        contents.grid = grid_picture(np.asarray(raw[:GRID_IMAGES], np.float32))
        contents.grid_labels = np.asarray(dataset.y_train[:GRID_IMAGES])
    return contents


def grid_picture(samples: np.ndarray, columns: int = 8) -> np.ndarray:
    """Up to ``len(samples)`` images ``[N, C, H, W]`` in rows of ``columns`` as one grey
    picture (uint8, white lines between), each image stretched to its own range (first channel)."""
    count = len(samples)
    if count == 0:
        return np.zeros((0, 0), np.uint8)
    _, _, height, width = samples.shape
    rows = -(-count // columns)
    grid = np.full((rows * (height + 1) + 1, min(count, columns) * (width + 1) + 1), 255, np.uint8)
    for index, sample in enumerate(samples):
        picture = sample[0]
        low, high = float(picture.min()), float(picture.max())
        grey = 255 - np.clip((picture - low) / ((high - low) or 1.0) * 255, 0, 255).astype(np.uint8)
        r, c = divmod(index, columns)
        grid[1 + r * (height + 1):1 + r * (height + 1) + height, 1 + c * (width + 1):1 + c * (width + 1) + width] = grey
    return np.ascontiguousarray(grid)


__all__ = ["GRID_IMAGES", "HEAD_ROWS", "MAX_POINTS", "PreviewContents", "data_path", "grid_picture",
           "load_contents", "read_table_head", "table_head"]
