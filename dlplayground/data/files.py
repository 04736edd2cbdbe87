"""Datasets read from files: the shipped 8x8 digits, and the user's CSV and NPZ files.

Every error names the file and, where it can, the row and column, so a user can fix the file.
NPZ files are read with ``allow_pickle=False``: a user's file is never unpickled.
"""

from __future__ import annotations

import csv
import errno
import math
import os
import stat
import warnings
import zipfile
import zlib
from array import array
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from dlplayground.data import budget, progress
from dlplayground.data.dataset import DataError, Layout, RawData, Task
from dlplayground.graph.io import excerpt
from dlplayground.graph.text import tx

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
    """The data file ``path`` names (relative to ``base_dir``), checked to be a readable regular
    file; a folder, a symlink loop, a broken link or a device is named as what it is."""
    if "\x00" in path:
        raise DataError(tx("the data path {path} holds a NUL character: no file has such a name", path=excerpt(path)))
    candidate = Path(path)
    try:
        candidate = candidate.expanduser()
    except RuntimeError:  # "~someone" for a user this machine does not have
        raise DataError(tx("the data path {path} names a home folder of an unknown user",
                           path=excerpt(path))) from None
    if not candidate.is_absolute() and base_dir is not None:
        candidate = base_dir / candidate
    try:
        mode = candidate.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise DataError(tx("{path} is a symbolic link loop (it resolves to itself), not a file",
                               path=candidate)) from None
        if candidate.is_symlink():
            raise DataError(tx("{path} is a broken symbolic link (to {target}), not a file",
                               path=candidate, target=os.readlink(candidate))) from None
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            raise DataError(tx("file not found: {path}", path=candidate)) from None
        raise DataError(tx("{path}: cannot be read ({why})", path=candidate, why=exc.strerror or exc)) from None
    if stat.S_ISDIR(mode):
        raise DataError(tx("{path} is a folder, not a data file", path=candidate))
    if not stat.S_ISREG(mode):
        # a FIFO or a device would block or never end
        raise DataError(tx("{path} is not a regular file (a pipe, socket or device)", path=candidate))
    return candidate


def read_csv(opts: Mapping[str, Any], base_dir: Path | None) -> RawData:
    """A CSV with a header row; ``target`` names the target column, every other column is an
    input feature and must be numeric.

    Numeric files are parsed by numpy's C reader (about 12 bytes of memory per cell at the
    peak, seconds for 100 MB); anything it refuses is read again row by row into compact
    arrays, which finds the exact line and column of a bad cell.
    """
    path = resolve_path(opts["path"], base_dir)
    delimiter, target = opts["delimiter"], opts["target"]
    if len(delimiter) != 1 or delimiter in '"\r\n':
        raise DataError(tx("'delimiter' must be one character other than a quote or a line break, got {value}",
                           value=excerpt(delimiter)))
    try:
        header, header_lines, lines = _csv_layout(path, delimiter)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataError(tx("{path}: cannot read as CSV: {why}", path=path, why=excerpt(str(exc), 120))) from None
    if target not in header:
        shown = ", ".join(header[:20]) + (", ..." if len(header) > 20 else "")
        raise DataError(tx("{path}: no target column {target} (columns: {columns})", path=path, target=excerpt(target),
                           columns=excerpt(shown, 200)[1:-1]))
    if len(header) < 2:
        raise DataError(tx("{path}: no input columns besides the target {target}", path=path, target=excerpt(target)))
    budget.require(lines * len(header) * 12, f"{path}",
                   tx("{lines} lines x {columns} columns, 12 bytes per cell while reading", lines=lines,
                      columns=len(header)))
    target_index = header.index(target)
    table = _numeric_table(path, delimiter, header_lines, len(header))
    if table is not None:
        labels: Any = table[:, target_index]
        x = np.delete(table, target_index, axis=1).astype(np.float32)
        del table
    else:  # a text target ("setosa") stops numpy's float read at once: read it as text instead
        found = _features_and_text_target(path, delimiter, header_lines, len(header), target_index)
        x, labels = found if found is not None else _read_rows(path, delimiter, header, target_index)
    y, task, names = _targets(labels, opts["task"], tx("{path}: column {column}", path=path, column=excerpt(target)))
    return RawData(x, y, task, "features", names, standardise=opts["standardise"])


def _csv_layout(path: Path, delimiter: str) -> tuple[list[str], int, int]:
    """The header, the physical lines up to and including it, and the file's line count."""
    with path.open(newline="", encoding="utf-8-sig") as stream:
        reader = csv.reader(stream, delimiter=delimiter)
        header: list[str] = []
        for row in reader:
            if any(cell.strip() for cell in row):
                header = [h.strip() for h in row]
                break
        header_lines = reader.line_num
    if not header:
        raise DataError(tx("{path}: needs a header row and at least one data row", path=path))
    lines = 1
    with path.open("rb") as raw:
        for chunk in iter(lambda: raw.read(1 << 20), b""):
            lines += chunk.count(b"\n")
    return header, header_lines, lines


