"""The generative objectives: autoencoder, VAE and GAN, as objects the Trainer steps.

Each is an :class:`~dlplayground.training.objective.Objective`: it owns its networks and their
optimisers (a GAN's discriminator is stepped inside ``backward``, before the generator's loss is
taken; the generator's step is the trainer's ``step``), and keeps the epoch's extra metrics
(``recon_loss, kl`` or ``d_loss, g_loss, d_real, d_fake``) for ``metrics.csv``. Dataset labels
are never read.

The loss functions are plain functions of tensors, so tests can hold them against a
hand-written reference.
"""

from __future__ import annotations

import torch
from torch import nn
from torch.nn import functional as F

from dlplayground.compile.generative import VaeTaps
from dlplayground.compile.module import GraphModule
from dlplayground.training.config import TrainingConfig
from dlplayground.training.objective import Objective
from dlplayground.training.optimizers import make_optimizer

#: a GAN's second network; its weights keys are prefixed ``discriminator.`` in ``weights.safetensors``
DISCRIMINATOR = "discriminator"
DISCRIMINATOR_PREFIX = DISCRIMINATOR + "."
#: evaluation runs in chunks of this many samples (the trainer's ``EVAL_CHUNK``)
_EVAL_CHUNK = 4096


# -- the losses ----------------------------------------------------------------------------
def kl_divergence(mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    """KL(N(mu, exp(logvar)) || N(0, 1)), summed over the latent dims, averaged over the batch."""
    return (-0.5 * (1.0 + logvar - mu.pow(2) - logvar.exp())).sum(dim=1).mean()


def reconstruction_loss(loss: str, output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """``loss`` (a ``torch.nn`` loss name) summed over each sample's elements, averaged over the batch."""
    per_element = getattr(nn, loss)(reduction="none")(output, target)
    return per_element.reshape(len(output), -1).sum(dim=1).mean()


def discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """BCE with logits: real samples labelled 1, generated ones 0 (each term a batch mean)."""
    return (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))


def generator_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    """The non-saturating generator loss: BCE with logits of the fakes labelled 1 (-log D(G(z)))."""
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))


# -- the objectives ------------------------------------------------------------------------
class GenerativeObjective(Objective):
    """An objective that learns the data itself: it never reads the dataset's labels and reports
    the epoch's means of its :attr:`columns` (``recon_loss, kl``; ``d_loss, g_loss, ...``)."""

    #: the ``training.objective`` value
    name = ""

    def __init__(self) -> None:
        self._sums: dict[str, float] = {}
        self._count = 0

    def epoch_extras(self) -> dict[str, float]:
        count = max(self._count, 1)
        extras = {key: self._sums.get(key, float("nan")) / count for key in self.columns}
        self._sums, self._count = {}, 0
        return extras

    def _record(self, count: int, **values: torch.Tensor) -> None:
        for key, value in values.items():
            self._sums[key] = self._sums.get(key, 0.0) + float(value) * count
        self._count += count


class AutoencoderObjective(GenerativeObjective):
    """The target is the input itself; ``training.loss`` as torch computes it (batch mean)."""

    name = "autoencoder"

    def __init__(self, model: GraphModule, config: TrainingConfig, optimizer: torch.optim.Optimizer) -> None:
        super().__init__()
        self.model, self._optimizer = model, optimizer
        self.networks = {"model": model}
        self.optimizers = {"model": optimizer}
        self.loss = getattr(nn, config.loss)()

    def backward(self, inputs: torch.Tensor, targets: torch.Tensor) -> tuple[torch.Tensor, None]:
        self._optimizer.zero_grad(set_to_none=True)
        loss = self.loss(self.model(inputs), inputs)
        loss.backward()
        return loss, None

    def evaluate(self, inputs: torch.Tensor, targets: torch.Tensor) -> tuple[float, None]:
        return self.loss(self.model(inputs), inputs).item(), None


