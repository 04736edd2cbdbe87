"""The training engine (torch) loaded off the GUI thread, after the window has first painted.

Opening, editing, validating and drawing a project need no torch (shapes and parameter counts
are arithmetic), so the window shows without it. Train does need it: ``import torch`` and the
training modules take a second or more when cold. This module starts that import on a daemon
thread once the window has painted its first frame, so it never delays the window and is
usually done before anyone presses Train; a run started sooner waits for the same import
(Python's import lock) and the window says what it waits for. (torch's compiler,
``torch._dynamo``, is not part of it: the optimisers runs use never import it, see
:mod:`dlplayground.training.optimizers`.) Work that should wait until the window is settled
(building the training views in idle time) asks :func:`when_loaded_in_background` to run once
this background load has finished."""

from __future__ import annotations

import gc
import importlib
import threading
from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

#: what a run needs before its first step, in the order they are imported
ENGINE_MODULES = ("torch", "dlplayground.training")
#: start loading after this long even if no paint was seen (a window that is never exposed)
FALLBACK_MS = 3000

_ready = threading.Event()
_lock = threading.Lock()
_thread: threading.Thread | None = None
#: set once the background load (not a run's own load) has finished, under ``_lock``
_loaded_in_background = False


class _Notifier(QObject):
    """Lives on the GUI thread; the loading thread emits :attr:`loaded` (queued to the GUI)."""

    loaded = Signal()


_notifier: _Notifier | None = None


def load_engine() -> None:
    """Import the engine's modules (on the calling thread) and mark it ready; cheap once done.
    A second thread calling this while the first imports waits on Python's import lock."""
    for name in ENGINE_MODULES:
        importlib.import_module(name)
    _ready.set()


def engine_ready() -> bool:
    """Whether the engine has finished loading (a run would start without waiting for it)."""
    return _ready.is_set()


def start_loading() -> threading.Thread:
    """Load the engine on a daemon thread (once per process); returns that thread."""
    global _thread
    with _lock:
        if _thread is None:
            _thread = threading.Thread(target=_load_quietly, name="dlplayground-load-engine", daemon=True)
            _thread.start()
        return _thread


def _load_quietly() -> None:
    global _loaded_in_background
    try:
        load_engine()
    except Exception:  # noqa: BLE001 - a broken install is reported by the run that needs it
        return
    settle_heap()
    with _lock:
        _loaded_in_background = True
        notifier = _notifier
    if notifier is not None:
        notifier.loaded.emit()


def when_loaded_in_background(callback: Callable[[], None]) -> None:
    """Call ``callback`` on the GUI thread once the background load (:func:`start_loading`) has
    finished: soon, if it has; never, if it is never started (a run loading the engine for
    itself does not count: by then the window is busy). Call on the GUI thread.

    A bound method of a QObject is dropped with its object, as any Qt connection."""
    global _notifier
    with _lock:
        if not _loaded_in_background:
            if _notifier is None:
                _notifier = _Notifier()
            _notifier.loaded.connect(callback)  # queued: the loader emits it on its own thread
            return
    QTimer.singleShot(0, callback)


def settle_heap() -> None:
    """Take the objects alive now out of the cycle collector's full collections (``gc.freeze``).

    With torch, the training modules and the window loaded, some 200,000 long-lived objects are
    alive, and every full collection walks them all: 85 ms here (160 ms once torch's compiler is
    loaded too, as an ONNX export does), holding the GIL, so whichever thread triggers one
    (usually the training thread, allocating) stalls the window for that long. Those objects
    live as long as the process anyway; frozen, they are never walked again. Young garbage is
    collected first (a cheap young-generation pass) so that little of it is kept for good;
    collection of everything made later goes on as before.
    """
    gc.collect(1)
    gc.freeze()


class _FirstPaint(QObject):
    """Calls ``callback`` once a widget of ``window`` has painted, then removes itself."""

    def __init__(self, window: QWidget, callback: Callable[[], object]) -> None:
        super().__init__(window)
        self._window, self._callback = window, callback
        self._started = False
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self._start)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (event.type() == QEvent.Type.Paint and isinstance(watched, QWidget)
                and watched.window() is self._window):
            # after this event: the frame being painted is finished first
            QTimer.singleShot(0, self._start)
        return False

    def _start(self) -> None:
        if self._started:
            return
        self._started = True
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._callback()


def after_first_paint(window: QWidget, callback: Callable[[], object]) -> None:
    """Call ``callback`` on the GUI thread once ``window`` has painted its first frame (or after
    :data:`FALLBACK_MS`, for a window that is never exposed)."""
    _FirstPaint(window, callback)


def load_engine_after_first_paint(window: QWidget) -> None:
    """Start loading the engine in the background once ``window`` has painted its first frame."""
    if engine_ready():
        return
    after_first_paint(window, lambda: start_loading())  # looked up when called (tests replace it)


__all__ = ["ENGINE_MODULES", "after_first_paint", "engine_ready", "load_engine", "load_engine_after_first_paint",
           "settle_heap", "start_loading", "when_loaded_in_background"]
