"""Which trained weights File › Export ONNX uses: the latest finished run of the open project.

The window's training controller keeps the session's runs, each with the run folder it wrote.
A run's weights fit the open project when the run trained the same graph (node ids, types,
parameters and edges; positions and the name do not matter) on the same data section: the
exported model builds in the standardisation of the dataset, so the data must be the one the
weights were trained on. Runs that ended in an error or with a non-finite loss are skipped.

A run still in progress has written no weights yet: the choice names it, so that the export
dialog can say that it exports older (or fresh) weights, and how to get the run's own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Protocol

from dlplayground.graph.folders import PROJECT_FILE, WEIGHTS_FILE
from dlplayground.graph.io import ProjectFormatError, load_project, project_to_dict
from dlplayground.qt.i18n import translate

#: stop reasons whose weights are not worth exporting
UNUSABLE_STOPS = frozenset({"error", "non_finite_loss"})


class _Result(Protocol):
    stop_reason: str
    folder: Path | None
    history: tuple[Any, ...]


class _Record(Protocol):
    run_id: int
    result: _Result | None  # None while the run trains (or when it failed to start: ``error``)


@dataclass(frozen=True)
class RunWeights:
    """Trained weights found for the open project.

    Attributes:
        run_id: the run's number in the window's session.
        path: its ``weights.safetensors``.
        description: one line for the export dialog (run, epochs, final validation metric).
    """

    run_id: int
    path: Path
    description: str


@dataclass(frozen=True)
class WeightsChoice:
    """The weights to export: ``weights`` is None when no run fits, and ``reason`` says why.

    ``running`` is the number of a run still training (whose weights are not written yet), or None.
    """

    weights: RunWeights | None
    reason: str = ""
    running: int | None = None

    @property
    def note(self) -> str:
        """Where the weights come from (a run), or why fresh ones are used, for the dialog."""
        if self.weights is not None:
            return self.weights.description
        if self.running is not None and not self.reason:
            return translate("WeightsChoice", "run {running} is still training, and no finished run has weights for this model yet").format(running=self.running)
        return self.reason

    @property
    def warning(self) -> str:
        """What a run in progress means for the export, and how to export its weights ("" if none runs)."""
        if self.running is None:
            return ""
        exported = (translate("WeightsChoice", "the weights of run {run_id}, the last finished run").format(run_id=self.weights.run_id) if self.weights is not None
                    else translate("WeightsChoice", "fresh, untrained weights"))
        return (translate("WeightsChoice", "Run {running} is still training: this exports {exported}, not run {running}'s. For its weights, stop it (Train › Stop keeps its weights) or export again when it finishes.").format(running=self.running, exported=exported))


def model_key(project: Mapping[str, Any]) -> str:
    """What decides whether weights fit and compute the same thing: graph and data, no positions."""
    graph = project.get("graph") or {}
    nodes = [[n.get("id"), n.get("type"), n.get("params") or {}] for n in graph.get("nodes") or ()]
    edges = [[e.get("src"), e.get("dst"), e.get("dst_port", 0)] for e in graph.get("edges") or ()]
    return json.dumps([sorted(nodes, key=lambda n: str(n[0])), sorted(edges, key=str),
                       project.get("data") or {}], sort_keys=True, default=str)


def choose_weights(runs: Iterable[_Record], snapshot: Mapping[str, Any]) -> WeightsChoice:
    """The latest finished run in ``runs`` whose weights fit ``snapshot`` (the open project).

    Args:
        runs: the training controller's run records, oldest first.
        snapshot: the open project's JSON dict.
    """
    wanted = model_key(snapshot)
    records = list(runs)
    # a run in progress matters only if its weights would fit this project
    running = next((r.run_id for r in reversed(records) if r.result is None and not getattr(r, "error", "")
                    and model_key(getattr(r, "project", None) or {}) == wanted), None)
    finished = 0
    for record in reversed(records):
        result = record.result
        if result is None or result.folder is None or result.stop_reason in UNUSABLE_STOPS:
            continue
        weights = Path(result.folder) / WEIGHTS_FILE
        if not weights.is_file():
            continue
        finished += 1
        try:
            trained = project_to_dict(load_project(Path(result.folder) / PROJECT_FILE))
        except ProjectFormatError:
            continue
        if model_key(trained) == wanted:
            return WeightsChoice(RunWeights(record.run_id, weights, _describe(record.run_id, result)),
                                 running=running)
    if finished:
        return WeightsChoice(None, translate("run_weights", "the runs of this session trained another graph or dataset: "
                                   "train this one for useful predictions"), running)
    return WeightsChoice(None, running=running)


def _describe(run_id: int, result: _Result) -> str:
    history = result.history
    parts = [f"{len(history)} epoch{'s' if len(history) != 1 else ''}"]
    if history:
        last = history[-1]
        val_acc, val_loss = getattr(last, "val_acc", None), getattr(last, "val_loss", None)
        if val_acc is not None:
            parts.append(translate("run_weights", "validation accuracy {val_acc:.1%}").format(val_acc=val_acc))
        elif val_loss is not None:
            parts.append(translate("run_weights", "validation loss {val_loss:.4g}").format(val_loss=val_loss))
    return translate("run_weights", "trained in run {run_id} ({value})").format(run_id=run_id, value=', '.join(parts))
