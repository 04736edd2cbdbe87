"""The check of token ids fed to an Embedding, on the data alone (numpy, no torch), so that
``dlplayground summary`` makes it without importing torch."""

from __future__ import annotations

import numpy as np

from dlplayground.compile.infer import Inference
from dlplayground.data import DataError, Dataset
from dlplayground.graph.document import Graph
from dlplayground.graph.text import tx


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
        where = tx("node '{node}' (Embedding) takes token ids 0..{last}, but the inputs", node=node.id,
                   last=size - 1)
        if dataset.vocab_size is not None and size < dataset.vocab_size:
            raise DataError(tx("node '{node}' (Embedding) has num_embeddings {size}, but the dataset's token ids run "
                               "to {last} (vocab_size {vocab}): raise num_embeddings to at least {vocab} or lower "
                               "data.params.vocab_size", node=node.id, size=size, last=dataset.vocab_size - 1,
                               vocab=dataset.vocab_size))
        if not (np.all(dataset.mean == 0) and np.all(dataset.std == 1)):
            raise DataError(tx("{where} are standardised: set \"standardise\": false in data.params to feed the ids "
                               "as they are", where=where))
        for split in (dataset.x_train, dataset.x_val):
            if split.size == 0:
                continue
            if not np.all(split == np.round(split)):
                raise DataError(tx("{where} hold non-integer values (e.g. {value:g})", where=where,
                                   value=split[split != np.round(split)][0]))
            low, high = float(split.min()), float(split.max())
            if low < 0 or high >= size:
                fix = tx("raise num_embeddings to at least {size:g}", size=high + 1) if low >= 0 else \
                    tx("ids must not be negative")
                raise DataError(tx("{where} hold ids from {low:g} to {high:g}: {fix}", where=where, low=low,
                                   high=high, fix=fix))
