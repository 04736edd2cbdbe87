"""The window's download progress dialog: fed from a worker thread, closed when a file is done,
and Cancel stops the download on its own thread, keeping the part for a resume. A local HTTP
server stands in for the network."""

import threading

import pytest

from dlplayground.data import DataError, download
from dlplayground.qt.download_dialog import DownloadProgress
from tests.data.test_download import _remote, server  # noqa: F401 (the fixture)


def test_the_dialog_shows_bytes_done_and_closes_when_a_file_is_complete(qtbot):
    progress = DownloadProgress()
    progress._update("train-images-idx3-ubyte.gz", 512 * 1024, 1024 * 1024)
    dialog = progress.dialog
    assert dialog is not None and dialog.isVisible()
    assert (dialog.value(), dialog.maximum()) == (512, 1024)
    assert "train-images-idx3-ubyte.gz: 512.0 KiB of 1.0 MiB" in dialog.labelText()
    progress._update("train-images-idx3-ubyte.gz", 1024 * 1024, 1024 * 1024)
    assert progress.dialog is None


def test_a_download_on_a_worker_thread_reports_to_the_gui_thread(qtbot, server, tmp_path):  # noqa: F811
    served, url = server
    remote = _remote(served, url, "f.bin", bytes(range(256)) * 2000)
    shown = []

    class Recorded(DownloadProgress):
        def _update(self, name, done, total):
            shown.append((threading.current_thread() is threading.main_thread(), done, total))
            super()._update(name, done, total)

    progress = Recorded()
    result = {}
    report = progress.reporter()
    worker = threading.Thread(target=lambda: result.setdefault("path", download.fetch(remote, tmp_path / "o", report)))
    worker.start()
    # bool(): an empty list would be returned to waitUntil, which refuses anything but a bool or None
    qtbot.waitUntil(lambda: not worker.is_alive() and bool(shown) and shown[-1][1] == 512_000, timeout=30_000)
    assert all(on_gui for on_gui, _, _ in shown) and shown[-1][2] == 512_000
    assert result["path"].read_bytes() == bytes(range(256)) * 2000 and progress.dialog is None


def test_cancel_stops_the_download_and_keeps_the_part(qtbot, server, tmp_path):  # noqa: F811
    served, url = server
    remote = _remote(served, url, "f.bin", bytes(100_000))
    progress = DownloadProgress()
    report = progress.reporter()
    progress._update("f.bin", 10, 100_000)
    from PySide6.QtWidgets import QPushButton

    progress.dialog.findChild(QPushButton).click()  # the dialog's Cancel button
    with pytest.raises(DataError, match="download of f.bin was cancelled"):
        download.fetch(remote, tmp_path / "o", report)
    assert (tmp_path / "o" / "f.bin.part").exists() and not (tmp_path / "o" / "f.bin").exists()
