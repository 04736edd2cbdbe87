"""Datasets read from files: the shipped 8x8 digits, and the user's CSV and NPZ files.

Every error names the file and, where it can, the row and column, so a user can fix the file.
NPZ files are read with ``allow_pickle=False``: a user's file is never unpickled.
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from dlplayground.data.dataset import DataError, Layout, RawData, Task

DIGITS_FILE = Path(__file__).with_name("digits.npz")
#: a numeric target with at most this many distinct integer values is taken as class labels
_MAX_AUTO_CLASSES = 20


def digits(rng: np.random.Generator, opts: Mapping[str, Any]) -> RawData:
    """The 1797 real 8x8 handwritten digits (UCI, as shipped by scikit-learn), pixels 0..16."""
    with np.load(DIGITS_FILE, allow_pickle=False) as archive:
        x = archive["x"].astype(np.float32)[:, None, :, :]
        y = archive["y"].astype(np.int64)
    return RawData(x, y, "classification", "image", tuple(str(d) for d in range(10)))


def resolve_path(path: str, base_dir: Path | None) -> Path:
    candidate = Path(path).expanduser()
    if not candidate.is_absolute() and base_dir is not None:
        candidate = base_dir / candidate
    if not candidate.is_file():
        raise DataError(f"file not found: {candidate}")
    return candidate


def read_csv(opts: Mapping[str, Any], base_dir: Path | None) -> RawData:
    """A CSV with a header row; ``target`` names the target column, every other column is an
    input feature and must be numeric."""
    path = resolve_path(opts["path"], base_dir)
    target = opts["target"]
    try:
        with path.open(newline="", encoding="utf-8-sig") as stream:
            rows = list(csv.reader(stream, delimiter=opts["delimiter"]))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataError(f"{path}: cannot read as CSV: {exc}") from None
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if len(rows) < 2:
        raise DataError(f"{path}: needs a header row and at least one data row")
    header = [h.strip() for h in rows[0]]
    if target not in header:
        raise DataError(f"{path}: no target column '{target}' (columns: {', '.join(header)})")
    target_index = header.index(target)
    features, labels = [], []
    for line_no, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise DataError(f"{path}: line {line_no} has {len(row)} cells, the header has {len(header)}")
        values = []
        for column, cell in zip(header, row):
            if column == target:
                continue
            try:
                values.append(float(cell))
            except ValueError:
                raise DataError(
                    f"{path}: line {line_no}, column '{column}': '{cell}' is not a number"
                ) from None
        features.append(values)
        labels.append(row[target_index].strip())
    if not features[0]:
        raise DataError(f"{path}: no input columns besides the target '{target}'")
    x = np.asarray(features, np.float32)
    y, task, names = _targets(labels, opts["task"], f"{path}: column '{target}'")
    return RawData(x, y, task, "features", names, standardise=opts["standardise"])


def read_npz(opts: Mapping[str, Any], base_dir: Path | None) -> RawData:
    """An ``.npz`` archive with arrays ``x`` (inputs) and ``y`` (targets)."""
    path = resolve_path(opts["path"], base_dir)
    try:
        with np.load(path, allow_pickle=False) as archive:
            missing = [k for k in ("x", "y") if k not in archive.files]
            if missing:
                raise DataError(f"{path}: lacks array(s) {', '.join(missing)} (has: {', '.join(archive.files)})")
            x, y = archive["x"], archive["y"]
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        if isinstance(exc, DataError):
            raise
        raise DataError(f"{path}: not a readable .npz archive of numeric arrays: {exc}") from None
    if x.dtype.kind not in "biuf" or y.dtype.kind not in "biufUS":
        raise DataError(f"{path}: arrays must be numeric (x is {x.dtype}, y is {y.dtype})")
    if len(x) != len(y):
        raise DataError(f"{path}: x has {len(x)} samples but y has {len(y)}")
    if x.ndim < 2:
        x = x[:, None]
    if y.ndim > 1:
        if opts["task"] == "classification":
            raise DataError(f"{path}: classification needs y of shape [N] (class labels), got {list(y.shape)}")
        if y.dtype.kind not in "biuf":
            raise DataError(f"{path}: y of shape {list(y.shape)} must be numeric (regression targets)")
        y_array, task, names = y.astype(np.float32), "regression", ()
    else:
        labels = [str(v) for v in y] if y.dtype.kind in "US" else y
        y_array, task, names = _targets(labels, opts["task"], f"{path}: y")
    layout: Layout = opts.get("layout") or {2: "features", 3: "sequence", 4: "image"}.get(x.ndim, "features")
    # no copy when the archive already holds float32 (a 60,000 x 784 set is 190 MB)
    return RawData(np.asarray(x, np.float32), y_array, task, layout, names, standardise=opts["standardise"])


def _targets(labels: Any, task: str, where: str) -> tuple[np.ndarray, Task, tuple[str, ...]]:
    """Targets as class labels (0..K-1 with names) or as regression values."""
    numeric = None
    try:
        numeric = np.asarray([float(v) for v in labels], np.float64)
    except (TypeError, ValueError):
        if task == "regression":
            bad = next(v for v in labels if not _is_float(v))
            raise DataError(f"{where}: '{bad}' is not a number (needed for regression)") from None
    if task == "auto":
        integral = numeric is not None and np.all(numeric == np.round(numeric))
        task = "classification" if numeric is None or (
            integral and len(np.unique(numeric)) <= _MAX_AUTO_CLASSES) else "regression"
    if task == "regression":
        assert numeric is not None
        if not np.isfinite(numeric).all():
            raise DataError(f"{where}: holds NaN or infinite values")
        return numeric.astype(np.float32)[:, None], "regression", ()
    if numeric is not None:
        values = np.unique(numeric)
        names = tuple(f"{v:g}" for v in values)
        index = {v: i for i, v in enumerate(values)}
        y = np.asarray([index[v] for v in numeric], np.int64)
    else:
        names = tuple(sorted({str(v) for v in labels}))
        index = {name: i for i, name in enumerate(names)}
        y = np.asarray([index[str(v)] for v in labels], np.int64)
    if len(names) < 2:
        raise DataError(f"{where}: classification needs at least 2 classes, found {len(names)}")
    return y, "classification", names


def _is_float(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True
