"""Output folders that appear complete or not at all: run folders and experiment folders.

A folder is filled under a hidden ``.NAME.partial-PID-*`` name beside its target and renamed into
place when everything is written (:func:`publish_dir`), so a folder with the final name is
never half-written. Also the names of a run folder's files, which training writes and the
exporter and the window read (kept here, free of torch, so that all of them can share them).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

METRICS_FILE = "metrics.csv"
GRADIENTS_FILE = "gradients.csv"
WEIGHTS_FILE = "weights.safetensors"
SUMMARY_FILE = "summary.json"
PROJECT_FILE = "project.json"


class FolderInUse(ValueError):
    """An output folder that exists and holds something else: replacing it would lose files."""


@dataclass(frozen=True)
class OutputKind:
    """What an output folder of one kind holds, to tell an earlier one (which a new output may
    replace) from a folder of anything else (which is never touched).

    Attributes:
        what: how messages name it ("run folder").
        may_hold: the names such a folder holds.
        marker: the name it always holds, written last (so a folder holding only a user's
            ``project.json`` is not mistaken for a run folder).
    """

    what: str
    may_hold: frozenset[str]
    marker: str


#: the run folder's sub-folder of TensorBoard event files (``train --tensorboard``)
TENSORBOARD_DIR = "tensorboard"
RUN_FOLDER = OutputKind("run folder", frozenset({METRICS_FILE, GRADIENTS_FILE, WEIGHTS_FILE, SUMMARY_FILE,
                                                 PROJECT_FILE, TENSORBOARD_DIR}), SUMMARY_FILE)


def _read_umask() -> int:
    # os.umask can only be read by setting it: done once, at import, before any thread starts
    mask = os.umask(0)
    os.umask(mask)
    return mask


UMASK = _read_umask()
#: the modes a plain ``open()`` / ``mkdir()`` would give (temporary files are private instead)
FILE_MODE = 0o666 & ~UMASK
DIR_MODE = 0o777 & ~UMASK


def file_stem(name: str, fallback: str = "model", limit: int = 60) -> str:
    """A file or folder name (without extension) made from a project's or a run's name:
    "Digits CNN" -> "digits-cnn"; at most ``limit`` characters; ``fallback`` when nothing is left.
    The one slug of the program: exports, run folders, saved projects and scripts use it."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).lower()[:limit].strip("-") or fallback


def default_run_dir(project_name: str, root: str | Path = "runs") -> Path:
    """``runs/<name>-<timestamp>``, with the name made safe for file systems (free of torch: the
    window names a run's folder on its GUI thread)."""
    return Path(root) / f"{file_stem(project_name, 'run')}-{time.strftime('%Y%m%d-%H%M%S')}"


def check_replaceable(target: str | Path, kind: OutputKind) -> Path:
    """The absolute path of an output folder that may be (re)written: absent, empty, or an
    earlier output of ``kind``.

    Raises:
        FolderInUse: naming the folder and what it holds, for a file, the current folder (or one
            above it), or a folder holding anything else.
    """
    path = Path(target).absolute()
    if not (path.exists() or path.is_symlink()):
        return path
    if not path.is_dir():
        raise FolderInUse(f"{target} exists and is not a folder: choose another output folder")
    resolved, here = path.resolve(), Path.cwd().resolve()
    if resolved == here or resolved in here.parents:
        raise FolderInUse(f"{target} is the current folder (or holds it): choose a new folder for the output")
    names = {p.name for p in path.iterdir()}
    if not names:
        return path
    others = sorted(names - kind.may_hold)
    if others:
        shown = ", ".join(others[:5]) + (", ..." if len(others) > 5 else "")
        raise FolderInUse(f"{target} exists and holds other files ({shown}): choose a new folder, "
                          f"or an earlier {kind.what} to replace")
    if kind.marker not in names:
        raise FolderInUse(f"{target} exists and is not a {kind.what} (it has no {kind.marker}): "
                          "choose a new folder")
    return path


#: the file inside an unfinished folder that says what it is (removed when it is published)
PARTIAL_MARKER = "UNFINISHED.txt"


def partial_prefix(target: Path) -> str:
    """``.NAME.partial-``: the start of every unfinished folder's name for ``target``."""
    return f".{target.name}.partial-"


def partial_dir(target: Path) -> Path:
    """A new hidden folder beside ``target`` to fill before :func:`publish_dir`:
    ``.NAME.partial-PID-XXXX``, holding only :data:`PARTIAL_MARKER`.

    Unfinished folders of ``target`` left by processes that no longer run (a SIGKILL, a power
    cut) are removed first; the process id in the name tells whose they are.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_partials(target)
    partial = Path(tempfile.mkdtemp(prefix=f"{partial_prefix(target)}{os.getpid()}-", dir=target.parent))
    partial.chmod(DIR_MODE)  # mkdtemp makes it private; the published folder is not
    (partial / PARTIAL_MARKER).write_text(
        f"An unfinished output for {target.name}, written by process {os.getpid()} from "
        f"{time.strftime('%Y-%m-%d %H:%M:%S')}.\nIf that process no longer runs, the output was cut short: "
        "this folder may be deleted (the next output for the same folder deletes it).\n", encoding="utf-8")
    return partial


def remove_stale_partials(target: Path) -> list[Path]:
    """Remove ``target``'s unfinished folders whose writing process is gone; return them."""
    removed = []
    prefix = partial_prefix(target)
    try:
        candidates = [p for p in target.parent.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return removed
    for candidate in candidates:
        pid_text = candidate.name[len(prefix):].split("-", 1)[0]
        if not pid_text.isdigit() or _process_runs(int(pid_text)) or not candidate.is_dir() or candidate.is_symlink():
            continue
        if not (candidate / PARTIAL_MARKER).is_file():
            continue  # not made by partial_dir: not ours to delete
        shutil.rmtree(candidate, ignore_errors=True)
        removed.append(candidate)
    return removed


def _process_runs(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or unknowable: leave its folder alone
    return True


def publish_dir(partial: Path, target: Path, kind: OutputKind) -> Path:
    """Move a complete folder into place, replacing an earlier output of ``kind`` there.

    The target is checked again (the output took a while: something else may be there now);
    when it may no longer be replaced, the folder goes beside it (``NAME-2``...) instead.

    Returns:
        Where the folder is now.
    """
    (partial / PARTIAL_MARKER).unlink(missing_ok=True)
    try:
        check_replaceable(target, kind)
    except FolderInUse:
        target = _free_sibling(target)
    old = None
    if target.exists() or target.is_symlink():
        old = target.with_name(f"{target.name}.old-{time.time_ns()}")
        target.rename(old)
    partial.rename(target)
    if old is not None:
        if old.is_symlink():
            old.unlink()  # the link was replaced; what it pointed to stays
        else:
            shutil.rmtree(old, ignore_errors=True)
    return target


def _free_sibling(target: Path) -> Path:
    index = 2
    while target.with_name(f"{target.name}-{index}").exists():
        index += 1
    return target.with_name(f"{target.name}-{index}")
