"""The one place that creates onnxruntime sessions, so every caller gets the same settings.

Sessions run next to torch (training, the window's worker thread), so thread spinning is
off: a spinning onnxruntime pool keeps cores busy after each call and slows torch down many
times. The thread count defaults to the physical cores this process may use.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Union

import onnxruntime as ort

ModelSource = Union[str, Path, bytes]

#: onnxruntime's CPU provider: the playground targets CPUs and ships no GPU build
PROVIDERS = ("CPUExecutionProvider",)


def physical_cores() -> int:
    """Physical cores among the CPUs this process may run on (hyper-threads counted once).

    Reads Linux's CPU topology; elsewhere, or when it cannot be read, counts logical CPUs.
    """
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if not cpus:
        return max(1, os.cpu_count() or 1)
    cores: set[tuple[str, str]] = set()
    for cpu in cpus:
        topology = Path(f"/sys/devices/system/cpu/cpu{cpu}/topology")
        try:
            package = (topology / "physical_package_id").read_text().strip()
            core = (topology / "core_id").read_text().strip()
        except OSError:
            return len(cpus)
        cores.add((package, core))
    return max(1, len(cores))


def default_threads() -> int:
    """The thread count sessions and benchmarks use unless told otherwise."""
    return physical_cores()


def session_options(threads: int | None = None) -> ort.SessionOptions:
    """Options for a CPU session: ``threads`` intra-op threads, no spinning, all graph optimisations.

    Args:
        threads: intra-op threads (default: :func:`default_threads`).
    """
    if threads is not None and threads < 1:
        raise ValueError(f"threads must be at least 1, got {threads}")
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads or default_threads()
    # one graph, executed in order: a second pool would only add idle threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.add_session_config_entry("session.inter_op.allow_spinning", "0")
    options.log_severity_level = 3  # errors only: warnings about unused initialisers are noise here
    return options


def create_session(model: ModelSource, threads: int | None = None) -> ort.InferenceSession:
    """An inference session on the CPU for an ONNX file path or serialised model bytes.

    Raises:
        FileNotFoundError: the path does not exist.
        onnxruntime's errors (``InvalidGraph``, ``Fail``...) when the model cannot be loaded.
    """
    if isinstance(model, (str, Path)):
        path = Path(model)
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no such file")
        model = str(path)
    return ort.InferenceSession(model, session_options(threads), providers=list(PROVIDERS))
