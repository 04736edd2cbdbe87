"""The window's progress dialog for downloads of the standard data sets (MNIST, CIFAR-10...).

Downloads run wherever the data is loaded: on the preview's or the training worker's thread.
:func:`install` makes :mod:`dlplayground.data.download` report through one application-wide
:class:`DownloadProgress`, whose reporter only emits a signal (queued to the GUI thread, where
the dialog lives). Cancel makes the next report raise :class:`DataError` on the downloading
thread: the partial file is kept, and the next download resumes it.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QProgressDialog

from dlplayground.data import DataError, download
from dlplayground.data.budget import human_bytes
from dlplayground.graph.text import tx

#: the progress bar counts in these units, so files over 2 GiB still fit Qt's int range
_UNIT = 1024


class DownloadProgress(QObject):
    """A :class:`QProgressDialog` per download, fed from any thread.

    Signals:
        progressed(name, done, total): bytes done of a file (total None when unknown).
    """

    progressed = Signal(str, object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dialog: QProgressDialog | None = None
        self._cancelled = threading.Event()
        self.progressed.connect(self._update, Qt.ConnectionType.QueuedConnection)

    def reporter(self) -> download.Progress:
        """A reporter for one dataset's downloads (see :func:`dlplayground.data.download.progress`)."""
        self._cancelled.clear()

        def report(name: str, done: int, total: int | None) -> None:
            if self._cancelled.is_set():
                raise DataError(tx("the download of {name} was cancelled (the part already fetched is kept "
                                   "and resumed next time)", name=name))
            self.progressed.emit(name, done, total)

        return report

    @Slot(str, object, object)
    def _update(self, name: str, done: int, total: int | None) -> None:
        if self.dialog is None:
            self.dialog = QProgressDialog(self.tr("Downloading {name}…").format(name=name), self.tr("Cancel"), 0, 0,
                                          QApplication.activeWindow())
            self.dialog.setWindowTitle(self.tr("Downloading data"))
            self.dialog.setMinimumDuration(0)
            self.dialog.setAutoClose(False)
            self.dialog.setAutoReset(False)
            self.dialog.canceled.connect(self._cancelled.set)
        dialog = self.dialog
        if total:
            dialog.setLabelText(self.tr("Downloading {name}: {done} of {total}").format(
                name=name, done=human_bytes(done), total=human_bytes(total)))
        else:
            dialog.setLabelText(self.tr("Downloading {name}: {done}").format(name=name, done=human_bytes(done)))
        dialog.setMaximum(total // _UNIT if total else 0)  # 0: a busy bar while the size is unknown
        dialog.setValue(min(done, total) // _UNIT if total else 0)
        if total is not None and done >= total:
            self._finish()
        elif not dialog.isVisible():
            dialog.show()

    def _finish(self) -> None:
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None


_INSTANCE: DownloadProgress | None = None


def install() -> DownloadProgress:
    """Route download progress to the window's dialog (once per application)."""
    global _INSTANCE
    if _INSTANCE is None:
        _INSTANCE = DownloadProgress(QCoreApplication.instance())
        download.set_progress_factory(_INSTANCE.reporter)
    return _INSTANCE
