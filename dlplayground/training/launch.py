"""Starting the ranks of a data-parallel run through torchrun's own launcher.

``dlplayground train PROJECT --nproc-per-node N`` is ``torchrun --nproc-per-node N -m
dlplayground train PROJECT``: this module builds torchrun's command line and hands it to
``torch.distributed.run.run``, which starts and watches the processes (its elastic agent), sets
each one's ``RANK``, ``WORLD_SIZE``, ``LOCAL_RANK`` and rendezvous address, and, when one of them
dies, stops the others. What is left to do here is to say which rank failed, in words.
"""

from __future__ import annotations

import os
import signal
import socket
from dataclasses import dataclass

#: a rank that stopped because another one failed (a collective lost its peer, or the launcher
#: stopped it) exits with this code, so that the report names the rank that failed first
PEER_LOST_EXIT = 3


class RanksFailed(Exception):
    """One or more ranks failed, or the launcher was stopped; the message says which and how.
    ``exit_code``: 2 when every failed rank exited with 2 (a problem with the project, printed by
    the ranks themselves), 128 + the signal's number when a signal stopped the launcher, else 1."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class Topology:
    """Where the ranks run: ``nproc_per_node`` processes on each of ``nnodes`` machines, this
    one being ``node_rank``; the rendezvous at ``master_addr:master_port`` (node 0) when there are
    several machines (one machine picks a free local port itself)."""

    nproc_per_node: int
    nnodes: int = 1
    node_rank: int = 0
    master_addr: str | None = None
    master_port: int | None = None

    def problems(self) -> list[str]:
        found = []
        if self.nproc_per_node < 1:
            found.append(f"--nproc-per-node must be a positive integer, got {self.nproc_per_node}")
        if self.nnodes < 1:
            found.append(f"--nnodes must be a positive integer, got {self.nnodes}")
        elif not 0 <= self.node_rank < self.nnodes:
            found.append(f"--node-rank must be between 0 and {self.nnodes - 1} (--nnodes {self.nnodes}), "
                         f"got {self.node_rank}")
        if self.master_port is not None and not 1 <= self.master_port <= 65535:
            found.append(f"--master-port must be a port number (1-65535), got {self.master_port}")
        if self.nnodes > 1 and not self.master_addr:
            found.append("--nnodes above 1 needs --master-addr: the address of node 0, which every node can reach")
        return found

    def torchrun_args(self) -> list[str]:
        """torchrun's own options for this topology."""
        args = ["--nproc-per-node", str(self.nproc_per_node), "--nnodes", str(self.nnodes),
                "--node-rank", str(self.node_rank)]
        if self.master_addr:
            args += ["--master-addr", self.master_addr]
        if self.master_port is not None:
            args += ["--master-port", str(self.master_port)]
        return args


def launch_ranks(topology: Topology, module_argv: list[str]) -> None:
    """Run ``python -m dlplayground MODULE_ARGV...`` as this node's ranks, through
    ``torch.distributed.run.run`` (exactly what the ``torchrun`` command does).

    Raises:
        RanksFailed: naming the rank(s) that failed first, how, and where.
    """
    from torch.distributed.elastic.multiprocessing.api import SignalException
    from torch.distributed.elastic.multiprocessing.errors import ChildFailedError
    from torch.distributed.run import get_args_parser, run

    # each rank sets its torch threads itself (training.threads); this only quiets torchrun's
    # notice that it would otherwise pick one thread per rank
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    args = get_args_parser().parse_args([*topology.torchrun_args(), "--module", "dlplayground", *module_argv])
    try:
        run(args)
    except ChildFailedError as exc:
        raise describe_failure(exc.failures) from None
    except SignalException as exc:  # Ctrl-C or SIGTERM: torchrun has stopped the ranks
        name = signal.Signals(exc.sigval).name
        raise RanksFailed(f"stopped by {name}: every rank was stopped and no run folder was written",
                          128 + int(exc.sigval)) from None


def describe_failure(failures: dict) -> RanksFailed:
    """The report of a failed launch from torchrun's ``{global rank: ProcessFailure}``.

    The ranks that failed on their own are named; those that only stopped because another did
    (:data:`PEER_LOST_EXIT`, or killed by the launcher's SIGTERM) are named only when no other
    rank failed.
    """
    # SIGTERM is how the launcher stops the ranks that are left
    followers = (PEER_LOST_EXIT, -signal.SIGTERM)
    first = {rank: f for rank, f in failures.items() if f.exitcode not in followers} or failures
    host = socket.gethostname()
    lines = []
    for rank, failure in sorted(first.items()):
        if failure.exitcode < 0:
            how = f"was killed by signal {failure.signal_name()}"
        elif failure.exitcode == PEER_LOST_EXIT:
            how = "stopped: it lost contact with the other ranks"
        else:
            how = f"exited with code {failure.exitcode} (its message is above)"
        lines.append(f"rank {rank} (local rank {failure.local_rank} on {host}, process {failure.pid}) {how}")
    others = sorted(set(failures) - set(first))
    text = "; ".join(lines) + ": the other ranks were stopped and no run folder was written"
    if others:
        text += f" ({'ranks' if len(others) > 1 else 'rank'} {', '.join(map(str, others))} stopped with it)"
    return RanksFailed(text, 2 if all(f.exitcode == 2 for f in first.values()) else 1)
