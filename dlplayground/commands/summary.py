"""``dlplayground summary PROJECT``: the per-node shape and parameter table, or every problem."""

from __future__ import annotations

import argparse

from dlplayground.commands.common import check_everything
from dlplayground.compile.summary import format_summary


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("summary", help="print node shapes and parameter counts")
    parser.add_argument("project", help="project file (.dlp.json)")


def run(args: argparse.Namespace) -> int:
    # the data and the training settings are checked too, so that a project summary accepts
    # is one `train` accepts; every problem is listed at once
    project, dataset, inference = check_everything(args.project)
    print(f"{project.name} ({dataset.name}, input {list(dataset.input_shape)})")
    print(format_summary(project.graph, inference))
    return 0
