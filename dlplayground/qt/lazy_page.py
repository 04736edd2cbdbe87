"""Tab pages and dock panels that build their view the first time it is painted or used.

The training and model docks hold eight pyqtgraph views; building the ones behind a tab that is
not showing took about 40% of the window's start; the main window's panels that start behind
another dock's tab (Data & Training, Inference) are such pages too
(:meth:`~dlplayground.qt.main_window.MainWindow.add_lazy_panel`). A :class:`LazyPage` stands in
the tab for such a view: it builds the view when the tab is first painted or when code first reaches for one
of the view's attributes (a run starting, a test looking inside), and answers a few questions
about an unbuilt view itself (``dirty``, ``clear()``, the chosen node) from values that a fresh
view would give, so opening and editing a project build nothing.

A run starting feeds every view at once (``start``, then ``add`` and ``show_analysis``). Building
them all then was one pause of a quarter of a second or more (the window froze as Train was
pressed), so the calls a page is told to hold (``queued``) are kept, in order, while its view is
unbuilt; the page is then built when first painted (a view on screen is built at once) or, at
the latest, in the window's idle time: :func:`build_when_idle` builds the waiting pages one per
turn of the event loop, each a short pause, and each replays the calls it held. Reading any
other attribute of a page that holds calls builds it first, so the answer is the view's own.

:func:`deferred` makes a page's factory that imports the view's module on its first call, so
that a plotting library (pyqtgraph) loads with the first view that draws, not with the window.
"""

from __future__ import annotations

import importlib
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

_OWN = frozenset({"_factory", "_resting", "_view", "_when_built", "_layout", "_queued", "_calls"})
#: the pause between two idle builds: input and paints are handled in between
IDLE_GAP_MS = 15


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
        queued: methods (returning None) whose calls an unbuilt page keeps and replays on its
            view once built; the first such call asks for a build in idle time.
    """

    def __init__(self, factory: Callable[[], QWidget], resting: Mapping[str, Any] | None = None,
                 queued: Iterable[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._resting = dict(resting or {})
        self._queued = frozenset(queued)
        self._calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
        self._view: QWidget | None = None
        self._when_built: list[Callable[[Any], None]] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._view is not None

    @property
    def waiting_calls(self) -> int:
        """How many calls this unbuilt page holds for its view."""
        return len(self._calls)

    def view(self) -> Any:
        """The view, built now if it was not yet (and given the calls held for it)."""
        if self._view is None:
            view = self._view = self._factory()
            self._layout.addWidget(view)
            for callback in self._when_built:
                callback(view)
            calls, self._calls = self._calls, []
            for name, args, kwargs in calls:
                getattr(view, name)(*args, **kwargs)
        return self._view

    def _hold(self, name: str, *args: Any, **kwargs: Any) -> None:
        self._calls.append((name, args, kwargs))
        build_when_idle(self)

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
        if self._view is None:
            if name in self._queued:
                return partial(self._hold, name)
            # a value read (``dirty``) is answered as before; a method that acts on the view
            # (``clear``, ``select_layer``) acts on the view the held calls make
            if name in self._resting and not (self._calls and callable(self._resting[name])):
                return self._resting[name]
        return getattr(self.view(), name)


_idle: deque[LazyPage] = deque()
_idle_timer_running = False


def build_when_idle(page: LazyPage) -> None:
    """Build ``page`` soon, in the window's idle time, after the pages asked for before it
    (unless its window is hidden by then: a closed window builds nothing)."""
    global _idle_timer_running
    if page in _idle:
        return
    _idle.append(page)
    if not _idle_timer_running:
        _idle_timer_running = True
        QTimer.singleShot(IDLE_GAP_MS, _build_next)


def _build_next() -> None:
    """Build one waiting page (one pause, not one per page), then come back for the next."""
    global _idle_timer_running
    try:
        while _idle:
            page = _idle.popleft()
            # its window may have closed (or been deleted) meanwhile: then it waits, holding
            # calls, until it is painted or fed again
            if shiboken6.isValid(page) and not page.built and page.window().isVisible():
                page.view()
                break
    finally:  # even if a view failed to build, the pages after it are built
        if _idle:
            QTimer.singleShot(IDLE_GAP_MS, _build_next)
        else:
            _idle_timer_running = False


__all__ = ["IDLE_GAP_MS", "LazyPage", "build_when_idle", "deferred"]
