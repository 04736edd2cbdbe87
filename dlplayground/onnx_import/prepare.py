"""Read an ONNX model and reduce it to the operators that compute on data.

Steps, in order: load (external data beside the file is read too), upgrade opsets below
:data:`TARGET_OPSET` with onnx's version converter, fix the batch dimension to a size (the
model's own when it is fixed, else :data:`FOLD_BATCH`), infer shapes, and fold every node whose
inputs are constants, or that reads only the (now static) shape of a tensor, with onnx's
reference evaluator. What is left are the nodes the mapper turns into layers.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import onnx
from onnx import numpy_helper, shape_inference, version_converter
from onnx.reference import ReferenceEvaluator

from dlplayground.graph.text import tx

#: the oldest opset accepted (the version converter reaches back that far)
MIN_OPSET = 6
#: older models are upgraded to this opset first, so the mapper sees one form of each operator
TARGET_OPSET = 13
#: the batch size shape subgraphs are folded with when the model leaves the batch free
FOLD_BATCH = 2
#: operators never folded: their outputs differ from run to run
_RANDOM = {"RandomNormal", "RandomUniform", "RandomNormalLike", "RandomUniformLike", "Multinomial", "Bernoulli"}


class OnnxImportError(ValueError):
    """The model cannot be imported; the message says why."""


@dataclass
class PreparedModel:
    """A model reduced to its data-dependent nodes.

    Attributes:
        model: the upgraded model (batch dim as written), for verification against the import.
        nodes: the nodes left after folding, in topological order.
        constants: value name -> array, for initialisers and every folded value.
        shapes: value name -> static shape (batch dim included, at ``batch``).
        input_name, output_name: the graph's one data input and one output.
        batch: the batch size the shapes were inferred with.
        fixed_batch: whether the model itself fixes the batch size (to ``batch``).
        opset: the default domain's opset after upgrading.
    """

    model: onnx.ModelProto
    nodes: list[onnx.NodeProto]
    constants: dict[str, np.ndarray]
    shapes: dict[str, tuple[int, ...]]
    input_name: str
    output_name: str
    batch: int
    fixed_batch: bool
    opset: int
    positions: dict[int, int] = field(default_factory=dict)


def default_opset(model: onnx.ModelProto) -> int:
    for entry in model.opset_import:
        if entry.domain in ("", "ai.onnx"):
            return int(entry.version)
    raise OnnxImportError(tx("the model imports no opset of the default ONNX domain"))


def load_model(path: str | Path) -> onnx.ModelProto:
    path = Path(path)
    if not path.is_file():
        raise OnnxImportError(tx("{path}: no such file", path=str(path)))
    try:
        return onnx.load(str(path))
    except Exception as exc:  # protobuf raises DecodeError and others
        raise OnnxImportError(tx("{path}: not a readable ONNX model ({error})", path=str(path), error=str(exc))) from None


def upgrade(model: onnx.ModelProto) -> onnx.ModelProto:
    """The model at :data:`TARGET_OPSET` or newer (older opsets converted, from 6 on)."""
    opset = default_opset(model)
    if opset < MIN_OPSET:
        raise OnnxImportError(tx("the model uses opset {opset}; models from opset {oldest} on can be imported",
                                 opset=opset, oldest=MIN_OPSET))
    if opset > onnx.defs.onnx_opset_version():
        raise OnnxImportError(tx("the model uses opset {opset}, newer than the installed onnx reads ({newest})",
                                 opset=opset, newest=onnx.defs.onnx_opset_version()))
    if opset >= TARGET_OPSET:
        return model
    try:
        return version_converter.convert_version(model, TARGET_OPSET)
    except Exception as exc:
        raise OnnxImportError(tx("could not upgrade the model from opset {opset} to {target}: {error}", opset=opset,
                                 target=TARGET_OPSET, error=str(exc))) from None


def _data_inputs(model: onnx.ModelProto) -> list[onnx.ValueInfoProto]:
    initialisers = {t.name for t in model.graph.initializer}
    return [v for v in model.graph.input if v.name not in initialisers]


def prepare(model: onnx.ModelProto) -> PreparedModel:
    """Upgrade, fix the batch size, infer shapes and fold constants (see the module docstring)."""
    model = upgrade(model)
    inputs = _data_inputs(model)
    if len(inputs) != 1:
        names = ", ".join(f"'{v.name}'" for v in inputs) or "none"
        raise OnnxImportError(tx("the model has {count} data inputs ({names}); a project has exactly one Input",
                                 count=len(inputs), names=names))
    if len(model.graph.output) != 1:
        names = ", ".join(f"'{v.name}'" for v in model.graph.output)
        raise OnnxImportError(tx("the model has {count} outputs ({names}); a project has exactly one Output",
                                 count=len(model.graph.output), names=names))
    data_input = inputs[0]
    dims = data_input.type.tensor_type.shape.dim
    if len(dims) < 2:
        raise OnnxImportError(tx("input '{name}' must have a batch dim and a sample shape, has {count} dims",
                                 name=data_input.name, count=len(dims)))
    for axis, dim in enumerate(dims[1:], start=1):
        if not dim.HasField("dim_value"):
            raise OnnxImportError(tx("input '{name}' leaves dim {axis} free ('{param}'): only the batch dim may vary",
                                     name=data_input.name, axis=axis, param=dim.dim_param))
    fixed_batch = dims[0].HasField("dim_value") and dims[0].dim_value > 0
    batch = int(dims[0].dim_value) if fixed_batch else FOLD_BATCH

    folded = copy.deepcopy(model)
    folded_input = _data_inputs(folded)[0]
    folded_input.type.tensor_type.shape.dim[0].Clear()
    folded_input.type.tensor_type.shape.dim[0].dim_value = batch
    del folded.graph.value_info[:]
    shapes = _infer_shapes(folded)
    constants = {t.name: numpy_helper.to_array(t) for t in folded.graph.initializer}
    opset = default_opset(folded)
    kept = list(folded.graph.node)  # the wrappers stay alive, so id() names a node throughout
    positions = {id(node): position for position, node in enumerate(kept)}
    # fold, infer the shapes the folded values make known, fold again: a reshape whose target
    # came from a Shape fixes the shapes after it, which the next Shape node may read
    while True:
        remaining: list[onnx.NodeProto] = []
        for node in kept:
            outputs = _fold(node, constants, shapes, opset)
            if outputs is None:
                remaining.append(node)
                continue
            for name, value in zip(node.output, outputs):
                if name:
                    constants[name] = np.asarray(value)
        changed = len(remaining) != len(kept)
        kept = remaining
        if not changed:
            break
        shapes.update(_shapes_of_kept(folded, kept, constants))
    for name, value in constants.items():
        shapes.setdefault(name, tuple(value.shape))
    prepared = PreparedModel(model, kept, constants, shapes, data_input.name, model.graph.output[0].name,
                             batch, fixed_batch, opset, positions)
    return prepared


def _infer_shapes(model: onnx.ModelProto) -> dict[str, tuple[int, ...]]:
    try:
        inferred = shape_inference.infer_shapes(model, strict_mode=False, data_prop=True)
    except Exception as exc:
        raise OnnxImportError(tx("ONNX shape inference failed: {error}", error=str(exc))) from None
    shapes: dict[str, tuple[int, ...]] = {}
    for value in (*inferred.graph.input, *inferred.graph.value_info, *inferred.graph.output):
        tensor = value.type.tensor_type
        if tensor.HasField("shape") and all(d.HasField("dim_value") for d in tensor.shape.dim):
            shapes[value.name] = tuple(int(d.dim_value) for d in tensor.shape.dim)
    return shapes


def _shapes_of_kept(model: onnx.ModelProto, kept: list[onnx.NodeProto],
                    constants: dict[str, np.ndarray]) -> dict[str, tuple[int, ...]]:
    """Shapes of the folded graph: the kept nodes with the folded values as initialisers."""
    graph = model.graph
    used = {name for node in kept for name in node.input if name in constants}
    new_graph = onnx.helper.make_graph(
        kept, graph.name, list(graph.input), list(graph.output),
        [numpy_helper.from_array(constants[name], name) for name in sorted(used)],
    )
    new_model = onnx.helper.make_model(new_graph, opset_imports=list(model.opset_import))
    new_model.ir_version = model.ir_version
    return _infer_shapes(new_model)


def _fold(node: onnx.NodeProto, constants: dict[str, np.ndarray], shapes: dict[str, tuple[int, ...]],
          opset: int) -> list[np.ndarray] | None:
    """The node's outputs when they do not depend on the data; None when they do."""
    if node.op_type in _RANDOM or node.domain not in ("", "ai.onnx") or \
            any(a.type in (onnx.AttributeProto.GRAPH, onnx.AttributeProto.GRAPHS) for a in node.attribute):
        return None  # random, foreign, or with subgraphs (If, Loop) that may read outer values
    if node.op_type == "Shape" and node.input[0] not in constants:
        shape = shapes.get(node.input[0])
        if shape is None:
            return None
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
        start, end = attrs.get("start", 0), attrs.get("end", len(shape))
        return [np.asarray(shape[start:end], dtype=np.int64)]
    if node.op_type == "Size" and node.input[0] in shapes and node.input[0] not in constants:
        return [np.asarray(int(np.prod(shapes[node.input[0]])), dtype=np.int64)]
    if not all(name in constants for name in node.input if name):
        return None
    try:
        evaluator = ReferenceEvaluator(node, opsets={"": opset})
        feeds = {name: constants[name] for name in node.input if name}
        return list(evaluator.run(None, feeds))
    except Exception as exc:
        raise OnnxImportError(tx("could not fold constant node '{name}' ({op_type}): {error}", name=node.name,
                                 op_type=node.op_type, error=str(exc))) from None
