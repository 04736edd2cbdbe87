"""What the subcommands share: loading and checking a project, turning errors into messages."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping

from dlplayground.compile.generative import infer_networks, objective_name
from dlplayground.compile.infer import Inference
from dlplayground.data import DataError, Dataset, DatasetInfo, describe
from dlplayground.graph.document import Project
from dlplayground.graph.folders import FolderInUse
from dlplayground.graph.io import ProjectFormatError, load_project
from dlplayground.graph.problems import ProblemKind, ValidationError


#: ``--threads`` of the commands that train (the rule: :mod:`dlplayground.training.threads`)
THREADS_HELP = "torch CPU threads (default: 1 for small models or a busy machine, else the free cores)"


class CommandError(Exception):
    """A problem the user can fix; the CLI prints the message and exits with ``exit_code``."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def writable_output(path: str | Path, what: str = "output file") -> Path:
    """Check, before any work, that a file can be written at ``path``: its folder exists (or can
    be made) and is writable, and ``path`` is not a folder.

    Raises:
        CommandError: naming the path and why it cannot be written.
    """
    target = Path(path)
    if target.is_dir():
        raise CommandError(f"{what} {target} is a folder: give a file name")
    folder = target.parent if str(target.parent) else Path(".")
    existing = folder
    while not existing.exists():  # the nearest folder that exists is where one would be made
        if existing.is_symlink():
            raise CommandError(f"{what} {target}: {existing} is a broken symbolic link")
        existing = existing.parent
    if not existing.is_dir():
        raise CommandError(f"{what} {target}: {existing} is not a folder")
    if not os.access(existing, os.W_OK | os.X_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise CommandError(f"{what} {target} cannot be written: permission denied")
    return target


@dataclass
class CheckedProject:
    path: Path
    project: Project
    dataset: DatasetInfo
    inference: Inference


def problems_message(path: str | Path, error: ValidationError | list[str]) -> str:
    problems = [str(p) for p in error.problems] if isinstance(error, ValidationError) else error
    lines = "\n".join(f"  {p}" for p in problems)
    return f"{path}: the project has {len(problems)} problem(s):\n{lines}"


@contextlib.contextmanager
def user_errors(path: str | Path) -> Iterator[None]:
    """Turn the engine's errors about a user's project, data or settings into :class:`CommandError`."""
    # imported here: not every command checks training settings
    from dlplayground.training.config import TrainingConfigError

    try:
        yield
    except ProjectFormatError as exc:
        raise CommandError(str(exc)) from None
    except DataError as exc:
        raise CommandError(f"{path}: data: {exc}") from None
    except TrainingConfigError as exc:  # one line per wrong key
        raise CommandError("\n".join(f"{path}: {line}" for line in str(exc).splitlines())) from None
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
        checked = infer_networks(project.graph, project.discriminator, project.training, dataset.input_shape)
        inference = checked.graph
        if require_valid and checked.problems:
            raise ValidationError(checked.problems)
    return CheckedProject(path, project, dataset, inference)


def check_everything(path: str | Path) -> tuple[Project, Dataset, Inference]:
    """Load a project and check all of it: the graph, the data and the training settings
    (including whether the loss fits the model's output and the dataset).

    Raises:
        CommandError: listing every problem found, each naming its node ids or settings key; a
            file that is not a readable project stops at that.
    """
    # imported here: load_checked's callers need none of these (none imports torch)
    from dlplayground.data import load_dataset
    from dlplayground.training.tokens import check_token_inputs
    from dlplayground.training.targets import training_problems

    path = Path(path)
    with user_errors(path):
        project = load_project(path)
    found: list[str] = []
    dataset: Dataset | None = None
    try:
        dataset = load_dataset(project.data, base_dir=path.parent)
    except DataError as exc:
        found.append(f"data: {exc}")
    checked = infer_networks(project.graph, project.discriminator, project.training,
                             dataset.input_shape if dataset is not None else None)
    inference = checked.graph
    # without the data the Input's shape is unknown; that is the data problem, not another one
    found += [str(p) for p in checked.problems
              if dataset is not None or not (p.kind is ProblemKind.BAD_SETTINGS and p.node_ids == (inference.input_id,))]
    found += [p.message for p in training_problems(project.training, dataset, project.graph, inference)]
    if dataset is not None and checked.ok and objective_name(project.training) != "gan":
        try:
            check_token_inputs(project.graph, inference, dataset)
        except DataError as exc:
            found.append(f"data: {exc}")
    if found:
        raise CommandError(problems_message(path, found))
    assert dataset is not None
    return project, dataset, inference


def set_torch_threads(requested: int | None, project: Mapping[str, Any] | None = None,
                      base_dir: str | Path | None = None) -> None:
    """Give torch ``--threads`` (checked) or, without it, what the thread rule picks for
    ``project`` (one thread without a project). torch's own default, a thread per core, runs
    the playground's small models several times slower (BENCHMARKS.md)."""
    if requested is not None and requested < 1:
        raise CommandError(f"--threads must be a positive integer, got {requested}")
    import torch

    from dlplayground.training.threads import threads_for_project

    torch.set_num_threads(requested if requested is not None else
                          threads_for_project(project, base_dir) if project is not None else 1)
