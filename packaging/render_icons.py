"""Render the app icon's SVG sources into the PNG sizes that desktops and the window use.

Sources (hand-written, in ``assets/icons/``):

* ``dlplayground.svg``: the master design, rendered for 32 px and up;
* ``dlplayground-24.svg`` and ``dlplayground-16.svg``: the same design redrawn on a 24- and
  16-unit grid so that nodes land on whole pixels (scaling the master down blurs them together).

Outputs:

* ``assets/icons/hicolor/<N>x<N>/apps/dlplayground.png`` for every size in :data:`SIZES`, and
  ``assets/icons/hicolor/scalable/apps/dlplayground.svg`` (a freedesktop icon-theme tree that can be
  copied as is into ``~/.local/share/icons/hicolor``);
* ``dlplayground/qt/icons/dlplayground.svg`` and ``dlplayground-<N>.png`` (16, 24, 256), shipped
  with the package for the window's icon: Qt takes a PNG whose size matches exactly (so title
  bars get the hinted 16 and 24 px art) and renders the SVG for any other size.

Rendering uses Qt's SVG renderer offscreen, so no display is needed::

    python packaging/render_icons.py          # write everything
    python packaging/render_icons.py --check  # exit 1 if a committed PNG is missing or stale
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402  (the platform must be chosen before Qt loads)
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ICONS_DIR = ROOT / "assets" / "icons"
PACKAGE_ICONS_DIR = ROOT / "dlplayground" / "qt" / "icons"
ICON_NAME = "dlplayground"
#: the pixel sizes of the freedesktop hicolor theme that are rendered
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
#: sizes of the PNGs shipped inside the package next to the SVG
PACKAGE_PNG_SIZES = (16, 24, 256)
#: largest difference of one colour channel (0-255) that still counts as the same pixel
TOLERANCE = 24
#: sizes drawn from a hand-hinted source instead of the master
HINTED_SIZES = (16, 24)


def source_for(size: int, icons_dir: Path = ICONS_DIR) -> Path:
    """The SVG to render at ``size`` px: a hinted copy where one exists, else the master."""
    if size in HINTED_SIZES:
        return icons_dir / f"{ICON_NAME}-{size}.svg"
    return icons_dir / f"{ICON_NAME}.svg"


def png_path(size: int, icons_dir: Path = ICONS_DIR) -> Path:
    """Where the ``size`` px PNG lives in the hicolor tree."""
    return icons_dir / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"


def render(svg: Path, size: int) -> QImage:
    """Render ``svg`` into a transparent ``size`` x ``size`` image, antialiased.

    Raises:
        ValueError: the file is missing or is not an SVG that Qt can read.
    """
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: not a readable SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    # Straight (non-premultiplied) alpha is what PNG stores; converting first avoids rounding
    # differences between Qt versions in the saved file.
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def _pixels(image: QImage) -> np.ndarray:
    """The image's ARGB bytes as an (height, width, 4) uint8 array."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 4].reshape(image.height(), image.width(), 4)


def same_pixels(image: QImage, path: Path) -> bool:
    """Whether the PNG at ``path`` holds the pixels of ``image``, give or take antialiasing.

    Another Qt release may antialias edges a few levels differently; a changed design moves
    whole shapes, far beyond :data:`TOLERANCE`.
    """
    existing = QImage(str(path)) if path.is_file() else QImage()
    if existing.isNull() or existing.size() != image.size():
        return False
    difference = np.abs(_pixels(existing).astype(np.int16) - _pixels(image).astype(np.int16))
    return int(difference.max()) <= TOLERANCE


def _save_png(image: QImage, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write next to the target and rename, so an interrupted run never leaves half a PNG.
    temp = path.with_name(path.name + ".tmp")
    if not image.save(str(temp), "PNG"):
        temp.unlink(missing_ok=True)
        raise OSError(f"{path}: could not write the PNG")
    os.replace(temp, path)


def _copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    temp = dst.with_name(dst.name + ".tmp")
    shutil.copyfile(src, temp)
    os.replace(temp, dst)


def outputs() -> list[tuple[Path, Path, int | None]]:
    """Every output as ``(source, destination, size)``; ``size`` is None for a plain copy."""
    master = source_for(512)
    items: list[tuple[Path, Path, int | None]] = [
        (source_for(size), png_path(size), size) for size in SIZES
    ]
    items.append((master, ICONS_DIR / "hicolor" / "scalable" / "apps" / f"{ICON_NAME}.svg", None))
    items.append((master, PACKAGE_ICONS_DIR / f"{ICON_NAME}.svg", None))
    items += [(source_for(size), PACKAGE_ICONS_DIR / f"{ICON_NAME}-{size}.png", size)
              for size in PACKAGE_PNG_SIZES]
    return items


def main(argv: list[str] | None = None) -> int:
    """Render or check every output; returns the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if an output is missing or differs from its source")
    args = parser.parse_args(argv)
    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 (kept alive)

    stale: list[Path] = []
    for src, dst, size in outputs():
        if size is None:
            up_to_date = dst.is_file() and dst.read_bytes() == src.read_bytes()
            if not args.check and not up_to_date:
                _copy(src, dst)
        else:
            image = render(src, size)
            up_to_date = same_pixels(image, dst)
            if not args.check and not up_to_date:
                _save_png(image, dst)
        if not up_to_date:
            stale.append(dst)
        state = "ok" if up_to_date else ("stale" if args.check else "written")
        print(f"{state:8} {dst.relative_to(ROOT)}")
    if args.check and stale:
        print(f"{len(stale)} icon file(s) out of date: run python packaging/render_icons.py",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
