"""The desktop window (PySide6): editor, panels, dialogs. The only package that imports Qt.

Importing it first guards against a reference-counting fault of some PySide6 builds on
Python 3.11 (see :func:`_guard_singleton_refcounts`).
"""

from __future__ import annotations

import sys


def _void_call_drops_a_none_reference() -> bool:
    """Whether a PySide6 method returning nothing gives back a reference it never took."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(64):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 32


def _guard_singleton_refcounts() -> None:
    """Keep ``None``, ``True`` and ``False`` alive under PySide6 builds that return them
    without a new reference.

    PySide6 6.12 wheels return ``None`` from ``void`` methods and ``True`` from
    ``Signal.emit`` without incrementing their counts. That is harmless from Python 3.12 on,
    where these singletons are immortal (PEP 683), but on 3.11 each call takes one reference
    away, and after a few thousand calls (a few repaints of the canvas, a few hundred signals)
    the interpreter aborts with "deallocating None" or "deallocating True or False". When the
    fault is present, give the three singletons counts so large that no session can exhaust
    them, which is what Python 3.12 does.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    if not _void_call_drops_a_none_reference():
        return
    import ctypes

    for singleton in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        refcount.value += 1 << 48


_guard_singleton_refcounts()
