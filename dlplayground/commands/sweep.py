"""``dlplayground sweep PROJECT --space SPACE.json --trials N``: an Optuna hyperparameter search."""

from __future__ import annotations

import argparse
import signal
import time
from pathlib import Path

from dlplayground.commands.common import THREADS_HELP, CommandError, set_torch_threads, user_errors
from dlplayground.graph.folders import file_stem
from dlplayground.graph.io import load_project, project_to_dict


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", help="project file (.dlp.json)")
    parser.add_argument("--space", required=True, metavar="SPACE.json",
                        help='search space: {"training.optimizer.lr": {"float": [1e-4, 0.1], "log": true}, ...}')
    parser.add_argument("--trials", type=int, required=True, metavar="N", help="trials this process runs")
    parser.add_argument("--metric", default="val_loss", help="val_loss (default), train_loss, val_acc or train_acc")
    parser.add_argument("--storage", metavar="URL",
                        help="shared study: sqlite:///study.db, postgresql://..., or journal:PATH (default: in memory)")
    parser.add_argument("--study", metavar="NAME", help="study name (default: sweep-<project name>)")
    parser.add_argument("--epochs", type=int, help="override training.epochs of every trial")
    parser.add_argument("--sampler-seed", type=int, help="seed the TPE sampler (one process only: others would repeat it)")
    parser.add_argument("--out", help="folder for trials.csv and best.dlp.json (default: runs/sweep-<study>/)")
    parser.add_argument("--threads", type=int, help=THREADS_HELP)
    parser.add_argument("--quiet", action="store_true", help="no line per trial")


def run(args: argparse.Namespace) -> int:
    from dlplayground.experiments.space import SpaceError, load_space
    from dlplayground.experiments.sweep import Sweep, SweepError

    if args.trials < 1:
        raise CommandError(f"--trials must be a positive integer, got {args.trials}")
    if args.epochs is not None and args.epochs < 1:
        raise CommandError(f"--epochs must be a positive integer, got {args.epochs}")
    path = Path(args.project)
    with user_errors(path):
        project = project_to_dict(load_project(path))
    set_torch_threads(args.threads, project, path.parent)
    try:
        space = load_space(args.space, project)
    except SpaceError as exc:
        raise CommandError(str(exc)) from None
    study = args.study or f"sweep-{file_stem(str(project.get('name', 'project')), 'project')}"
    out = Path(args.out) if args.out else Path("runs") / file_stem(study, "sweep")

    def report(result) -> None:
        if not args.quiet:
            value = "" if result.value is None else f"{args.metric} {result.value:.4g}  "
            shown = ", ".join(f"{k}={v:.3g}" if isinstance(v, float) else f"{k}={v}" for k, v in result.params.items())
            note = f"  ({result.message})" if result.message else ""
            print(f"trial {result.number:>3} {result.state:<8} {value}{shown}{note}", flush=True)

    started = time.perf_counter()
    with user_errors(path):
        try:
            sweep = Sweep(project, space, metric=args.metric, storage=args.storage, study_name=study,
                          base_dir=path.parent, epochs=args.epochs, sampler_seed=args.sampler_seed, on_trial=report)
        except SweepError as exc:
            raise CommandError(f"{path}: {exc}") from None
        previous = signal.signal(signal.SIGINT, lambda *_: sweep.stop())
        try:
            sweep.run(args.trials)
        finally:
            signal.signal(signal.SIGINT, previous)
    trials_path, best_path = sweep.write(out)
    results = sweep.results()
    done = sum(r.state == "complete" for r in results)
    print(f"study {study}: {len(results)} trial(s), {done} complete, "
          f"{sum(r.state == 'pruned' for r in results)} pruned ({time.perf_counter() - started:.1f} s here)")
    print(f"trials: {trials_path}")
    if best_path is None:
        print("no trial completed: no best project written")
        return 1
    best = sweep.study.best_trial
    print(f"best: trial {best.number}, {args.metric} {best.value:.4g}, {best.params} -> {best_path}")
    return 0
