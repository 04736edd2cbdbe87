"""Import ONNX models as projects: operators become catalogue layers, weights a safetensors file.

:func:`import_model` is the whole pipeline: prepare (upgrade, fold), map, check shapes, and
compare the result with onnxruntime; :func:`write_import` saves the project and its weights.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import numpy as np
import onnx

from dlplayground.graph.document import Project
from dlplayground.graph.io import atomic_write_bytes, save_project
from dlplayground.onnx_import.importer import ImportedGraph, UnmappedOp, UnmappedOperators, map_graph, project_of
from dlplayground.onnx_import.prepare import OnnxImportError, PreparedModel, load_model, prepare
from dlplayground.onnx_import.verify import TOLERANCE, Comparison, compare

if TYPE_CHECKING:
    from torch import nn


#: the stages of :func:`import_model` in order, as it names them to its ``progress`` callback
STAGES = ("loading", "preparing", "mapping", "checking")


@dataclass
class ImportResult:
    project: Project
    imported: ImportedGraph
    prepared: PreparedModel
    comparison: Comparison
    source_opset: int


def import_model(model: onnx.ModelProto | str | Path, name: str = "Imported model",
                 weights_file: str = "weights.safetensors",
                 progress: Callable[[str], None] | None = None) -> ImportResult:
    """Map ``model`` onto the catalogue and check the result against onnxruntime.

    ``progress`` is called with each stage's name (:data:`STAGES`; "loading" only for a file)
    as the stage starts; whatever it raises stops the import there and propagates (the
    window's Cancel works so, between stages).

    Raises:
        OnnxImportError: the file is unreadable or the model's interface does not fit a project.
        UnmappedOperators: listing every operator without a catalogue layer.
    """
    from dlplayground.onnx_import.prepare import default_opset

    report = progress or _no_progress
    if not isinstance(model, onnx.ModelProto):
        report("loading")
        model = load_model(model)
    source_opset = default_opset(model)
    report("preparing")
    prepared = prepare(model)
    report("mapping")
    imported = map_graph(prepared)
    report("checking")
    comparison = compare(prepared, imported)
    return ImportResult(project_of(imported, name, weights_file), imported, prepared, comparison, source_opset)


def _no_progress(stage: str) -> None:
    pass


def write_import(result: ImportResult, project_path: str | Path) -> Path:
    """Write the weights (named by ``training.init``) and then the project, each atomically."""
    from safetensors.numpy import save

    project_path = Path(project_path)
    weights_path = project_path.parent / result.project.training["init"]
    tensors = {k: np.array(v, order="C") for k, v in result.imported.weights.items()}
    atomic_write_bytes(weights_path, save(tensors, metadata={"format": "dlplayground/weights"}))
    save_project(result.project, project_path)
    return weights_path


__all__ = ["STAGES", "TOLERANCE", "Comparison", "ImportResult", "OnnxImportError", "UnmappedOp", "UnmappedOperators", "torch_twin",
           "import_model", "write_import"]


def torch_twin(path: str | Path) -> "tuple[nn.Module | None, str]":
    """The PyTorch twin of any ONNX file, for ``bench-infer``: the model imported onto the
    catalogue with the file's own weights, and a note giving its measured agreement with
    onnxruntime; ``(None, why)`` when the model cannot be imported."""
    try:
        result = import_model(path)
    except (OnnxImportError, UnmappedOperators, ValueError, RuntimeError, KeyError, TypeError) as exc:
        # the benchmark still times onnxruntime: an import failure only costs the twin
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        return None, f"the model cannot be imported ({' '.join(lines)[:300] if lines else type(exc).__name__})"
    import torch

    from dlplayground.compile.module import build_model

    model = build_model(result.imported.graph).eval()
    model.load_state_dict_by_node({k: torch.from_numpy(np.array(v, order="C"))
                                   for k, v in result.imported.weights.items()})
    agreement = "agrees" if result.comparison.ok else "DIFFERS"
    return model, (f"PyTorch twin imported from the ONNX graph with its weights ({agreement} with onnxruntime: "
                   f"relative difference {result.comparison.relative:.1e})")
