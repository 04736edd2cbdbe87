"""What the subcommands share: loading and checking a project, turning errors into messages."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from dlplayground.compile.infer import Inference, infer
from dlplayground.data import DataError, DatasetInfo, describe
from dlplayground.graph.document import Project
from dlplayground.graph.folders import FolderInUse
from dlplayground.graph.io import ProjectFormatError, load_project
from dlplayground.graph.problems import ValidationError


class CommandError(Exception):
    """A problem the user can fix; the CLI prints the message and exits with ``exit_code``."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass
class CheckedProject:
    path: Path
    project: Project
    dataset: DatasetInfo
    inference: Inference


def problems_message(path: str | Path, error: ValidationError) -> str:
    lines = "\n".join(f"  {p}" for p in error.problems)
    return f"{path}: the project has {len(error.problems)} problem(s):\n{lines}"


@contextlib.contextmanager
def user_errors(path: str | Path) -> Iterator[None]:
    """Turn the engine's errors about a user's project, data or settings into :class:`CommandError`."""
    # imported here: the training settings import torch, which `summary` does not need
    from dlplayground.training.config import TrainingConfigError

    try:
        yield
    except ProjectFormatError as exc:
        raise CommandError(str(exc)) from None
    except DataError as exc:
        raise CommandError(f"{path}: data: {exc}") from None
    except TrainingConfigError as exc:
        raise CommandError(f"{path}: {exc}") from None
    except ValidationError as exc:
        raise CommandError(problems_message(path, exc)) from None
    except FolderInUse as exc:
        raise CommandError(f"output folder: {exc}") from None


def load_checked(path: str | Path, require_valid: bool = True) -> CheckedProject:
    """Load a project, describe its dataset and infer shapes; raise :class:`CommandError` listing
    every problem (each naming its node ids) when anything is wrong."""
    path = Path(path)
    with user_errors(path):
        project = load_project(path)
        dataset = describe(project.data, base_dir=path.parent)
        inference = infer(project.graph, dataset.input_shape)
        if require_valid and inference.problems:
            raise ValidationError(inference.problems)
    return CheckedProject(path, project, dataset, inference)
