"""MIME data for dragging a layer type from the palette onto the canvas."""

from __future__ import annotations

from PySide6.QtCore import QMimeData

LAYER_MIME_TYPE = "application/x-dlplayground-layer"


def layer_mime(type_name: str) -> QMimeData:
    """MIME data carrying one layer type name (also as text, for other drop targets)."""
    mime = QMimeData()
    mime.setData(LAYER_MIME_TYPE, type_name.encode("utf-8"))
    mime.setText(type_name)
    return mime


def layer_from_mime(mime: QMimeData | None) -> str | None:
    """The layer type name a palette drag carries, or None for any other drag."""
    if mime is None or not mime.hasFormat(LAYER_MIME_TYPE):
        return None
    return bytes(mime.data(LAYER_MIME_TYPE).data()).decode("utf-8", errors="replace") or None
