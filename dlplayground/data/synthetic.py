"""Generated datasets: the 2-D playground sets, ``shapes`` images and the ``sine`` sequence.

Each generator takes a numpy ``Generator`` (seeded from the project) and its resolved options
and returns :class:`RawData`. The 2-D sets follow TensorFlow Playground: points in [-6, 6]^2
(classification) with Gaussian noise scaled by ``noise``.
"""

from __future__ import annotations

from typing import Any, Mapping

import numpy as np

from dlplayground.data import budget
from dlplayground.data.dataset import RawData
from dlplayground.graph.text import tx

Options = Mapping[str, Any]
_RADIUS = 5.0
_RING_RADIUS = 4.0


def _labels(y: np.ndarray, classes: int) -> tuple[str, ...]:
    return tuple(f"class {i}" for i in range(classes))


def circle(rng: np.random.Generator, opts: Options) -> RawData:
    """An inner disc (class 1) inside a ring (class 0)."""
    n = opts["samples"]
    inner = n // 2
    radius = np.concatenate([rng.uniform(0, _RADIUS * 0.5, inner), rng.uniform(_RADIUS * 0.7, _RADIUS, n - inner)])
    angle = rng.uniform(0, 2 * np.pi, n)
    x = np.stack([radius * np.sin(angle), radius * np.cos(angle)], 1)
    x += rng.normal(0, opts["noise"] * _RADIUS * 0.2, x.shape)
    y = np.concatenate([np.ones(inner), np.zeros(n - inner)]).astype(np.int64)
    return RawData(x, y, "classification", "features", ("outside", "inside"))


def ring(rng: np.random.Generator, opts: Options) -> RawData:
    """Points on a circle of radius 4 (radial noise scaled by ``noise``), labelled by which of
    ``classes`` equal sectors they fall in: the GAN playground's target distribution."""
    n, classes = opts["samples"], opts["classes"]
    angle = rng.uniform(0, 2 * np.pi, n)
    radius = _RING_RADIUS + rng.normal(0, opts["noise"] * _RING_RADIUS * 0.25, n)
    x = np.stack([radius * np.cos(angle), radius * np.sin(angle)], 1)
    y = np.minimum((angle / (2 * np.pi) * classes).astype(np.int64), classes - 1)
    return RawData(x, y, "classification", "features", _labels(y, classes))


def xor(rng: np.random.Generator, opts: Options) -> RawData:
    """Points labelled by the sign of x*y: no single line separates the classes."""
    n = opts["samples"]
    x = rng.uniform(-_RADIUS, _RADIUS, (n, 2))
    x += np.sign(x) * 0.3  # keep a small margin around the axes
    y = (x[:, 0] * x[:, 1] > 0).astype(np.int64)
    x += rng.normal(0, opts["noise"] * _RADIUS * 0.2, x.shape)
    return RawData(x, y, "classification", "features", ("opposite signs", "same sign"))


def gauss(rng: np.random.Generator, opts: Options) -> RawData:
    """Gaussian blobs, one per class, centred on a circle."""
    n, classes = opts["samples"], opts["classes"]
    y = np.arange(n) % classes
    angle = 2 * np.pi * y / classes + np.pi / 4
    centres = np.stack([np.cos(angle), np.sin(angle)], 1) * _RADIUS * 0.5
    x = centres + rng.normal(0, 0.5 + opts["noise"] * 2.0, (n, 2))
    return RawData(x, y.astype(np.int64), "classification", "features", _labels(y, classes))


def spiral(rng: np.random.Generator, opts: Options) -> RawData:
    """``classes`` interleaved spiral arms (Karpathy's CS231n spiral)."""
    n, classes = opts["samples"], opts["classes"]
    y = np.arange(n) % classes
    t = rng.uniform(0, 1, n)
    radius = t * _RADIUS
    angle = 1.75 * 2 * np.pi * t + 2 * np.pi * y / classes
    x = np.stack([radius * np.sin(angle), radius * np.cos(angle)], 1)
    x += rng.normal(0, opts["noise"], x.shape) * (0.2 + t[:, None]) * 1.0
    return RawData(x, y.astype(np.int64), "classification", "features", _labels(y, classes))


