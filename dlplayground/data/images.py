"""``image_folder``: the user's own images, one subfolder per class, read with Pillow.

Class names are the subfolder names, sorted. Every image is resized to ``size`` (default the
first image's) and converted to ``channels`` (default 3 unless every image is greyscale), into
one preallocated uint8 ``[N, C, H, W]`` array whose size is checked before it is allocated.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from dlplayground.data.dataset import DataError, Dataset
from dlplayground.data import budget
from dlplayground.data.uint8 import image_dataset
from dlplayground.graph.text import tx

SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".gif"})
#: Pillow modes that hold a single grey channel
_GREY_MODES = frozenset({"1", "L", "LA", "I", "I;16", "F"})


class SkippedImagesWarning(UserWarning):
    """Images left out of an ``image_folder`` set with ``skip_bad``."""


def class_folders(root: Path) -> list[tuple[str, list[Path]]]:
    """``(class name, image files)`` per subfolder, both sorted.

    Raises:
        DataError: no such folder, no subfolders, or a class folder without images.
    """
    if not root.is_dir():
        raise DataError(tx("image_folder: {root} is not a folder", root=root))
    classes = []
    for folder in sorted((p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")),
                         key=lambda p: p.name):
        images = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
        if not images:
            raise DataError(tx("image_folder: class folder {folder} holds no images ({suffixes})", folder=folder,
                               suffixes=", ".join(sorted(SUFFIXES))))
        classes.append((folder.name, images))
    if len(classes) < 2:
        raise DataError(tx("image_folder: {root} needs one subfolder per class, at least 2 (found {count})",
                           root=root, count=len(classes)))
    return classes


def _header(path: Path) -> tuple[str, tuple[int, int]] | None:
    """The image's mode and (width, height) from its header, or None when Pillow cannot open it."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            return image.mode, image.size
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return None


def folder_shape(root: Path, opts: Mapping[str, Any]) -> tuple[tuple[int, int, int], tuple[str, ...]]:
    """``([C, H, W], class names)`` from the image headers alone (nothing decoded), as loading
    will find them; raises :class:`DataError` as :func:`class_folders` does, or when no image
    header can be read."""
    classes = class_folders(root)
    size, channels = opts.get("size"), opts.get("channels")
    if size is None or channels is None:
        headers = [h for _, paths in classes for h in map(_header, paths) if h is not None]
        if not headers:
            raise DataError(tx("image_folder: no image under {root} can be decoded", root=root))
        if size is None:
            size = (headers[0][1][1], headers[0][1][0])
        if channels is None:
            channels = 1 if all(mode in _GREY_MODES for mode, _ in headers) else 3
    return (int(channels), int(size[0]), int(size[1])), tuple(name for name, _ in classes)


def load_image_folder(opts: Mapping[str, Any], root: Path, val_split: float | str, seed: int) -> Dataset:
    from PIL import Image

    classes = class_folders(root)
    skip_bad = opts.get("skip_bad", False)
    files: list[tuple[Path, int]] = [(p, label) for label, (_, paths) in enumerate(classes) for p in paths]
    headers = [_header(p) for p, _ in files]
    bad = [p for (p, _), h in zip(files, headers) if h is None]
    if bad and not skip_bad:
        if len(bad) > 1:
            raise DataError(tx("image_folder: cannot decode {path} (and {more} more): fix or remove it, or set "
                               "\"skip_bad\": true to leave such files out", path=bad[0], more=len(bad) - 1))
        raise DataError(tx("image_folder: cannot decode {path}: fix or remove it, or set \"skip_bad\": true to "
                           "leave such files out", path=bad[0]))
    good = [(f, h) for f, h in zip(files, headers) if h is not None]
    if not good:
        raise DataError(tx("image_folder: no image under {root} can be decoded", root=root))
    size = opts.get("size")
    height, width = (int(size[0]), int(size[1])) if size else (good[0][1][1][1], good[0][1][1][0])
    channels = opts.get("channels") or (1 if all(h[0] in _GREY_MODES for _, h in good) else 3)
    budget.require(len(good) * channels * height * width, f"image_folder {root}",
                   tx("{count} images x {channels} x {height} x {width} bytes", count=len(good), channels=channels,
                      height=height, width=width))
    images = np.empty((len(good), channels, height, width), np.uint8)
    labels = np.empty(len(good), np.int64)
    kept = 0
    for (path, label), _ in good:
        try:
            with Image.open(path) as image:
                image = image.convert("L" if channels == 1 else "RGB")
                if image.size != (width, height):
                    image = image.resize((width, height), Image.Resampling.BILINEAR)
                pixels = np.asarray(image, np.uint8)
        except (OSError, ValueError, SyntaxError) as exc:  # a header that decodes but a body that does not
            if not skip_bad:
                raise DataError(tx("image_folder: cannot decode {path}: {why}", path=path, why=exc)) from None
            bad.append(path)
            continue
        images[kept] = pixels[None] if channels == 1 else pixels.transpose(2, 0, 1)
        labels[kept] = label
        kept += 1
    if bad:
        warnings.warn(SkippedImagesWarning(f"image_folder: left out {len(bad)} image(s) that cannot be decoded: "
                                           + ", ".join(str(p) for p in bad)), stacklevel=2)
    names = tuple(name for name, _ in classes)
    return image_dataset("image_folder", images[:kept], labels[:kept], names, val_split, seed)
