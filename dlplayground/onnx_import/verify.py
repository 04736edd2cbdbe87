"""Check an import numerically: the project's torch model against onnxruntime on the original.

The original runs at its own batch size when it fixes one (samples fed in chunks), the
imported model on the whole batch at once, so a free batch axis is exercised too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import onnx
import torch

from dlplayground.compile.module import build_model
from dlplayground.export.runtime import create_session
from dlplayground.onnx_import.importer import ImportedGraph
from dlplayground.onnx_import.prepare import PreparedModel

#: the largest relative difference (max |a - b| over max |a|) an import may show
TOLERANCE = 1e-4


@dataclass(frozen=True)
class Comparison:
    max_abs: float
    relative: float
    samples: int

    @property
    def ok(self) -> bool:
        return self.relative <= TOLERANCE


def run_onnx(model: onnx.ModelProto | bytes, x: np.ndarray, batch: int | None = None) -> np.ndarray:
    """onnxruntime's output for ``x``; in chunks of ``batch`` samples when the model fixes it."""
    session = create_session(model if isinstance(model, bytes) else model.SerializeToString(), threads=1)
    name = session.get_inputs()[0].name
    step = batch or len(x)
    return np.concatenate([session.run(None, {name: x[i : i + step]})[0] for i in range(0, len(x), step)])


def relative_difference(expected: np.ndarray, got: np.ndarray) -> tuple[float, float]:
    """(max absolute difference, the same over the largest |expected|)."""
    if expected.shape != got.shape:
        return float("inf"), float("inf")
    diff = float(np.max(np.abs(expected.astype(np.float64) - got.astype(np.float64)))) if expected.size else 0.0
    scale = float(np.max(np.abs(expected))) if expected.size else 0.0
    return diff, diff / max(scale, 1e-12)


def compare(prepared: PreparedModel, imported: ImportedGraph, samples: int = 4, seed: int = 0) -> Comparison:
    """Run both on the same random inputs and measure the difference."""
    sample_shape = prepared.shapes[prepared.input_name][1:]
    if prepared.fixed_batch:
        samples = max(samples // prepared.batch, 1) * prepared.batch
    x = np.random.default_rng(seed).standard_normal((samples, *sample_shape)).astype(np.float32)
    expected = run_onnx(prepared.model, x, prepared.batch if prepared.fixed_batch else None)
    model = build_model(imported.graph).eval()
    model.load_state_dict_by_node({k: torch.from_numpy(np.array(v, order="C")) for k, v in imported.weights.items()})
    with torch.no_grad():
        got = model(torch.from_numpy(x)).numpy()
    if prepared.fixed_batch and expected.shape[0] != samples:
        got = got.reshape(expected.shape) if got.size == expected.size else got
    max_abs, relative = relative_difference(expected, got)
    return Comparison(max_abs, relative, samples)
