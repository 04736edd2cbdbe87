"""From a project snapshot to everything a run needs: dataset, checked settings, seeded model.

The CLI and the window's worker both start here, from a plain ``to_dict()`` snapshot of the
project (never the live document), so a run trains exactly what the project file says.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import torch

from dlplayground.compile.generative import VaeTaps, infer_networks, vae_taps
from dlplayground.compile.infer import Inference
from dlplayground.compile.module import GraphModule
from dlplayground.data import Dataset, load_dataset
from dlplayground.graph.io import project_from_dict
from dlplayground.graph.problems import ValidationError
from dlplayground.graph.text import tx
from dlplayground.training.config import TrainingConfig, TrainingConfigError, parse_training
from dlplayground.training.generative import make_generative
from dlplayground.training.init import load_init
from dlplayground.training.tokens import check_token_inputs
from dlplayground.training.trainer import Trainer


@dataclass
class TrainingSetup:
    """A project ready to train.

    Attributes:
        project: the snapshot as it will be trained (CLI overrides such as ``--epochs`` applied).
        dataset, inference, model, config: what :class:`Trainer` needs; the model is freshly
            initialised from ``config.seed``.
    """

    project: dict[str, Any]
    dataset: Dataset
    inference: Inference
    model: GraphModule
    config: TrainingConfig
    #: a GAN's discriminator (``model`` is then the generator); None for other objectives
    discriminator: GraphModule | None = None
    #: a VAE's Reparameterize node and the nodes feeding mu and logvar
    vae_taps: VaeTaps | None = None

    def trainer(self, **kwargs: Any) -> Trainer:
        if self.config.objective != "supervised" and "objective" not in kwargs:
            kwargs["objective"] = make_generative(self.config, self.model, self.discriminator, self.vae_taps)
        return Trainer(self.model, self.dataset, self.config, **kwargs)


def prepare_training(project: Mapping[str, Any], base_dir: str | Path | None = None, *,
                     epochs: int | None = None, seed: int | None = None,
                     device: str | None = None, dataset: Dataset | None = None) -> TrainingSetup:
    """Load the dataset, check the settings and the graph, build the model with the run's seed.

    ``dataset`` replaces the one the data section describes (a cross-validation fold).

    Raises:
        ProjectFormatError, DataError, TrainingConfigError, ValidationError: each naming what is
            wrong and where (the node ids, the settings key, the file).
    """
    snapshot = copy.deepcopy(dict(project))
    document = project_from_dict(snapshot)
    dataset = load_dataset(document.data, base_dir) if dataset is None else dataset
    config = parse_training(document.training, epochs=epochs, seed=seed, device=device)
    training = dict(snapshot.get("training") or {})
    if epochs is not None:
        training["epochs"] = epochs
    if seed is not None:
        training["seed"] = seed
    snapshot["training"] = training

    checked = infer_networks(document.graph, document.discriminator, document.training, dataset.input_shape,
                             count_params=False)
    if not checked.ok:
        raise ValidationError(checked.problems)
    inference = checked.graph
    if config.objective != "gan":
        check_token_inputs(document.graph, inference, dataset)
    taps = vae_taps(document.graph) if config.objective == "vae" else None
    torch.manual_seed(config.seed)  # the initial weights and dropout masks follow the seed
    model = GraphModule(document.graph, inference)
    discriminator = None
    if checked.discriminator is not None:
        assert document.discriminator is not None
        discriminator = GraphModule(document.discriminator, checked.discriminator)
    if config.init is not None:
        load_init(model, config.init, base_dir)
    if model.frozen and not any(p.requires_grad for p in model.parameters()):
        raise TrainingConfigError(tx("graph: every parametrised node is frozen (\"trainable\": false): nothing to "
                                     "train"))
    return TrainingSetup(snapshot, dataset, inference, model, config, discriminator, taps)
