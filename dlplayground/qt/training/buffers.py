"""Growing numpy buffers behind the live curves.

pyqtgraph redraws a curve from whole arrays; appending to a Python list and converting it on
every frame would cost O(n) allocations per redraw. A :class:`GrowingSeries` keeps
preallocated arrays that double when full, so appends are amortised O(1) and a redraw hands
pyqtgraph views (``x[:n]``, ``y[:n]``) without copying.
"""

from __future__ import annotations

import numpy as np

_INITIAL_CAPACITY = 256


class GrowingSeries:
    """An (x, y) series with amortised O(1) appends.

    Args:
        columns: values per point besides x (1 for a curve, L for one value per layer).
    """

    def __init__(self, columns: int = 1, capacity: int = _INITIAL_CAPACITY) -> None:
        self.columns = columns
        self._x = np.empty(capacity, np.float64)
        self._y = np.empty((capacity, columns), np.float64)
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def clear(self) -> None:
        self._size = 0

    def append(self, x: float, y: float | np.ndarray) -> None:
        self.extend(np.asarray([x], np.float64), np.asarray(y, np.float64).reshape(1, self.columns))

    def extend(self, xs: np.ndarray, ys: np.ndarray) -> None:
        """Append ``len(xs)`` points; ``ys`` is ``[n]`` for one column or ``[n, columns]``."""
        xs = np.asarray(xs, np.float64).ravel()
        ys = np.asarray(ys, np.float64).reshape(len(xs), self.columns)
        needed = self._size + len(xs)
        if needed > len(self._x):
            capacity = max(needed, 2 * len(self._x))
            self._x = _grown(self._x, capacity)
            self._y = _grown(self._y, capacity)
        self._x[self._size : needed] = xs
        self._y[self._size : needed] = ys
        self._size = needed

    @property
    def x(self) -> np.ndarray:
        """The x values so far (a view: valid until the next append)."""
        return self._x[: self._size]

    def y(self, column: int = 0) -> np.ndarray:
        """One column of y values so far (a view)."""
        return self._y[: self._size, column]

    @property
    def values(self) -> np.ndarray:
        """All y columns ``[n, columns]`` (a view)."""
        return self._y[: self._size]

    def finite(self, column: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """(x, y) of the points whose y is finite (NaN or inf would break a log axis)."""
        y = self.y(column)
        keep = np.isfinite(y)
        if keep.all():
            return self.x, y
        return self.x[keep], y[keep]


def _grown(array: np.ndarray, capacity: int) -> np.ndarray:
    grown = np.empty((capacity, *array.shape[1:]), array.dtype)
    grown[: len(array)] = array
    return grown
