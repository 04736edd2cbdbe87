"""A dock's content built when it is first needed, not while the window starts.

Panels that start behind another tab (Data & Training behind the Inspector, Inference behind
the Model view) cost the window's first frame their construction and their modules' imports,
for a picture nobody sees yet. A :class:`LazyPanel` stands in the dock instead and builds the
real panel the first time it is needed: its dock is shown, code asks for :meth:`content`, or
the window has painted its first frame and the event loop is idle (:func:`build_when_idle`),
so that the panel is usually ready before anyone clicks its tab.
"""

from __future__ import annotations

from typing import Callable, Generic, TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDockWidget, QVBoxLayout, QWidget

Panel = TypeVar("Panel", bound=QWidget)


class LazyPanel(QWidget, Generic[Panel]):
    """Holds the place of the panel ``factory`` makes, and makes it once when first needed."""

    def __init__(self, factory: Callable[[], Panel], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory: Callable[[], Panel] | None = factory
        self._content: Panel | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def is_built(self) -> bool:
        return self._content is not None

    def content(self) -> Panel:
        """The panel, built now if it was not yet."""
        if self._content is None:
            assert self._factory is not None
            self._content = self._factory()
            self._factory = None  # (kept until it succeeded: a failed build is tried again)
            self._layout.addWidget(self._content)
        return self._content

    def build_when_shown(self, dock: QDockWidget) -> None:
        """Build the panel as soon as ``dock`` becomes visible (now, if it is)."""
        dock.visibilityChanged.connect(lambda visible: visible and self.content())
        if dock.isVisible():
            self.content()


def build_when_idle(panels: list[LazyPanel]) -> None:
    """Build ``panels`` one per pass of the event loop, so that input and painting go on between."""
    waiting = [panel for panel in panels if not panel.is_built]
    if not waiting:
        return

    def next_one() -> None:
        while waiting and waiting[0].is_built:
            waiting.pop(0)
        if waiting:
            waiting.pop(0).content()
            if waiting:  # (the panel as the timer's context: a closed window's timers never fire)
                QTimer.singleShot(0, waiting[0], next_one)

    QTimer.singleShot(0, waiting[0], next_one)
