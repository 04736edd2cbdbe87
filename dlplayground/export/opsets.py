"""ONNX opset choices, importable without torch or onnx (the CLI builds its help from them)."""

from __future__ import annotations

#: the opset torchlib implements natively; lower ones need the (lossy) version converter
DEFAULT_OPSET = 18
#: the oldest opset the version converter may be asked for
MIN_OPSET = 7


def max_opset() -> int:
    """The newest opset the installed onnx package writes."""
    import onnx

    return int(onnx.defs.onnx_opset_version())
