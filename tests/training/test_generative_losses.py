"""The generative objectives' math against hand-written references on fixed tensors."""

from __future__ import annotations

import math

import pytest
import torch

from dlplayground.layers.modules import Reparameterize
from dlplayground.training.generative import (discriminator_loss, generator_loss, kl_divergence,
                                              reconstruction_loss)

MU = [[0.5, -1.0, 0.0], [2.0, 0.25, -0.5]]
LOGVAR = [[0.0, -0.5, 1.0], [0.3, -2.0, 0.0]]


def _sigmoid(v: float) -> float:
    return 1.0 / (1.0 + math.exp(-v))


def test_kl_term_matches_the_closed_form_written_out():
    # KL(N(m, s^2) || N(0, 1)) = 0.5 * (s^2 + m^2 - 1 - log s^2), summed over D, mean over the batch
    per_sample = [sum(0.5 * (math.exp(lv) + m * m - 1.0 - lv) for m, lv in zip(mus, lvs))
                  for mus, lvs in zip(MU, LOGVAR)]
    expected = sum(per_sample) / len(per_sample)
    got = kl_divergence(torch.tensor(MU), torch.tensor(LOGVAR)).item()
    assert got == pytest.approx(expected, rel=1e-6)
    # by hand: sample 0: 0.125 + 0.553265 + 0.359141; sample 1: 2.024930 + 0.598918 + 0.125
    assert expected == pytest.approx((1.037406 + 2.748848) / 2, abs=1e-5)


def test_kl_term_agrees_with_torch_distributions():
    mu, logvar = torch.tensor(MU), torch.tensor(LOGVAR)
    posterior = torch.distributions.Normal(mu, torch.exp(0.5 * logvar))
    prior = torch.distributions.Normal(torch.zeros_like(mu), torch.ones_like(mu))
    reference = torch.distributions.kl_divergence(posterior, prior).sum(dim=1).mean()
    assert kl_divergence(mu, logvar).item() == pytest.approx(reference.item(), rel=1e-6)
    assert kl_divergence(torch.zeros(4, 3), torch.zeros(4, 3)).item() == 0.0


def test_reconstruction_loss_sums_over_a_sample_and_averages_over_the_batch():
    output = torch.tensor([[[1.0, 2.0], [3.0, 4.0]], [[0.0, 0.0], [0.0, 1.0]]])
    target = torch.tensor([[[1.0, 0.0], [3.0, 5.0]], [[1.0, 0.0], [0.0, -1.0]]])
    # squared errors: sample 0: 0 + 4 + 0 + 1 = 5; sample 1: 1 + 0 + 0 + 4 = 5; L1: 3 and 3
    assert reconstruction_loss("MSELoss", output, target).item() == pytest.approx(5.0)
    assert reconstruction_loss("L1Loss", output, target).item() == pytest.approx(3.0)


def test_gan_losses_on_fixed_logits():
    real, fake = [2.0, -1.0, 0.5], [0.5, -3.0, 1.5]
    d_expected = (sum(-math.log(_sigmoid(r)) for r in real) / 3
                  + sum(-math.log(1.0 - _sigmoid(f)) for f in fake) / 3)
    g_expected = sum(-math.log(_sigmoid(f)) for f in fake) / 3  # non-saturating: fakes labelled 1
    real_t, fake_t = torch.tensor(real).unsqueeze(1), torch.tensor(fake).unsqueeze(1)
    assert discriminator_loss(real_t, fake_t).item() == pytest.approx(d_expected, rel=1e-6)
    assert generator_loss(fake_t).item() == pytest.approx(g_expected, rel=1e-6)
    # the saturating loss log(1 - D(G(z))) would differ: the test tells the two apart
    assert g_expected != pytest.approx(sum(math.log(1.0 - _sigmoid(f)) for f in fake) / 3)


def test_reparameterize_samples_while_training_and_passes_mu_in_evaluation():
    mu, logvar = torch.tensor(MU), torch.tensor(LOGVAR)
    layer = Reparameterize()
    torch.manual_seed(3)
    z = layer(mu, logvar)
    torch.manual_seed(3)
    eps = torch.randn_like(mu)
    assert torch.allclose(z, mu + torch.exp(logvar / 2) * eps)
    layer.eval()
    assert torch.equal(layer(mu, logvar), mu)
