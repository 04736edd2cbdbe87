"""The training plots' colours, apart from the plotting code so that the window can colour a
badge or a legend without importing pyqtgraph (the plots import it when first shown)."""

from __future__ import annotations

from PySide6.QtGui import QColor

BACKGROUND = "#ffffff"
FOREGROUND = "#1f2933"
GRID_ALPHA = 0.25
TRAIN_COLOUR = "#2563eb"
VAL_COLOUR = "#ea580c"
LR_COLOUR = "#7c3aed"
STEP_COLOUR = "#93b4f5"
GAP_COLOUR = (234, 88, 12, 45)
VANISHING_COLOUR = "#d97706"
EXPLODING_COLOUR = "#dc2626"
HEALTHY_COLOUR = "#2f7bbf"
#: categorical colours for classes and runs (Tableau 10, readable on white)
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf")


def palette_colour(index: int) -> QColor:
    return QColor(PALETTE[index % len(PALETTE)])


__all__ = [
    "BACKGROUND",
    "FOREGROUND",
    "GRID_ALPHA",
    "TRAIN_COLOUR",
    "VAL_COLOUR",
    "LR_COLOUR",
    "STEP_COLOUR",
    "GAP_COLOUR",
    "VANISHING_COLOUR",
    "EXPLODING_COLOUR",
    "HEALTHY_COLOUR",
    "PALETTE",
    "palette_colour",
]
