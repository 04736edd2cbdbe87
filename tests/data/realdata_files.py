"""Writers of small files in the real formats (IDX, gzip, CIFAR-10 binary, PNG/JPEG, CSV) for tests."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np

from dlplayground.data import idx


def idx_bytes(array: np.ndarray) -> bytes:
    array = np.asarray(array, np.uint8)
    return bytes([0, 0, 8, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape) + array.tobytes()


def write_idx(path: Path, array: np.ndarray, gz: bool = False) -> Path:
    data = idx_bytes(array)
    if gz:
        path = path.with_name(path.name + ".gz")
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)
    return path


def mnist_arrays(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Images whose mean brightness encodes the label, so a model can learn them."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 10, n).astype(np.uint8)
    images = rng.integers(0, 40, (n, 28, 28)).astype(np.uint8)
    images += (labels[:, None, None] * 20).astype(np.uint8)
    return images, labels


def write_mnist(folder: Path, n_train: int = 120, n_test: int = 40, gz: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    train, test = mnist_arrays(n_train, 0), mnist_arrays(n_test, 1)
    for stem, array in zip(idx.FILES, (train[0], train[1], test[0], test[1])):
        write_idx(folder / stem, array, gz)
    return folder


def cifar_bytes(images: np.ndarray, labels: np.ndarray) -> bytes:
    records = np.concatenate([np.asarray(labels, np.uint8)[:, None], images.reshape(len(images), -1)], axis=1)
    return records.astype(np.uint8).tobytes()


def write_cifar(folder: Path, per_file: int = 20, test: int = 20) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    for i, name in enumerate([f"data_batch_{k}.bin" for k in range(1, 6)] + ["test_batch.bin"]):
        n = test if name == "test_batch.bin" else per_file
        labels = rng.integers(0, 10, n)
        images = rng.integers(0, 256, (n, 3, 32, 32)).astype(np.uint8)
        images[:, 0, 0, 0] = i  # marks which file a sample came from
        (folder / name).write_bytes(cifar_bytes(images, labels))
    return folder


def write_image_folder(root: Path, per_class: int = 6, size: tuple[int, int] = (12, 10),
                       grey: bool = False, formats: tuple[str, ...] = ("jpg", "png")) -> Path:
    """Two classes, ``cats`` dark and ``dogs`` bright, saved in ``formats`` in turn."""
    from PIL import Image

    rng = np.random.default_rng(0)
    for c, name in enumerate(("cats", "dogs")):
        (root / name).mkdir(parents=True, exist_ok=True)
        for i in range(per_class):
            shape = (size[0], size[1]) if grey else (size[0], size[1], 3)
            pixels = (rng.integers(0, 60, shape) + 150 * c).astype(np.uint8)
            image = Image.fromarray(pixels, "L" if grey else "RGB")
            image.save(root / name / f"{i}.{formats[i % len(formats)]}")
    return root


def write_text_csv(path: Path, rows: int = 40) -> Path:
    lines = ["review,label"]
    for i in range(rows):
        if i % 2:
            lines.append(f'"great, really great film {i}",pos')
        else:
            lines.append(f'"awful ""boring"" film, {i}",neg')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


#: writers of small files in each standard data set's own format
STANDARD_WRITERS = {"mnist": write_mnist, "fashion_mnist": write_mnist, "cifar10": write_cifar}


def with_small_standard_data(data: dict, folder: Path) -> dict:
    """``data`` with a standard data set (MNIST, Fashion-MNIST, CIFAR-10) read from small files in
    its own format written under ``folder`` instead of the user's copy or a download: tests that
    run every example never touch the network nor wait for 60,000 images. Other sections are
    returned as they are."""
    writer = STANDARD_WRITERS.get(data.get("name"))
    if writer is None:
        return data
    path = writer(folder / data["name"])
    return {**data, "params": {**data.get("params", {}), "path": str(path), "download": False}}
