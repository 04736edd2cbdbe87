"""Turn a built graph into an ONNX model that takes raw inputs and any batch size.

Exporter choice: ``torch.onnx.export(..., dynamo=True)``, torch's default since 2.9, which
captures the model with ``torch.export`` and translates it with onnxscript's torchlib. It
exports every catalogue type with parity, including ``AdaptiveAvgPool2d`` to sizes that do
not divide the input (the TorchScript exporter, deprecated since torch 2.9, refuses those).
Recurrent layers are written as ONNX ``LSTM``/``GRU`` ops or, for ``RNN``, as an unrolled
loop over the (fixed) sequence length; the batch axis stays free throughout.

The model is exported with an example batch of two real samples (torch.export specialises
sizes 0 and 1) and its dataset's standardisation in front, so the ONNX model needs nothing
from the playground to be used.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator, Sequence

import numpy as np
import onnx
import torch
from torch import nn

from dlplayground.compile.module import TRACING_LOCK, GraphModule
from dlplayground.export.metadata import model_opset
from dlplayground.export.opsets import DEFAULT_OPSET, MIN_OPSET, max_opset
from dlplayground.graph.document import Graph

if TYPE_CHECKING:
    import onnx_ir as ir  # onnxscript's IR, which torch's exporter builds the model in

#: the exporter, as reported to users
EXPORTER = "torch.onnx dynamo exporter (torch.export + onnxscript)"
MAX_OPSET = max_opset()
#: names used during export, replaced by the graph's Input and Output node ids afterwards
_INPUT, _OUTPUT = "dlplayground_input", "dlplayground_output"
#: protobuf's limit for a single-file model
_MAX_PROTO_BYTES = 2**31 - 1
#: loggers that report progress and harmless notes during export (torchvision missing...)
_NOISY_LOGGERS = ("torch.onnx", "onnxscript", "torch.export", "torch._export", "torch._dynamo",
                  "torch.fx.experimental.symbolic_shapes", "torch._subclasses")


class ExportError(Exception):
    """The model cannot be exported; the message says why (and names nodes where it can)."""


class UnsupportedLayerError(ExportError):
    """One or more nodes cannot be exported; ``node_ids`` names them."""

    def __init__(self, message: str, node_ids: Sequence[str]) -> None:
        super().__init__(message)
        self.node_ids = tuple(node_ids)


class RawInputModel(nn.Module):
    """The graph with its dataset's standardisation in front: ``model((x - mean) / std)``.

    ``mean`` and ``std`` broadcast over one sample (``Dataset.mean``/``Dataset.std``). When
    they are the identity (token ids for an Embedding are not standardised) no op is added.
    ``output_scale`` (mean, std) undoes a standardisation on the way out: a generator, decoder or
    autoencoder makes standardised data samples, and the exported model gives raw ones.
    """

    def __init__(self, model: GraphModule, mean: np.ndarray, std: np.ndarray,
                 output_scale: tuple[np.ndarray, np.ndarray] | None = None) -> None:
        super().__init__()
        self.model = model
        mean = np.asarray(mean, np.float32)
        std = np.asarray(std, np.float32)
        self.identity = bool(np.all(mean == 0.0) and np.all(std == 1.0))
        self.register_buffer("input_mean", torch.from_numpy(mean.copy()))
        self.register_buffer("input_std", torch.from_numpy(std.copy()))
        self.scales_output = output_scale is not None
        if output_scale is not None:
            self.register_buffer("output_mean", torch.from_numpy(np.asarray(output_scale[0], np.float32).copy()))
            self.register_buffer("output_std", torch.from_numpy(np.asarray(output_scale[1], np.float32).copy()))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if not self.identity:
            x = (x - self.input_mean) / self.input_std
        y = self.model(x)
        if self.scales_output:
            y = y * self.output_std + self.output_mean
        return y


@dataclass
class ExportNotes:
    """Log records and warnings the exporter emitted (shown only when something fails)."""

    messages: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def export_model(model: GraphModule, graph: Graph, example: np.ndarray, mean: np.ndarray,
                 std: np.ndarray, opset: int = DEFAULT_OPSET,
                 output_scale: tuple[np.ndarray, np.ndarray] | None = None) -> onnx.ModelProto:
    """Export ``model`` (put in eval mode) with raw-input standardisation and a free batch axis.

    Args:
        model: the graph's module, weights loaded.
        graph: the graph it was built from (to name the nodes that fail).
        example: raw input samples ``[B, *input_shape]`` with ``B >= 2``.
        mean, std: the dataset's standardisation (``Dataset.mean``, ``Dataset.std``).
        opset: the ONNX opset to write, :data:`MIN_OPSET`..:data:`MAX_OPSET`.
        output_scale: (mean, std) to undo on the output (generative models make data samples).

    Returns:
        The model; input and output are named after the graph's Input and Output node ids.

    Raises:
        UnsupportedLayerError: naming the nodes that do not export.
        ExportError: for any other failure (opset conversion, size).
    """
    if not MIN_OPSET <= opset <= MAX_OPSET:
        raise ExportError(f"opset {opset} is out of range: the installed onnx writes {MIN_OPSET}..{MAX_OPSET}")
    example = np.ascontiguousarray(example, dtype=np.float32)
    if example.ndim < 1 or len(example) < 2:
        raise ExportError("export needs an example batch of at least 2 samples (the batch axis stays free)")
    known = options_without_onnx_equivalent(graph)
    if known:
        raise UnsupportedLayerError("\n".join(m for _, m in known), [n for n, _ in known])
    model.eval()
    wrapper = RawInputModel(model, mean, std, output_scale).eval()
    x = torch.from_numpy(example)
    notes = ExportNotes()
    try:
        with TRACING_LOCK, quiet_exporter(notes):
            program = torch.onnx.export(
                wrapper, (x,), dynamo=True, opset_version=opset, optimize=True, verbose=False,
                input_names=[_INPUT], output_names=[_OUTPUT],
                dynamic_shapes=({0: torch.export.Dim("batch")},), external_data=False,
            )
    except Exception as exc:  # torch.export/onnxscript raise many types; find the culprit
        with TRACING_LOCK:
            culprits = locate_unexportable(model, graph, wrapper, x)
        if culprits:
            raise UnsupportedLayerError("\n".join(m for _, m in culprits), [n for n, _ in culprits]) from exc
        raise ExportError(f"the exporter failed: {first_line(exc)}") from exc
    name_interface(program.model.graph, model.input_id, model.output_id)
    proto = program.model_proto
    written = model_opset(proto)
    if written != opset:
        reason = notes.errors[-1] if notes.errors else "no converter for one of its ops"
        raise ExportError(
            f"could not write opset {opset} (the exporter writes {written} and converting failed: "
            f"{reason}); choose opset {written} or higher"
        )
    if proto.ByteSize() > _MAX_PROTO_BYTES:
        raise ExportError("the model exceeds 2 GiB, the limit of a single-file ONNX model")
    return proto


def name_interface(graph: "ir.Graph", input_name: str, output_name: str) -> None:
    """Name the graph's input and output after the graph's nodes.

    Done after export on onnx_ir's graph, where renaming a value renames every use: the
    exporter names values after torch ops (``linear``, ``sub``), and an Input or Output
    node with such an id would otherwise clash with them, or with an initializer's name.
    """
    wanted = {id(graph.inputs[0]): input_name, id(graph.outputs[0]): output_name}
    values = [*graph.inputs, *graph.initializers.values(), *(out for node in graph for out in node.outputs)]
    taken = {v.name for v in values if v.name}
    for value in values:
        if id(value) not in wanted and value.name in wanted.values():
            value.name = _free_name(value.name, taken)
    graph.inputs[0].name = input_name
    graph.outputs[0].name = output_name


def _free_name(base: str, taken: set[str]) -> str:
    index = 1
    while f"{base}_{index}" in taken:
        index += 1
    taken.add(f"{base}_{index}")
    return f"{base}_{index}"


#: layer options ONNX's operators cannot express: the exporter would write a model that computes
#: something else (verification would catch it; naming the option up front says why)
_NO_ONNX_EQUIVALENT = {
    ("AvgPool2d", "divisor_override"): "ONNX's AveragePool has no divisor override",
    ("LSTM", "proj_size"): "ONNX's LSTM has no projection (proj_size)",
}


def options_without_onnx_equivalent(graph: Graph) -> list[tuple[str, str]]:
    """(node id, message) for every node that sets an option ONNX cannot express."""
    found = []
    for node in graph.nodes:
        for (node_type, option), reason in _NO_ONNX_EQUIVALENT.items():
            if node.type == node_type and node.params.get(option):
                found.append((node.id, f"node '{node.id}' ({node_type}) cannot be exported to ONNX: {reason}; "
                                       f"unset '{option}' to export it"))
    return found


def locate_unexportable(model: GraphModule, graph: Graph, wrapper: RawInputModel,
                        x: torch.Tensor) -> list[tuple[str, str]]:
    """Export every layer node on its own; return (node id, message) for each that fails."""
    with torch.no_grad():
        values = model.forward_all(x if wrapper.identity else (x - wrapper.input_mean) / wrapper.input_std)
    failures: list[tuple[str, str]] = []
    for node_id, module in model.node_modules():
        inputs = tuple(values[e.src] for e in graph.in_edges(node_id))
        try:
            with quiet_exporter(ExportNotes()):
                torch.onnx.export(
                    _Single(module), inputs, dynamo=True, optimize=False, verbose=False,
                    # one entry for the *inputs tuple, holding one spec per tensor
                    dynamic_shapes=(tuple({0: torch.export.Dim("batch")} for _ in inputs),),
                )
        except Exception as exc:
            node_type = graph.node(node_id).type
            failures.append((node_id, f"node '{node_id}' ({node_type}) cannot be exported to ONNX: {first_line(exc)}"))
    return failures


class _Single(nn.Module):
    def __init__(self, module: nn.Module) -> None:
        super().__init__()
        self.module = module

    def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
        return self.module(*inputs)


@contextlib.contextmanager
def quiet_exporter(notes: ExportNotes) -> Iterator[None]:
    """Collect the exporter's log records, warnings and prints in ``notes`` instead of showing them.

    torch.export prints the captured graph to stderr when it fails, so stdout and stderr are
    redirected for the duration (process-wide: the window runs exports on a worker thread,
    where this swallows at most other threads' stray prints for a second).
    """
    handler = _Collector(notes)
    saved = []
    for name in _NOISY_LOGGERS:
        logger = logging.getLogger(name)
        saved.append((logger, logger.propagate, list(logger.handlers)))
        logger.handlers = [handler]
        logger.propagate = False
    printed = io.StringIO()
    try:
        with warnings.catch_warnings(record=True) as caught, \
                contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            warnings.simplefilter("always")
            yield
    finally:
        notes.messages.extend(str(w.message) for w in caught)
        if printed.getvalue().strip():
            notes.messages.append(printed.getvalue())
        for logger, propagate, handlers in saved:
            logger.handlers = handlers
            logger.propagate = propagate


class _Collector(logging.Handler):
    def __init__(self, notes: ExportNotes) -> None:
        super().__init__(logging.DEBUG)
        self.notes = notes

    def emit(self, record: logging.LogRecord) -> None:
        self.notes.messages.append(record.getMessage())
        if record.exc_info and record.exc_info[1] is not None:
            self.notes.errors.append(first_line(record.exc_info[1]))


def first_line(exc: BaseException) -> str:
    """The first line of the root cause's message, shortened for display.

    torch.onnx wraps the real error ("Could not guard on data-dependent expression...") in
    a generic "Failed to export the model with torch.export" one, so the chain is followed.
    """
    root = exc
    seen = {id(root)}
    while (root.__cause__ or root.__context__) is not None and id(root.__cause__ or root.__context__) not in seen:
        root = root.__cause__ or root.__context__  # type: ignore[assignment]
        seen.add(id(root))
    for line in _ANSI.sub("", str(root)).splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= 300 else line[:297] + "..."
    return type(root).__name__


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
