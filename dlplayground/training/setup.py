"""From a project snapshot to everything a run needs: dataset, checked settings, seeded model.

The CLI and the window's worker both start here, from a plain ``to_dict()`` snapshot of the
project (never the live document), so a run trains exactly what the project file says.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import numpy as np
import torch

from dlplayground.compile.infer import Inference, infer
from dlplayground.compile.module import GraphModule
from dlplayground.data import DataError, Dataset, load_dataset
from dlplayground.graph.document import Graph
from dlplayground.graph.io import project_from_dict
from dlplayground.graph.problems import ValidationError
from dlplayground.training.config import TrainingConfig, TrainingConfigError, parse_training
from dlplayground.training.init import load_init
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

    def trainer(self, **kwargs: Any) -> Trainer:
        return Trainer(self.model, self.dataset, self.config, **kwargs)


def prepare_training(project: Mapping[str, Any], base_dir: str | Path | None = None, *,
                     epochs: int | None = None, seed: int | None = None,
                     device: str | None = None) -> TrainingSetup:
    """Load the dataset, check the settings and the graph, build the model with the run's seed.

    Raises:
        ProjectFormatError, DataError, TrainingConfigError, ValidationError: each naming what is
            wrong and where (the node ids, the settings key, the file).
    """
    snapshot = copy.deepcopy(dict(project))
    document = project_from_dict(snapshot)
    dataset = load_dataset(document.data, base_dir)
    config = parse_training(document.training, epochs=epochs, seed=seed, device=device)
    training = dict(snapshot.get("training") or {})
    if epochs is not None:
        training["epochs"] = epochs
    if seed is not None:
        training["seed"] = seed
    snapshot["training"] = training

    inference = infer(document.graph, dataset.input_shape, count_params=False)
    if not inference.ok:
        raise ValidationError(inference.problems)
    check_token_inputs(document.graph, inference, dataset)
    torch.manual_seed(config.seed)  # the initial weights and dropout masks follow the seed
    model = GraphModule(document.graph, inference)
    if config.init is not None:
        load_init(model, config.init, base_dir)
    if model.frozen and not any(p.requires_grad for p in model.parameters()):
        raise TrainingConfigError("graph: every parametrised node is frozen (\"trainable\": false): nothing to train")
    return TrainingSetup(snapshot, dataset, inference, model, config)


def check_token_inputs(graph: Graph, inference: Inference, dataset: Dataset) -> None:
    """An Embedding fed straight from the Input needs whole token ids below ``num_embeddings``;
    say so up front, naming the node, rather than fail inside torch at the first batch.

    Raises:
        DataError: naming the Embedding node, what the inputs hold and what to change.
    """
    assert inference.input_id is not None
    for edge in graph.out_edges(inference.input_id):
        node = graph.node(edge.dst)
        if node.type != "Embedding":
            continue
        size = inference.resolved[node.id]["num_embeddings"]
        where = f"node '{node.id}' (Embedding) takes token ids 0..{size - 1}, but the inputs"
        if not (np.all(dataset.mean == 0) and np.all(dataset.std == 1)):
            raise DataError(f"{where} are standardised: set \"standardise\": false in data.params "
                            "to feed the ids as they are")
        for split in (dataset.x_train, dataset.x_val):
            if split.size == 0:
                continue
            if not np.all(split == np.round(split)):
                raise DataError(f"{where} hold non-integer values (e.g. {split[split != np.round(split)][0]:g})")
            low, high = float(split.min()), float(split.max())
            if low < 0 or high >= size:
                raise DataError(f"{where} hold ids from {low:g} to {high:g}: "
                                + (f"raise num_embeddings to at least {high + 1:g}" if low >= 0 else
                                   "ids must not be negative"))
