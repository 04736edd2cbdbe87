"""Memory budgets: estimate the bytes a dataset would take and refuse before allocating them.

Every loader (generated sets, CSV, NPZ, and the readers of image folders, MNIST, CIFAR and
text) calls :func:`require` with the bytes it is about to allocate, *before* allocating them,
so a project asking for 40 GiB gets a message saying how much and why instead of a
``MemoryError`` (or the machine swapping to a halt).
"""

from __future__ import annotations

import os

from dlplayground.data.dataset import DataError
from dlplayground.graph.text import tx

#: the most bytes one dataset may take, unless ``DLPLAYGROUND_MAX_DATA_BYTES`` says otherwise
DEFAULT_LIMIT = 4 * 1024**3
LIMIT_VARIABLE = "DLPLAYGROUND_MAX_DATA_BYTES"


def limit_bytes() -> int:
    """The budget in force: the environment variable when it holds a positive integer."""
    text = os.environ.get(LIMIT_VARIABLE, "").strip()
    if text.isdigit() and int(text) > 0:
        return int(text)
    return DEFAULT_LIMIT


def human_bytes(count: float) -> str:
    """``1536`` -> ``"1.5 KiB"``: sizes as messages name them."""
    value = float(count)
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if value < 1024 or unit == "PiB":
            return f"{int(value)} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")  # pragma: no cover


def require(count: int | float, what: str, why: str = "") -> None:
    """Refuse ``count`` bytes for ``what`` when they exceed the budget.

    Args:
        count: the estimated bytes (may be a huge int or float: no allocation is made here).
        what: what needs them, as the message names it (``"dataset 'sine'"``).
        why: how the number comes about (``"1000000 samples x 10000 steps x 4 bytes"``).

    Raises:
        DataError: ``what needs about N GiB (why), more than the M GiB limit ...``.
    """
    budget = limit_bytes()
    if count <= budget:
        return
    sizes = {"what": what, "size": human_bytes(count), "limit": human_bytes(budget), "variable": LIMIT_VARIABLE}
    if why:
        raise DataError(tx("{what} needs about {size} ({why}), more than the {limit} limit for one dataset: ask for "
                           "less (fewer samples, a smaller size), or raise the limit with the environment variable "
                           "{variable}", why=why, **sizes))
    raise DataError(tx("{what} needs about {size}, more than the {limit} limit for one dataset: ask for less (fewer "
                       "samples, a smaller size), or raise the limit with the environment variable {variable}", **sizes))


__all__ = ["DEFAULT_LIMIT", "LIMIT_VARIABLE", "human_bytes", "limit_bytes", "require"]
