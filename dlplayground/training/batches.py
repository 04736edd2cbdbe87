"""Training inputs that become float32 one batch at a time: uint8 images standardised per
batch, and ``data.augment`` applied to training batches.

:func:`input_tensor` gives the trainer what it indexes. For plain float data it is the tensor
itself. For uint8 images (or an augmented set) it is a :class:`BatchView`, which the trainer's
loop uses as it would the tensor: ``view[order]`` (the epoch's shuffle) gives the view of the
shuffled *training* samples, and slicing a view gives the standardised float batch, augmented
only when it was taken from such a shuffle. Evaluation slices the unshuffled view, so it never
sees augmented samples.
"""

from __future__ import annotations

from typing import Any

import torch

from dlplayground.data.augment import Augment
from dlplayground.data.dataset import Dataset
from dlplayground.data.uint8 import ByteImages


class BatchView:
    """Raw inputs on the device, standardised (and possibly augmented) when sliced."""

    def __init__(self, raw: torch.Tensor, mean: torch.Tensor, std: torch.Tensor,
                 augment: Augment | None, generator: torch.Generator | None, training: bool = False) -> None:
        self.raw, self.mean, self.std = raw, mean, std
        # (x - mean) / std as one fused multiply-add after the conversion
        self._scale, self._shift = 1.0 / std, -mean / std
        self.augment, self.generator, self.training = augment, generator, training

    def __len__(self) -> int:
        return len(self.raw)

    @property
    def shape(self) -> torch.Size:
        return self.raw.shape

    @property
    def device(self) -> torch.device:
        return self.raw.device

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            batch = torch.addcmul(self._shift, self.raw[index].to(torch.float32), self._scale)
            if self.training and self.augment is not None and self.generator is not None:
                batch = self.augment(batch, self.generator)
            return batch
        # a tensor of indices: the epoch's shuffled training samples
        return BatchView(self.raw[index], self.mean, self.std, self.augment, self.generator, training=True)


def input_tensor(x: Any, dataset: Dataset, device: torch.device, train: bool) -> "torch.Tensor | BatchView":
    """What the trainer indexes for the inputs ``x`` (``dataset.x_train`` or ``x_val``)."""
    augment = dataset.augment if train else None
    if isinstance(x, ByteImages):
        raw = torch.as_tensor(x.raw, device=device)
        mean = torch.as_tensor(x.mean, device=device)
        std = torch.as_tensor(x.std, device=device)
    elif augment is not None:
        raw = torch.as_tensor(x, device=device)
        mean = torch.zeros((), device=device)
        std = torch.ones((), device=device)
    else:
        return torch.as_tensor(x, device=device)
    generator = torch.Generator().manual_seed(dataset.seed) if augment is not None else None
    return BatchView(raw, mean, std, augment, generator)
