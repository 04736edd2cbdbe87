"""``dlplayground summary PROJECT``: the per-node shape and parameter table, or every problem."""

from __future__ import annotations

import argparse

from dlplayground.commands.common import check_everything
from dlplayground.compile.generative import infer_networks, objective_name
from dlplayground.compile.summary import format_summary


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", help="project file (.dlp.json)")


def run(args: argparse.Namespace) -> int:
    # the data and the training settings are checked too, so that a project summary accepts
    # is one `train` accepts; every problem is listed at once
    project, dataset, inference = check_everything(args.project)
    print(f"{project.name} ({dataset.name}, input {list(dataset.input_shape)})")
    if objective_name(project.training) == "gan" and project.discriminator is not None:
        checked = infer_networks(project.graph, project.discriminator, project.training, dataset.input_shape)
        assert checked.discriminator is not None
        print(f"generator (noise {list(inference.shapes[inference.input_id or ''])} to a sample)")
        print(format_summary(project.graph, inference))
        print("discriminator (a sample to one logit)")
        print(format_summary(project.discriminator, checked.discriminator))
        return 0
    print(format_summary(project.graph, inference))
    return 0
