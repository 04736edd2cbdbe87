"""What is exported of a generative project, and with which inputs it is checked.

A GAN exports its generator (noise ``[latent_dim]`` in, a raw data sample out); an autoencoder
or VAE the whole network (a raw sample in, its raw reconstruction out); ``part="decoder"`` a
VAE's part after its Reparameterize node (``z`` in, a raw sample out). Every one of them makes
standardised data inside, so the export undoes the dataset's standardisation on the output;
noise and ``z`` are fed as they are. A GAN's weights file also holds the discriminator (keys
prefixed ``discriminator.``), which the generator's export leaves out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np
import torch

from dlplayground.compile.generative import check_gan, decoder_graph, latent_dim
from dlplayground.compile.infer import Inference, infer
from dlplayground.compile.module import GraphModule
from dlplayground.data import Dataset
from dlplayground.export.exporter import ExportError
from dlplayground.graph.document import Graph, Project
from dlplayground.graph.problems import Problem, ValidationError

#: the parts ``export --part`` accepts
PARTS = ("decoder",)
DISCRIMINATOR_PREFIX = "discriminator."
#: noise samples compared between onnxruntime and PyTorch
_CHECK_SAMPLES = 64


@dataclass
class GenerativeExport:
    """A generative project's network to export, ready for :func:`export_model` and :func:`verify`.

    Attributes:
        model: the module (eval mode, weights loaded).
        graph: the graph it was built from (a VAE decoder's is cut out of the project's).
        inference: the graph's shapes.
        example, check: raw inputs for the export (two samples) and the comparison.
        input_mean, input_std: the standardisation in front (identity for noise and z).
        output_scale: the dataset's (mean, std), undone on the output.
        what: a few words for the report (``the generator``...).
    """

    model: GraphModule
    graph: Graph
    inference: Inference
    example: np.ndarray
    check: np.ndarray
    input_mean: np.ndarray
    input_std: np.ndarray
    output_scale: tuple[np.ndarray, np.ndarray]
    what: str

    @property
    def input_note(self) -> str:
        """What the input takes and the output gives, for the export report."""
        taken = ("raw samples, standardised inside" if self.graph is not None and self.what.startswith("the whole")
                 else "standard normal noise" if self.what == "the generator" else "z, a point of the latent space")
        return f"{taken}; the output is a raw data sample"

    @property
    def input_shape(self) -> tuple[int, ...]:
        return tuple(self.model.input_shape)


def objective_of(project: Project) -> str:
    value = project.training.get("objective", "supervised") if isinstance(project.training, Mapping) else "supervised"
    return value if isinstance(value, str) else "supervised"


def generative_export(project: Project, dataset: Dataset, tensors: Mapping[str, torch.Tensor] | None,
                      part: str | None = None) -> GenerativeExport | None:
    """The network to export for a generative project; None for a supervised one without ``part``.

    Args:
        tensors: trained weights keyed ``<node id>.<name>`` (None: fresh, seeded weights).
        part: ``decoder`` for a VAE's decoder.

    Raises:
        ExportError: an unknown part, a part the objective has not, or a graph that cannot be built.
    """
    objective = objective_of(project)
    if part is not None and part not in PARTS:
        raise ExportError(f"unknown part {part!r}: the parts are {', '.join(PARTS)}")
    if part == "decoder" and objective != "vae":
        raise ExportError(f"--part decoder is a VAE's (training.objective \"vae\"); this project's objective is "
                          f"{objective!r}")
    if objective == "supervised":
        return None
    identity = (np.zeros((), np.float32), np.ones((), np.float32))
    scale = (np.asarray(dataset.mean, np.float32), np.asarray(dataset.std, np.float32))
    if objective == "gan":
        check = check_gan(project.graph, project.discriminator, dataset.input_shape,
                          latent_dim(project.training, project.graph), count_params=False)
        _raise(check.problems)
        model = _build(project, project.graph, check.graph, _without_discriminator(tensors))
        noise = _noise(project, model.input_shape)
        return GenerativeExport(model, project.graph, check.graph, noise[:2], noise, *identity, scale,
                                "the generator")
    inference = infer(project.graph, dataset.input_shape, count_params=False)
    _raise(inference.problems)
    if part == "decoder":
        try:
            graph = decoder_graph(project.graph, inference)
        except ValidationError as exc:
            raise ExportError(str(exc)) from None
        decoder = infer(graph, None, count_params=False)
        _raise(decoder.problems)
        kept = set(n.id for n in graph.nodes)
        subset = None if tensors is None else {k: v for k, v in tensors.items() if k.split(".")[0] in kept
                                               or any(k.startswith(n + ".") for n in kept)}
        model = _build(project, graph, decoder, subset)
        noise = _noise(project, model.input_shape)
        return GenerativeExport(model, graph, decoder, noise[:2], noise, *identity, scale,
                                "the decoder (z to a sample)")
    model = _build(project, project.graph, inference, tensors)
    raw_val = dataset.raw_val if dataset.raw_val is not None else dataset.x_val * dataset.std + dataset.mean
    raw_train = dataset.raw_train if dataset.raw_train is not None else dataset.x_train * dataset.std + dataset.mean
    check_samples = np.asarray(raw_val if len(raw_val) else raw_train, np.float32)
    example = np.concatenate([raw_train[:2], raw_val[:2]]).astype(np.float32)[:2]
    return GenerativeExport(model, project.graph, inference, example, check_samples,
                            np.asarray(dataset.mean, np.float32), np.asarray(dataset.std, np.float32), scale,
                            f"the whole {'autoencoder' if objective == 'autoencoder' else 'VAE'}")


def _without_discriminator(tensors: Mapping[str, torch.Tensor] | None) -> dict[str, torch.Tensor] | None:
    if tensors is None:
        return None
    return {k: v for k, v in tensors.items() if not k.startswith(DISCRIMINATOR_PREFIX)}


def _noise(project: Project, shape: tuple[int, ...]) -> np.ndarray:
    seed = project.training.get("seed", 0)
    seed = seed if isinstance(seed, int) and not isinstance(seed, bool) and seed >= 0 else 0
    return np.random.default_rng(seed).standard_normal((_CHECK_SAMPLES, *shape)).astype(np.float32)


def _build(project: Project, graph: Graph, inference: Inference,
           tensors: Mapping[str, torch.Tensor] | None) -> GraphModule:
    seed = project.training.get("seed", 0)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed if isinstance(seed, int) and not isinstance(seed, bool) else 0)
        model = GraphModule(graph, inference)
    if tensors is not None:
        try:
            model.load_state_dict_by_node(dict(tensors))
        except KeyError as exc:
            raise ExportError(f"the weights do not fit: {exc.args[0] if exc.args else exc}") from None
        except (ValueError, RuntimeError) as exc:
            raise ExportError(f"the weights do not fit: {exc}") from None
    return model.eval()


def _raise(problems: list[Problem] | tuple[Problem, ...]) -> None:
    if problems:
        listed = "\n".join(f"  {p}" for p in problems)
        raise ExportError(f"the project has {len(problems)} problem(s):\n{listed}")


def destandardised(model: torch.nn.Module, scale: tuple[np.ndarray, np.ndarray]) -> torch.nn.Module:
    """``model`` followed by ``y * std + mean``: the PyTorch twin of an exported generative model."""
    return _Scaled(model, *scale).eval()


class _Scaled(torch.nn.Module):
    def __init__(self, model: torch.nn.Module, mean: np.ndarray, std: np.ndarray) -> None:
        super().__init__()
        self.model = model
        self.register_buffer("mean", torch.from_numpy(np.asarray(mean, np.float32).copy()))
        self.register_buffer("std", torch.from_numpy(np.asarray(std, np.float32).copy()))

    def forward(self, x: Any) -> torch.Tensor:
        return self.model(x) * self.std + self.mean
