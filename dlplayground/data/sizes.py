"""Byte estimates checked before a dataset is allocated, so a huge request fails with a message
instead of swapping the machine or dying inside numpy.

(A shared byte-budget helper may replace this one; it keeps to one function on purpose.)
"""

from __future__ import annotations

import os

from dlplayground.data.dataset import DataError

#: refuse a single dataset array larger than this fraction of the machine's memory
MEMORY_FRACTION = 0.5
#: the limit used where the machine's memory cannot be read
FALLBACK_LIMIT = 8 * 1024**3


def memory_limit() -> int:
    """Bytes one dataset may take: half the physical memory (or 8 GiB where unknown)."""
    override = os.environ.get("DLPLAYGROUND_MAX_DATA_BYTES")
    if override:
        return int(override)
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return FALLBACK_LIMIT
    return int(total * MEMORY_FRACTION) if total > 0 else FALLBACK_LIMIT


def human(nbytes: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if nbytes < 1000 or unit == "TB":
            return f"{nbytes:.0f} {unit}" if unit == "B" else f"{nbytes:.1f} {unit}"
        nbytes /= 1000
    return f"{nbytes:.1f} TB"


def check_bytes(nbytes: int, what: str) -> None:
    """Raise :class:`DataError` when ``nbytes`` (what ``what`` would allocate) exceeds the limit."""
    limit = memory_limit()
    if nbytes > limit:
        raise DataError(f"{what} would need {human(nbytes)} of memory, more than the {human(limit)} "
                        "allowed (half this machine's memory): use 'subset', a smaller 'size' or fewer files")
