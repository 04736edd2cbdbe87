"""Torch modules for the playground's own node types and for adapted ``torch.nn`` layers.

Each is a plain ``nn.Module`` that traces and exports to ONNX. Recurrent layers subclass their
``torch.nn`` class (so weights keep torch's names, e.g. ``lstm1.weight_ih_l0``) and return
either the whole sequence or only the last step, as the project's ``return`` param says.
"""

from __future__ import annotations

import torch
from torch import nn


class Add(nn.Module):
    """Element-wise sum of two or more tensors of equal shape: the residual merge."""

    def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
        total = inputs[0]
        for tensor in inputs[1:]:
            total = total + tensor
        return total


class Concat(nn.Module):
    """Join inputs along ``dim`` (counted with the batch dimension)."""

    def __init__(self, dim: int = 1) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
        return torch.cat(inputs, dim=self.dim)

    def extra_repr(self) -> str:
        return f"dim={self.dim}"


class Reparameterize(nn.Module):
    """A VAE's sampling step: ``z = mu + exp(logvar / 2) * eps`` (eps standard normal) while
    training, ``mu`` in evaluation (so an exported encoder is deterministic)."""

    def forward(self, mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
        if not self.training:
            return mu
        return mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)


class Reshape(nn.Module):
    """Reshape each sample to ``shape`` (the batch dimension is kept)."""

    def __init__(self, shape: tuple[int, ...]) -> None:
        super().__init__()
        self.shape = tuple(shape)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.reshape(x.shape[0], *self.shape)

    def extra_repr(self) -> str:
        return f"shape={list(self.shape)}"


class Transpose(nn.Module):
    """Permute the dims of a batch (``perm`` counts the batch dim and keeps it first)."""

    def __init__(self, perm: tuple[int, ...]) -> None:
        super().__init__()
        self.perm = tuple(perm)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x.permute(*self.perm)

    def extra_repr(self) -> str:
        return f"perm={list(self.perm)}"


class TokenEmbedding(nn.Embedding):
    """``nn.Embedding`` that accepts float tensors holding token ids (datasets are float)."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return super().forward(x.long())


class _LastStepMixin:
    """Keep only the output sequence, optionally only its last step."""

    return_sequence: bool

    def forward(self, x: torch.Tensor) -> torch.Tensor:  # type: ignore[override]
        output, _ = super().forward(x)  # type: ignore[misc]
        return output if self.return_sequence else output[:, -1]


class RNN(_LastStepMixin, nn.RNN):
    def __init__(self, *args, return_sequence: bool = False, **kwargs) -> None:
        super().__init__(*args, batch_first=True, **kwargs)
        self.return_sequence = return_sequence


class LSTM(_LastStepMixin, nn.LSTM):
    def __init__(self, *args, return_sequence: bool = False, **kwargs) -> None:
        super().__init__(*args, batch_first=True, **kwargs)
        self.return_sequence = return_sequence


class GRU(_LastStepMixin, nn.GRU):
    def __init__(self, *args, return_sequence: bool = False, **kwargs) -> None:
        super().__init__(*args, batch_first=True, **kwargs)
        self.return_sequence = return_sequence
