"""The real data sets of the catalogue: ``image_folder``, ``mnist``, ``fashion_mnist``,
``cifar10`` and ``text``: their option schemas and how the registry calls their loaders.

Each loader gets the resolved options, the project's folder, ``val_split`` (a fraction, or
``"test"`` where an official test split exists) and the seed, and returns the split
:class:`Dataset` itself: images stay uint8 (see :mod:`dlplayground.data.uint8`), and a text
vocabulary must come from the training split alone.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Callable, Mapping

from dlplayground.data import cifar, idx, images, text
from dlplayground.data.dataset import DataError, Dataset
from dlplayground.graph.params import Param, schema
from dlplayground.graph.text import tx

Loader = Callable[[Mapping[str, Any], "Path | None", "float | str", int], Dataset]
#: (sample shape, class names) from the options and folder names alone, or None: load to know
Info = Callable[[Mapping[str, Any], "Path | None"], "tuple[tuple[int, ...], tuple[str, ...]] | None"]

P = Param
_SUBSET = P("subset", "int", None, "Use only the first N training samples (empty: all)", minimum=2, nullable=True)
_DOWNLOAD = P("download", "bool", False, "Fetch the standard files into 'path' when they are absent")


def _folder_param(doc: str) -> Param:
    return P("path", "str", None, doc, required=True)


def resolve_folder(path: str, base: Path | None) -> Path:
    """``path`` against the project's folder (it need not exist yet: a download creates it)."""
    candidate = Path(path).expanduser()
    if not candidate.is_absolute() and base is not None:
        candidate = base / candidate
    return candidate


def _existing_folder(path: str, base: Path | None, allow_missing: bool, downloadable: bool = False) -> Path:
    folder = resolve_folder(path, base)
    if not folder.is_dir() and not allow_missing:
        if downloadable:  # the standard datasets can fetch their files: say how
            raise DataError(tx("folder not found: {folder} (set \"download\": true to fetch the files)",
                               folder=folder))
        raise DataError(tx("folder not found: {folder}", folder=folder))
    return folder


def _mnist_loader(name: str) -> Loader:
    def load(opts: Mapping[str, Any], base: Path | None, val_split: float | str, seed: int) -> Dataset:
        folder = _existing_folder(opts["path"], base, opts["download"], True)
        return idx.load_mnist_like(name, opts, folder, val_split, seed)
    return load


def _load_cifar(opts: Mapping[str, Any], base: Path | None, val_split: float | str, seed: int) -> Dataset:
    return cifar.load_cifar10(opts, _existing_folder(opts["path"], base, opts["download"], True), val_split, seed)


def _load_folder(opts: Mapping[str, Any], base: Path | None, val_split: float | str, seed: int) -> Dataset:
    size = opts.get("size")
    if size is not None and (len(size) != 2 or min(size) < 1):
        raise DataError(tx("image_folder: 'size' must be [H, W] with positive sides, got {size}", size=list(size)))
    return images.load_image_folder(opts, _existing_folder(opts["path"], base, False), val_split, seed)


def _load_text(opts: Mapping[str, Any], base: Path | None, val_split: float | str, seed: int) -> Dataset:
    path = resolve_folder(opts["path"], base)
    if not path.is_file():
        raise DataError(tx("file not found: {path}", path=path))
    return text.load_text(opts, path, val_split, seed)


def _folder_info(opts: Mapping[str, Any], base: Path | None) -> tuple[tuple[int, ...], tuple[str, ...]] | None:
    """The class names are the subfolder names; the shape comes from 'size' and 'channels' or,
    when they are not given, from the image headers (read, not decoded: the editor asks on every
    edit). None where the folder cannot be used: loading reports why."""
    try:
        return images.folder_shape(resolve_folder(opts["path"], base), opts)
    except DataError:
        return None


