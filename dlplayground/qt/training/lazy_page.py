"""Tab pages that build their view the first time it is painted or used.

The training and model docks hold eight pyqtgraph views; building the ones behind a tab that is
not showing took about 40% of the window's start. A :class:`LazyPage` stands in the tab for
such a view: it builds the view when the tab is first painted or when code first reaches for one
of the view's attributes (a run starting, a test looking inside), and answers a few questions
about an unbuilt view itself (``dirty``, ``clear()``, the chosen node) from values that a fresh
view would give, so opening and editing a project build nothing.

:func:`deferred` makes a page's factory that imports the view's module on its first call, so
that a plotting library (pyqtgraph) loads with the first view that draws, not with the window.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

_OWN = frozenset({"_factory", "_resting", "_view", "_when_built", "_layout"})


def deferred(module: str, name: str) -> Callable[[], QWidget]:
    """A factory of ``module.name()`` that imports ``module`` only when first called."""

    def make() -> QWidget:
        return getattr(importlib.import_module(module), name)()

    make.__qualname__ = f"deferred({name})"
    return make


class LazyPage(QWidget):
    """A tab page for the view ``factory()`` makes, made when first needed.

    Args:
        factory: makes the view (a QWidget).
        resting: what an unbuilt view answers without being built: attribute values, and
            callables for methods (each must agree with a freshly built view; a test checks).
    """

    def __init__(self, factory: Callable[[], QWidget], resting: Mapping[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._resting = dict(resting or {})
        self._view: QWidget | None = None
        self._when_built: list[Callable[[Any], None]] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._view is not None

    def view(self) -> Any:
        """The view, built now if it was not yet."""
        if self._view is None:
            self._view = self._factory()
            self._layout.addWidget(self._view)
            for callback in self._when_built:
                callback(self._view)
        return self._view

    def when_built(self, callback: Callable[[Any], None]) -> None:
        """Call ``callback(view)`` once the view exists (now, if it does): connect its signals
        here, so that connecting does not build it."""
        if self._view is not None:
            callback(self._view)
        else:
            self._when_built.append(callback)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        # on the first paint, not on show: a dock tabbed behind another is "shown" off-screen
        # and never painted, so its views wait until its tab is raised
        if self._view is None:
            QTimer.singleShot(0, self.view)
        super().paintEvent(event)

    def __getattr__(self, name: str) -> Any:
        # reached only for names this page lacks: the view's own methods and attributes
        if name.startswith("__") or name in _OWN:  # the page's own, not set yet (in __init__)
            raise AttributeError(name)
        if self._view is None and name in self._resting:
            return self._resting[name]
        return getattr(self.view(), name)


__all__ = ["LazyPage", "deferred"]
