"""Fetching the standard data files: progress bar, published checksums, resumable downloads.

A file is written to ``NAME.part`` and renamed only once its checksum matches, so a complete
looking file is always a good one. An interrupted ``.part`` is resumed with an HTTP Range
request; one that turns out wrong is deleted. No network is a clear :class:`DataError`.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from dlplayground.data.dataset import DataError
from dlplayground.graph.text import joined, tx

#: called with (file name, bytes done, total bytes or None) as a download proceeds
Progress = Callable[[str, int, "int | None"], None]
_BLOCK = 1 << 16
_TIMEOUT_S = 30


@dataclass(frozen=True)
class Remote:
    """One published file: its name, the mirrors it is served from, and its published digest."""

    name: str
    urls: tuple[str, ...]
    md5: str


def file_digest(path: Path, algorithm: str = "md5") -> str:
    digest = hashlib.new(algorithm)
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def tqdm_progress() -> Progress:
    """A :data:`Progress` drawing one tqdm bar per file on stderr (the CLI's)."""
    from tqdm import tqdm

    bars: dict[str, tqdm] = {}

    def report(name: str, done: int, total: int | None) -> None:
        bar = bars.get(name)
        if bar is None:
            bar = bars[name] = tqdm(total=total, initial=done, unit="B", unit_scale=True, desc=name,
                                    leave=True)
        bar.update(done - bar.n)
        if total is not None and done >= total:
            bar.close()

    return report


#: makes the reporter of one dataset's downloads (None: report nothing)
_progress_factory: Callable[[], Progress | None] = tqdm_progress


def set_progress_factory(factory: Callable[[], Progress | None]) -> Callable[[], Progress | None]:
    """Choose how downloads report progress (the window swaps in its dialog); returns the previous."""
    global _progress_factory
    previous, _progress_factory = _progress_factory, factory
    return previous


def progress() -> Progress | None:
    """A fresh reporter from the current factory (a tqdm bar by default)."""
    return _progress_factory()


def fetch(remote: Remote, folder: Path, progress: Progress | None = None) -> Path:
    """Download ``remote`` into ``folder`` (unless a file with the right checksum is there).

    Raises:
        DataError: no network (every mirror unreachable), or a checksum that does not match.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / remote.name
    if target.is_file() and file_digest(target) == remote.md5:
        return target
    part = folder / (remote.name + ".part")
    failures: list[str] = []  # one line per mirror, each translatable in the window (graph.text)
    # imported here: http.client and urllib cost every start of the window and the CLI otherwise
    import urllib.error

    for url in remote.urls:
        try:
            _download(url, part, progress, remote.name)
        except (urllib.error.URLError, OSError, TimeoutError) as exc:
            failures.append(_failure(url, exc))
            continue
        digest = file_digest(part)
        if digest != remote.md5:
            part.unlink(missing_ok=True)  # a wrong file is never resumed or kept
            failures.append(tx("{url}: checksum {digest} does not match the published {md5}", url=url,
                               digest=digest, md5=remote.md5))
            continue
        os.replace(part, target)
        return target
    raise DataError(tx("cannot download {name} into {folder} (no network, or the server refused):\n  {failures}\n"
                       "put the file there yourself, or set \"download\": false and point 'path' at a copy",
                       name=remote.name, folder=folder, failures=joined(failures, "\n  ")))


def _failure(url: str, exc: BaseException) -> str:
    """Why ``url`` could not be fetched, as a line of the refusal: the common causes (no
    network, a refused connection, a timeout, an HTTP status) in words the window translates,
    any other reason as the system words it."""
    import socket
    import urllib.error

    if isinstance(exc, urllib.error.HTTPError):
        return tx("{url}: the server answered HTTP {code} {reason}", url=url, code=exc.code, reason=exc.reason)
    reason = getattr(exc, "reason", exc)  # a URLError wraps the socket's error
    if isinstance(reason, socket.gaierror):
        return tx("{url}: the host name cannot be looked up (no network?)", url=url)
    if isinstance(reason, ConnectionRefusedError):
        return tx("{url}: the server refused the connection", url=url)
    if isinstance(reason, TimeoutError):
        return tx("{url}: no answer within {seconds} s", url=url, seconds=_TIMEOUT_S)
    return tx("{url}: {reason}", url=url, reason=reason)


def _download(url: str, part: Path, progress: Progress | None, name: str) -> None:
    """Append to ``part`` from where it stops (HTTP Range), or start afresh."""
    import urllib.error
    import urllib.request

    have = part.stat().st_size if part.is_file() else 0
    request = urllib.request.Request(url, headers={"Range": f"bytes={have}-"} if have else {})
    try:
        response = urllib.request.urlopen(request, timeout=_TIMEOUT_S)  # noqa: S310 (fixed http(s) URLs)
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have:  # the part is already complete (or longer than the file)
            return
        raise
    with response:
        resumed = have and response.status == 206
        if not resumed:
            have = 0  # the server sent the whole file: start over
        length = response.headers.get("Content-Length")
        total = have + int(length) if length is not None else None
        with part.open("ab" if resumed else "wb") as out:
            done = have
            if progress:
                progress(name, done, total)
            for block in iter(lambda: response.read(_BLOCK), b""):
                out.write(block)
                done += len(block)
                if progress:
                    progress(name, done, total)


def fetch_all(remotes: Sequence[Remote], folder: Path, progress: Progress | None = None) -> list[Path]:
    return [fetch(remote, folder, progress) for remote in remotes]