def _numeric_table(path: Path, delimiter: str, skip: int, columns: int) -> np.ndarray | None:
    """Every cell as float64 by numpy's reader, or None when any cell or row is not plain."""
    try:
        with progress.counted(path) as stream, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "input contained no data": the row-by-row read says so
            table = np.loadtxt(stream, dtype=np.float64, delimiter=delimiter, skiprows=skip,
                               comments=None, quotechar='"', ndmin=2)
    except (ValueError, UnicodeDecodeError, OSError):
        return None
    return table if table.shape[0] > 0 and table.shape[1] == columns else None


def _features_and_text_target(path: Path, delimiter: str, skip: int, columns: int,
                              target_index: int) -> tuple[np.ndarray, np.ndarray] | None:
    """Numeric features (float32) and a text target, each by numpy's C reader, or None when a
    cell or row is not plain (the row-by-row read then names it)."""
    features_columns = [i for i in range(columns) if i != target_index]
    options = dict(delimiter=delimiter, skiprows=skip, comments=None, quotechar='"', ndmin=2)
    try:
        with progress.counted(path) as stream, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            x = np.loadtxt(stream, dtype=np.float32, usecols=features_columns, **options)
        with progress.counted(path) as stream, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            labels = np.loadtxt(stream, dtype=str, usecols=[target_index], **options)[:, 0]
    except (ValueError, UnicodeDecodeError, OSError):
        return None
    labels = np.char.strip(labels)
    if x.shape[0] == 0 or x.shape[1] != columns - 1 or len(labels) != len(x) or not np.all(np.char.str_len(labels)):
        return None  # an empty label: the row-by-row read names its line
    return x, labels


def _read_rows(path: Path, delimiter: str, header: list[str], target_index: int) -> tuple[np.ndarray, Any]:
    """Row by row: features into one float32 buffer, labels as codes of their distinct texts;
    raises :class:`DataError` naming the line and column of the first bad cell."""
    features = array("f")
    codes = array("q")
    distinct: dict[str, int] = {}
    count = 0
    try:
        with progress.counted(path) as stream:
            reader = csv.reader(stream, delimiter=delimiter)
            for row in reader:
                if any(cell.strip() for cell in row):
                    break  # the header
            for row in reader:
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != len(header):
                    raise DataError(tx("{path}: line {line} has {cells} cells, the header has {columns}", path=path,
                                       line=reader.line_num, cells=len(row), columns=len(header)))
                for index, cell in enumerate(row):
                    if index == target_index:
                        continue
                    try:
                        features.append(float(cell))
                    except ValueError:
                        raise DataError(tx("{path}: line {line}, column {column}: {value} is not a number", path=path,
                                           line=reader.line_num, column=excerpt(header[index]),
                                           value=excerpt(cell))) from None
                label = row[target_index].strip()
                codes.append(distinct.setdefault(label, len(distinct)))
                count += 1
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataError(tx("{path}: cannot read as CSV: {why}", path=path, why=excerpt(str(exc), 120))) from None
    if count == 0:
        raise DataError(tx("{path}: needs a header row and at least one data row", path=path))
    x = np.frombuffer(features, np.float32).reshape(count, len(header) - 1).copy()
    texts = np.empty(len(distinct), dtype=object)
    texts[:] = list(distinct)
    return x, texts[np.frombuffer(codes, np.int64)]


