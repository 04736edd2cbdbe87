"""Sliders over a small latent space: the input of a generator or of a VAE's decoder.

One slider per latent dimension, from -3 to 3 standard deviations (the prior is standard
normal); moving one emits the new point, and the Inference panel runs the model on it, so the
generated sample changes as the slider moves.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

#: latent spaces up to this size get sliders
MAX_DIMS = 8
#: slider range in standard deviations, and steps per unit
SPAN, STEPS = 3.0, 20


def slidable(input_shape: tuple[object, ...], project: dict | None) -> bool:
    """Whether a model takes a small latent vector: a generator or decoder exported by the
    playground (its project's objective is ``gan`` or ``vae``) with a 1-D input of at most
    :data:`MAX_DIMS`."""
    objective = ((project or {}).get("training") or {}).get("objective")
    return (objective in ("gan", "vae") and len(input_shape) == 1
            and isinstance(input_shape[0], int) and 1 <= input_shape[0] <= MAX_DIMS)


class LatentSliders(QWidget):
    """``dims`` sliders; ``point_changed(z)`` with ``z`` of shape ``[1, dims]`` (float32)."""

    point_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sliders: list[QSlider] = []
        self.values: list[QLabel] = []
        self.grid = QGridLayout()
        self.centre_button = QPushButton(self.tr("Centre"))
        self.centre_button.setToolTip(self.tr("Every dimension back to 0, the middle of the prior"))
        self.centre_button.clicked.connect(self.centre)
        self.hint = QLabel(self.tr("Move a slider: the model's output follows."))
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.hint)
        layout.addLayout(self.grid)
        layout.addWidget(self.centre_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def set_dims(self, dims: int) -> None:
        # every widget of the grid goes: the sliders, their values and the "z[i]" labels
        while self.grid.count():
            item = self.grid.takeAt(0)
            old = item.widget() if item is not None else None
            if old is not None:
                old.deleteLater()
        self.sliders, self.values = [], []
        for index in range(dims):
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(int(-SPAN * STEPS), int(SPAN * STEPS))
            slider.setObjectName(f"z{index}")
            slider.valueChanged.connect(self._moved)
            value = QLabel("0.00")
            value.setMinimumWidth(40)
            self.grid.addWidget(QLabel(f"z[{index}]"), index, 0)
            self.grid.addWidget(slider, index, 1)
            self.grid.addWidget(value, index, 2)
            self.sliders.append(slider)
            self.values.append(value)

    def point(self) -> np.ndarray:
        return np.asarray([[s.value() / STEPS for s in self.sliders]], np.float32)

    def set_point(self, z: np.ndarray) -> None:
        for slider, value in zip(self.sliders, np.asarray(z, np.float32).ravel()):
            slider.blockSignals(True)
            slider.setValue(int(round(float(np.clip(value, -SPAN, SPAN)) * STEPS)))
            slider.blockSignals(False)
        self._moved()

    def centre(self) -> None:
        self.set_point(np.zeros(len(self.sliders), np.float32))

    def _moved(self, *_args: object) -> None:
        z = self.point()
        for label, value in zip(self.values, z[0]):
            label.setText(f"{value:+.2f}")
        self.point_changed.emit(z)
