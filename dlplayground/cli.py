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
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and
                         (not args_list[0].startswith("-") or args_list[0] in WINDOW_OPTIONS)):
        return _open_window(args_list)
    args = build_parser().parse_args(args_list)
    if args.command is None:
        return _open_window([])
    try:
        return int(importlib.import_module(COMMANDS[args.command]).run(args) or 0)
    except CommandError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (`dlplayground summary P | head -1`): stop quietly as Unix tools do,
        # with stdout pointed at /dev/null so that flushing it at exit raises nothing more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _open_window(args: list[str]) -> int:
    from dlplayground.qt.app import main as gui_main

    return gui_main(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