def moons(rng: np.random.Generator, opts: Options) -> RawData:
    """Two interleaving half circles."""
    n = opts["samples"]
    y = np.arange(n) % 2
    angle = rng.uniform(0, np.pi, n)
    x = np.stack([np.cos(angle), np.sin(angle)], 1)
    x[y == 1] = np.stack([1 - np.cos(angle[y == 1]), 0.5 - np.sin(angle[y == 1])], 1)
    x = (x - [0.5, 0.25]) * _RADIUS * 0.8 + rng.normal(0, opts["noise"] * 2.0, (n, 2))
    return RawData(x, y.astype(np.int64), "classification", "features", ("upper", "lower"))


def plane(rng: np.random.Generator, opts: Options) -> RawData:
    """Regression: a tilted plane, target = (x0 + x1) / 2 scaled to about [-1, 1], plus noise."""
    n = opts["samples"]
    x = rng.uniform(-_RADIUS, _RADIUS, (n, 2))
    target = (x[:, 0] + x[:, 1]) / (2 * _RADIUS) + rng.normal(0, opts["noise"] * 0.2, n)
    return RawData(x, target[:, None].astype(np.float32), "regression", "features")


def reg_gauss(rng: np.random.Generator, opts: Options) -> RawData:
    """Regression: a sum of signed Gaussian bumps, as in TensorFlow Playground."""
    n = opts["samples"]
    x = rng.uniform(-_RADIUS, _RADIUS, (n, 2))
    bumps = [(-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1)]
    target = np.zeros(n)
    for cx, cy, sign in bumps:
        target += sign * np.exp(-((x[:, 0] - cx) ** 2 + (x[:, 1] - cy) ** 2) / 2.0)
    target += rng.normal(0, opts["noise"] * 0.2, n)
    return RawData(x, target[:, None].astype(np.float32), "regression", "features")


def shapes(rng: np.random.Generator, opts: Options) -> RawData:
    """Grey ``size`` x ``size`` images of a circle, a square or a triangle at random places."""
    n, size = opts["samples"], opts["size"]
    # float32 images, float64 noise drawn over them, a float32 copy of it; then the split
    budget.require(n * size * size * (4 + 8 + 4 + 8), tx("dataset '{name}'", name="shapes"),
                   tx("{count} images of {size} x {size} pixels, about 24 bytes per pixel while generating and splitting",
                      count=n, size=size))
    y = np.arange(n) % 3
    rows, cols = np.mgrid[0:size, 0:size].astype(np.float32) + 0.5
    images = np.zeros((n, 1, size, size), np.float32)
    for i in range(n):
        half = rng.uniform(0.2, 0.35) * size
        cy, cx = rng.uniform(half, size - half, 2)
        dy, dx = rows - cy, cols - cx
        if y[i] == 0:
            mask = dx**2 + dy**2 <= half**2
        elif y[i] == 1:
            mask = (np.abs(dx) <= half * 0.85) & (np.abs(dy) <= half * 0.85)
        else:  # upright triangle: inside the base and the two slanted sides
            mask = (dy <= half * 0.8) & (dy >= -half) & (np.abs(dx) <= (dy + half) * 0.6)
        images[i, 0] = mask * rng.uniform(0.6, 1.0)
    images += rng.normal(0, opts["noise"], images.shape).astype(np.float32)
    return RawData(images, y.astype(np.int64), "classification", "image", ("circle", "square", "triangle"))


def sine(rng: np.random.Generator, opts: Options) -> RawData:
    """Windows of ``length`` steps of a noisy sine; the target is the next (clean) value."""
    n, length = opts["samples"], opts["length"]
    # phase, clean and noisy windows in float64, the noise itself, the float32 inputs and their split
    budget.require(n * (length + 1) * (4 * 8 + 4 + 8), tx("dataset '{name}'", name="sine"),
                   tx("{count} windows of {steps} steps, about 44 bytes per step while generating and splitting",
                      count=n, steps=length + 1))
    start = rng.uniform(0, 2 * np.pi, n)
    period = opts["period"]
    steps = np.arange(length + 1)
    phase = start[:, None] + 2 * np.pi * steps[None, :] / period
    clean = np.sin(phase)
    noisy = clean + rng.normal(0, opts["noise"], clean.shape)
    x = noisy[:, :length, None].astype(np.float32)
    target = clean[:, length:].astype(np.float32)
    return RawData(x, target, "regression", "sequence")
