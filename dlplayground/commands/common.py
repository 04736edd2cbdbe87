"""What the subcommands share: loading and checking a project, turning errors into messages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dlplayground.compile.infer import Inference, infer
from dlplayground.data import DataError, Dataset, load_dataset
from dlplayground.graph.document import Project
from dlplayground.graph.io import ProjectFormatError, load_project


class CommandError(Exception):
    """A problem the user can fix; the CLI prints the message and exits with ``exit_code``."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass
class CheckedProject:
    path: Path
    project: Project
    dataset: Dataset
    inference: Inference


def load_checked(path: str | Path, require_valid: bool = True) -> CheckedProject:
    """Load a project and its dataset and infer shapes; raise :class:`CommandError` listing
    every problem (each naming its node ids) when anything is wrong."""
    path = Path(path)
    try:
        project = load_project(path)
    except ProjectFormatError as exc:
        raise CommandError(str(exc)) from None
    try:
        dataset = load_dataset(project.data, base_dir=path.parent)
    except DataError as exc:
        raise CommandError(f"{path}: data: {exc}") from None
    inference = infer(project.graph, dataset.input_shape)
    if require_valid and inference.problems:
        lines = "\n".join(f"  {p}" for p in inference.problems)
        raise CommandError(f"{path}: the project has {len(inference.problems)} problem(s):\n{lines}")
    return CheckedProject(path, project, dataset, inference)
