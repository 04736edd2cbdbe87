"""Progress of long data reads (a CSV of 100 MB, a text file): a tqdm bar on stderr that appears
only once a read has taken a second, so small files print nothing.

Readers open their file through :func:`counted`, which advances the bar as bytes are read;
``dlplayground train --quiet`` turns the bars off with :func:`set_enabled`.
"""

from __future__ import annotations

import io
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

#: seconds a read runs before its bar is drawn
DELAY_S = 1.0
_enabled = True


def set_enabled(enabled: bool) -> bool:
    """Show (True) or hide progress bars of long reads; returns the previous setting."""
    global _enabled
    previous, _enabled = _enabled, enabled
    return previous


class _Counting(io.RawIOBase):
    """A binary file that reports every block read to ``advance``."""

    def __init__(self, raw: io.BufferedReader, advance: Callable[[int], object]) -> None:
        super().__init__()
        self._raw, self._advance = raw, advance

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def, override]
        count = self._raw.readinto(buffer)
        if count:
            self._advance(count)
        return count


@contextmanager
def counted(path: Path, what: str = "", encoding: str | None = "utf-8-sig") -> Iterator[io.TextIOBase | io.BufferedIOBase]:
    """Open ``path`` for reading (as text with ``encoding``, newline handling left to the csv
    module; binary when ``encoding`` is None), with a progress bar of the bytes read."""
    total = path.stat().st_size
    with path.open("rb") as raw:
        if not _enabled:
            yield io.TextIOWrapper(raw, encoding=encoding, newline="") if encoding else raw  # type: ignore[arg-type]
            return
        from tqdm import tqdm

        with tqdm(total=total, unit="B", unit_scale=True, desc=what or path.name, delay=DELAY_S, leave=False,
                  file=sys.stderr, dynamic_ncols=True) as bar:
            buffered = io.BufferedReader(_Counting(raw, bar.update), buffer_size=1 << 20)
            yield io.TextIOWrapper(buffered, encoding=encoding, newline="") if encoding else buffered


@contextmanager
def silenced(active: bool = True) -> Iterator[None]:
    """Within the block, neither long reads nor downloads draw a bar (``train --quiet``)."""
    if not active:
        yield
        return
    from dlplayground.data import download

    previous, previous_downloads = set_enabled(False), download.set_progress_factory(lambda: None)
    try:
        yield
    finally:
        set_enabled(previous)
        download.set_progress_factory(previous_downloads)
