"""``dlplayground train`` on several processes: the launcher options, and what a rank does
differently from a one-process run (see ``docs/cli.md``, "Training on many processes").

Given ``--nproc-per-node``, ``train`` starts the ranks through torchrun's launcher
(:mod:`dlplayground.training.launch`) and waits for them. Each rank, whether started that way or
by ``torchrun ... -m dlplayground train``, finds torchrun's variables in its environment, joins
the process group (:mod:`dlplayground.training.data_parallel`) and trains its part of every
batch; rank 0 alone shows progress and writes the run folder. A rank whose partner died, or
which the launcher stops, ends with an error and leaves no run folder behind.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
from pathlib import Path
from typing import Any

from dlplayground.commands.common import CommandError, load_checked, user_errors
from dlplayground.training.launch import PEER_LOST_EXIT

#: the options that only the launching process reads (never passed on to the ranks)
LAUNCH_OPTIONS = {"nproc_per_node": "--nproc-per-node", "nnodes": "--nnodes", "node_rank": "--node-rank",
                  "master_addr": "--master-addr", "master_port": "--master-port"}


def add_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("training on several processes (data parallel, through torchrun)")
    group.add_argument("--nproc-per-node", type=int, metavar="N",
                       help="start N ranks on this machine (one per GPU with --device cuda)")
    group.add_argument("--nnodes", type=int, default=1, metavar="M", help="machines taking part (default: 1)")
    group.add_argument("--node-rank", type=int, default=0, metavar="R", help="this machine's number, 0 to M-1")
    group.add_argument("--master-addr", metavar="HOST", help="address of machine 0 (with --nnodes above 1)")
    group.add_argument("--master-port", type=int, metavar="P", help="port on machine 0 (default: 29500)")
    parser.set_defaults(train_parser=parser)


def under_torchrun() -> bool:
    from dlplayground.training.data_parallel import under_torchrun as check

    return check()


def launching(args: argparse.Namespace) -> bool:
    """Whether this process starts the ranks (``--nproc-per-node`` outside torchrun)."""
    launcher_options = [LAUNCH_OPTIONS[k] for k in ("nproc_per_node", "master_addr", "master_port")
                        if getattr(args, k) is not None]
    launcher_options += [LAUNCH_OPTIONS[k] for k, default in (("nnodes", 1), ("node_rank", 0))
                         if getattr(args, k) != default]
    if under_torchrun():
        if launcher_options:
            raise CommandError(f"{', '.join(launcher_options)}: this process is already one of torchrun's ranks; "
                               "give these options to torchrun, or run `dlplayground train` without torchrun")
        return False
    if launcher_options and args.nproc_per_node is None:
        raise CommandError(f"{', '.join(launcher_options)} need --nproc-per-node (the ranks to start on this machine)")
    return args.nproc_per_node is not None


def launch(args: argparse.Namespace) -> int:
    """Start this machine's ranks and wait for them; report a rank that failed."""
    from dlplayground.graph.folders import RUN_FOLDER, check_replaceable, remove_stale_partials
    from dlplayground.training.launch import RanksFailed, Topology, launch_ranks
    from dlplayground.training.runs import default_run_dir

    topology = Topology(args.nproc_per_node, args.nnodes, args.node_rank, args.master_addr, args.master_port)
    problems = topology.problems()
    if args.device == "mps":
        problems.append("--device mps trains in one process (torch.distributed has no MPS backend): "
                        "leave out --nproc-per-node, or use --device cuda or cpu")
    if problems:
        raise CommandError("\n".join(problems))
    checked = load_checked(args.project)  # the graph and the data's description, before any rank starts
    out_dir = Path(args.out) if args.out else default_run_dir(checked.project.name or "run")
    if args.node_rank == 0:  # rank 0, on machine 0, writes the run folder
        with user_errors(args.project):
            out_dir = check_replaceable(out_dir, RUN_FOLDER)
    try:
        launch_ranks(topology, worker_argv(args, out_dir.absolute()))
    except RanksFailed as exc:
        remove_stale_partials(out_dir)  # the unfinished folder of a rank that was killed outright
        raise CommandError(str(exc), exc.exit_code) from None
    summary = out_dir / "summary.json"
    if args.node_rank == 0 and summary.is_file():
        with contextlib.suppress(OSError, ValueError):
            if json.loads(summary.read_text(encoding="utf-8")).get("stop_reason") == "non_finite_loss":
                return 1
    return 0


