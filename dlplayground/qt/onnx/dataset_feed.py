"""Keeps the open project's dataset loaded, off the GUI thread, for the Inference panel.

The feed watches the session: a project opened, its data settings edited, or its file moved
(relative data paths resolve against the project's folder) schedule a reload. Loading runs on
one worker thread that lives as long as the window; a burst of edits loads only the last
data section, and a result that an edit made stale is dropped. A data section that cannot be
loaded (unknown name, a missing CSV) is reported as a message, never raised.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Mapping

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from dlplayground.data import DEFAULT_DATA, DataError, Dataset, load_dataset
from dlplayground.graph.events import DocumentEvent, SettingsChanged
from dlplayground.qt.session import DocumentSession
from dlplayground.qt.runs.threads import WorkerThread
from dlplayground.graph.text import message_of
from dlplayground.qt.engine_text import shown

#: edits closer together than this load the dataset once
DEBOUNCE_MS = 250



def data_key(section: Mapping[str, Any] | None, base_dir: Path | None) -> str:
    """Identifies a dataset: its data section and the folder relative paths resolve against."""
    return json.dumps([section or DEFAULT_DATA, str(base_dir) if base_dir else None], sort_keys=True, default=str)


class _Loader(QObject):
    """Lives on the feed's thread and loads one data section per request."""

    loaded = Signal(int, object)
    failed = Signal(int, str)

    def __init__(self) -> None:
        super().__init__()
        #: the newest ticket asked for; written by the GUI thread (an int: atomic in Python)
        self.latest = 0

    @Slot(int, object, object)
    def load(self, ticket: int, section: object, base_dir: object) -> None:
        if ticket != self.latest:  # a newer request is queued behind this one
            return
        try:
            dataset = load_dataset(section or DEFAULT_DATA, base_dir)  # type: ignore[arg-type]
        except (DataError, OSError) as exc:
            self.failed.emit(ticket, shown(message_of(exc)))
        except Exception as exc:  # a loader bug must not end the thread or reach the user raw
            self.failed.emit(ticket, f"unexpected error: {type(exc).__name__}: {exc}")
        else:
            self.loaded.emit(ticket, dataset)


class DatasetFeed(QObject):
    """The open project's dataset, reloaded in the background when the project changes.

    Args:
        session: the window's document session.
        parent: the Qt parent.

    Signals:
        loading(): a load started (the previous dataset no longer matches the project).
        dataset_loaded(object): the project's :class:`Dataset`.
        dataset_failed(str): why the project's data cannot be loaded.
    """

    loading = Signal()
    dataset_loaded = Signal(object)
    dataset_failed = Signal(str)
    _requested = Signal(int, object, object)

    def __init__(self, session: DocumentSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.dataset: Dataset | None = None
        self.error = ""
        self._key: str | None = None  # the data the latest request (or result) is for
        self._loaded_key: str | None = None
        self._ticket = 0
        self._loader: _Loader | None = _Loader()
        self._requested.connect(self._loader.load)
        self._thread: WorkerThread | None = WorkerThread(self, "dlplayground-inference-data", self._loader,
                                                         self._skip_queued)
        application = QCoreApplication.instance()
        if application is not None:  # a safety net: the window shuts the feed down on close
            application.aboutToQuit.connect(self.shutdown)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.reload)
        session.project_replaced.connect(self.schedule)
        session.file_changed.connect(self.schedule)
        session.document_changed.connect(self._on_document_changed)

    # -- public ------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """Whether a load is scheduled or running."""
        return self._timer.isActive() or (self._key is not None and self._key != self._loaded_key)

    def dataset_for(self, section: Mapping[str, Any] | None, base_dir: Path | None) -> Dataset | None:
        """The loaded dataset if it is the one ``section`` and ``base_dir`` describe, else None."""
        if self.dataset is not None and self._loaded_key == data_key(section, base_dir):
            return self.dataset
        return None

    def schedule(self, *_args: object) -> None:
        """Reload a moment from now (edits in quick succession load once)."""
        if self._thread is not None:
            self._timer.start()

    def reload(self) -> None:
        """Load the project's dataset now (on the worker thread) unless it is already loaded."""
        self._timer.stop()
        if self._loader is None:
            return
        section, base_dir = self.session.project.data, self.session.base_dir
        key = data_key(section, base_dir)
        if key == self._key and not self.error:  # after a failure, try again (a file may be back)
            return
        self._key = key
        self._ticket += 1
        self._loader.latest = self._ticket
        self.loading.emit()
        problem = self.session.data_problem  # found cheaply when the session described the data
        if problem:
            self._finish_failed(shown(problem))
            return
        self._requested.emit(self._ticket, json.loads(json.dumps(section or DEFAULT_DATA)), base_dir)

    def _skip_queued(self) -> None:
        if self._loader is not None:
            self._loader.latest = -1  # queued requests are skipped

    def shutdown(self) -> None:
        """End the worker thread after the load in progress (the window is closing). Idempotent."""
        self._timer.stop()
        if self._thread is None:
            return
        self._thread.shutdown()  # after the load in progress
        self._thread = None
        self._loader = None  # its thread has ended: it may be deleted from here

    # -- slots -------------------------------------------------------------------------------
    def _on_document_changed(self, event: DocumentEvent) -> None:
        if isinstance(event, SettingsChanged) and event.section == "data":
            self.schedule()

    def _on_loaded(self, ticket: int, dataset: Dataset) -> None:
        if ticket != self._ticket:
            return
        self.dataset, self.error, self._loaded_key = dataset, "", self._key
        self.dataset_loaded.emit(dataset)

    def _on_failed(self, ticket: int, message: str) -> None:
        if ticket == self._ticket:
            self._finish_failed(message)

    def _finish_failed(self, message: str) -> None:
        self.dataset, self.error, self._loaded_key = None, message, self._key
        self.dataset_failed.emit(message)
