"""Prove an exported model computes what PyTorch computes.

Two checks, both required: ``onnx.checker.check_model(full_check=True)`` (structure, types and
shape inference), then onnxruntime on raw validation samples against PyTorch eager on the same
samples standardised, at batch 1 and a larger batch. An element matches when
``|onnx - torch| <= atol + rtol * |torch|`` (``numpy.allclose``); one that does not fails the
export. The reported relative error is ``max |onnx - torch| / |torch|`` over non-zero references,
as ``numpy.testing`` reports it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import onnx
import onnxruntime as ort
import torch

RTOL = 1e-3
ATOL = 1e-5
#: the larger verification batch (fewer when the dataset has fewer samples)
LARGE_BATCH = 64


@dataclass(frozen=True)
class Comparison:
    """onnxruntime against PyTorch on one batch."""

    batch: int
    max_abs: float
    max_rel: float
    ok: bool
    #: how many output elements were outside the tolerance
    mismatched: int = 0
    total: int = 0
    note: str = ""

    def line(self) -> str:
        status = "ok" if self.ok else f"MISMATCH ({self.mismatched} of {self.total} elements)"
        text = f"batch {self.batch:>3}: max abs error {self.max_abs:.3g}, max rel error {self.max_rel:.3g}  {status}"
        return f"{text} - {self.note}" if self.note else text


@dataclass
class Verification:
    """The checker's verdict and the comparisons; ``ok`` only when everything passed."""

    checker_ok: bool
    checker_message: str
    comparisons: list[Comparison] = field(default_factory=list)
    rtol: float = RTOL
    atol: float = ATOL

    @property
    def ok(self) -> bool:
        return self.checker_ok and bool(self.comparisons) and all(c.ok for c in self.comparisons)

    def lines(self) -> list[str]:
        lines = [f"onnx checker (full check): {self.checker_message}"]
        if self.comparisons:
            lines.append(f"onnxruntime vs PyTorch eager (rtol {self.rtol:g}, atol {self.atol:g}):")
            lines += [f"  {c.line()}" for c in self.comparisons]
        return lines


def check(model: onnx.ModelProto) -> tuple[bool, str]:
    """Run the full ONNX checker; return (passed, message)."""
    try:
        onnx.checker.check_model(model, full_check=True)
    except (onnx.checker.ValidationError, onnx.shape_inference.InferenceError) as exc:
        return False, f"FAILED: {str(exc).strip().splitlines()[0]}"
    return True, "passed"


def compare(onnx_out: np.ndarray, torch_out: np.ndarray, batch: int,
            rtol: float = RTOL, atol: float = ATOL) -> Comparison:
    """Compare two outputs elementwise with ``numpy.allclose``'s rule."""
    if onnx_out.shape != torch_out.shape:
        return Comparison(batch, float("inf"), float("inf"), False, torch_out.size, torch_out.size,
                          f"shapes differ: onnxruntime {list(onnx_out.shape)}, PyTorch {list(torch_out.shape)}")
    a = onnx_out.astype(np.float64)
    b = torch_out.astype(np.float64)
    close = np.isclose(a, b, rtol=rtol, atol=atol, equal_nan=True)
    diff = np.abs(a - b)
    finite = np.isfinite(diff)
    max_abs = float(diff[finite].max()) if finite.any() else 0.0
    nonzero = finite & (b != 0)
    max_rel = float((diff[nonzero] / np.abs(b[nonzero])).max()) if nonzero.any() else 0.0
    mismatched = int((~close).sum())
    note = "PyTorch's output holds NaN" if np.isnan(b).any() else ""
    return Comparison(batch, max_abs, max_rel, mismatched == 0, mismatched, int(close.size), note)


def verify(model_proto: onnx.ModelProto, session: ort.InferenceSession, torch_model: torch.nn.Module,
           raw: np.ndarray, standardise: Callable[[np.ndarray], np.ndarray],
           batches: tuple[int, ...] | None = None, rtol: float = RTOL, atol: float = ATOL,
           progress: Callable[[str], None] | None = None) -> Verification:
    """Check ``model_proto`` and compare ``session`` with ``torch_model`` on real samples.

    Args:
        model_proto: the exported model (for the checker).
        session: an onnxruntime session of the same model, fed raw inputs.
        torch_model: the graph's module (eval mode), fed standardised inputs.
        raw: raw samples ``[N, *input_shape]`` (validation samples).
        standardise: the dataset's standardisation (``Dataset.standardise``).
        batches: batch sizes to compare (default: 1 and ``min(64, N)``).
    """
    checker_ok, message = check(model_proto)
    result = Verification(checker_ok, message, rtol=rtol, atol=atol)
    if not checker_ok:
        return result
    raw = np.ascontiguousarray(raw, dtype=np.float32)
    sizes = batches or tuple(dict.fromkeys((1, min(LARGE_BATCH, len(raw)))))
    input_name = session.get_inputs()[0].name
    torch_model.eval()
    for size in sizes:
        if progress:
            progress(f"comparing onnxruntime with PyTorch at batch {size}")
        x = raw[:size]
        try:
            onnx_out = session.run(None, {input_name: x})[0]
        except Exception as exc:  # onnxruntime raises its own exception types
            result.comparisons.append(Comparison(size, float("inf"), float("inf"), False,
                                                 note=f"onnxruntime failed: {str(exc).strip()[:300]}"))
            continue
        with torch.inference_mode():
            torch_out = torch_model(torch.from_numpy(standardise(x))).numpy()
        result.comparisons.append(compare(np.asarray(onnx_out), torch_out, size, rtol, atol))
    return result
