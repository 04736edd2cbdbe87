"""Inference latency: onnxruntime against PyTorch eager, side by side in one run.

Both engines compute the same thing (raw numpy batch in, numpy output out, standardisation
included), use the same number of threads, and are timed in interleaved repetitions (the
order alternates each repetition) so that a burst of load on the machine hits both alike.
Each repetition times a chunk of calls long enough for the clock (~2 ms); the report gives
the median per call and the 10th-90th percentile spread over repetitions.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np
import onnxruntime as ort
import torch

from dlplayground.export.runtime import default_threads

#: how long one timed chunk of calls should take
CHUNK_SECONDS = 0.002
WARMUP_CALLS = 20


@dataclass(frozen=True)
class Timing:
    """Per-call latency of one engine at one batch size, over all repetitions (µs)."""

    median_us: float
    p10_us: float
    p90_us: float
    calls_per_chunk: int

    @classmethod
    def from_samples(cls, samples_us: Sequence[float], calls: int) -> "Timing":
        values = np.asarray(samples_us, np.float64)
        return cls(float(np.median(values)), float(np.percentile(values, 10)),
                   float(np.percentile(values, 90)), calls)

    def cell(self) -> str:
        return f"{self.median_us:9.1f} ({self.p10_us:.1f}-{self.p90_us:.1f})"


@dataclass(frozen=True)
class BenchRow:
    batch: int
    onnxruntime: Timing
    torch: Timing | None

    @property
    def speedup(self) -> float | None:
        """PyTorch's median over onnxruntime's: above 1 means onnxruntime is faster."""
        return self.torch.median_us / self.onnxruntime.median_us if self.torch else None


@dataclass
class BenchResult:
    title: str
    threads: int
    repeats: int
    rows: list[BenchRow] = field(default_factory=list)

    def row(self, batch: int) -> BenchRow:
        return next(r for r in self.rows if r.batch == batch)

    def lines(self) -> list[str]:
        versions = f"onnxruntime {ort.__version__} vs PyTorch {torch.__version__} eager (inference_mode)"
        lines = [
            f"{self.title}: {versions}",
            f"{self.threads} thread(s) each, {self.repeats} interleaved repetitions, median µs per call (p10-p90)",
            f"{'batch':>5}  {'onnxruntime µs':>24}  {'PyTorch eager µs':>24}  {'speed-up':>8}",
        ]
        for row in self.rows:
            eager = row.torch.cell() if row.torch else "-"
            ratio = f"{row.speedup:.2f}x" if row.speedup else "-"
            lines.append(f"{row.batch:>5}  {row.onnxruntime.cell():>24}  {eager:>24}  {ratio:>8}")
        return lines


def benchmark(session: ort.InferenceSession, torch_model: torch.nn.Module | None, samples: np.ndarray,
              batches: Sequence[int] = (1, 64), repeats: int = 50, threads: int | None = None,
              title: str = "model") -> BenchResult:
    """Time ``session`` and ``torch_model`` (raw inputs, eval mode) on batches of ``samples``.

    Args:
        session: an onnxruntime session (see :func:`dlplayground.export.runtime.create_session`,
            created with the same ``threads``).
        torch_model: the same computation in PyTorch, or ``None`` to time onnxruntime alone.
        samples: raw input samples; batches repeat them as needed.
        batches: batch sizes to time.
        repeats: interleaved repetitions per engine and batch size.
        threads: threads for PyTorch (``torch.set_num_threads``; restored afterwards).
    """
    if repeats < 1:
        raise ValueError(f"repeats must be at least 1, got {repeats}")
    if not len(samples):
        raise ValueError("no samples to benchmark with")
    threads = threads or default_threads()
    input_name = session.get_inputs()[0].name
    output_name = session.get_outputs()[0].name
    previous_threads = torch.get_num_threads()
    torch.set_num_threads(threads)
    if torch_model is not None:
        torch_model.eval()
    try:
        engines: dict[int, dict[str, Callable[[], object]]] = {}
        for batch in batches:
            x = np.ascontiguousarray(samples[np.arange(batch) % len(samples)], dtype=np.float32)
            calls: dict[str, Callable[[], object]] = {
                "onnxruntime": lambda x=x: session.run([output_name], {input_name: x})[0],
            }
            if torch_model is not None:
                calls["torch"] = lambda x=x: _eager(torch_model, x)
            engines[batch] = calls
        chunk = {(b, name): _calibrate(fn) for b, calls in engines.items() for name, fn in calls.items()}
        times: dict[tuple[int, str], list[float]] = {key: [] for key in chunk}
        for rep in range(repeats):
            for batch, calls in engines.items():
                names = list(calls) if rep % 2 == 0 else list(reversed(calls))
                for name in names:
                    n = chunk[(batch, name)]
                    fn = calls[name]
                    start = time.perf_counter()
                    for _ in range(n):
                        fn()
                    times[(batch, name)].append((time.perf_counter() - start) / n * 1e6)
    finally:
        torch.set_num_threads(previous_threads)
    result = BenchResult(title, threads, repeats)
    for batch in engines:
        eager = times.get((batch, "torch"))
        result.rows.append(BenchRow(
            batch,
            Timing.from_samples(times[(batch, "onnxruntime")], chunk[(batch, "onnxruntime")]),
            Timing.from_samples(eager, chunk[(batch, "torch")]) if eager else None,
        ))
    return result


def _eager(model: torch.nn.Module, x: np.ndarray) -> np.ndarray:
    with torch.inference_mode():
        return model(torch.from_numpy(x)).numpy()


def _calibrate(fn: Callable[[], object]) -> int:
    """Warm ``fn`` up and return how many calls make one ~2 ms chunk."""
    for _ in range(WARMUP_CALLS):
        fn()
    start = time.perf_counter()
    probe = 10
    for _ in range(probe):
        fn()
    per_call = (time.perf_counter() - start) / probe
    return int(min(1000, max(1, round(CHUNK_SECONDS / max(per_call, 1e-9)))))
