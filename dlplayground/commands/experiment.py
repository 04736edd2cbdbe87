"""``dlplayground experiment ...``: plain vs residual without the window.

- ``degradation``: plain MLPs and their residual twins at several depths, same budget; writes
  a folder with ``table.csv``, ``table.md``, ``degradation.png`` and one run folder per net.
- ``twin PROJECT``: write the residual twin of a plain-chain project.
- ``compare PROJECT [OTHER]``: train a project and OTHER (default: its residual twin) side by
  side on the same data, seed, initial weights and batches; write both run folders.
- ``compare PROJECT --vary KEY=V1,V2,...``: N variants of PROJECT differing in one setting, side
  by side; a comparison folder with the run folders, ``table.md``/``table.csv`` and ``curves.png``.
"""

from __future__ import annotations

import argparse
import shlex
import signal
import sys
import time
from pathlib import Path

from dlplayground.commands.common import THREADS_HELP, CommandError, set_torch_threads, user_errors
from dlplayground.graph.folders import file_stem
from dlplayground.graph.io import load_project, project_to_dict


def add_arguments(parser: argparse.ArgumentParser) -> None:
    kinds = parser.add_subparsers(dest="experiment", metavar="EXPERIMENT", required=True)

    degradation = kinds.add_parser(
        "degradation", help="train plain MLPs and their residual twins at several depths with the same budget")
    degradation.add_argument("--depths", type=int, nargs="+", default=[8, 20, 50], metavar="N",
                             help="layers per network, the head included (default: 8 20 50)")
    degradation.add_argument("--epochs", type=int, default=50, help="epochs per network (default: 50)")
    degradation.add_argument("--activation", default="ReLU", help="hidden activation (default: ReLU)")
    degradation.add_argument("--width", type=int, default=32, help="units per hidden layer (default: 32)")
    degradation.add_argument("--batchnorm", action="store_true", help="a BatchNorm1d after every hidden Linear")
    degradation.add_argument("--lr", type=float, help="Adam's learning rate (default: the examples' 0.003)")
    degradation.add_argument("--seed", type=int, default=0, help="initial weights and batch order (default: 0)")
    _common(degradation, "experiment folder (default: runs/degradation-<activation>-<timestamp>/)",
            threads_help="torch CPU threads (default: 1, the fastest for these small networks)")
    degradation.set_defaults(threads=1)

    twin = kinds.add_parser("twin", help="write the residual twin of a plain-chain project")
    twin.add_argument("project", help="project file (.dlp.json)")
    twin.add_argument("-o", "--output", help="twin project file (default: <project>_residual.dlp.json beside it)")
    twin.add_argument("--every", type=int, default=2, help="layers per skip connection (default: 2)")

    compare = kinds.add_parser("compare", help="train two projects side by side under the same conditions")
    compare.add_argument("project", help="the reference project (.dlp.json), e.g. a deep plain net")
    compare.add_argument("other", nargs="?", help="the project to compare with (default: the residual twin)")
    compare.add_argument("--vary", metavar="KEY=V1,V2,...",
                         help="compare variants of PROJECT differing in one setting instead, e.g. "
                              "training.batch_size=full,32,1 or graph.NODE.PARAM=...")
    compare.add_argument("--epochs", type=int, help="override training.epochs for both")
    compare.add_argument("--seed", type=int, help="override training.seed for both")
    compare.add_argument("--own-training", action="store_true",
                         help="train OTHER with its own training section (default: the reference's)")
    _common(compare, "folder for both run folders (default: runs/compare-<name>-<timestamp>/)")


def _common(parser: argparse.ArgumentParser, out_help: str,
            threads_help: str = THREADS_HELP) -> None:
    parser.add_argument("--out", help=out_help)
    parser.add_argument("--threads", type=int, help=threads_help)
    parser.add_argument("--quiet", action="store_true", help="no progress lines")


def run(args: argparse.Namespace) -> int:
    if args.experiment == "compare" and args.threads is None:
        path = Path(args.project)
        with user_errors(path):
            reference = project_to_dict(load_project(path))
        set_torch_threads(None, reference, path.parent)
    elif args.experiment != "twin":  # twin trains nothing
        set_torch_threads(args.threads)
    return {"degradation": _degradation, "twin": _twin, "compare": _compare}[args.experiment](args)


