"""What the latency benchmark times: an onnxruntime session and its PyTorch eager twin.

From a project, the model is exported in memory (weights from a file, or fresh ones: latency
does not depend on weight values) and the twin is the very module that was exported. From an
``.onnx`` file written by the playground, the twin is rebuilt from the project embedded in its
metadata, with fresh weights, since the optimiser folds some weights (BatchNorm into Conv) and
they cannot all be read back. For any other ``.onnx`` file the caller may pass a twin maker
(``bench-infer`` passes :func:`dlplayground.onnx_import.torch_twin`: the model imported onto the
catalogue with the file's own weights); the inputs are random samples of the model's input
shape. Without a twin, onnxruntime is timed alone, and the note says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable
from pathlib import Path

import numpy as np
import onnxruntime as ort
from torch import nn

from dlplayground.data import DataError, load_dataset
from dlplayground.export.exporter import DEFAULT_OPSET, ExportError, RawInputModel, export_model
from dlplayground.export.inference import Predictor
from dlplayground.export.pipeline import WeightsSource, describe_model, output_kind, prepare_model, raw_samples
from dlplayground.export.runtime import create_session
from dlplayground.graph.document import Project
from dlplayground.graph.io import ProjectFormatError, project_from_dict


@dataclass
class BenchSubject:
    """A model to time: its session, its eager twin (or ``None``), raw input samples."""

    title: str
    session: ort.InferenceSession
    eager: nn.Module | None
    samples: np.ndarray
    note: str = ""
    fixed_batch: int | None = None  # the only batch size the model accepts, when it fixes one


def subject_from_project(project: Project, base_dir: str | Path | None = None, weights: WeightsSource = None,
                         opset: int = DEFAULT_OPSET, threads: int | None = None) -> BenchSubject:
    """Export ``project`` in memory and pair the session with the exported module."""
    dataset = load_dataset(project.data, base_dir)
    model, inference = prepare_model(project, dataset, weights)
    example, samples = raw_samples(dataset)
    proto = export_model(model, project.graph, example, dataset.mean, dataset.std, opset)
    describe_model(proto, project, dataset, output_kind(project, inference, dataset))
    session = create_session(proto.SerializeToString(), threads)
    eager = RawInputModel(model, dataset.mean, dataset.std).eval()
    note = "" if weights is not None else "fresh weights (latency does not depend on their values)"
    return BenchSubject(project.name, session, eager, samples, note)


#: makes the PyTorch twin of an ONNX file: (the module or None, a note saying what it is or why not)
TwinMaker = Callable[[Path], "tuple[nn.Module | None, str]"]


def subject_from_onnx(path: str | Path, threads: int | None = None, twin: TwinMaker | None = None) -> BenchSubject:
    """Load an ``.onnx`` file; rebuild its eager twin when it carries a playground project
    (without one, or when the project cannot be rebuilt here, onnxruntime is timed alone).

    Raises:
        ModelLoadError: the file cannot be loaded.
    """
    predictor = Predictor(path, threads)
    info = predictor.info
    shape = tuple(d if d is not None else 1 for d in info.input_shape)
    random_samples = np.random.default_rng(0).standard_normal((64, *shape)).astype(np.float32)
    fixed = None if info.batch_dynamic else int(predictor.session.get_inputs()[0].shape[0])
    if info.project is None:
        return _imported_subject(path, info.title, predictor.session, random_samples, fixed, "", twin)
    try:
        project = project_from_dict(info.project)
        dataset = load_dataset(project.data, Path(path).parent)
        model, _ = prepare_model(project, dataset)
    except (ProjectFormatError, DataError, ExportError) as exc:
        return _imported_subject(path, info.title, predictor.session, random_samples, fixed,
                                 f"the embedded project cannot be rebuilt here ({exc}); ", twin)
    _, samples = raw_samples(dataset)
    eager = RawInputModel(model, dataset.mean, dataset.std).eval()
    return BenchSubject(info.title, predictor.session, eager, samples,
                        "PyTorch twin rebuilt from the embedded project with fresh weights")


def _imported_subject(path: str | Path, title: str, session: ort.InferenceSession, samples: np.ndarray,
                      fixed_batch: int | None, why: str, twin: TwinMaker | None) -> BenchSubject:
    """The twin of a model without a usable project, made by ``twin`` (the command passes
    :func:`dlplayground.onnx_import.torch_twin`, which sits above this layer); onnxruntime alone
    without one, or when it cannot make one (the note says why)."""
    if twin is None:
        return BenchSubject(title, session, None, samples,
                            f"no PyTorch twin: {why}the model carries no dlplayground project; random inputs",
                            fixed_batch)
    model, note = twin(Path(path))
    prefix = "" if model is not None else "no PyTorch twin: "
    return BenchSubject(title, session, model, samples, f"{prefix}{why}{note}; random inputs", fixed_batch)
