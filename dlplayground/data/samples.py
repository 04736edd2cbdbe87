"""The small real-format data the examples ship: a folder of pictures and a CSV of reviews.

``python -m dlplayground.data.samples assets/examples/data`` writes them again (deterministic):
``pictures/{circle,square,triangle}/`` (PNG and JPEG drawn with Pillow on noisy coloured
backgrounds) and ``reviews.csv`` (short quoted texts with a sentiment label).
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import numpy as np

SHAPES = ("circle", "square", "triangle")
_GOOD = ("great", "wonderful", "moving", "fun", "brilliant", "lovely", "clever", "touching")
_BAD = ("boring", "dull", "awful", "slow", "silly", "weak", "tedious", "messy")
_NOUNS = ("film", "story", "plot", "cast", "ending", "music", "script", "acting")


def write_pictures(folder: Path, per_class: int = 30, size: int = 32, seed: int = 0) -> Path:
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(seed)
    for name in SHAPES:
        (folder / name).mkdir(parents=True, exist_ok=True)
        for i in range(per_class):
            background = tuple(int(v) for v in rng.integers(0, 120, 3))
            noise = rng.integers(0, 40, (size, size, 3))
            image = Image.fromarray((np.array(background) + noise).clip(0, 255).astype(np.uint8), "RGB")
            draw = ImageDraw.Draw(image)
            colour = tuple(int(v) for v in rng.integers(140, 256, 3))
            r = int(rng.integers(size // 5, size // 3))
            cx, cy = (int(v) for v in rng.integers(r + 1, size - r - 1, 2))
            if name == "circle":
                draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=colour)
            elif name == "square":
                draw.rectangle((cx - r, cy - r, cx + r, cy + r), fill=colour)
            else:
                draw.polygon([(cx, cy - r), (cx - r, cy + r), (cx + r, cy + r)], fill=colour)
            image.save(folder / name / f"{name}_{i:02d}.{'png' if i % 3 else 'jpg'}", quality=90)
    return folder


def write_reviews(path: Path, rows: int = 400, seed: int = 0) -> Path:
    rng = np.random.default_rng(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "review", "sentiment"])
        for i in range(rows):
            positive = bool(rng.integers(0, 2))
            words = list(rng.choice(_GOOD if positive else _BAD, 2)) + list(rng.choice(_NOUNS, 2))
            noise = list(rng.choice(_GOOD + _BAD, 1))  # one misleading word keeps it from being trivial
            rng.shuffle(words)
            text = f"The {words[2]} was {words[0]}, and the {words[3]}: \"{words[1]}\" (though {noise[0]} at times)."
            writer.writerow([i, text, "positive" if positive else "negative"])
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    write_pictures(args.folder / "pictures")
    write_reviews(args.folder / "reviews.csv")


if __name__ == "__main__":
    main()
