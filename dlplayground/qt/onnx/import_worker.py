"""Runs File › Import ONNX… on a worker thread: load, prepare, map, check, write; reporting through signals.

The job owns nothing of the window: it reads the model file and writes the project and its
weights, so the window stays responsive meanwhile. Cancel is honoured between stages (a stage
itself, say onnxruntime's check, cannot be interrupted halfway) and never once writing has
begun: a cancelled import writes nothing, and a started write is finished (each file is
written atomically), so the files never end up half there.
"""

from __future__ import annotations

import threading
import traceback
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from dlplayground.graph.text import message_of
from dlplayground.qt.engine_text import shown
from dlplayground.qt.onnx.job_thread import hand_back, start

#: the stage after :data:`dlplayground.onnx_import.STAGES`: the project and its weights are written
WRITING = "writing"


class ImportCancelled(Exception):
    """Raised between stages once Cancel was asked for; nothing has been written."""


@dataclass(frozen=True)
class ImportDone:
    """What a finished import wrote."""

    project_path: Path
    weights_path: Path
    layer_count: int


class ImportJob(QObject):
    """One import; move it to a thread and start it with :meth:`run`.

    Signals:
        progressed(str): a stage started (a name of ``onnx_import.STAGES``, then :data:`WRITING`).
        succeeded(object): an :class:`ImportDone`; the files are written.
        failed(str): the model cannot be imported (the message says why); nothing was written.
        cancelled(): the import stopped on request; nothing was written.
        finished(): after any of the three.
    """

    progressed = Signal(str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, model_path: Path, project_path: Path, weights_file: str) -> None:
        super().__init__()
        self.model_path = model_path
        self.project_path = project_path
        self.weights_file = weights_file
        # the GUI thread asks, the worker checks: one lock makes "cancelled" and "writing" exclusive
        self._lock = threading.Lock()
        self._cancel_asked = False
        self._writing = False

    def cancel(self) -> bool:
        """Ask the import to stop before its next stage (thread-safe).

        Returns False when writing has already begun: the import then completes.
        """
        with self._lock:
            if self._writing:
                return False
            self._cancel_asked = True
            return True

    @property
    def writing(self) -> bool:
        with self._lock:
            return self._writing

    def _enter(self, stage: str) -> None:
        with self._lock:
            if self._cancel_asked:
                raise ImportCancelled
            self._writing = stage == WRITING
        self.progressed.emit(stage)

    @Slot()
    def run(self) -> None:
        # onnx, onnxruntime and torch load here, on the worker thread, at the first import
        from dlplayground.onnx_import import OnnxImportError, UnmappedOperators, import_model, write_import

        try:
            result = import_model(self.model_path, name=self.model_path.stem, weights_file=self.weights_file,
                                  progress=self._enter)
            if not result.comparison.ok:
                raise OnnxImportError(self.tr(
                    "the imported project does not reproduce the model under onnxruntime (relative difference "
                    "{relative}); nothing was written").format(relative=f"{result.comparison.relative:.3g}"))
            self._enter(WRITING)
            weights_path = write_import(result, self.project_path)
        except ImportCancelled:
            self.cancelled.emit()
        except (UnmappedOperators, OnnxImportError, OSError) as exc:
            self.failed.emit(shown(message_of(exc)))
        except Exception as exc:  # an unexpected bug must not kill the thread silently
            traceback.print_exception(exc)  # on stderr too, for a bug report
            self.failed.emit(self.tr("unexpected error: {kind}: {message}").format(kind=type(exc).__name__,
                                                                                   message=exc))
        else:
            self.succeeded.emit(ImportDone(self.project_path, weights_path, result.imported.layer_count))
        finally:
            hand_back(self)
            self.finished.emit()

__all__ = ["WRITING", "ImportCancelled", "ImportDone", "ImportJob", "start"]
