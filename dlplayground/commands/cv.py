"""``dlplayground cv PROJECT --folds K``: k-fold cross-validation, mean and standard deviation."""

from __future__ import annotations

import argparse
import shlex
import signal
import sys
import time
from pathlib import Path

from dlplayground.commands.common import THREADS_HELP, CommandError, set_torch_threads, user_errors
from dlplayground.graph.io import load_project, project_to_dict


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", help="project file (.dlp.json)")
    parser.add_argument("--folds", type=int, required=True, metavar="K", help="number of folds (at least 2)")
    parser.add_argument("--epochs", type=int, help="override training.epochs")
    parser.add_argument("--seed", type=int, help="override training.seed (initial weights, batch order)")
    parser.add_argument("--out", help="cross-validation folder (default: runs/cv-<name>-<timestamp>/)")
    parser.add_argument("--threads", type=int, help=THREADS_HELP)
    parser.add_argument("--quiet", action="store_true", help="no line per fold")


def run(args: argparse.Namespace) -> int:
    from dlplayground.experiments.cv import METRICS, cross_validate

    if args.folds < 2:
        raise CommandError(f"--folds must be at least 2, got {args.folds}")
    if args.epochs is not None and args.epochs < 1:
        raise CommandError(f"--epochs must be a positive integer, got {args.epochs}")
    path = Path(args.project)
    with user_errors(path):
        project = project_to_dict(load_project(path))
    set_torch_threads(args.threads, project, path.parent)
    name = str(project.get("name", "run")).replace(" ", "-")
    out = Path(args.out) if args.out else Path("runs") / f"cv-{name}-{time.strftime('%Y%m%d-%H%M%S')}"
    command = "dlplayground " + shlex.join(sys.argv[1:]) if sys.argv[1:2] == ["cv"] else ""

    def report(row) -> None:
        if not args.quiet:
            shown = "  ".join(f"{k} {getattr(row, k):.4f}" for k in METRICS if getattr(row, k) is not None)
            print(f"fold {row.fold}/{args.folds} ({row.val_samples} validation samples): {shown}  ({row.seconds:.1f} s)",
                  flush=True)

    previous = signal.getsignal(signal.SIGINT)

    def connect(index: int, trainer) -> None:  # Ctrl-C stops the fold in progress and the whole run
        signal.signal(signal.SIGINT, lambda *_: trainer.terminate())
        from dlplayground.training import Events

        trainer.on(Events.EXCEPTION_RAISED, lambda t: None)  # reported below, not raised

    try:
        with user_errors(path):
            rows, stats, folder = cross_validate(project, args.folds, out, path.parent, epochs=args.epochs,
                                                 seed=args.seed, command=command, on_fold=report, on_trainer=connect)
    finally:
        signal.signal(signal.SIGINT, previous)
    failed = [r for r in rows if r.stop_reason == "error"]
    if failed:
        raise CommandError(f"{path}: training failed in fold {failed[0].fold}")
    print(f"cross-validation folder: {folder}")
    for key, values in stats.items():
        if values["mean"] is not None:
            print(f"{key:<10} mean {values['mean']:.4f}  std {values['std']:.4f}  (over {len(rows)} folds)")
    return 1 if any(r.stop_reason == "non_finite_loss" for r in rows) else 0
