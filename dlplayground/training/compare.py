"""Paired and N-way runs: train projects side by side under the same conditions (no Qt).

A fair comparison of two networks, typically a deep plain chain and its residual twin, changes
the architecture and nothing else. :class:`Comparison` therefore gives the second project the
first one's data section (the same split: datasets are generated from their section and seed)
and, unless asked otherwise, its training section (the same loss, optimiser, batch size,
epochs and seed, hence the same batch order); it copies the initial weights of every layer the
two graphs share (same node id, same shapes) from the first model into the second; and it
trains both on the calling thread, one optimisation step of each in turn, which is
deterministic and lets a window show both curves grow together. Handlers registered with
:meth:`Comparison.on` receive the run's index (0 or 1) and its trainer. Dropout masks come from
torch's global generator, which the two runs draw from in turn: deterministic, though not the
masks either run would draw alone.

:class:`MultiComparison` is the general case the pair builds on: N projects (variants of one
along a setting, ``dlplayground experiment compare --vary``), each step of each in turn, the
initial weights of shared layers copied from the first.
"""

from __future__ import annotations

import contextlib
import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence

import torch

from dlplayground.compile.module import GraphModule
from dlplayground.compile.residual import make_residual_twin
from dlplayground.data import describe
from dlplayground.training.events import Events
from dlplayground.training.setup import TrainingSetup, prepare_training
from dlplayground.training.trainer import Trainer, TrainerState

PairHandler = Callable[[int, Trainer], None]


@dataclass
class PairedRun:
    """One side of a comparison.

    Attributes:
        label: how the run is named in tables and legends (the project's name).
        setup: the prepared project (its snapshot says exactly what was trained).
        trainer: the trainer, ready to run.
    """

    label: str
    setup: TrainingSetup
    trainer: Trainer

    @property
    def state(self) -> TrainerState:
        return self.trainer.state


def share_initialisation(source: GraphModule, target: GraphModule) -> tuple[list[str], list[str]]:
    """Copy the initial weights of the layers both models have from ``source`` into ``target``.

    A layer is shared when it has the same node id in both graphs and all its tensors have the
    same shapes; layers only one model has (the twin's skip projections) keep their own.

    Returns:
        ``(shared, differing)``: node ids whose tensors were copied, and node ids present in both
        graphs whose tensors differ in shape (not copied).
    """
    source_modules = dict(source.node_modules())
    shared: list[str] = []
    differing: list[str] = []
    with torch.no_grad():
        for node_id, module in target.node_modules():
            other = source_modules.get(node_id)
            if other is None:
                continue
            wanted, given = module.state_dict(), other.state_dict()
            if not wanted:
                continue
            if set(wanted) != set(given) or any(wanted[k].shape != given[k].shape for k in wanted):
                differing.append(node_id)
                continue
            module.load_state_dict({k: v.detach().clone() for k, v in given.items()})
            shared.append(node_id)
    return shared, differing


def paired_project(first: Mapping[str, Any], second: Mapping[str, Any],
                   same_training: bool = True) -> dict[str, Any]:
    """``second`` as it is trained next to ``first``: with the first's data section, and with its
    training section (``same_training``) or at least its seed."""
    paired = copy.deepcopy(dict(second))
    paired["data"] = copy.deepcopy(first.get("data") or {})
    first_training = dict(first.get("training") or {})
    if same_training:
        paired["training"] = copy.deepcopy(first_training)
    elif "seed" in first_training:
        paired["training"] = {**dict(paired.get("training") or {}), "seed": first_training["seed"]}
    return paired