class VaeObjective(GenerativeObjective):
    """Reconstruction (summed over a sample's elements) + ``kl_weight`` x KL, both batch means."""

    name = "vae"
    columns = ("recon_loss", "kl")

    def __init__(self, model: GraphModule, config: TrainingConfig, optimizer: torch.optim.Optimizer,
                 taps: VaeTaps) -> None:
        super().__init__()
        self.model, self._optimizer = model, optimizer
        self.networks = {"model": model}
        self.optimizers = {"model": optimizer}
        self.loss_name = config.loss
        self.kl_weight = config.kl_weight
        self.taps = taps
        self._tapped = (taps.mu, taps.logvar)

    def parts(self, inputs: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """(reconstruction loss, KL term) of one batch in the model's current mode."""
        output, kept = self.model.forward_taps(inputs, self._tapped)
        return (reconstruction_loss(self.loss_name, output, inputs),
                kl_divergence(kept[self.taps.mu], kept[self.taps.logvar]))

    def backward(self, inputs: torch.Tensor, targets: torch.Tensor) -> tuple[torch.Tensor, None]:
        self._optimizer.zero_grad(set_to_none=True)
        recon, kl = self.parts(inputs)
        loss = recon + self.kl_weight * kl
        loss.backward()
        self._record(len(inputs), recon_loss=recon.detach(), kl=kl.detach())
        return loss, None

    def evaluate(self, inputs: torch.Tensor, targets: torch.Tensor) -> tuple[float, None]:
        recon, kl = self.parts(inputs)
        return (recon + self.kl_weight * kl).item(), None


class GanObjective(GenerativeObjective):
    """Each batch: one discriminator step (real 1, fake 0) inside :meth:`backward`, then the
    generator's gradients (fakes labelled 1), which :meth:`step` applies. Noise is standard
    normal from the training seed; evaluation uses a fixed bank of it (seed + 1), so that
    ``val_loss`` compares like with like from epoch to epoch."""

    name = "gan"
    columns = ("d_loss", "g_loss", "d_real", "d_fake")

    def __init__(self, generator: GraphModule, discriminator: GraphModule, config: TrainingConfig,
                 optimizer: torch.optim.Optimizer, latent_dim: int) -> None:
        super().__init__()
        self.generator, self.discriminator = generator, discriminator
        self.latent_dim = latent_dim
        name = config.discriminator_optimizer or config.optimizer
        args = config.discriminator_optimizer_args if config.discriminator_optimizer else config.optimizer_args
        where = "training.discriminator_optimizer" if config.discriminator_optimizer else "training.optimizer"
        d_optimizer = make_optimizer(name, discriminator.parameters(), args, where)
        self._g_optimizer, self._d_optimizer = optimizer, d_optimizer
        self.networks = {"generator": generator, DISCRIMINATOR: discriminator}
        self.optimizers = {"generator": optimizer, DISCRIMINATOR: d_optimizer}
        self._noise = torch.Generator().manual_seed(config.seed)
        self._eval_noise = torch.randn(_EVAL_CHUNK, latent_dim, generator=torch.Generator().manual_seed(config.seed + 1))

    def noise(self, count: int, device: torch.device) -> torch.Tensor:
        """``count`` fresh noise vectors from the run's noise stream."""
        return torch.randn(count, self.latent_dim, generator=self._noise).to(device)

    def backward(self, inputs: torch.Tensor, targets: torch.Tensor) -> tuple[torch.Tensor, None]:
        discriminator = self.discriminator
        self._g_optimizer.zero_grad(set_to_none=True)
        fake = self.generator(self.noise(len(inputs), inputs.device))
        self._d_optimizer.zero_grad(set_to_none=True)
        real_logits = discriminator(inputs)
        fake_logits = discriminator(fake.detach())
        d_loss = discriminator_loss(real_logits, fake_logits)
        d_loss.backward()
        self._d_optimizer.step()
        # the generator's loss is taken against the discriminator just updated (the alternating game)
        g_loss = generator_loss(discriminator(fake))
        g_loss.backward()
        self._record(len(inputs), d_loss=d_loss.detach(), g_loss=g_loss.detach(),
                     d_real=torch.sigmoid(real_logits.detach()).mean(),
                     d_fake=torch.sigmoid(fake_logits.detach()).mean())
        return g_loss, None

    def step(self) -> None:
        self._g_optimizer.step()  # the discriminator stepped inside backward()

    def evaluate(self, inputs: torch.Tensor, targets: torch.Tensor) -> tuple[float, None]:
        z = self._eval_noise[: len(inputs)].to(inputs.device)
        return generator_loss(self.discriminator(self.generator(z))).item(), None


def make_generative(config: TrainingConfig, model: GraphModule, discriminator: GraphModule | None = None,
                    taps: VaeTaps | None = None) -> GenerativeObjective:
    """The objective ``config.objective`` names, for a model already checked for it
    (see :func:`dlplayground.training.setup.prepare_training`), with the settings' optimiser."""
    optimizer = make_optimizer(config.optimizer, model.parameters(), config.optimizer_args)
    if config.objective == "autoencoder":
        return AutoencoderObjective(model, config, optimizer)
    if config.objective == "vae":
        assert taps is not None
        return VaeObjective(model, config, optimizer, taps)
    if config.objective == "gan":
        assert discriminator is not None
        return GanObjective(model, discriminator, config, optimizer, int(model.input_shape[0]))
    raise ValueError(f"not a generative objective: {config.objective!r}")


def split_weights(tensors: dict[str, torch.Tensor]) -> tuple[dict[str, torch.Tensor], dict[str, torch.Tensor]]:
    """A GAN's weights file -> (generator tensors, discriminator tensors without the prefix)."""
    generator = {k: v for k, v in tensors.items() if not k.startswith(DISCRIMINATOR_PREFIX)}
    discriminator = {k[len(DISCRIMINATOR_PREFIX):]: v for k, v in tensors.items() if k.startswith(DISCRIMINATOR_PREFIX)}
    return generator, discriminator
