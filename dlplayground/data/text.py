"""``text``: a CSV with a text column and a target column, turned into token ids for ``Embedding``.

Words are runs of letters/digits (and single punctuation marks); the vocabulary is the
``vocab_size - 2`` most frequent words of the training split only (ties broken alphabetically),
so nothing about the validation texts leaks into training. Id 0 pads, 1 stands for a word
outside the vocabulary. Inputs are int64 ``[N, max_len]`` and never standardised.
"""

from __future__ import annotations

import csv
import re
from array import array
from pathlib import Path
from typing import Any, Iterable, Mapping

import numpy as np

from dlplayground.data.dataset import DataError, Dataset
from dlplayground.data import budget, progress
from dlplayground.data.uint8 import split_order
from dlplayground.graph.text import tx

PAD, UNKNOWN = 0, 1
_TOKEN = re.compile(r"\w+|[^\w\s]")
#: rows encoded at once (bounds the index arrays of a chunk)
_CHUNK = 8192


def tokenize(text: str, lowercase: bool = True) -> list[str]:
    """Runs of letters, digits and ``_``, and single other characters, spaces dropped."""
    return _TOKEN.findall(text.lower() if lowercase else text)


def read_columns(path: Path, text: str, target: str) -> tuple[list[str], list[str]]:
    """The text and target cells of every data row (quoted fields may hold commas and newlines)."""
    try:
        with progress.counted(path) as stream:
            reader = csv.reader(stream)
            header = [h.strip() for h in next(reader, [])]
            for column in (text, target):
                if column not in header:
                    columns = ", ".join(header) or tx("none")
                    raise DataError(tx("{path}: no column '{column}' (columns: {columns})", path=path, column=column,
                                       columns=columns))
            ti, yi = header.index(text), header.index(target)
            texts, targets = [], []
            for row in reader:
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != len(header):
                    raise DataError(tx("{path}: line {line} has {cells} cells, the header has {columns} (quote cells that "
                                       "hold the delimiter)", path=path, line=reader.line_num, cells=len(row),
                                       columns=len(header)))
                label = row[yi].strip()
                if not label:
                    raise DataError(tx("{path}: line {line}, column '{column}' is empty", path=path, line=reader.line_num,
                                       column=target))
                texts.append(row[ti])
                targets.append(label)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DataError(tx("{path}: cannot read as CSV: {why}", path=path, why=exc)) from None
    return texts, targets


def class_names(targets: list[str]) -> tuple[str, ...]:
    """Sorted distinct labels, numerically when every one is an integer."""
    distinct = set(targets)
    try:
        return tuple(sorted(distinct, key=int))
    except ValueError:
        return tuple(sorted(distinct))


class _Codes(dict):
    """Word -> code, a new word getting the next code."""

    def __missing__(self, word: str) -> int:
        code = self[word] = len(self)
        return code


class Tokens:
    """Every text's words as codes of one flat int32 array: each text is tokenized once, and the
    words are kept as small integers rather than as Python strings (about ten times the file).

    Attributes:
        words: the distinct words, in order of first appearance (code i is ``words[i]``).
        codes: the codes of all texts' words, one after another.
        starts: where each text's codes begin (``len(texts) + 1`` offsets).
    """

    def __init__(self, texts: Iterable[str], lowercase: bool = True) -> None:
        table = _Codes()
        code = table.__getitem__  # mapped in C: Python runs only for a word seen the first time
        codes, starts = array("i"), array("q", [0])
        for text in texts:
            codes.extend(map(code, tokenize(text, lowercase)))
            starts.append(len(codes))
        self._table, self.words = table, list(table)
        self.codes = np.frombuffer(codes, np.int32) if len(codes) else np.zeros(0, np.int32)
        self.starts = np.frombuffer(starts, np.int64)

    def vocabulary(self, rows: np.ndarray, size: int) -> dict[str, int]:
        """Ids 2.. for the ``size - 2`` most frequent words of the texts ``rows`` (ties alphabetical)."""
        lengths = np.diff(self.starts)
        chosen = np.zeros(len(lengths), bool)
        chosen[rows] = True
        counts = np.bincount(self.codes[np.repeat(chosen, lengths)], minlength=len(self.words))
        tally, words = counts.tolist(), self.words
        ranked = sorted(np.nonzero(counts)[0].tolist(), key=lambda c: (-tally[c], words[c]))[: size - 2]
        return {self.words[c]: index + 2 for index, c in enumerate(ranked)}

    def encode(self, vocabulary: dict[str, int], max_len: int, rows: np.ndarray | None = None) -> np.ndarray:
        """Token ids ``[len(rows), max_len]`` of the texts ``rows`` (default all, in order): each
        text's first ``max_len`` words, padded with 0."""
        lookup = np.full(len(self.words), UNKNOWN, np.int64)
        for word, index in vocabulary.items():
            lookup[self._table[word]] = index
        rows = np.arange(len(self.starts) - 1) if rows is None else np.asarray(rows)
        out = np.zeros((len(rows), max_len), np.int64)
        steps = np.arange(max_len)
        for first in range(0, len(rows), _CHUNK):
            chunk = rows[first : first + _CHUNK]
            starts = self.starts[chunk]
            lengths = np.minimum(self.starts[chunk + 1] - starts, max_len)
            mask = steps < lengths[:, None]
            positions = (starts[:, None] + steps)[mask]
            out[first : first + len(chunk)][mask] = lookup[self.codes[positions]]
        return out


def load_text(opts: Mapping[str, Any], path: Path, val_split: float | str, seed: int) -> Dataset:
    if val_split == "test":
        raise DataError(tx("text: 'val_split': 'test' is for datasets with an official test split; give a fraction"))
    texts, targets = read_columns(path, opts["text"], opts["target"])
    if len(texts) < 2:
        raise DataError(tx("{path}: needs a header row and at least 2 data rows", path=path))
    names = class_names(targets)
    if len(names) < 2:
        raise DataError(tx("{path}: classification needs at least 2 classes in '{column}', found {count}", path=path,
                           column=opts["target"], count=len(names)))
    max_len, lowercase = opts["max_len"], opts["lowercase"]
    budget.require(len(texts) * max_len * 8, f"text {path}",
                   tx("{count} texts x {length} token ids x 8 bytes", count=len(texts), length=max_len))
    index = {name: i for i, name in enumerate(names)}
    labels = np.array([index[t] for t in targets], np.int64)
    del targets
    val_idx, train_idx = split_order(len(texts), float(val_split), seed)
    tokens = Tokens(texts, lowercase)
    del texts
    vocabulary = tokens.vocabulary(train_idx, opts["vocab_size"])  # the training split's words only
    # encoded in split order, so both splits are views of one array (no copy of the ids)
    ids = tokens.encode(vocabulary, max_len, np.concatenate([train_idx, val_idx]))
    if not ids[:, 0].any():  # every text begins with its first word: none has one
        raise DataError(tx("{path}: the text column '{column}' is empty: no row holds a word", path=path,
                           column=opts["text"]))
    x_train, x_val = ids[: len(train_idx)], ids[len(train_idx) :]
    zeros, ones = np.zeros((1,), np.float32), np.ones((1,), np.float32)
    return Dataset(name="text", x_train=x_train, y_train=labels[train_idx], x_val=x_val, y_val=labels[val_idx],
                   task="classification", layout="sequence", class_names=names, mean=zeros, std=ones,
                   raw_val=x_val, raw_train=x_train, vocab_size=opts["vocab_size"],
                   vocabulary=tuple(sorted(vocabulary, key=vocabulary.get)))
