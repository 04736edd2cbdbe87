"""CIFAR-10, binary version: ``data_batch_1.bin`` ... ``data_batch_5.bin`` and ``test_batch.bin``.

Each record is 3073 bytes: the label, then 1024 red, 1024 green and 1024 blue pixel values (a
32x32 image, rows first). The records go straight into one preallocated ``[N, 3, 32, 32]``
uint8 array. The download is the published ``cifar-10-binary.tar.gz``, from which only the six
batch files are extracted (never an arbitrary path of the archive); it is never unpickled.
"""

from __future__ import annotations

import os
import tarfile
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from dlplayground.data import download
from dlplayground.data.dataset import DataError, Dataset
from dlplayground.data import budget
from dlplayground.data.uint8 import check_labels, image_dataset
from dlplayground.graph.text import tx

RECORD = 3073
TRAIN_FILES = tuple(f"data_batch_{i}.bin" for i in range(1, 6))
TEST_FILE = "test_batch.bin"
SUBFOLDER = "cifar-10-batches-bin"
CLASSES = ("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck")
#: the binary version's archive and its MD5 as published on https://www.cs.toronto.edu/~kriz/cifar.html
REMOTE = download.Remote("cifar-10-binary.tar.gz", ("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz",),
                         "c32a1d4ab5d03f1284b67883e8d87530")


def batch_folder(folder: Path, want_download: bool) -> Path:
    """The folder holding the six batch files: ``folder`` or ``folder/cifar-10-batches-bin``."""
    for candidate in (folder, folder / SUBFOLDER):
        if all((candidate / f).is_file() for f in (*TRAIN_FILES, TEST_FILE)):
            return candidate
    if want_download:
        archive = download.fetch(REMOTE, folder, download.progress())
        _extract(archive, folder / SUBFOLDER)
        return folder / SUBFOLDER
    missing = [f for f in (*TRAIN_FILES, TEST_FILE) if not (folder / f).is_file()]
    raise DataError(tx("cifar10: {folder} (or its {subfolder}/) lacks {missing} (set \"download\": true to fetch them)",
                       folder=folder, subfolder=SUBFOLDER, missing=", ".join(missing)))


def _extract(archive: Path, target: Path) -> None:
    """Copy the six batch members out of the archive, each through a temporary file."""
    target.mkdir(parents=True, exist_ok=True)
    wanted = {f"{SUBFOLDER}/{f}": f for f in (*TRAIN_FILES, TEST_FILE)}
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                name = wanted.get(member.name)
                if name is None or not member.isfile():
                    continue
                source = tar.extractfile(member)
                assert source is not None
                part = target / (name + ".part")
                with source, part.open("wb") as out:
                    for block in iter(lambda: source.read(1 << 20), b""):  # noqa: B023 (used at once)
                        out.write(block)
                os.replace(part, target / name)
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise DataError(tx("{archive}: cannot extract: {why}", archive=archive, why=exc)) from None
    missing = [f for f in wanted.values() if not (target / f).is_file()]
    if missing:
        raise DataError(tx("{archive}: the archive lacks {missing}", archive=archive, missing=", ".join(missing)))


def read_batches(paths: list[Path], limit: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Images ``[N, 3, 32, 32]`` uint8 and labels ``[N]`` from CIFAR-10 binary files.

    Raises:
        DataError: naming the file whose size is not a multiple of 3073 bytes.
    """
    counts = []
    for path in paths:
        size = path.stat().st_size
        if size % RECORD or size == 0:
            raise DataError(tx("{path}: {size} bytes is not a whole number of {record}-byte CIFAR-10 records "
                               "(label + 3x32x32 pixels): not the binary version, or a truncated file",
                               path=path, size=size, record=RECORD))
        counts.append(size // RECORD)
    total = sum(counts) if limit is None else min(limit, sum(counts))
    budget.require(total * (RECORD - 1), f"cifar10 {paths[0].parent}",
                   tx("{count} images x 3 x 32 x 32 bytes", count=total))
    images = np.empty((total, 3, 32, 32), np.uint8)
    labels = np.empty(total, np.int64)
    done = 0
    for path, count in zip(paths, counts):
        if done >= total:
            break
        take = min(count, total - done)
        records = np.fromfile(path, np.uint8, count=take * RECORD).reshape(take, RECORD)
        labels[done : done + take] = records[:, 0]
        images[done : done + take] = records[:, 1:].reshape(take, 3, 32, 32)
        done += take
    return images, labels


def load_cifar10(opts: Mapping[str, Any], folder: Path, val_split: float | str, seed: int) -> Dataset:
    where = batch_folder(folder, opts.get("download", False))
    images, labels = read_batches([where / f for f in TRAIN_FILES], opts.get("subset"))
    check_labels(labels, len(CLASSES), f"cifar10 ({where})")
    test = read_batches([where / TEST_FILE]) if val_split == "test" else None
    return image_dataset("cifar10", images, labels, CLASSES, val_split, seed, test)
