"""MNIST and Fashion-MNIST: the four standard IDX files, plain or gzipped, optionally downloaded.

IDX (LeCun's format): a 4-byte magic number ``0 0 TYPE NDIM`` (TYPE 0x08 = unsigned byte),
NDIM big-endian uint32 sizes, then the values. The body is read straight into one preallocated
uint8 array, so loading 60,000 images costs their 47 MB and no more.
"""

from __future__ import annotations

import gzip
import struct
from pathlib import Path
from typing import Any, BinaryIO, Mapping

import numpy as np

from dlplayground.data import download
from dlplayground.data.dataset import DataError, Dataset
from dlplayground.data import budget
from dlplayground.data.uint8 import image_dataset
from dlplayground.graph.text import tx

FILES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")
_UBYTE = 0x08
_BLOCK = 1 << 22

MNIST_CLASSES = tuple(str(d) for d in range(10))
FASHION_CLASSES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker",
                   "Bag", "Ankle boot")

# the published MD5 digests of the gzipped files (as torchvision's datasets/mnist.py lists them)
_MNIST_MD5 = ("f68b3c2dcbeaaa9fbdd348bbdeb94873", "d53e105ee54ea40749a09fcbcd1e9432",
              "9fb629c4189551a2d022fa330f9573f3", "ec29112dd5afa0611ce80d1b7f02629c")
_FASHION_MD5 = ("8d4fb7e6c68d591d4c3dfef9ec88bf0d", "25c81989df183df01b3e8a0aad5dffbe",
                "bef4ecab320f06d8554ea6380940ec79", "bb300cfdad3c16e7a12a480ee83cd310")
_MNIST_MIRRORS = ("https://ossci-datasets.s3.amazonaws.com/mnist/", "http://yann.lecun.com/exdb/mnist/")
_FASHION_MIRRORS = ("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",)
REMOTES = {
    "mnist": tuple(download.Remote(f + ".gz", tuple(m + f + ".gz" for m in _MNIST_MIRRORS), md5)
                   for f, md5 in zip(FILES, _MNIST_MD5)),
    "fashion_mnist": tuple(download.Remote(f + ".gz", tuple(m + f + ".gz" for m in _FASHION_MIRRORS), md5)
                           for f, md5 in zip(FILES, _FASHION_MD5)),
}


def _open(path: Path) -> BinaryIO:
    return gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")  # type: ignore[return-value]


def read_idx(path: Path, ndim: int, limit: int | None = None) -> np.ndarray:
    """A uint8 IDX array of ``ndim`` dimensions (only its first ``limit`` items when given).

    Raises:
        DataError: naming the file, for a wrong magic number, a wrong rank or a short body.
    """
    try:
        with _open(path) as stream:
            head = stream.read(4)
            if len(head) < 4 or head[0] != 0 or head[1] != 0 or head[2] != _UBYTE or head[3] != ndim:
                magic = head.hex() or tx("missing")
                raise DataError(tx("{path}: not an IDX file of unsigned bytes with {ndim} dimension(s) "
                                   "(magic number {magic}, expected 0000080{ndim})", path=path, ndim=ndim, magic=magic))
            sizes_raw = stream.read(4 * ndim)
            if len(sizes_raw) < 4 * ndim:
                raise DataError(tx("{path}: truncated IDX header", path=path))
            sizes = list(struct.unpack(f">{ndim}I", sizes_raw))
            count = sizes[0] if limit is None else min(limit, sizes[0])
            shape = (count, *sizes[1:])
            nbytes = int(np.prod(shape, dtype=np.int64))
            budget.require(nbytes, f"{path}", tx("{shape} uint8 values", shape=" x ".join(map(str, shape))))
            out = np.empty(shape, np.uint8)
            got = _read_into(stream, memoryview(out.reshape(-1)))
            if got != nbytes:
                raise DataError(tx("{path}: truncated: the header announces {sizes} values, the file holds {got} of the "
                                   "{needed} needed", path=path, sizes=" x ".join(map(str, sizes)), got=got,
                                   needed=nbytes))
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise DataError(tx("{path}: cannot read: {why}", path=path, why=exc)) from None
    return out


def _read_into(stream: BinaryIO, view: memoryview) -> int:
    """Fill ``view`` from ``stream`` in blocks (a single readinto of a gzip stream would build
    the whole body as bytes first); return the bytes read."""
    done = 0
    while done < len(view):
        got = stream.readinto(view[done : done + _BLOCK])  # type: ignore[attr-defined]
        if not got:
            break
        done += got
    return done


def find_files(folder: Path, name: str, want_download: bool) -> list[Path]:
    """The four IDX files in ``folder`` (each plain or ``.gz``), downloaded first if asked and absent."""
    def present() -> list[Path | None]:
        found: list[Path | None] = []
        for stem in FILES:
            options = [folder / stem, folder / (stem + ".gz")]
            found.append(next((p for p in options if p.is_file()), None))
        return found

    found = present()
    if any(p is None for p in found) and want_download:
        download.fetch_all([r for r, p in zip(REMOTES[name], found) if p is None], folder, download.progress())
        found = present()
    missing = [stem for stem, p in zip(FILES, found) if p is None]
    if missing:
        facts = {"name": name, "folder": folder, "missing": ", ".join(missing)}
        if want_download:
            raise DataError(tx("{name}: {folder} lacks {missing} (plain or .gz)", **facts))
        raise DataError(tx("{name}: {folder} lacks {missing} (plain or .gz) (set \"download\": true to fetch them)",
                           **facts))
    return [p for p in found if p is not None]


def load_mnist_like(name: str, opts: Mapping[str, Any], folder: Path, val_split: float | str,
                    seed: int) -> Dataset:
    """``mnist`` or ``fashion_mnist`` from ``folder``."""
    train_x, train_y, test_x, test_y = find_files(folder, name, opts.get("download", False))
    subset = opts.get("subset")
    images = read_idx(train_x, 3, subset)
    labels = read_idx(train_y, 1, subset)
    if len(images) != len(labels):
        raise DataError(tx("{name}: {images_file} holds {images} images but {labels_file} {labels} labels", name=name,
                           images_file=train_x.name, images=len(images), labels_file=train_y.name,
                           labels=len(labels)))
    test = None
    if val_split == "test":
        test_images, test_labels = read_idx(test_x, 3), read_idx(test_y, 1)
        if len(test_images) != len(test_labels):
            raise DataError(tx("{name}: {images_file} holds {images} images but {labels_file} {labels} labels",
                               name=name, images_file=test_x.name, images=len(test_images),
                               labels_file=test_y.name, labels=len(test_labels)))
        test = (test_images[:, None], test_labels)
    classes = MNIST_CLASSES if name == "mnist" else FASHION_CLASSES
    return image_dataset(name, images[:, None], labels, classes, val_split, seed, test)
