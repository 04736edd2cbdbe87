"""Export a project end to end: build the model, load weights, export, write, check, compare.

This is what ``dlplayground export`` and the window's export dialog run. Nothing here prints:
progress goes to an optional callback and the result is an :class:`ExportReport`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Union

import numpy as np
import onnx
import torch

from dlplayground import __version__
from dlplayground.compile.infer import Inference, infer
from dlplayground.compile.module import GraphModule
from dlplayground.data import Dataset, load_dataset
from dlplayground.export.exporter import DEFAULT_OPSET, EXPORTER, ExportError, export_model
from dlplayground.export.generative import destandardised, generative_export
from dlplayground.export.metadata import ModelInfo, info_from_session, metadata_for, write_metadata
from dlplayground.export.runtime import create_session
from dlplayground.export.verify import Verification, verify
from dlplayground.graph.document import Project
from dlplayground.graph.folders import WEIGHTS_FILE
from dlplayground.layers.shapes import fmt
from dlplayground.graph.io import atomic_write_bytes, project_from_dict, project_to_dict

#: the weights file of a run folder
#: trained weights: a safetensors file or run folder, tensors keyed ``<node id>.<name>``, or a live model
WeightsSource = Union[str, Path, Mapping[str, torch.Tensor], GraphModule, None]
#: progress callback: (what is happening, fraction done 0..1)
Progress = Callable[[str, float], None]


class ProjectError(ExportError):
    """The project cannot be built (invalid graph); the message lists every problem."""


class WeightsError(ExportError):
    """The weights cannot be read or do not fit the graph; the message names file and node."""


@dataclass
class ExportReport:
    """What an export wrote and how its verification went."""

    path: Path
    info: ModelInfo
    opset: int
    exporter: str
    size_bytes: int
    seconds: float
    fresh_weights: bool
    verification: Verification
    #: what the input takes, for the report
    input_note: str = "raw values: standardisation is built in"

    @property
    def ok(self) -> bool:
        return self.verification.ok

    def lines(self) -> list[str]:
        shape = ["N", *self.info.input_shape]
        lines = [
            f"wrote {self.path} ({self.size_bytes / 1024:.1f} KiB, opset {self.opset}, {self.exporter}, "
            f"{self.seconds:.1f} s)",
            f"input '{self.info.input_name}' {fmt(shape)} ({self.input_note}), "
            f"output '{self.info.output_name}' {fmt(['N', *self.info.output_shape])}",
        ]
        if self.fresh_weights:
            lines.append("weights: freshly initialised (no trained weights were given)")
        lines += self.verification.lines()
        lines.append("verification passed" if self.ok else "verification FAILED: the ONNX model does not match PyTorch")
        return lines


def load_weights(path: str | Path) -> dict[str, torch.Tensor]:
    """Read a safetensors weights file, or a run folder's, never unpickling anything.

    Raises:
        WeightsError: naming the file when it is missing or unreadable.
    """
    from safetensors import SafetensorError
    from safetensors.torch import load_file

    path = Path(path)
    if path.is_dir():
        if not (path / WEIGHTS_FILE).is_file():
            raise WeightsError(f"{path}: the folder holds no {WEIGHTS_FILE}")
        path = path / WEIGHTS_FILE
    if not path.is_file():
        raise WeightsError(f"{path}: no such weights file")
    try:
        return load_file(str(path))
    except (SafetensorError, OSError, ValueError) as exc:
        raise WeightsError(f"{path}: not a readable safetensors file ({exc})") from None


def prepare_model(project: Project, dataset: Dataset, weights: WeightsSource = None) -> tuple[GraphModule, Inference]:
    """Build the project's module in eval mode with ``weights`` loaded (fresh ones when ``None``).

    Fresh weights are seeded with ``training.seed`` (so two exports agree) without touching
    torch's global random state.
    """
    inference = infer(project.graph, dataset.input_shape, count_params=False)
    if inference.problems:
        listed = "\n".join(f"  {p}" for p in inference.problems)
        raise ProjectError(f"the project has {len(inference.problems)} problem(s):\n{listed}")
    seed = project.training.get("seed", 0) if isinstance(project.training, Mapping) else 0
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed if isinstance(seed, int) and not isinstance(seed, bool) else 0)
        model = GraphModule(project.graph, inference)
    if weights is not None:
        where = str(weights) if isinstance(weights, (str, Path)) else "the given weights"
        tensors = weight_tensors(weights)
        assert tensors is not None
        try:
            model.load_state_dict_by_node(tensors)
        except KeyError as exc:
            raise WeightsError(f"{where}: {exc.args[0] if exc.args else exc}") from None
        except (ValueError, RuntimeError) as exc:
            raise WeightsError(f"{where}: {exc}") from None
    return model.eval(), inference


def weight_tensors(weights: WeightsSource) -> dict[str, torch.Tensor] | None:
    """The tensors of ``weights`` keyed ``<node id>.<name>`` (None stays None: fresh weights)."""
    if weights is None:
        return None
    if isinstance(weights, GraphModule):
        return {k: v.detach().clone() for k, v in weights.state_dict_by_node().items()}
    if isinstance(weights, (str, Path)):
        return load_weights(weights)
    return dict(weights)


def output_kind(project: Project, inference: Inference, dataset: Dataset) -> str:
    """``probabilities`` when the graph ends in Softmax/Sigmoid, ``logits`` for other
    classifiers, ``values`` for regression."""
    if not dataset.is_classification:
        return "values"
    assert inference.output_id is not None
    source = project.graph.in_edges(inference.output_id)[0].src
    return "probabilities" if project.graph.node(source).type in ("Softmax", "Sigmoid") else "logits"


def raw_samples(dataset: Dataset) -> tuple[np.ndarray, np.ndarray]:
    """(example batch of two raw samples for export, raw validation samples for comparison)."""
    train = dataset.raw_train if dataset.raw_train is not None else dataset.x_train * dataset.std + dataset.mean
    val = dataset.raw_val if dataset.raw_val is not None else dataset.x_val * dataset.std + dataset.mean
    pool = np.concatenate([train[:2], val[:2]]).astype(np.float32)
    check = val if len(val) else train
    return pool[:2], np.asarray(check, np.float32)


def export_project(project: Project | Mapping[str, Any], out_path: str | Path, *,
                   dataset: Dataset | None = None, base_dir: str | Path | None = None,
                   weights: WeightsSource = None, opset: int = DEFAULT_OPSET,
                   threads: int | None = None, progress: Progress | None = None,
                   part: str | None = None) -> ExportReport:
    """Export ``project`` to ``out_path`` and verify it.

    Args:
        project: the project (a document or its JSON dict).
        out_path: the ``.onnx`` file to write (atomically).
        dataset: its dataset, already loaded (loaded from ``project.data`` when ``None``).
        base_dir: folder for relative data file paths when the dataset is loaded here.
        weights: trained weights; ``None`` exports freshly initialised ones (the report says so).
        opset: the ONNX opset.
        threads: onnxruntime threads for the verification session.
        progress: called with (stage, fraction) as the export goes on.
        part: ``decoder`` exports a VAE's decoder (see :mod:`dlplayground.export.generative`).

    Raises:
        ProjectError, WeightsError, UnsupportedLayerError, ExportError: nothing was written.
        dlplayground.data.DataError: the dataset cannot be loaded.
    """
    report_progress = progress or (lambda message, fraction: None)
    started = time.perf_counter()
    if not isinstance(project, Project):
        project = project_from_dict(project)
    report_progress("loading the dataset", 0.0)
    if dataset is None:
        dataset = load_dataset(project.data, base_dir)
    report_progress("building the model", 0.05)
    generative = generative_export(project, dataset, weight_tensors(weights), part)
    twin: torch.nn.Module
    if generative is None:
        model, inference = prepare_model(project, dataset, weights)
        example, check_samples = raw_samples(dataset)
        report_progress(f"exporting to ONNX (opset {opset})", 0.1)
        proto = export_model(model, project.graph, example, dataset.mean, dataset.std, opset)
        describe_model(proto, project, dataset, output_kind(project, inference, dataset))
        twin, standardise = model, dataset.standardise
    else:
        check_samples = generative.check
        report_progress(f"exporting {generative.what} to ONNX (opset {opset})", 0.1)
        proto = export_model(generative.model, generative.graph, generative.example, generative.input_mean,
                             generative.input_std, opset, generative.output_scale)
        describe_model(proto, project, dataset, "values", generative.input_shape)
        twin = destandardised(generative.model, generative.output_scale)
        mean, std = generative.input_mean, generative.input_std
        standardise = lambda raw: ((raw - mean) / std).astype(np.float32)  # noqa: E731
    payload = proto.SerializeToString()
    out_path = Path(out_path)
    report_progress(f"writing {out_path.name}", 0.7)
    atomic_write_bytes(out_path, payload)

    report_progress("running the ONNX checker", 0.75)
    session = create_session(out_path, threads)
    verification = verify(
        proto, session, twin, check_samples, standardise,
        progress=lambda message: report_progress(message, 0.85),
    )
    report_progress("done", 1.0)
    return ExportReport(
        path=out_path,
        info=info_from_session(session, opset),
        opset=opset,
        exporter=EXPORTER,
        size_bytes=len(payload),
        seconds=time.perf_counter() - started,
        fresh_weights=weights is None,
        verification=verification,
        **({"input_note": generative.input_note} if generative is not None else {}),
    )


def describe_model(proto: onnx.ModelProto, project: Project, dataset: Dataset, kind: str,
                   input_shape: tuple[int, ...] | None = None) -> None:
    """Name the model's producer and graph and write the playground's metadata into it."""
    proto.producer_name = "dlplayground"
    proto.producer_version = __version__
    proto.doc_string = f"{project.name}: exported by dlplayground {__version__}; feed raw inputs"
    proto.graph.name = project.name or "dlplayground"
    write_metadata(proto, metadata_for(
        project_to_dict(project), dataset.task, tuple(dataset.class_names), input_shape or dataset.input_shape,
        kind, dataset.name, __version__,
    ))