def read_npz(opts: Mapping[str, Any], base_dir: Path | None) -> RawData:
    """An ``.npz`` archive with arrays ``x`` (inputs) and ``y`` (targets).

    The arrays' headers are read first: their shapes and types are checked, and their bytes
    counted against the budget, before any array is read.
    """
    path = resolve_path(opts["path"], base_dir)
    try:
        headers = _npz_headers(path)
        missing = [k for k in ("x", "y") if k not in headers]
        if missing:
            shown = excerpt(", ".join(sorted(headers)), 200)[1:-1]
            raise DataError(tx("{path}: lacks array(s) {missing} (has: {present})", path=path,
                               missing=", ".join(missing), present=shown))
        for key in ("x", "y"):
            shape, dtype = headers[key]
            if dtype.hasobject:
                raise DataError(tx("{path}: array {key} holds Python objects ({dtype}): not a readable .npz "
                                   "archive of numeric arrays (it is never unpickled)", path=path, key=key, dtype=dtype))
            if len(shape) == 0:
                raise DataError(tx("{path}: array {key} is a single value (0-d); it must hold one entry per sample",
                                   path=path, key=key))
        x_shape, x_dtype = headers["x"]
        y_shape, y_dtype = headers["y"]
        x_count, y_count = math.prod(x_shape), math.prod(y_shape)
        budget.require(x_count * (x_dtype.itemsize + 4 * 3) + y_count * (y_dtype.itemsize + 8), f"{path}",
                       tx("x {x_shape} of {x_dtype}, y {y_shape} of {y_dtype}, read and converted to float32",
                          x_shape=list(x_shape), x_dtype=x_dtype, y_shape=list(y_shape), y_dtype=y_dtype))
        with np.load(path, allow_pickle=False) as archive:
            x, y = archive["x"], archive["y"]
    except (OSError, ValueError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
        if isinstance(exc, DataError):
            raise
        raise DataError(tx("{path}: not a readable .npz archive of numeric arrays: {why}", path=path,
                           why=excerpt(str(exc), 120))) from None
    if x.dtype.kind not in "biuf" or y.dtype.kind not in "biufUS":
        raise DataError(tx("{path}: arrays must be numeric (x is {x_dtype}, y is {y_dtype})", path=path,
                           x_dtype=x.dtype, y_dtype=y.dtype))
    if len(x) != len(y):
        raise DataError(tx("{path}: x has {x_count} samples but y has {y_count}", path=path, x_count=len(x),
                           y_count=len(y)))
    if x.ndim < 2:
        x = x[:, None]
    if y.ndim > 1:
        if opts["task"] == "classification":
            raise DataError(tx("{path}: classification needs y of shape [N] (class labels), got {shape}", path=path,
                               shape=list(y.shape)))
        if y.dtype.kind not in "biuf":
            raise DataError(tx("{path}: y of shape {shape} must be numeric (regression targets)", path=path,
                               shape=list(y.shape)))
        y_array, task, names = y.astype(np.float32), "regression", ()
    else:
        labels = y.astype(str) if y.dtype.kind in "US" else y
        y_array, task, names = _targets(labels, opts["task"], f"{path}: y")
    layout: Layout = opts.get("layout") or {2: "features", 3: "sequence", 4: "image"}.get(x.ndim, "features")
    # no copy when the archive already holds float32 (a 60,000 x 784 set is 190 MB)
    return RawData(np.asarray(x, np.float32), y_array, task, layout, names, standardise=opts["standardise"])


def _npz_headers(path: Path) -> dict[str, tuple[tuple[int, ...], np.dtype]]:
    """Each ``.npy`` member's shape and dtype, from its header alone (nothing allocated)."""
    headers: dict[str, tuple[tuple[int, ...], np.dtype]] = {}
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if not info.filename.endswith(".npy"):
                continue
            with archive.open(info) as member:
                version = np.lib.format.read_magic(member)
                if version == (1, 0):
                    shape, _, dtype = np.lib.format.read_array_header_1_0(member)
                elif version == (2, 0):
                    shape, _, dtype = np.lib.format.read_array_header_2_0(member)
                else:
                    raise ValueError(f"array {info.filename[:-4]!r} has an unsupported .npy version {version}")
            nbytes = math.prod(shape) * dtype.itemsize
            if not dtype.hasobject and nbytes > info.file_size:
                raise ValueError(f"array {info.filename[:-4]!r} claims {list(shape)} of {dtype} "
                                 f"({nbytes} bytes) but holds only {info.file_size} bytes")
            headers[info.filename[:-4]] = (tuple(shape), dtype)
    return headers


def _targets(labels: Any, task: str, where: str) -> tuple[np.ndarray, Task, tuple[str, ...]]:
    """Targets as class labels (0..K-1 with names) or as regression values."""
    numeric = None
    if isinstance(labels, np.ndarray) and labels.dtype.kind in "biuf":
        numeric = labels.astype(np.float64)
    else:
        try:
            numeric = np.asarray([float(v) for v in labels], np.float64)
        except (TypeError, ValueError):
            if task == "regression":
                bad = next(v for v in labels if not _is_float(v))
                raise DataError(tx("{where}: {value} is not a number (needed for regression)", where=where,
                                   value=excerpt(str(bad)))) from None
    if task == "auto":
        integral = numeric is not None and bool(np.all(numeric == np.round(numeric)))
        task = "classification" if numeric is None or (
            integral and len(np.unique(numeric)) <= _MAX_AUTO_CLASSES) else "regression"
    if task == "regression":
        assert numeric is not None
        if not np.isfinite(numeric).all():
            raise DataError(tx("{where}: holds NaN or infinite values", where=where))
        return numeric.astype(np.float32)[:, None], "regression", ()
    if numeric is not None:
        values, inverse = np.unique(numeric, return_inverse=True)
        names = tuple(f"{v:g}" for v in values)
    else:
        values, inverse = np.unique(np.asarray([str(v) for v in labels], dtype=str), return_inverse=True)
        names = tuple(str(v) for v in values)
    if len(names) < 2:
        raise DataError(tx("{where}: classification needs at least 2 classes, found {count}", where=where,
                           count=len(names)))
    return inverse.reshape(-1).astype(np.int64), "classification", names


def _is_float(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True
