"""``data.augment``: random flips, padded crops and rotations of training batches.

They run on whole batches as tensor ops (after standardisation, so padding is the mean), on
training batches only, with every draw taken from one generator seeded by the data seed: each
epoch sees fresh transformations and a rerun sees the same ones. torch is imported only when a
batch is transformed, so describing a dataset stays torch-free.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Mapping

from dlplayground.data.dataset import DataError
from dlplayground.graph.params import Param, schema
from dlplayground.graph.text import joined, tx

if TYPE_CHECKING:
    import torch

SCHEMA = schema(
    Param("hflip", "bool", False, "Flip half the training images left to right"),
    Param("crop_padding", "int", 0, "Pad by this many pixels, then crop back at a random offset", minimum=0,
          maximum=64),
    Param("rotate", "float", 0.0, "Rotate by a random angle up to this many degrees either way", minimum=0.0,
          maximum=180.0),
)


@dataclass(frozen=True)
class Augment:
    hflip: bool = False
    crop_padding: int = 0
    rotate: float = 0.0

    @property
    def active(self) -> bool:
        return self.hflip or self.crop_padding > 0 or self.rotate > 0

    def __call__(self, batch: "torch.Tensor", generator: "torch.Generator") -> "torch.Tensor":
        """Transform a float batch ``[N, C, H, W]``; draws come from ``generator`` (CPU)."""
        import torch

        n = len(batch)
        if n == 0:
            return batch
        device = batch.device
        if self.hflip:
            flip = (torch.rand(n, generator=generator) < 0.5).to(device)
            batch = torch.where(flip[:, None, None, None], batch.flip(-1), batch)
        if self.crop_padding > 0:
            batch = _random_crop(batch, self.crop_padding, generator)
        if self.rotate > 0:
            batch = _rotate(batch, self.rotate, generator)
        return batch


def _random_crop(batch: "torch.Tensor", pad: int, generator: "torch.Generator") -> "torch.Tensor":
    import torch
    import torch.nn.functional as F

    n, c, h, w = batch.shape
    padded = F.pad(batch, (pad, pad, pad, pad))
    dy = torch.randint(0, 2 * pad + 1, (n,), generator=generator).to(batch.device)
    dx = torch.randint(0, 2 * pad + 1, (n,), generator=generator).to(batch.device)
    rows = (dy[:, None] + torch.arange(h, device=batch.device))[:, None, :, None]
    cols = (dx[:, None] + torch.arange(w, device=batch.device))[:, None, None, :]
    samples = torch.arange(n, device=batch.device)[:, None, None, None]
    channels = torch.arange(c, device=batch.device)[None, :, None, None]
    return padded[samples, channels, rows, cols]


def _rotate(batch: "torch.Tensor", degrees: float, generator: "torch.Generator") -> "torch.Tensor":
    import torch
    import torch.nn.functional as F

    n = len(batch)
    angles = (torch.rand(n, generator=generator) * 2 - 1) * math.radians(degrees)
    cos, sin = torch.cos(angles), torch.sin(angles)
    theta = torch.zeros(n, 2, 3)
    theta[:, 0, 0], theta[:, 0, 1], theta[:, 1, 0], theta[:, 1, 1] = cos, -sin, sin, cos
    grid = F.affine_grid(theta.to(batch.device, batch.dtype), list(batch.shape), align_corners=False)
    return F.grid_sample(batch, grid, mode="bilinear", padding_mode="zeros", align_corners=False)


def parse_augment(value: Any, layout: str, dataset: str) -> Augment | None:
    """The ``data.augment`` object, checked; None when absent or doing nothing.

    Raises:
        DataError: unknown keys, values out of range, or a dataset that is not made of images.
    """
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise DataError(tx("'augment' must be an object such as {{\"hflip\": true}}, got {value!r}", value=value))
    problems = SCHEMA.problems(value)
    if problems:
        raise DataError(tx("augment: {problems}", problems=joined(problems)))
    augment = Augment(**SCHEMA.resolve(value))
    if augment.active and layout != "image":
        holds = tx("features") if layout == "features" else tx("sequences")
        raise DataError(tx("'augment' applies to image datasets only; '{dataset}' holds {what}",
                           dataset=dataset, what=holds))
    return augment if augment.active else None
