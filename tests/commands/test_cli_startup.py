"""``dlplayground --version`` and ``--help`` answer at once: numpy and torch stay unimported,
and the top-level help is the very text the full parser prints."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dlplayground import __version__
from dlplayground.cli import build_parser

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("numpy", "torch")


def _run_timing_imports(*args: str) -> tuple[str, list[str]]:
    """Run ``python -X importtime -m dlplayground ARGS``; its stdout and the modules it imported."""
    env = dict(os.environ, COLUMNS="80", PYTHONPATH=os.pathsep.join(
        [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])]))
    result = subprocess.run([sys.executable, "-X", "importtime", "-m", "dlplayground", *args],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    # importtime lines: "import time:  self [us] | cumulative | imported package"
    imported = [line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines()
                if line.startswith("import time:") and "|" in line]
    assert "dlplayground.cli" in imported  # the timing itself worked, and ran this program
    return result.stdout, imported


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_version_and_help_import_neither_numpy_nor_torch(flag: str) -> None:
    _, imported = _run_timing_imports(flag)
    heavy = [name for name in imported if name.split(".")[0] in HEAVY]
    assert not heavy, f"dlplayground {flag} imported {heavy[:5]}"


def test_version_and_help_print_what_the_full_parser_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    version, _ = _run_timing_imports("--version")
    assert version == f"dlplayground {__version__}\n"
    help_text, _ = _run_timing_imports("--help")
    monkeypatch.setenv("COLUMNS", "80")
    assert help_text == build_parser().format_help()  # every command and its line, as before
