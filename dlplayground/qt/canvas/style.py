"""The canvas's look: node geometry, category colours, fonts, and the text a node shows.

One place for the palette and the canvas to agree on colours: every layer of a category has
the same header colour in both.
"""

from __future__ import annotations

import functools
from typing import Any, Mapping

from PySide6.QtGui import QColor, QFont
from dlplayground.qt.i18n import QT_TRANSLATE_NOOP

from dlplayground.graph.params import ParamSchema
from dlplayground.layers.catalogue import CATALOGUE

NODE_WIDTH = 140.0
NODE_HEIGHT = 76.0
HEADER_HEIGHT = 22.0
CORNER_RADIUS = 7.0
PORT_RADIUS = 5.5
BADGE_HEIGHT = 17.0

CATEGORY_COLOURS: dict[str, str] = {
    QT_TRANSLATE_NOOP("style", "Input/Output"): "#52606d",
    QT_TRANSLATE_NOOP("style", "Core"): "#2f7bbf",
    QT_TRANSLATE_NOOP("style", "Convolution"): "#7c4dbd",
    QT_TRANSLATE_NOOP("style", "Pooling"): "#1f9486",
    QT_TRANSLATE_NOOP("style", "Normalisation"): "#c98a12",
    QT_TRANSLATE_NOOP("style", "Activation"): "#6f8a0a",  # olive: red (#d92d20) means a problem, never a layer kind
    QT_TRANSLATE_NOOP("style", "Recurrent"): "#3f9142",
    QT_TRANSLATE_NOOP("style", "Merge"): "#c23a6e",
    # indigo: between Core's blue and Convolution's purple, far from the problem red
    QT_TRANSLATE_NOOP("style", "Generative"): "#4f46b8",
}
UNKNOWN_COLOUR = "#8a8f98"

BACKGROUND = QColor("#f4f6f9")
GRID_MINOR = QColor("#e7ebf0")
GRID_MAJOR = QColor("#d9dee6")
NODE_FILL = QColor("#ffffff")
NODE_BORDER = QColor("#b3bcc8")
SELECTION = QColor("#2563eb")
PROBLEM = QColor("#d92d20")
TEXT = QColor("#1f2933")
TEXT_MUTED = QColor("#52606d")
TEXT_FAINT = QColor("#7b8794")
EDGE = QColor("#8793a0")
OK = QColor("#15803d")
#: frozen nodes ("trainable": false): a hatch and a word in this ice blue
FROZEN = QColor("#0e7490")
FROZEN_HATCH = QColor(14, 116, 144, 80)  # light enough for the text over it to stay readable
#: zoom (level of detail) below which a node is drawn as a plain coloured block
LOD_BLOCKS = 0.25
#: zoom below which a node's small text lines (id, parameters, count) and edge labels are not drawn
LOD_TEXT = 0.4

#: short names for parameters shown on nodes (the inspector shows the full names)
ABBREVIATIONS = {
    "out_features": "out", "out_channels": "ch", "kernel_size": "k", "stride": "s", "padding": "pad",
    "dilation": "dil", "hidden_size": "hidden", "num_layers": "layers", "negative_slope": "slope",
    "output_size": "out", "num_embeddings": "vocab", "embedding_dim": "dim", "start_dim": "from",
    "end_dim": "to",
}


def category_colour(type_name: str) -> QColor:
    spec = CATALOGUE.get(type_name)
    return QColor(CATEGORY_COLOURS.get(spec.category, UNKNOWN_COLOUR) if spec else UNKNOWN_COLOUR)


@functools.lru_cache(maxsize=64)
def font(point_size: float, bold: bool = False) -> QFont:
    """A font of this size (cached: painting thousands of nodes asks for the same few; callers
    must not change it — QPainter.setFont copies it)."""
    f = QFont()
    f.setPointSizeF(point_size)
    f.setBold(bold)
    return f


def format_value(value: Any) -> str:
    """A parameter value as a node shows it: ``3``, ``3x5``, ``[1, 8, 8]``, ``0.5``."""
    if isinstance(value, (list, tuple)):
        if len(value) == 2 and all(isinstance(v, int) for v in value):
            return f"{value[0]}x{value[1]}"
        return "[" + ", ".join(format_value(v) for v in value) + "]"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def key_params_text(type_name: str, params: Mapping[str, Any]) -> str:
    """The node's key parameters in a few characters, e.g. ``ch 16 · k 3`` for a Conv2d.

    Booleans are shown only when they differ from the default (``no bias``); unset nullable
    parameters are left out.
    """
    spec = CATALOGUE.get(type_name)
    if spec is None:
        return ""
    schema: ParamSchema = spec.schema
    resolved = schema.resolve(params)
    parts = []
    for name in spec.key_params:
        param = schema.get(name)
        value = resolved.get(name)
        if param is None or value is None:
            continue
        label = ABBREVIATIONS.get(name, name)
        if param.kind == "bool":
            if value != param.default:
                parts.append(label if value else f"no {label}")
            continue
        parts.append(f"{label} {format_value(value)}")
    return " · ".join(parts)


def compact_shape(shape: tuple[int, ...] | list[int]) -> str:
    """A tensor shape short enough for the gap between two nodes: ``16×8×8``."""
    return "×".join(str(d) for d in shape) if len(shape) else "scalar"


def format_count(count: int) -> str:
    """A parameter count: ``0``, ``930``, ``12.3k``, ``4.56M``."""
    if count < 10_000:
        return f"{count:,}"
    if count < 1_000_000:
        return f"{count / 1000:.1f}k"
    return f"{count / 1_000_000:.2f}M"
