"""``dlplayground train PROJECT``: headless training with a progress bar, writing a run folder."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path

from dlplayground.commands import train_ranks
from dlplayground.data import progress as data_progress
from dlplayground.commands.common import CommandError, user_errors
from dlplayground.graph.io import load_project, project_from_dict, project_to_dict


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", help="project file (.dlp.json)")
    parser.add_argument("--epochs", type=int, help="override training.epochs")
    parser.add_argument("--seed", type=int, help="override training.seed (initial weights, batch order)")
    parser.add_argument("--out", help="run folder (default: runs/<name>-<timestamp>/)")
    parser.add_argument("--device", choices=("auto", "cpu", "cuda", "mps"),
                        help="where to train (default: the project's training.device; auto picks CUDA, then MPS, "
                             "then the CPU)")
    parser.add_argument("--threads", type=int, help="torch CPU threads (default: 1 for small models or a busy machine, "
                        "else the free cores; see docs/cli.md)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--tensorboard", action="store_true",
                        help="also write TensorBoard event files into the run folder's tensorboard/ "
                             "(needs the [tensorboard] extra)")
    train_ranks.add_options(parser)


def run(args: argparse.Namespace) -> int:
    if train_ranks.launching(args):  # --nproc-per-node: start the ranks through torchrun's launcher
        return train_ranks.launch(args)
    # under torchrun, this process is one rank: errors name it, a stop signal ends it
    with train_ranks.Ranks() as ranks:
        return _train(args, ranks)


def _train(args: argparse.Namespace, ranks: train_ranks.Ranks) -> int:
    import torch
    from tqdm import tqdm

    from dlplayground.training import Events, RunRecorder, default_run_dir, prepare_training
    from dlplayground.training.runs import final_metrics
    from dlplayground.training.threads import threads_for

    if args.epochs is not None and args.epochs < 1:
        raise CommandError(f"--epochs must be a positive integer, got {args.epochs}")
    if args.threads is not None and args.threads < 1:
        raise CommandError(f"--threads must be a positive integer, got {args.threads}")
    path = Path(args.project)
    with user_errors(path), data_progress.silenced(args.quiet):  # --quiet: no download or read bars either
        setup = prepare_training(project_to_dict(load_project(path)), path.parent,
                                 epochs=args.epochs, seed=args.seed, device=args.device)
        parallel = ranks.join(setup.config.device)
        # small models train fastest on one thread; see training.threads (recorded in summary.json)
        torch.set_num_threads(train_ranks.rank_threads(threads_for(
            project_from_dict(setup.project).graph, setup.inference,
            setup.config.batch_size or len(setup.dataset.x_train), args.threads), parallel, args.threads))
        trainer = setup.trainer(parallel=parallel)
    if not parallel.is_main:  # the ranks but 0 train their part of each batch and write nothing
        return ranks.follow(trainer, path)
    out_dir = Path(args.out) if args.out else default_run_dir(setup.project.get("name", "run"))
    # Ctrl-C stops after the current batch and still writes a complete run folder; SIGTERM (a
    # scheduler's stop, `kill`) does the same. Installed before the unfinished folder is made, so
    # that no signal falls between the two
    previous = {} if ranks.active else {  # (a rank is stopped by ranks' handlers instead)
        sig: signal.signal(sig, lambda *_: trainer.terminate()) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with user_errors(path):
            recorder = RunRecorder(out_dir, setup.project)
        if args.tensorboard:  # before the recorder's handlers: its files are closed when the folder is published
            from dlplayground.graph.folders import TENSORBOARD_DIR
            from dlplayground.training.tensorboard import TensorBoardLogger, TensorBoardMissing

            try:
                TensorBoardLogger(recorder.folder_in_progress / TENSORBOARD_DIR).attach(trainer)
            except TensorBoardMissing as exc:
                import shutil

                shutil.rmtree(recorder.folder_in_progress, ignore_errors=True)
                raise CommandError(str(exc)) from None
        recorder.attach(trainer)
    except BaseException:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        raise

    progress = tqdm(total=setup.config.epochs, unit="epoch", disable=args.quiet, file=sys.stderr,
                    desc=setup.project.get("name", "training"), dynamic_ncols=True)

    @trainer.on(Events.EPOCH_COMPLETED)
    def _advance(trainer) -> None:
        metrics = trainer.state.history[-1]
        shown = {"loss": f"{metrics.train_loss:.4g}"}
        if metrics.val_loss is not None:
            shown["val_loss"] = f"{metrics.val_loss:.4g}"
        if metrics.val_acc is not None:
            shown["val_acc"] = f"{metrics.val_acc:.3f}"
        progress.set_postfix(shown, refresh=False)
        progress.update(1)

    # a failure inside the run (a model that cannot take this data, say) is reported, not raised;
    # the recorder removes the unfinished folder
    trainer.on(Events.EXCEPTION_RAISED, lambda trainer: None)

    try:
        state = trainer.run()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        progress.close()

    if state.stop_reason == "error":
        raise train_ranks.failure(path, state)
    final = final_metrics(trainer)
    print(f"run folder: {recorder.finished_dir or out_dir}")
    if final is not None:
        shown = {k: round(v, 4) for k, v in final.as_dict().items()
                 if k in ("train_loss", "val_loss", "train_acc", "val_acc") and v is not None}
        print(f"epochs: {len(state.history)}  seconds: {state.seconds:.1f}  final: {json.dumps(shown)}")
    from dlplayground.training.runs import divergence_warning

    warning = divergence_warning(trainer, recorder.first_loss)
    if warning:
        print(warning, file=sys.stderr)
    if state.message:
        print(state.message, file=sys.stderr if state.stop_reason == "non_finite_loss" else sys.stdout)
    # (the launcher reads a rank's non-finite loss from summary.json: a rank's exit code 1 would
    # read as a failed rank)
    return 1 if state.stop_reason == "non_finite_loss" and not ranks.active else 0
