"""How many CPU threads torch gets for a headless run, chosen from the model's size and the
machine's load (measured in ``benchmarks/bench_threads.py``; figures in BENCHMARKS.md).

torch's default (one thread per core) loses badly for the playground's typical models: a step
of a small MLP is microseconds of arithmetic, and waking a second thread for every operation
costs more than it saves; on a machine that is already busy, a second thread also waits for a
core. A step of a larger model (a CNN on 28 x 28 images, wide layers on 784 inputs) has enough
work per operation to split. The rule:

- fewer than :data:`SMALL_STEP_MACS` multiply-adds per training step (forward and backward):
  one thread;
- otherwise one thread per core that the machine's one-minute load leaves free, at most the
  cores this process may use, at least one.

No torch here: the count is chosen before torch is asked for anything, and it is arithmetic
on the inferred shapes.
"""

from __future__ import annotations

import os
from math import prod
from pathlib import Path
from typing import Any, Mapping

from dlplayground.compile.infer import Inference, infer
from dlplayground.graph.document import Graph

#: below this many multiply-adds per training step (forward + backward), one thread is fastest
SMALL_STEP_MACS = 30e6
#: recurrent layers run their weights once per time step
_RECURRENT = frozenset({"RNN", "LSTM", "GRU"})


def sample_macs(inference: Inference, types: dict[str, str]) -> float:
    """Multiply-adds of one sample's forward pass, from parameter counts and shapes.

    A weight is used once per output position: a convolution's at every pixel of its output,
    a Linear's at every row of a ``[time, features]`` input, a recurrent layer's at every
    time step; other layers' work is small beside these.
    """
    total = 0.0
    for node_id, count in inference.param_counts.items():
        if not count:
            continue
        shape = inference.shapes.get(node_id, ())
        inputs = inference.input_shapes.get(node_id, ((),))
        kind = types.get(node_id, "")
        if kind in _RECURRENT:
            positions = inputs[0][0] if inputs and inputs[0] else 1
        elif kind.startswith("Conv"):
            positions = prod(shape[1:])
        else:
            positions = prod(shape[:-1])
        total += count * max(positions, 1)
    return total


def step_macs(inference: Inference, types: dict[str, str], batch_size: int) -> float:
    """Multiply-adds of one training step: forward, and backward at about twice that."""
    return 3 * sample_macs(inference, types) * batch_size


def free_cores(cores: int | None = None, load: float | None = None) -> int:
    """Cores the one-minute load average leaves free (at least one)."""
    cores = cores or available_cores()
    if load is None:
        try:
            load = os.getloadavg()[0]
        except (OSError, AttributeError):  # no load average on this platform
            load = 0.0
    return max(1, min(cores, int(cores - load + 0.5)))


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity, where the platform has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def choose_threads(macs_per_step: float, cores: int | None = None, load: float | None = None) -> int:
    """The thread count for a run whose steps take ``macs_per_step`` multiply-adds."""
    if macs_per_step < SMALL_STEP_MACS:
        return 1
    return free_cores(cores, load)


def threads_for(graph: Graph, inference: Inference, batch_size: int, requested: int | None = None) -> int:
    """The run's thread count: ``requested`` (``--threads``) when given, else the rule's."""
    if requested is not None:
        if requested < 1:
            raise ValueError(f"--threads must be a positive integer, got {requested}")
        return requested
    types = {node.id: node.type for node in graph.nodes}
    return choose_threads(step_macs(inference, types, batch_size))


def threads_for_project(project: Mapping[str, Any], base_dir: str | Path | None = None,
                        requested: int | None = None) -> int:
    """:func:`threads_for` from a project snapshot (no data generated for built-in sets); a
    project that does not check gets one thread (its run will report the problem)."""
    if requested is not None:
        return threads_for(Graph(), Inference((), None, None), 1, requested)
    from dlplayground.data import DataError, describe
    from dlplayground.graph.io import ProjectFormatError, project_from_dict
    from dlplayground.training.config import TrainingConfigError, parse_training

    try:
        document = project_from_dict(project)
        info = describe(document.data, base_dir)
        config = parse_training(document.training, check_torch_names=False)
    except (ProjectFormatError, DataError, TrainingConfigError):
        return 1
    inference = infer(document.graph, info.input_shape)
    if not inference.ok:
        return 1
    samples = (document.data.get("params") or {}).get("samples", 1000)
    return threads_for(document.graph, inference, config.batch_size or int(samples))
