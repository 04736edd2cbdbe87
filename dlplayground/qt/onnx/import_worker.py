"""Runs File › Import ONNX… on a worker thread: load, prepare, map, check, write; reporting through signals.

The job owns nothing of the window: it reads the model file and writes the project and its
weights, so the window stays responsive meanwhile. The pipeline's libraries (onnx, onnxruntime
and, if the window has not loaded it yet, torch) load here too, as the job's first stage
(:data:`LIBRARIES`, which the dialog names): neither this module nor the dialog imports them.
(One part of that load still pauses the window: ml_dtypes, which onnx imports, registers its
NumPy loops in one C call that holds Python's GIL for about 0.7 s here, whatever thread makes
it.) Cancel is honoured between stages (a stage itself, say onnxruntime's check, cannot be
interrupted halfway) and never once writing has begun: a cancelled import writes nothing, and a
started write is finished (each file is written atomically), so the files never end up half
there.
"""

from __future__ import annotations

import importlib
import sys
import threading
import traceback
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from dlplayground.graph.text import message_of
from dlplayground.qt.engine_text import shown
from dlplayground.qt.onnx.job_thread import hand_back, start

#: the stage before the pipeline's own: its libraries load (on the first import of the process)
LIBRARIES = "libraries"
#: the stages of :func:`dlplayground.onnx_import.import_model`, the same as its ``STAGES`` (a
#: test checks): named here so that the dialog can show them without loading onnx to ask
PIPELINE_STAGES = ("loading", "preparing", "mapping", "checking")
#: the stage after the pipeline's: the project and its weights are written
WRITING = "writing"
#: every stage of an import, in order
ORDER = (LIBRARIES, *PIPELINE_STAGES, WRITING)
#: the modules loaded in the :data:`LIBRARIES` stage
PIPELINE_MODULE = "dlplayground.onnx_import"


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
        progressed(str): a stage started (a name of :data:`ORDER`).
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
        try:
            self._enter(LIBRARIES)
            # onnx, onnxruntime and torch load here, on the worker thread, at the first import
            pipeline = importlib.import_module(PIPELINE_MODULE)
            result = pipeline.import_model(self.model_path, name=self.model_path.stem,
                                           weights_file=self.weights_file, progress=self._enter)
            if not result.comparison.ok:
                raise pipeline.OnnxImportError(self.tr(
                    "the imported project does not reproduce the model under onnxruntime (relative difference "
                    "{relative}); nothing was written").format(relative=f"{result.comparison.relative:.3g}"))
            self._enter(WRITING)
            weights_path = pipeline.write_import(result, self.project_path)
        except ImportCancelled:
            self.cancelled.emit()
        except Exception as exc:
            if isinstance(exc, _refusals()):
                self.failed.emit(shown(message_of(exc)))
            else:  # an unexpected bug (or a broken install) must not kill the thread silently
                traceback.print_exception(exc)  # on stderr too, for a bug report
                self.failed.emit(self.tr("unexpected error: {kind}: {message}").format(kind=type(exc).__name__,
                                                                                       message=exc))
        else:
            self.succeeded.emit(ImportDone(self.project_path, weights_path, result.imported.layer_count))
        finally:
            hand_back(self)
            self.finished.emit()


def _refusals() -> tuple[type[BaseException], ...]:
    """The errors that mean "this model cannot be imported" (their message says why)."""
    pipeline = sys.modules.get(PIPELINE_MODULE)
    if pipeline is None:  # its libraries failed to load: that is no refusal of the model
        return (OSError,)
    return (pipeline.UnmappedOperators, pipeline.OnnxImportError, OSError)

__all__ = ["LIBRARIES", "ORDER", "PIPELINE_STAGES", "WRITING", "ImportCancelled", "ImportDone", "ImportJob", "start"]
