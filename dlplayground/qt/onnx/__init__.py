"""The window side of ONNX: the export dialog, the Inference panel, and their place in the window.

:func:`install` is the window's extension hook (see ``dlplayground.qt.app.install_extensions``):
it adds File › Import ONNX…, File › Export ONNX… and the Inference dock. The dialog, which needs torch, is imported
only when the first export starts, so the window opens without paying for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dlplayground.qt.main_window import MainWindow
    from dlplayground.qt.onnx.integration import OnnxUi

__all__ = ["install"]


def install(window: "MainWindow") -> "OnnxUi":
    """Add File › Import ONNX… (``window.onnx_import``), File › Export ONNX… and the Inference dock
    to ``window`` (kept as ``window.onnx``)."""
    from dlplayground.qt.onnx.import_action import install_import
    from dlplayground.qt.onnx.integration import install_onnx

    install_import(window)
    return install_onnx(window)
