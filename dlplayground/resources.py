"""Where the files shipped beside the code live: the example projects.

The examples sit in ``assets/examples/`` of the source tree. This module finds them from a
source checkout or an editable install, or inside a PyInstaller bundle (``sys._MEIPASS``), and
lists them with their name and ``description`` key. (A plain wheel carries no ``assets/``.)
No Qt, so the CLI and tests can use it too.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

EXAMPLE_SUFFIX = ".dlp.json"


@dataclass(frozen=True)
class Example:
    """One example project.

    Attributes:
        path: the project file.
        name: its ``name``, or the file name when it cannot be read.
        description: its ``description`` key, or why it cannot be read.
    """

    path: Path
    name: str
    description: str


def _candidate_dirs() -> list[Path]:
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "assets" / "examples")
    package = Path(__file__).resolve().parent
    candidates.append(package.parent / "assets" / "examples")  # source checkout, editable install
    return candidates


def examples_dir() -> Path | None:
    """The folder of example projects, or None when this installation ships none."""
    for candidate in _candidate_dirs():
        if candidate.is_dir() and any(candidate.glob(f"*{EXAMPLE_SUFFIX}")):
            return candidate
    return None


def list_examples(folder: Path | None = None) -> list[Example]:
    """The example projects sorted by file name, each with its name and description.

    Args:
        folder: where to look (default: :func:`examples_dir`).
    """
    folder = folder if folder is not None else examples_dir()
    if folder is None:
        return []
    found = []
    for path in sorted(folder.glob(f"*{EXAMPLE_SUFFIX}")):
        stem = path.name[: -len(EXAMPLE_SUFFIX)]
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            found.append(Example(path, stem, f"cannot be read: {exc}"))
            continue
        if not isinstance(raw, dict):
            found.append(Example(path, stem, "cannot be read: not a project"))
            continue
        name = raw.get("name") if isinstance(raw.get("name"), str) else stem
        description = raw.get("description") if isinstance(raw.get("description"), str) else ""
        found.append(Example(path, name, description))
    return found
