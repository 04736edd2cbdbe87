"""What an exported model says about itself: the ``metadata_props`` written at export time.

The keys are plain strings so that any ONNX tool (Netron, onnxruntime's ``get_modelmeta``)
shows them; lists and the embedded project are JSON. Models exported by other tools have no
such keys: :class:`ModelInfo` then falls back to what the graph's input and output declare.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Mapping

import onnx
import onnxruntime as ort

#: metadata keys written by :func:`write_metadata`
PROJECT_NAME = "project_name"
TASK = "task"
CLASS_LABELS = "class_labels"
INPUT_SHAPE = "input_shape"
OUTPUT_KIND = "output_kind"
DATASET = "dataset"
PREPROCESSING = "input_preprocessing"
VERSION = "dlplayground_version"
PROJECT = "dlplayground_project"

#: what the output holds: class scores before softmax, probabilities, or plain values
OUTPUT_KINDS = ("logits", "probabilities", "values")

Dim = int | None


@dataclass(frozen=True)
class ModelInfo:
    """An ONNX model's interface and the playground's metadata about it.

    Attributes:
        input_name, output_name: the graph's (first) input and output names.
        input_shape, output_shape: per-sample shapes (the batch dim removed); ``None`` marks a
            dim the model leaves free.
        batch_dynamic: whether the batch dim is free (any batch size runs).
        project_name, task, class_labels, output_kind, dataset, version: from the metadata
            (empty when the model was not exported by the playground).
        project: the project the model was exported from, as its JSON dict, or ``None``.
        opset: the default-domain opset, when read from the model file.
    """

    input_name: str
    output_name: str
    input_shape: tuple[Dim, ...]
    output_shape: tuple[Dim, ...]
    batch_dynamic: bool = True
    project_name: str = ""
    task: str = ""
    class_labels: tuple[str, ...] = ()
    output_kind: str = "values"
    dataset: str = ""
    version: str = ""
    project: dict[str, Any] | None = field(default=None, compare=False, repr=False)
    opset: int | None = None

    @property
    def is_classifier(self) -> bool:
        return self.task == "classification" and self.output_kind in ("logits", "probabilities")

    @property
    def title(self) -> str:
        return self.project_name or self.output_name


def metadata_for(project: Mapping[str, Any], task: str, class_labels: tuple[str, ...],
                 input_shape: tuple[int, ...], output_kind: str, dataset: str,
                 version: str) -> dict[str, str]:
    """The metadata entries of an exported project, as ONNX ``metadata_props`` strings."""
    if output_kind not in OUTPUT_KINDS:
        raise ValueError(f"output_kind must be one of {OUTPUT_KINDS}, got {output_kind!r}")
    return {
        PROJECT_NAME: str(project.get("name", "")),
        TASK: task,
        CLASS_LABELS: json.dumps(list(class_labels)),
        INPUT_SHAPE: json.dumps(list(input_shape)),
        OUTPUT_KIND: output_kind,
        DATASET: dataset,
        PREPROCESSING: "standardisation built in: feed raw, unstandardised inputs",
        VERSION: version,
        PROJECT: json.dumps(project, separators=(",", ":"), ensure_ascii=False),
    }


def write_metadata(model: onnx.ModelProto, entries: Mapping[str, str]) -> None:
    """Set ``metadata_props`` entries on ``model`` (replacing entries with the same key)."""
    kept = [p for p in model.metadata_props if p.key not in entries]
    del model.metadata_props[:]
    model.metadata_props.extend(kept)
    for key, value in entries.items():
        model.metadata_props.add(key=key, value=value)


def info_from_session(session: ort.InferenceSession, opset: int | None = None) -> ModelInfo:
    """Read a loaded model's interface and metadata."""
    inputs, outputs = session.get_inputs(), session.get_outputs()
    meta = dict(session.get_modelmeta().custom_metadata_map)
    in_dims = _dims(inputs[0].shape)
    out_dims = _dims(outputs[0].shape)
    return ModelInfo(
        input_name=inputs[0].name,
        output_name=outputs[0].name,
        input_shape=in_dims[1:],
        output_shape=out_dims[1:],
        batch_dynamic=bool(in_dims) and in_dims[0] is None,
        project_name=meta.get(PROJECT_NAME, ""),
        task=meta.get(TASK, ""),
        class_labels=tuple(str(c) for c in _json(meta.get(CLASS_LABELS), [])),
        output_kind=meta.get(OUTPUT_KIND, "values") if meta.get(OUTPUT_KIND) in OUTPUT_KINDS else "values",
        dataset=meta.get(DATASET, ""),
        version=meta.get(VERSION, ""),
        project=_json(meta.get(PROJECT), None),
        opset=opset,
    )


def model_opset(model: onnx.ModelProto) -> int | None:
    """The default (``ai.onnx``) domain's opset version of ``model``."""
    for entry in model.opset_import:
        if entry.domain in ("", "ai.onnx"):
            return int(entry.version)
    return None


def _dims(shape: list[Any]) -> tuple[Dim, ...]:
    # onnxruntime reports a free dim as its name (str) or None
    return tuple(d if isinstance(d, int) and d >= 0 else None for d in shape)


def _json(text: str | None, default: Any) -> Any:
    if not text:
        return default
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return default