def _text_info(opts: Mapping[str, Any], base: Path | None) -> tuple[tuple[int, ...], tuple[str, ...]] | None:
    """Shape ``[max_len]``; the classes are read from the target column when the file is there."""
    path = resolve_folder(opts["path"], base)
    names: tuple[str, ...] = ()
    if path.is_file():
        try:
            stat = path.stat()
            names = _text_classes(str(path), stat.st_mtime_ns, stat.st_size, opts["text"], opts["target"])
        except (DataError, OSError):
            return None  # let loading report it
    return (int(opts["max_len"]),), names


@functools.lru_cache(maxsize=8)
def _text_classes(path: str, mtime_ns: int, size: int, text_column: str, target: str) -> tuple[str, ...]:
    """The class names of a text CSV, read once per version of the file: the editor describes
    the data on every edit of its options (max_len, vocab_size), and a big file takes seconds."""
    return text.class_names(text.read_columns(Path(path), text_column, target)[1])


def _fixed(shape: tuple[int, ...], classes: tuple[str, ...]) -> Info:
    return lambda opts, base: (shape, classes)


def _mnist_spec(name: str, doc: str, classes: tuple[str, ...]) -> dict[str, Any]:
    return dict(name=name, group="Real images", doc=doc, task="classification", test_split=True,
                schema=schema(_folder_param("Folder with the four IDX files (plain or .gz)"), _SUBSET, _DOWNLOAD),
                info=_fixed((1, 28, 28), classes), load=_mnist_loader(name))


#: the DatasetSpec fields of each real data set, in palette order
SPECS: list[dict[str, Any]] = [
    dict(name="image_folder", group="Real images",
         doc="Your images: one subfolder per class (PNG, JPEG, BMP, GIF), shape [C, H, W].",
         schema=schema(_folder_param("Folder holding one subfolder of images per class"),
                       P("size", "ints", None, "[H, W] every image is resized to (empty: the first image's)",
                         nullable=True),
                       P("channels", "choice", None, "1 (grey) or 3 (RGB); empty: 3 unless all are grey",
                         choices=(1, 3), nullable=True),
                       P("skip_bad", "bool", False, "Leave out (and list) images that cannot be decoded")),
         info=_folder_info, load=_load_folder),
    _mnist_spec("mnist", "MNIST handwritten digits: 60,000 + 10,000 test images, shape [1, 28, 28].",
                idx.MNIST_CLASSES),
    _mnist_spec("fashion_mnist", "Fashion-MNIST clothing images: 60,000 + 10,000 test, shape [1, 28, 28].",
                idx.FASHION_CLASSES),
    dict(name="cifar10", group="Real images",
         doc="CIFAR-10 (binary version): 50,000 + 10,000 test colour images, shape [3, 32, 32].",
         schema=schema(_folder_param("Folder with data_batch_1..5.bin and test_batch.bin (or cifar-10-batches-bin/)"),
                       _SUBSET, _DOWNLOAD),
         task="classification", test_split=True, info=_fixed((3, 32, 32), cifar.CLASSES), load=_load_cifar),
    dict(name="text", group="Files",
         doc="A CSV with a text column, as token ids [max_len] for an Embedding (0 pads, 1 unknown).",
         schema=schema(P("path", "str", None, "CSV file (relative to the project file)", required=True),
                       P("text", "str", None, "Name of the text column", required=True),
                       P("target", "str", None, "Name of the label column", required=True),
                       P("max_len", "int", 64, "Tokens kept per sample (shorter texts are padded)",
                         minimum=1, maximum=100_000),
                       P("vocab_size", "int", 10000, "Token ids 0..vocab_size-1 (0 pads, 1 is an unknown word)",
                         minimum=3, maximum=10_000_000),
                       P("lowercase", "bool", True, "Lower-case the text before splitting it into words")),
         info=_text_info, load=_load_text),
]


def stamp(opts: Mapping[str, Any], base: Path | None) -> tuple:
    """What tells the registry's cache that the files changed: sizes and times of the path and
    of the entries right below it (the class folders, the IDX or batch files)."""
    path = resolve_folder(opts["path"], base)
    try:
        top = path.stat()
        entries = sorted(path.iterdir()) if path.is_dir() else []
        return (str(path.resolve()), top.st_mtime_ns, top.st_size,
                tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in entries))
    except OSError:
        return (str(path), "missing")
