"""What the window wants to see of the model, shared with the training thread.

The window writes its wishes (the selected layer, the conv node and sample to inspect, whether
the decision boundary is on screen) into a :class:`ViewRequest`; the training thread reads a
consistent copy between two steps. Plain Python: importing it costs no torch import.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Wishes:
    """One consistent reading of a :class:`ViewRequest`.

    Attributes:
        surface: draw the decision boundary (planar datasets).
        histogram_layer: the layer whose weight/gradient histograms are shown (None: none).
        images: the filters and feature-map views are on screen.
        feature_node: the node whose feature maps (and Grad-CAM) are shown.
        sample: index of the validation sample inspected.
        cam: overlay Grad-CAM on the sample.
        cam_class: the class Grad-CAM explains (None: the predicted one).
        confusion: a confusion matrix is wanted now (one-shot).
        confusion_live: the confusion matrix is on screen (refreshed about once a second).
        neurons: the per-neuron maps are on screen (planar datasets).
    """

    surface: bool = True
    histogram_layer: str | None = None
    images: bool = True
    feature_node: str | None = None
    sample: int = 0
    cam: bool = True
    cam_class: int | None = None
    confusion: bool = False
    confusion_live: bool = False
    neurons: bool = False


class ViewRequest:
    """The window's current wishes, shared with the training thread under a lock."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._wishes = Wishes()
        self._untaken = False  # updated since the training thread last read the wishes

    def update(self, **changes: object) -> None:
        """Change some wishes (GUI thread); the next analysis tick sees them."""
        with self._lock:
            self._wishes = replace(self._wishes, **changes)
            self._untaken = True

    def take(self) -> Wishes:
        """The wishes as they are now; a one-shot wish (a confusion matrix) is cleared."""
        with self._lock:
            wishes = self._wishes
            self._untaken = False
            if wishes.confusion:
                self._wishes = replace(wishes, confusion=False)
            return wishes

    @property
    def untaken(self) -> bool:
        """Whether the wishes changed after the last :meth:`take` (a run that ended before it
        read them did not draw what the window now shows)."""
        with self._lock:
            return self._untaken

    @property
    def wishes(self) -> Wishes:
        with self._lock:
            return self._wishes
