"""Runs an export and its verification on a worker thread, reporting through signals.

The job gets snapshots only (the project's JSON dict, cloned weight tensors), so the
training thread and the editor may go on changing their own copies meanwhile.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from PySide6.QtCore import QObject, Signal, Slot

from dlplayground.data import Dataset, DataError
from dlplayground.export.exporter import ExportError
from dlplayground.export.pipeline import WeightsSource, export_project
from dlplayground.graph.text import message_of
from dlplayground.qt.engine_text import shown
from dlplayground.qt.onnx.job_thread import hand_back, start


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
            hand_back(self)
            self.finished.emit()

__all__ = ["ExportJob", "start"]
