"""Cheap checks of the compare dialog's choice, run as soon as A or B changes.

They catch, before anything trains, what would stop a comparison at its start: a file that is
not a project, a dataset that cannot be described, a graph with problems on A's data (both
runs train on A's data), and a residual twin that cannot be made (A branches already, or has
too few layers). Each check takes milliseconds: inference over the graph, no tensors, no
samples (a data file is read once, and cached, as training would).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dlplayground.compile.infer import infer
from dlplayground.compile.residual import TwinError, make_residual_twin
from dlplayground.data import DataError, describe
from dlplayground.graph.io import ProjectFormatError, project_from_dict
from dlplayground.layers.spec import Shape
from dlplayground.graph.text import message_of
from dlplayground.qt.engine_text import problem_line, shown
from dlplayground.qt.i18n import translate

#: problems listed before "and N more"
_SHOWN = 2


@dataclass(frozen=True)
class SideCheck:
    """One side of the choice: ``problem`` says why it cannot train ("" if it can).

    ``note`` is a hint shown when it can (what the twin adds), and ``input_shape`` the per-sample
    shape of the side's data when it could be described.
    """

    problem: str = ""
    note: str = ""
    input_shape: Shape | None = None

    @property
    def ok(self) -> bool:
        return not self.problem


def check_first(project: Mapping[str, Any], base_dir: Path | None) -> SideCheck:
    """A: its data can be described and its graph has no problems on it."""
    try:
        shape = tuple(describe(project.get("data") or {}, base_dir).input_shape)
    except (DataError, OSError, ValueError) as exc:
        return SideCheck(translate("compare_checks", "A's dataset cannot be loaded: {error}")
                         .format(error=shown(message_of(exc))))
    problem = graph_problem(project, shape)
    return SideCheck(translate("compare_checks", "A has problems: {problems}").format(problems=problem)
                     if problem else "", input_shape=shape)


def check_twin(first: Mapping[str, Any], shape: Shape | None) -> SideCheck:
    """B as the residual twin of A: can it be made?"""
    try:
        twin = make_residual_twin(first, shape)
    except (TwinError, ProjectFormatError) as exc:
        return SideCheck(translate("compare_checks", "No residual twin of A can be made: {error}. Choose another B, "
                                   "or a plain chain as A.").format(error=shown(message_of(exc))))
    adds = sum(1 for node in twin["graph"]["nodes"] if node.get("type") == "Add")
    if adds == 1:
        note = translate("compare_checks", "A with {count} identity skip connection")
    else:
        note = translate("compare_checks", "A with {count} identity skip connections")
    return SideCheck(note=note.format(count=adds))


def check_second(second: Mapping[str, Any], shape: Shape | None) -> SideCheck:
    """B from a file: it trains on A's data, so its graph must fit A's samples."""
    problem = graph_problem(second, shape)
    return SideCheck(translate("compare_checks", "B does not fit A's data: {problems}").format(problems=problem)
                     if problem else "")


def graph_problem(project: Mapping[str, Any], shape: Shape | None) -> str:
    """The graph's problems on inputs of ``shape`` as one line, or "" when it has none."""
    try:
        graph = project_from_dict(dict(project)).graph
    except ProjectFormatError as exc:
        return shown(message_of(exc))
    problems = infer(graph, shape, count_params=False).problems
    if not problems:
        return ""
    more = (translate("compare_checks", " (and {count} more)").format(count=len(problems) - _SHOWN)
            if len(problems) > _SHOWN else "")
    return "; ".join(problem_line(p) for p in problems[:_SHOWN]) + more
