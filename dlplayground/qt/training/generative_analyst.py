"""Making a generative model's live pictures on the training thread.

Takes the place of :class:`~dlplayground.qt.training.analyst.Analyst` (decision boundaries,
feature maps and confusion matrices describe classifiers) when the run's objective is
generative: a GAN on 2-D data gets GAN Lab's picture, a GAN on images a grid of samples from
fixed noise, an autoencoder or VAE its reconstructions, a VAE with a 2-D z its latent plane.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from dlplayground.qt.training.payloads import Analysis, GenerativeFrame
from dlplayground.qt.training.view_request import Wishes
from dlplayground.training import analysis
from dlplayground.training import generative_pictures as pictures

#: real points drawn in the 2-D GAN picture, and fakes (one per fixed noise vector)
REAL_POINTS, FAKE_POINTS = 400, 300
#: samples in the generated grid (8 x 8), reconstructions shown, points in the latent plane
GRID_SAMPLES, RECONSTRUCTIONS, LATENT_POINTS = 64, 8, 600


class GenerativeAnalyst:
    """Makes the :class:`GenerativeFrame` of one generative run (training thread only)."""

    def __init__(self, setup: Any, trainer: Any) -> None:
        self.setup, self.dataset = setup, setup.dataset
        self.objective = setup.config.objective
        self.model = setup.model
        self.discriminator = setup.discriminator
        shape = tuple(self.dataset.input_shape)
        self.planar = analysis.is_planar(self.dataset)
        self.images = len(shape) == 3
        self.noise = None
        if self.objective == "gan":
            count = FAKE_POINTS if self.planar else GRID_SAMPLES
            self.noise = pictures.fixed_noise(count, int(self.model.input_shape[0]), setup.config.seed)
        if self.planar:
            self.bounds = analysis.plane_bounds(self.dataset)
            raw = self.dataset.raw_train if self.dataset.raw_train is not None else \
                self.dataset.x_train * self.dataset.std + self.dataset.mean
            self.real = np.asarray(raw[:REAL_POINTS], np.float32)
        taps = setup.vae_taps
        self.mu_node = taps.mu if taps is not None and self._latent_size(taps) == 2 else None

    def _latent_size(self, taps: Any) -> int:
        return int(self.setup.inference.shapes[taps.node][0])

    def analyse(self, wishes: Wishes, step: int, final: bool = False, with_confusion: bool = False) -> Analysis:
        problems: list[str] = []

        def attempt(what: str, make):
            try:
                return make()
            except (ValueError, KeyError, RuntimeError, IndexError) as exc:
                problems.append(f"{what}: {exc}")
                return None

        field = samples = recon = latent = None
        if self.objective == "gan" and self.noise is not None and self.discriminator is not None:
            if self.planar:
                field = attempt("GAN picture", lambda: pictures.gan_field(
                    self.model, self.discriminator, self.dataset, self.noise, self.real, step, self.bounds))
            else:
                samples = attempt("samples", lambda: pictures.generated_samples(
                    self.model, self.dataset, self.noise, step))
        elif len(self.dataset.x_val):
            recon = attempt("reconstructions", lambda: pictures.reconstructions(
                self.model, self.dataset, RECONSTRUCTIONS, step))
            if self.mu_node is not None:
                latent = attempt("latent space", lambda: pictures.latent_points(
                    self.model, self.mu_node, self.dataset, LATENT_POINTS, step))
        return Analysis(step, problems=tuple(problems), generative=GenerativeFrame(field, samples, recon, latent))
