"""The ``dlplayground`` command: subcommands run headless, no subcommand opens the window.

Each subcommand lives in its own module under :mod:`dlplayground.commands` with
``add_arguments(parser)`` and ``run(args) -> int``; its one-line help lives here, in
:data:`COMMANDS`, so that ``--version`` and ``--help`` answer without importing any command
module (and with them numpy and torch). Errors a user can fix (a broken project, an invalid
graph, bad data) print a readable message on stderr and exit 2, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
import warnings
from typing import NoReturn, Sequence

from dlplayground import __version__

#: subcommand name -> (module implementing it, the line ``dlplayground --help`` shows for it)
COMMANDS = {
    "summary": ("dlplayground.commands.summary", "print node shapes and parameter counts"),
    "train": ("dlplayground.commands.train", "train a project headless and write a run folder"),
    "export": ("dlplayground.commands.export", "export a project to ONNX and verify it against PyTorch"),
    "export-script": ("dlplayground.commands.export_script",
                      "write a standalone PyTorch training script for a project"),
    "predict": ("dlplayground.commands.predict", "run an ONNX model on a batch from a .npy file"),
    "bench-infer": ("dlplayground.commands.bench_infer", "time onnxruntime against PyTorch eager inference"),
    "experiment": ("dlplayground.commands.experiment", "plain vs residual: degradation study, twins, paired runs"),
    "sweep": ("dlplayground.commands.sweep", "hyperparameter search with Optuna (TPE, median pruning by epoch)"),
    "cv": ("dlplayground.commands.cv", "k-fold cross-validation: one run per fold, mean and spread"),
    "import": ("dlplayground.commands.import_onnx", "import an ONNX model as an editable project"),
}

#: options of the window itself (``dlplayground --smoke-test [PROJECT]``), not of a subcommand
WINDOW_OPTIONS = ("--smoke-test",)


def build_parser(arguments: bool = True,
                 parser_class: type[argparse.ArgumentParser] = argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The command line's parser; with ``arguments=False`` only the top level (``--version``,
    ``--help`` and the list of commands), for which no command module is imported."""
    parser = parser_class(
        prog="dlplayground",
        description="Build, train and export neural networks. Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"dlplayground {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, summary) in COMMANDS.items():
        command = subparsers.add_parser(name, help=summary, add_help=arguments)
        if arguments:
            importlib.import_module(module_name).add_arguments(command)
    return parser


class _NotTopLevel(Exception):
    """The arguments need the full parser: an error is to be reported with its usage lines."""


class _TopLevelParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _NotTopLevel(message)


def main(argv: Sequence[str] | None = None) -> int:
    _printable_streams()
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and
                         (not args_list[0].startswith("-") or args_list[0] in WINDOW_OPTIONS)):
        return _open_window(args_list)
    if args_list[0] not in COMMANDS:
        # options first: `--version` and `--help` print and exit here, before numpy or torch is
        # imported; anything else (a mistake) falls through to the full parser's own message
        with contextlib.suppress(_NotTopLevel):
            build_parser(arguments=False, parser_class=_TopLevelParser).parse_known_args(args_list)
    args = build_parser().parse_args(args_list)
    if args.command is None:
        return _open_window([])
    from dlplayground.commands.common import CommandError  # imports numpy: not before it is needed

    try:
        with warnings.catch_warnings():  # restores the default display afterwards
            warnings.showwarning = _show_warning
            return int(importlib.import_module(COMMANDS[args.command][0]).run(args) or 0)
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
