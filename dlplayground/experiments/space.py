"""A sweep's search space: ``SPACE.json`` read and checked against a project (no Optuna here).

The file maps dotted setting paths (:mod:`dlplayground.experiments.settings`) to one
distribution each::

    {"training.optimizer.lr": {"float": [1e-4, 1e-1], "log": true},
     "training.batch_size":   {"choice": ["full", 32, 8]},
     "graph.h.out_features":  {"int": [4, 64]}}

``float`` and ``int`` take ``[LO, HI]`` (both included) and an optional ``"log": true`` (then
LO > 0); ``choice`` takes a non-empty list of distinct JSON scalars. Every problem is reported,
each naming its path, before any trial runs.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from dlplayground.experiments.settings import SettingError, SettingPath, check_path
from dlplayground.graph.io import ProjectFormatError, loads_json

KINDS = ("float", "int", "choice")


class SpaceError(ValueError):
    """A search space that cannot be used; one line per problem, each naming its path."""


@dataclass(frozen=True)
class Dimension:
    """One searched setting: ``kind`` float, int or choice; ``low``/``high`` or ``choices``."""

    path: SettingPath
    kind: str
    low: float | int | None = None
    high: float | int | None = None
    log: bool = False
    choices: tuple[Any, ...] = ()

    @property
    def name(self) -> str:
        return self.path.text


def load_space(file: str | Path, project: Mapping[str, Any]) -> list[Dimension]:
    """Read and check a ``SPACE.json`` file.

    Raises:
        SpaceError: naming the file and every wrong entry.
    """
    path = Path(file)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SpaceError(f"{path}: cannot read the search space: {getattr(exc, 'strerror', None) or exc}") from None
    try:
        return parse_space_text(text, project)
    except SpaceError as exc:
        raise SpaceError("\n".join(f"{path}: {line}" for line in str(exc).splitlines())) from None


def parse_space_text(text: str, project: Mapping[str, Any]) -> list[Dimension]:
    """Check a search space given as JSON text (a file's, or typed in the window): bad JSON, or
    JSON nested too deeply for the parser, is a :class:`SpaceError` saying where."""
    try:
        raw = loads_json(text)
    except ProjectFormatError as exc:
        raise SpaceError(str(exc)) from None
    return parse_space(raw, project)


def parse_space(raw: Any, project: Mapping[str, Any]) -> list[Dimension]:
    """Check a search space given as a JSON value (see the module docstring)."""
    if not isinstance(raw, Mapping) or not raw:
        raise SpaceError('the search space must be a non-empty object of "path": {distribution}, '
                         f"got {json.dumps(raw)[:80]}")
    dimensions, errors = [], []
    for text, spec in raw.items():
        try:
            dimensions.append(_dimension(check_path(text, project), spec))
        except (SettingError, SpaceError) as exc:
            message = str(exc)
            errors.append(message if message.startswith(f"{text}:") else f"{text}: {message}")
    if errors:
        raise SpaceError("\n".join(errors))
    return dimensions


def _dimension(path: SettingPath, spec: Any) -> Dimension:
    if not isinstance(spec, Mapping):
        raise SpaceError(f'expected an object such as {{"float": [LO, HI]}}, got {json.dumps(spec)}')
    kinds = [k for k in KINDS if k in spec]
    unknown = sorted(set(spec) - set(KINDS) - {"log"})
    if unknown:
        raise SpaceError(f"unknown key(s) {', '.join(map(repr, unknown))} (a distribution is one of "
                         f"{', '.join(KINDS)}, with \"log\" for float and int)")
    if len(kinds) != 1:
        raise SpaceError(f"give exactly one of {', '.join(KINDS)}, got {', '.join(kinds) or 'none'}")
    kind = kinds[0]
    log = spec.get("log", False)
    if not isinstance(log, bool):
        raise SpaceError(f'"log" must be true or false, got {json.dumps(log)}')
    if kind == "choice":
        if log:
            raise SpaceError('"log" applies to float and int ranges, not to a choice')
        choices = spec["choice"]
        if not isinstance(choices, list) or not choices:
            raise SpaceError(f'"choice" must be a non-empty list, got {json.dumps(choices)}')
        if any(not (c is None or isinstance(c, (bool, int, float, str))) for c in choices):
            raise SpaceError('"choice" values must be numbers, strings, true/false or null')
        if len({json.dumps(c) for c in choices}) != len(choices):
            raise SpaceError(f'"choice" repeats a value: {json.dumps(choices)}')
        return Dimension(path, kind, choices=tuple(choices))
    bounds = spec[kind]
    number = int if kind == "int" else (int, float)
    if (not isinstance(bounds, list) or len(bounds) != 2
            or any(isinstance(b, bool) or not isinstance(b, number) for b in bounds)):
        raise SpaceError(f'"{kind}" must be [LO, HI] with {"integers" if kind == "int" else "numbers"}, '
                         f"got {json.dumps(bounds)}")
    low, high = bounds
    if not (math.isfinite(low) and math.isfinite(high)) or not low < high:
        raise SpaceError(f'"{kind}": LO must be below HI, got [{low}, {high}]')
    if log and low <= 0:
        raise SpaceError(f'"{kind}" with "log": true needs LO > 0, got {low}')
    return Dimension(path, kind, float(low) if kind == "float" else low,
                     float(high) if kind == "float" else high, log)
