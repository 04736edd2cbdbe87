"""Pictures of a generative model while it trains (torch, no Qt): what the live views draw.

- :func:`gan_field`: GAN Lab's picture for 2-D data: the real points, the generator's points
  from fixed noise, where the generator's loss pushes each of them (its gradient, negated), and
  the discriminator's probability of "real" over the plane as a heat map.
- :func:`generated_samples`: the generator's samples from fixed noise (a grid of images).
- :func:`reconstructions`: inputs beside what an autoencoder or VAE makes of them.
- :func:`latent_points`: a VAE's mu of validation samples, with their labels, when z is 2-D.
- :func:`decode`: the decoder or generator run on chosen points of the latent space (sliders).

Everything comes back in raw data units (the dataset's standardisation undone) as numpy
arrays, and the models are left in the mode they were in.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from dlplayground.compile.module import GraphModule
from dlplayground.data.dataset import Dataset
from dlplayground.training.generative import generator_loss
from dlplayground.training.trainer import evaluating

#: a generator whose samples spread less than this fraction of the data's spread has collapsed
COLLAPSE_SPREAD = 0.25


@dataclass(frozen=True)
class GanField:
    """One frame of the 2-D GAN picture (all in raw data units).

    Attributes:
        real: ``[N, 2]`` real points; fake: ``[M, 2]`` the generator's points from fixed noise.
        moves: ``[M, 2]`` the direction each fake point is pushed (minus the generator loss's
            gradient), scaled so the longest arrow spans a tenth of the plane.
        heat: ``[G, G]`` the discriminator's probability of "real" over the grid, rows along y.
        bounds: (xmin, xmax, ymin, ymax) of the grid.
        spread: the fakes' spread over the real points' (mean per-axis standard deviation).
    """

    step: int
    real: np.ndarray
    fake: np.ndarray
    moves: np.ndarray
    heat: np.ndarray
    bounds: tuple[float, float, float, float]
    spread: float


@dataclass(frozen=True)
class SampleGrid:
    """Generated samples ``[N, C, H, W]`` (raw units) and how varied they are (their spread
    over the data's, see :data:`COLLAPSE_SPREAD`)."""

    step: int
    images: np.ndarray
    spread: float


@dataclass(frozen=True)
class Reconstructions:
    """Raw inputs ``[N, ...]``, what the model makes of them, and their labels."""

    step: int
    inputs: np.ndarray
    outputs: np.ndarray
    labels: np.ndarray


@dataclass(frozen=True)
class LatentPoints:
    """A VAE's mu ``[N, 2]`` of validation samples, with their labels."""

    step: int
    points: np.ndarray
    labels: np.ndarray


def _raw(dataset: Dataset, standardised: torch.Tensor) -> np.ndarray:
    return standardised.detach().cpu().numpy() * dataset.std + dataset.mean


def _device(model: GraphModule) -> torch.device:
    parameter = next(model.parameters(), None)
    return parameter.device if parameter is not None else torch.device("cpu")


def fixed_noise(count: int, latent_dim: int, seed: int = 0) -> torch.Tensor:
    """The same noise every frame, so the picture shows the generator change, not the noise."""
    return torch.randn(count, latent_dim, generator=torch.Generator().manual_seed(seed + 12345))


def gan_field(generator: GraphModule, discriminator: GraphModule, dataset: Dataset, noise: torch.Tensor,
              real: np.ndarray, step: int, bounds: tuple[float, float, float, float], grid: int = 48) -> GanField:
    """The 2-D GAN picture (see :class:`GanField`); ``real`` are raw points to show."""
    device = _device(generator)
    mean, std = (torch.as_tensor(np.asarray(v, np.float32), device=device) for v in (dataset.mean, dataset.std))
    with evaluating(generator, discriminator):
        with torch.no_grad():
            fake = generator(noise.to(device))
        # where the generator's loss pushes each fake point: the gradient at the point itself
        points = fake.detach().clone().requires_grad_(True)
        loss = generator_loss(discriminator(points))
        (gradient,) = torch.autograd.grad(loss, points)
        xmin, xmax, ymin, ymax = bounds
        xs, ys = np.meshgrid(np.linspace(xmin, xmax, grid, dtype=np.float32),
                             np.linspace(ymin, ymax, grid, dtype=np.float32))
        plane = torch.from_numpy(np.stack([xs.ravel(), ys.ravel()], 1)).to(device)
        with torch.no_grad():
            heat = torch.sigmoid(discriminator((plane - mean) / std)).reshape(grid, grid).cpu().numpy()
    fake_raw = _raw(dataset, fake)
    # the push in raw units (the chain rule through the standardisation), longest arrow a tenth of the plane
    moves = -gradient.cpu().numpy() / np.asarray(dataset.std, np.float32)
    longest = float(np.abs(moves).max()) if moves.size else 0.0
    scale = 0.1 * max(xmax - xmin, ymax - ymin) / longest if longest > 0 else 0.0
    spread = float(np.mean(fake_raw.std(axis=0)) / max(np.mean(real.std(axis=0)), 1e-12))
    return GanField(step, np.asarray(real, np.float32), fake_raw.astype(np.float32), (moves * scale).astype(np.float32),
                    heat.astype(np.float32), bounds, spread)


def generated_samples(generator: GraphModule, dataset: Dataset, noise: torch.Tensor, step: int) -> SampleGrid:
    """The generator's samples from ``noise`` in raw units, and their spread over the data's."""
    with evaluating(generator), torch.no_grad():
        images = _raw(dataset, generator(noise.to(_device(generator))))
    reference = dataset.raw_val if dataset.raw_val is not None and len(dataset.raw_val) > 1 else None
    spread = float("nan")
    if reference is not None and len(images) > 1:
        spread = float(images.std(axis=0).mean() / max(np.asarray(reference[:256]).std(axis=0).mean(), 1e-12))
    return SampleGrid(step, images.astype(np.float32), spread)


def reconstructions(model: GraphModule, dataset: Dataset, count: int, step: int) -> Reconstructions:
    """The first ``count`` validation samples and the model's reconstructions (eval mode: a
    VAE decodes mu)."""
    x = np.asarray(dataset.x_val[:count], np.float32)
    with evaluating(model), torch.no_grad():
        outputs = _raw(dataset, model(torch.from_numpy(x).to(_device(model))))
    inputs = x * dataset.std + dataset.mean
    return Reconstructions(step, inputs.astype(np.float32), outputs.astype(np.float32), np.asarray(dataset.y_val[:count]))


def latent_points(model: GraphModule, mu_node: str, dataset: Dataset, count: int, step: int) -> LatentPoints:
    """mu of the first ``count`` validation samples (its first two dims)."""
    x = torch.from_numpy(np.asarray(dataset.x_val[:count], np.float32)).to(_device(model))
    with evaluating(model), torch.no_grad():
        _, kept = model.forward_taps(x, (mu_node,))
    points = kept[mu_node].reshape(len(x), -1)[:, :2].cpu().numpy()
    return LatentPoints(step, points.astype(np.float32), np.asarray(dataset.y_val[:count]))


def decode(model: torch.nn.Module, dataset: Dataset, z: np.ndarray) -> np.ndarray:
    """The decoder or generator on latent points ``z`` ``[N, D]``, in raw data units."""
    device = next(model.parameters()).device if any(True for _ in model.parameters()) else torch.device("cpu")
    with evaluating(model), torch.no_grad():
        return _raw(dataset, model(torch.as_tensor(np.asarray(z, np.float32), device=device))).astype(np.float32)