# -- degradation -------------------------------------------------------------------------
def _degradation(args: argparse.Namespace) -> int:
    from dlplayground.experiments.degradation import DegradationSettings, run_degradation
    from dlplayground.layers.catalogue import CATALOGUE

    spec = CATALOGUE.get(args.activation)
    if spec is None or spec.category != "Activation":
        known = ", ".join(t for t, s in CATALOGUE.items() if s.category == "Activation")
        raise CommandError(f"--activation: unknown activation {args.activation!r} (known: {known})")
    options = {"depths": tuple(args.depths), "epochs": args.epochs, "activation": args.activation,
               "width": args.width, "batchnorm": args.batchnorm, "seed": args.seed}
    if args.lr is not None:
        options["lr"] = args.lr
    try:
        settings = DegradationSettings(**options)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    out = Path(args.out) if args.out else Path("runs") / (
        f"degradation-{args.activation.lower()}-{time.strftime('%Y%m%d-%H%M%S')}")
    command = "dlplayground " + shlex.join(sys.argv[1:]) if sys.argv[1:2] == ["experiment"] else ""

    def report(row) -> None:
        if not args.quiet:
            acc = "n/a" if row.val_acc is None else f"{row.val_acc:.3f}"
            print(f"depth {row.depth:>3} {row.network:<8} train loss {row.train_loss:.4f}  val acc {acc}  "
                  f"grad ratio {row.grad_ratio_init:.1e} -> {row.grad_ratio_end:.1e}  ({row.seconds:.1f} s)",
                  flush=True)

    with user_errors(out):
        _, folder = run_degradation(settings, out, command, on_row=report)
    print(f"experiment folder: {folder}")
    print((folder / "table.md").read_text(encoding="utf-8"))
    return 0


# -- twin --------------------------------------------------------------------------------
def _twin(args: argparse.Namespace) -> int:
    from dlplayground.compile.residual import TwinError, make_residual_twin
    from dlplayground.data import describe
    from dlplayground.graph.io import save_project

    path = Path(args.project)
    with user_errors(path):
        project = project_to_dict(load_project(path))
        shape = describe(project.get("data") or {}, path.parent).input_shape
    try:
        twin = make_residual_twin(project, shape, every=args.every)
    except TwinError as exc:
        raise CommandError(f"{path}: {exc}") from None
    stem = path.name[: -len(".dlp.json")] if path.name.endswith(".dlp.json") else path.stem
    output = Path(args.output) if args.output else path.with_name(f"{stem}_residual.dlp.json")
    save_project(twin, output)
    adds = sum(1 for n in twin["graph"]["nodes"] if n["type"] == "Add")
    print(f"{output}: {twin['name']} ({adds} skip connection(s))")
    return 0


# -- compare -----------------------------------------------------------------------------
def _compare(args: argparse.Namespace) -> int:
    from dlplayground.compile.residual import TwinError
    from dlplayground.training import Events, RunRecorder, default_run_dir
    from dlplayground.training.compare import Comparison

    if args.epochs is not None and args.epochs < 1:
        raise CommandError(f"--epochs must be a positive integer, got {args.epochs}")
    if args.vary is not None:
        if args.other or args.own_training:
            raise CommandError("--vary compares variants of one project: give no OTHER project and no --own-training")
        from dlplayground.commands.vary import compare_variants_command

        return compare_variants_command(args)
    path = Path(args.project)
    with user_errors(path):
        first = project_to_dict(load_project(path))
        second = project_to_dict(load_project(args.other)) if args.other else None
    with user_errors(f"{path} / {args.other}" if args.other else path):
        try:
            comparison = Comparison(first, second, path.parent, epochs=args.epochs, seed=args.seed,
                                    same_training=not args.own_training)
        except TwinError as exc:
            raise CommandError(f"{path}: {exc}") from None
    out = Path(args.out) if args.out else default_run_dir(f"compare-{first.get('name', 'run')}")
    with user_errors(out):
        recorders = [RunRecorder(out / f"{'ab'[i]}-{file_stem(run.label, 'run')}", run.setup.project).attach(run.trainer)
                     for i, run in enumerate(comparison.runs)]

    def report(index: int, trainer) -> None:
        if not args.quiet and index == 1:
            parts = []
            for run in comparison.runs:
                last = run.state.last
                if last is not None:
                    acc = "" if last.val_acc is None else f" val acc {last.val_acc:.3f}"
                    parts.append(f"{run.label}: loss {last.train_loss:.4f}{acc}")
            print(f"epoch {trainer.state.epoch}  " + "  |  ".join(parts), flush=True)

    comparison.on(Events.EPOCH_COMPLETED, report)
    previous = signal.signal(signal.SIGINT, lambda *_: comparison.terminate())
    try:
        states = comparison.run()
    finally:
        signal.signal(signal.SIGINT, previous)
    print(f"shared initial weights: {len(comparison.shared)} layer(s)"
          + (f"; differing shapes, not shared: {', '.join(comparison.differing)}" if comparison.differing else ""))
    for recorder, run, state in zip(recorders, comparison.runs, states):
        last, log = state.last, state.gradient_log
        ratio = f"{log[0].ratio_first_to_last():.1e} -> {log[-1].ratio_first_to_last():.1e}" if log else "n/a"
        loss = "n/a" if last is None else f"{last.train_loss:.4f}"
        acc = "" if last is None or last.val_acc is None else f"  val acc {last.val_acc:.3f}"
        print(f"{run.label}: train loss {loss}{acc}  grad ratio first/last {ratio}  ({state.stop_reason})  "
              f"-> {recorder.finished_dir or '(not written)'}")
    return 1 if any(s.stop_reason == "non_finite_loss" for s in states) else 0


