"""``dlplayground summary PROJECT``: the per-node shape and parameter table."""

from __future__ import annotations

import argparse

from dlplayground.commands.common import load_checked
from dlplayground.compile.summary import format_summary


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("summary", help="print node shapes and parameter counts")
    parser.add_argument("project", help="project file (.dlp.json)")


def run(args: argparse.Namespace) -> int:
    checked = load_checked(args.project)
    print(f"{checked.project.name} ({checked.dataset.name}, input {list(checked.dataset.input_shape)})")
    print(format_summary(checked.project.graph, checked.inference))
    return 0
