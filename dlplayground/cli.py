"""The ``dlplayground`` command: subcommands run headless, no subcommand opens the window.

Each subcommand lives in its own module under :mod:`dlplayground.commands` with
``add_parser(subparsers)`` and ``run(args) -> int``. Errors a user can fix (a broken project,
an invalid graph, bad data) print a readable message on stderr and exit 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import warnings
from typing import Sequence

from dlplayground import __version__
from dlplayground.commands.common import CommandError

#: subcommand name -> module implementing it
COMMANDS = {
    "summary": "dlplayground.commands.summary",
    "train": "dlplayground.commands.train",
    "export": "dlplayground.commands.export",
    "export-script": "dlplayground.commands.export_script",
    "predict": "dlplayground.commands.predict",
    "bench-infer": "dlplayground.commands.bench_infer",
    "experiment": "dlplayground.commands.experiment",
    "sweep": "dlplayground.commands.sweep",
    "cv": "dlplayground.commands.cv",
    "import": "dlplayground.commands.import_onnx",
}

#: options of the window itself (``dlplayground --smoke-test [PROJECT]``), not of a subcommand
WINDOW_OPTIONS = ("--smoke-test",)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dlplayground",
        description="Build, train and export neural networks. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"dlplayground {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMANDS.values():
        importlib.import_module(module_name).add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _printable_streams()
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and
                         (not args_list[0].startswith("-") or args_list[0] in WINDOW_OPTIONS)):
        return _open_window(args_list)
    args = build_parser().parse_args(args_list)
    if args.command is None:
        return _open_window([])
    try:
        with warnings.catch_warnings():  # restores the default display afterwards
            warnings.showwarning = _show_warning
            return int(importlib.import_module(COMMANDS[args.command]).run(args) or 0)
    except CommandError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except (MemoryError, RecursionError) as exc:  # a last guard: the loaders refuse these up front
        print(f"error: out of {'memory' if isinstance(exc, MemoryError) else 'stack'}: the input is too large "
              "or too deeply nested", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # the reader went away (`dlplayground summary P | head -1`): stop quietly as Unix tools do,
        # with stdout pointed at /dev/null so that flushing it at exit raises nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:
        # a full disk or an unwritable path met mid-command, after the up-front checks
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2


_DEFAULT_SHOWWARNING = warnings.showwarning


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:  # type: ignore[no-untyped-def]
    """The program's own warnings (images left out with ``skip_bad``...) as ``warning: ...``
    lines, without the source line Python would quote; others as Python shows them."""
    if category.__module__.startswith("dlplayground."):
        print(f"warning: {message}", file=file or sys.stderr)
    else:
        _DEFAULT_SHOWWARNING(message, category, filename, lineno, file, line)


def _printable_streams() -> None:
    """Text a project may hold (a lone surrogate, say) is printed escaped, not as a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _open_window(args: list[str]) -> int:
    from dlplayground.qt.app import main as gui_main

    return gui_main(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
