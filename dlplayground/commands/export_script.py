"""``dlplayground export-script PROJECT -o DIR``: a standalone PyTorch training script.

Writes ``DIR/train.py``, ``DIR/data.npz`` and ``DIR/project.json``; ``python DIR/train.py``
then trains on any machine with numpy, torch and safetensors, repeating the app's run.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from dlplayground.commands.common import CommandError, user_errors
from dlplayground.graph.io import load_project, project_to_dict


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Write DIR/train.py (plain PyTorch: the network, the settings and the training loop), "
                          "DIR/data.npz (the split, standardised) and DIR/project.json. The script needs only "
                          "numpy, torch and safetensors and repeats `dlplayground train` on the same device.")
    parser.add_argument("project", help="project file (.dlp.json)")
    parser.add_argument("-o", "--output", metavar="DIR", required=True, help="folder to write into (created if needed; only train.py, data.npz and project.json are replaced)")
    parser.add_argument("--epochs", type=int, help="override training.epochs")
    parser.add_argument("--seed", type=int, help="override training.seed (the split, initial weights, batch order)")


def run(args: argparse.Namespace) -> int:
    from dlplayground.codegen.script import describe_export, export_project_script

    if args.epochs is not None and args.epochs < 1:
        raise CommandError(f"--epochs must be a positive integer, got {args.epochs}")
    path = Path(args.project)
    try:
        with user_errors(path):
            result, setup = export_project_script(project_to_dict(load_project(path)), path.parent, args.output,
                                                  epochs=args.epochs, seed=args.seed)
    except ValueError as exc:  # a value the script cannot hold (the engine's own errors are handled above)
        raise CommandError(f"{path}: {exc}") from None
    except OSError as exc:
        raise CommandError(f"cannot write {args.output}: {exc}") from None
    for line in describe_export(result, setup):
        print(line)
    return 0
