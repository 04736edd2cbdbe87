"""Output folders that appear complete or not at all: run folders and experiment folders.

A folder is filled under a hidden ``NAME.partial-*`` name beside its target and renamed into
place when everything is written (:func:`publish_dir`), so a folder with the final name is
never half-written. Also the names of a run folder's files, which training writes and the
exporter and the window read (kept here, free of torch, so that all of them can share them).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

METRICS_FILE = "metrics.csv"
GRADIENTS_FILE = "gradients.csv"
WEIGHTS_FILE = "weights.safetensors"
SUMMARY_FILE = "summary.json"
PROJECT_FILE = "project.json"


def _read_umask() -> int:
    # os.umask can only be read by setting it: done once, at import, before any thread starts
    mask = os.umask(0)
    os.umask(mask)
    return mask


UMASK = _read_umask()
#: the modes a plain ``open()`` / ``mkdir()`` would give (temporary files are private instead)
FILE_MODE = 0o666 & ~UMASK
DIR_MODE = 0o777 & ~UMASK


def partial_dir(target: Path) -> Path:
    """A new, empty hidden folder beside ``target`` to fill before :func:`publish_dir`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=f"{target.name}.partial-", dir=target.parent))
    partial.chmod(DIR_MODE)  # mkdtemp makes it private; the published folder is not
    return partial


def publish_dir(partial: Path, target: Path) -> None:
    """Move a complete folder into place, replacing an older one of the same name."""
    old = None
    if target.exists():
        old = target.with_name(f"{target.name}.old-{time.time_ns()}")
        target.rename(old)
    partial.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
