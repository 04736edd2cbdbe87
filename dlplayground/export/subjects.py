"""What the latency benchmark times: an onnxruntime session and its PyTorch eager twin.

From a project, the model is exported in memory (weights from a file, or fresh ones: latency
does not depend on weight values) and the twin is the very module that was exported. From an
``.onnx`` file written by the playground, the twin is rebuilt from the project embedded in its
metadata, with fresh weights, since the optimiser folds some weights (BatchNorm into Conv) and
they cannot all be read back.
"""

from __future__ import annotations

from dataclasses import dataclass
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


def subject_from_onnx(path: str | Path, threads: int | None = None) -> BenchSubject:
    """Load an ``.onnx`` file; rebuild its eager twin when it carries a playground project
    (without one, or when the project cannot be rebuilt here, onnxruntime is timed alone).

    Raises:
        ModelLoadError: the file cannot be loaded.
    """
    predictor = Predictor(path, threads)
    info = predictor.info
    shape = tuple(d if d is not None else 1 for d in info.input_shape)
    random_samples = np.random.default_rng(0).standard_normal((64, *shape)).astype(np.float32)
    if info.project is None:
        return BenchSubject(info.title, predictor.session, None, random_samples,
                            "no PyTorch twin: the model carries no dlplayground project; random inputs")
    try:
        project = project_from_dict(info.project)
        dataset = load_dataset(project.data, Path(path).parent)
        model, _ = prepare_model(project, dataset)
    except (ProjectFormatError, DataError, ExportError) as exc:
        return BenchSubject(info.title, predictor.session, None, random_samples,
                            f"no PyTorch twin: the embedded project cannot be rebuilt ({exc}); random inputs")
    _, samples = raw_samples(dataset)
    eager = RawInputModel(model, dataset.mean, dataset.std).eval()
    return BenchSubject(info.title, predictor.session, eager, samples,
                        "PyTorch twin rebuilt from the embedded project with fresh weights")
