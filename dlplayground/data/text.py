"""``text``: a CSV with a text column and a target column, turned into token ids for ``Embedding``.

Words are runs of letters/digits (and single punctuation marks); the vocabulary is the
``vocab_size - 2`` most frequent words of the training split only (ties broken alphabetically),
so nothing about the validation texts leaks into training. Id 0 pads, 1 stands for a word
outside the vocabulary. Inputs are int64 ``[N, max_len]`` and never standardised.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from dlplayground.data.dataset import DataError, Dataset
from dlplayground.data import budget, progress
from dlplayground.data.uint8 import split_order

PAD, UNKNOWN = 0, 1
_TOKEN = re.compile(r"\w+|[^\w\s]")


def tokenize(text: str, lowercase: bool = True) -> list[str]:
    return _TOKEN.findall(text.lower() if lowercase else text)


def read_columns(path: Path, text: str, target: str) -> tuple[list[str], list[str]]:
    """The text and target cells of every data row (quoted fields may hold commas and newlines)."""
    try:
        with progress.counted(path) as stream:
            reader = csv.reader(stream)
            header = [h.strip() for h in next(reader, [])]
            for column in (text, target):
                if column not in header:
                    raise DataError(f"{path}: no column '{column}' (columns: {', '.join(header) or 'none'})")
            ti, yi = header.index(text), header.index(target)
            texts, targets = [], []
            for row in reader:
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != len(header):
                    raise DataError(f"{path}: line {reader.line_num} has {len(row)} cells, the header has "
                                    f"{len(header)} (quote cells that hold the delimiter)")
                label = row[yi].strip()
                if not label:
                    raise DataError(f"{path}: line {reader.line_num}, column '{target}' is empty")
                texts.append(row[ti])
                targets.append(label)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataError(f"{path}: cannot read as CSV: {exc}") from None
    return texts, targets


def class_names(targets: list[str]) -> tuple[str, ...]:
    """Sorted distinct labels, numerically when every one is an integer."""
    distinct = set(targets)
    try:
        return tuple(sorted(distinct, key=int))
    except ValueError:
        return tuple(sorted(distinct))


def build_vocabulary(documents: list[list[str]], size: int) -> dict[str, int]:
    counts = Counter(word for doc in documents for word in doc)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[: size - 2]
    return {word: index + 2 for index, (word, _) in enumerate(ranked)}


def encode(documents: list[list[str]], vocabulary: dict[str, int], max_len: int) -> np.ndarray:
    out = np.zeros((len(documents), max_len), np.int64)
    for row, doc in enumerate(documents):
        ids = [vocabulary.get(word, UNKNOWN) for word in doc[:max_len]]
        out[row, : len(ids)] = ids
    return out


def load_text(opts: Mapping[str, Any], path: Path, val_split: float | str, seed: int) -> Dataset:
    if val_split == "test":
        raise DataError("text: 'val_split': 'test' is for datasets with an official test split; give a fraction")
    texts, targets = read_columns(path, opts["text"], opts["target"])
    if len(texts) < 2:
        raise DataError(f"{path}: needs a header row and at least 2 data rows")
    documents = [tokenize(t, opts["lowercase"]) for t in texts]
    if not any(documents):
        raise DataError(f"{path}: the text column '{opts['text']}' is empty: no row holds a word")
    names = class_names(targets)
    if len(names) < 2:
        raise DataError(f"{path}: classification needs at least 2 classes in '{opts['target']}', found {len(names)}")
    budget.require(len(documents) * opts["max_len"] * 8, f"text {path}",
                   f"{len(documents)} texts x {opts['max_len']} token ids x 8 bytes")
    index = {name: i for i, name in enumerate(names)}
    labels = np.array([index[t] for t in targets], np.int64)
    val_idx, train_idx = split_order(len(documents), float(val_split), seed)
    vocabulary = build_vocabulary([documents[i] for i in train_idx], opts["vocab_size"])
    ids = encode(documents, vocabulary, opts["max_len"])
    x_train, x_val = ids[train_idx], ids[val_idx]
    zeros, ones = np.zeros((1,), np.float32), np.ones((1,), np.float32)
    return Dataset(name="text", x_train=x_train, y_train=labels[train_idx], x_val=x_val, y_val=labels[val_idx],
                   task="classification", layout="sequence", class_names=names, mean=zeros, std=ones,
                   raw_val=x_val, raw_train=x_train, vocab_size=opts["vocab_size"],
                   vocabulary=tuple(sorted(vocabulary, key=vocabulary.get)))