class MultiComparison:
    """N projects trained side by side, one optimisation step of each in turn.

    The projects are trained as given: the caller makes them agree on what must be the same
    (the data section, the seed, hence the split and the batch order). The initial weights of
    every layer a later project shares with the first one (same node id, same shapes) are copied
    from the first model, so variants start from the same point wherever their architectures
    allow.

    Args:
        projects: two or more project snapshots (spec JSON dicts); the first is the reference.
        base_dir: the folder relative data paths are resolved against.
        epochs, seed, device: overrides for every run (as ``dlplayground train`` takes them).
        keep_gradient_log: keep every gradient record in each trainer's state.
        labels: names for tables and legends (default: the projects' names).

    Raises:
        ProjectFormatError, DataError, TrainingConfigError, ValidationError: from any project.
    """

    def __init__(self, projects: Sequence[Mapping[str, Any]], base_dir: str | Path | None = None, *,
                 epochs: int | None = None, seed: int | None = None, device: str | None = None,
                 keep_gradient_log: bool = True, labels: Sequence[str] | None = None) -> None:
        if len(projects) < 2:
            raise ValueError(f"a comparison needs at least 2 projects, got {len(projects)}")
        if labels is not None and len(labels) != len(projects):
            raise ValueError(f"{len(labels)} labels for {len(projects)} projects")
        options = {"epochs": epochs, "seed": seed, "device": device}
        setups = [prepare_training(project, base_dir, **options) for project in projects]
        #: per later run (index 1..N-1): node ids whose initial weights were copied from run 0,
        #: and node ids both have whose shapes differ
        self.shared_by_run: list[list[str]] = [[]]
        self.differing_by_run: list[list[str]] = [[]]
        for setup in setups[1:]:
            shared, differing = share_initialisation(setups[0].model, setup.model)
            self.shared_by_run.append(shared)
            self.differing_by_run.append(differing)
        self.runs: tuple[PairedRun, ...] = tuple(
            PairedRun(labels[i] if labels is not None else str(s.project.get("name") or f"project {i + 1}"),
                      s, s.trainer(keep_gradient_log=keep_gradient_log))
            for i, s in enumerate(setups)
        )

    @property
    def shared(self) -> list[str]:
        """Node ids whose initial weights every run shares with the first."""
        later = self.shared_by_run[1:]
        common = set(later[0]).intersection(*later[1:]) if later else set()
        return [n for n in later[0] if n in common] if later else []

    @property
    def differing(self) -> list[str]:
        """Node ids some later run has with other shapes than the first (weights not shared)."""
        seen: dict[str, None] = {}
        for ids in self.differing_by_run[1:]:
            seen.update(dict.fromkeys(ids))
        return list(seen)

    # -- handlers ------------------------------------------------------------------------
    def on(self, event: Events, handler: PairHandler, *, every: int = 1) -> None:
        """Call ``handler(index, trainer)`` when ``event`` fires in any run."""
        for index, run in enumerate(self.runs):
            run.trainer.on(event, lambda trainer, i=index: handler(i, trainer), every=every)

    # -- control (any thread) ------------------------------------------------------------
    def pause(self) -> None:
        for run in self.runs:
            run.trainer.pause()

    def resume(self) -> None:
        for run in self.runs:
            run.trainer.resume()

    def terminate(self) -> None:
        """Stop every run after its current step."""
        for run in self.runs:
            run.trainer.terminate()

    @property
    def paused(self) -> bool:
        return any(run.trainer.paused for run in self.runs)

    # -- running -------------------------------------------------------------------------
    def run(self) -> tuple[TrainerState, ...]:
        """Train every run to the end, one step of each in turn; return their final states.

        A run that ends early (a non-finite loss, early stopping) leaves the others going on.
        An exception in one run stops the others and is re-raised.
        """
        active: list[Iterator[TrainerState] | None] = [run.trainer.steps() for run in self.runs]
        try:
            while any(active):
                for index, steps in enumerate(active):
                    if steps is None:
                        continue
                    try:
                        next(steps)
                    except StopIteration:
                        active[index] = None
        except BaseException:
            # let the others finish their step and end as "terminated", with their handlers told
            self.terminate()
            for steps in active:
                if steps is not None:
                    with contextlib.suppress(Exception):
                        for _ in steps:
                            pass
            raise
        return tuple(run.state for run in self.runs)


class Comparison(MultiComparison):
    """Two projects trained side by side, step by step, on the same data, seed and batches.

    Args:
        first: the reference project (spec JSON dict), usually the plain network.
        second: the project to compare with; None makes the residual twin of ``first``.
        base_dir: the folder relative data paths are resolved against.
        epochs, seed, device: overrides for both runs (as ``dlplayground train`` takes them).
        same_training: train ``second`` with ``first``'s training section (the same budget);
            False keeps its own loss and optimiser and only shares the seed.
        keep_gradient_log: keep every gradient record in each trainer's state.

    Raises:
        ProjectFormatError, DataError, TrainingConfigError, ValidationError: from either project,
            each naming what is wrong; TwinError when no twin can be made of ``first``.
    """

    runs: tuple[PairedRun, PairedRun]

    def __init__(self, first: Mapping[str, Any], second: Mapping[str, Any] | None = None,
                 base_dir: str | Path | None = None, *, epochs: int | None = None,
                 seed: int | None = None, device: str | None = None, same_training: bool = True,
                 keep_gradient_log: bool = True) -> None:
        if second is None:
            shape = describe(first.get("data") or {}, base_dir).input_shape
            second = make_residual_twin(first, shape)
        super().__init__([first, paired_project(first, second, same_training)], base_dir, epochs=epochs,
                         seed=seed, device=device, keep_gradient_log=keep_gradient_log)

    def run(self) -> tuple[TrainerState, TrainerState]:  # type: ignore[override]
        first, second = super().run()
        return first, second