def worker_argv(args: argparse.Namespace, out_dir: Path) -> list[str]:
    """``train PROJECT [options]`` for the ranks: this command's options but the launcher's,
    with the run folder fixed (the default one is named by the time it is made)."""
    argv = ["train"]
    for action in args.train_parser._actions:
        dest = action.dest
        if dest in LAUNCH_OPTIONS or dest in ("help", "out", "train_parser"):
            continue
        value = getattr(args, dest, None)
        if not action.option_strings:
            argv.append(str(value))
        elif isinstance(action, argparse._StoreTrueAction):
            argv += [action.option_strings[0]] if value else []
        elif value is not None:
            argv += [action.option_strings[0], str(value)]
    return argv + ["--out", str(out_dir)]


def rank_threads(rule: int, parallel: Any, requested: int | None) -> int:
    """Torch threads for one rank: ``--threads``, else the thread rule's count shared among this
    machine's ranks."""
    if requested is not None or not parallel.distributed:
        return rule
    return max(1, rule // parallel.local_world_size)


class RankStopped(Exception):
    """The launcher (SIGTERM) or the user (SIGINT) stopped this rank."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class Ranks:
    """The process's place in a run: one process, or a rank under torchrun.

    As a context manager around the whole command: under torchrun, a stop signal raises
    :class:`RankStopped` wherever the rank is (so rank 0's unfinished folder is removed as after
    any error, rather than published cut short), errors are prefixed with the rank, and the
    process group is left at the end.
    """

    def __init__(self) -> None:
        from dlplayground.training.data_parallel import SingleProcess

        self.parallel: Any = SingleProcess()
        self.active = under_torchrun()
        self.rank = int(os.environ.get("RANK", "0")) if self.active else 0
        self._previous: dict[int, Any] = {}

    def join(self, device: str) -> Any:
        """Join the process group (under torchrun); the object the Trainer splits batches with."""
        if self.active:
            from dlplayground.training.data_parallel import DataParallel

            try:
                self.parallel = DataParallel.from_environment(device)
            except ValueError as exc:
                raise CommandError(str(exc)) from None
        return self.parallel

    def __enter__(self) -> "Ranks":
        if self.active:
            for sig, (text, code) in {signal.SIGTERM: ("stopped by the launcher (another rank failed)", PEER_LOST_EXIT),
                                      signal.SIGINT: ("interrupted", 130)}.items():
                self._previous[sig] = signal.signal(sig, _raiser(text, code))
        return self

    def __exit__(self, kind: Any, error: BaseException | None, traceback: Any) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        if not self.active:
            return
        try:
            self.parallel.close(finished=error is None)
        except Exception:  # the group may be broken after a partner died; the error says why
            pass
        if isinstance(error, RankStopped):
            raise CommandError(f"rank {self.rank}: {error}", error.exit_code) from None
        if isinstance(error, CommandError):
            raise CommandError("\n".join(f"rank {self.rank}: {line}" for line in str(error).splitlines()),
                               error.exit_code) from None

    def follow(self, trainer: Any, path: Path) -> int:
        """What ranks other than 0 do: train their part, write nothing, print only errors."""
        from dlplayground.training import Events

        trainer.on(Events.EXCEPTION_RAISED, lambda trainer: None)
        state = trainer.run()
        if state.stop_reason == "error":
            raise failure(path, state)
        return 0


def failure(path: Path, state: Any) -> CommandError:
    """The error of a run that failed; a rank that lost its partners says so."""
    if isinstance(state.error, RankStopped):
        return CommandError(str(state.error), state.error.exit_code)
    error = CommandError(f"{path}: training failed at epoch {state.epoch}, step {state.iteration + 1}: {state.message}")
    if state.error is not None and _is_peer_loss(state.error):
        text = str(state.error)
        reason = next((s for s in _PEER_LOSS if s in text), text.splitlines()[0][:120] if text else "")
        error = CommandError(f"stopped at epoch {state.epoch}, step {state.iteration + 1}: another rank stopped "
                             f"answering ({reason})", PEER_LOST_EXIT)
    return error


def _is_peer_loss(error: BaseException) -> bool:
    """Whether a collective failed because another rank went away (its sockets closed)."""
    import torch.distributed as dist

    if isinstance(error, getattr(dist, "DistError", ())):
        return True
    text = str(error)
    return isinstance(error, RuntimeError) and any(s in text for s in _PEER_LOSS)


#: what gloo's and NCCL's errors say when a partner is gone
_PEER_LOSS = ("Connection closed by peer", "Connection reset by peer", "Broken pipe", "NCCL")


def _raiser(text: str, code: int) -> Any:
    def handler(signum: int, frame: Any) -> None:
        raise RankStopped(text, code)

    return handler


__all__ = ["LAUNCH_OPTIONS", "Ranks", "RankStopped", "add_options", "failure", "launch", "launching",
           "rank_threads", "worker_argv"]
