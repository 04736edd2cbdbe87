"""Typed problems found in a project, each naming the node ids it concerns.

Validation collects every problem at once (a user fixing a hand-written file wants the whole
list, not one error per run); :class:`ValidationError` carries them when an operation cannot
proceed. The editor shows them on the offending nodes, the CLI prints them with node ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Iterable, Sequence


class ProblemKind(str, Enum):
    CYCLE = "cycle"
    UNKNOWN_TYPE = "unknown type"
    BAD_PARAM = "bad parameter"
    MISSING_INPUT = "missing input"
    EXTRA_INPUT = "extra input"
    SHAPE_MISMATCH = "shape mismatch"
    DISCONNECTED = "disconnected"
    NO_INPUT = "no input"
    NO_OUTPUT = "no output"
    TOO_MANY_MARKERS = "too many Input/Output nodes"
    BAD_SETTINGS = "bad settings"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a project. ``node_ids`` is empty for project-wide problems."""

    kind: ProblemKind
    message: str
    node_ids: tuple[str, ...] = ()
    #: the section holding the nodes: ``graph``, or a GAN's ``discriminator``
    network: str = "graph"

    def __str__(self) -> str:
        where = ", ".join(self.node_ids)
        prefix = f"[{where}] " if where else ""
        section = "" if self.network == "graph" else f"{self.network}: "
        return f"{section}{prefix}{self.kind.value}: {self.message}"


class ValidationError(Exception):
    """Raised with every :class:`Problem` that stops an operation (building, training)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def problems_by_node(problems: Iterable[Problem]) -> dict[str, list[Problem]]:
    """Index problems by node id, for marking nodes in the editor."""
    index: dict[str, list[Problem]] = {}
    for problem in problems:
        for node_id in problem.node_ids:
            index.setdefault(node_id, []).append(problem)
    return index
