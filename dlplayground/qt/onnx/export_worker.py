"""Runs an export and its verification on a worker thread, reporting through signals.

The job gets snapshots only (the project's JSON dict, cloned weight tensors), so the
training thread and the editor may go on changing their own copies meanwhile.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Mapping

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from dlplayground.data import Dataset, DataError
from dlplayground.export.exporter import ExportError
from dlplayground.export.pipeline import WeightsSource, export_project
from dlplayground.graph.text import message_of
from dlplayground.qt.engine_text import shown


class ExportJob(QObject):
    """One export; move it to a thread and start it with :meth:`run`.

    Signals:
        progressed(str, float): a stage started, and the fraction done.
        succeeded(object): the :class:`~dlplayground.export.pipeline.ExportReport`.
        failed(str): the export could not be done (the message says why).
        finished(): after either of the two.
    """

    progressed = Signal(str, float)
    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, project: Mapping[str, Any], path: Path, weights: WeightsSource,
                 dataset: Dataset | None, opset: int, base_dir: Path | None) -> None:
        super().__init__()
        self.project = dict(project)
        self.path = path
        self.weights = weights
        self.dataset = dataset
        self.opset = opset
        self.base_dir = base_dir

    @Slot()
    def run(self) -> None:
        try:
            report = export_project(self.project, self.path, dataset=self.dataset, base_dir=self.base_dir,
                                    weights=self.weights, opset=self.opset, progress=self.progressed.emit)
        except (ExportError, DataError, OSError) as exc:
            self.failed.emit(shown(message_of(exc)))
        except Exception as exc:  # an unexpected bug must not kill the thread silently
            self.failed.emit(f"unexpected error: {type(exc).__name__}: {exc}")
        else:
            self.succeeded.emit(report)
        finally:
            # back to the GUI thread before this one ends: its owner (the dialog) drops it
            # there, so it is never deleted on one thread while the other still uses it
            application = QCoreApplication.instance()
            if application is not None:
                self.moveToThread(application.thread())
            self.finished.emit()


def start(job: ExportJob, parent: QObject, on_thread_finished: Callable[[], None] | None = None) -> QThread:
    """Run ``job`` on a new thread owned by ``parent``; the thread quits when the job finishes.

    The caller keeps a reference to ``job`` until the thread has finished (the job comes back
    to the GUI thread at its end and is deleted when that reference goes).

    ``on_thread_finished`` is connected before the thread starts, so it cannot be missed.
    """
    thread = QThread(parent)
    job.moveToThread(thread)
    thread.started.connect(job.run)
    # quit() is thread-safe: called directly on the worker thread, the thread ends even while
    # the GUI thread is blocked in QThread.wait() (queued, it would wait for the GUI forever)
    job.finished.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    if on_thread_finished is not None:
        thread.finished.connect(on_thread_finished)
    thread.finished.connect(thread.deleteLater)
    thread.start()
    return thread
