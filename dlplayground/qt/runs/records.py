"""The session's run records: every training run of the window, for the views that list them.

One :class:`RunRecords` belongs to a :class:`~dlplayground.qt.session.DocumentSession`
(``session.runs``); the training controller adds to it, and the runs list, the ONNX export (which
weights fit the project) and anything else that asks for runs read it and follow ``changed``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from PySide6.QtCore import QObject, Signal

from dlplayground.qt.training.payloads import RunInfo, RunResult


@dataclass
class RunRecord:
    """One run of the session, as the runs list shows it."""

    run_id: int
    name: str
    started: float
    info: RunInfo | None = None
    result: RunResult | None = None
    error: str = ""
    #: the project as the run trains it (what its weights will fit)
    project: dict = field(default_factory=dict)

    @property
    def finished(self) -> bool:
        return self.result is not None or bool(self.error)

    @property
    def history(self) -> tuple:
        return self.result.history if self.result is not None else ()


class RunRecords(QObject):
    """The runs of one session, in the order they started.

    Signals:
        changed(): a run was added, or one started, ended or failed.
    """

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.records: list[RunRecord] = []

    def add(self, record: RunRecord) -> RunRecord:
        self.records.append(record)
        self.changed.emit()
        return record

    def next_id(self) -> int:
        return len(self.records) + 1

    def __iter__(self) -> Iterator[RunRecord]:
        return iter(list(self.records))

    def __len__(self) -> int:
        return len(self.records)
