"""Train is enabled only for a project that can be trained, with the reason as its tooltip.

The window used to say "Ready to train" beside "2 problem(s)" and keep Train enabled, only to
refuse the run with "Cannot train: ...". :class:`TrainGate` keeps the Train action in step with
the project's live problems: disabled while there are any, its tooltip naming the first.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from dlplayground.qt.session import DocumentSession
from dlplayground.qt.i18n import translate
from dlplayground.qt.engine_text import problem_line


def blocking_reason(session: DocumentSession) -> str | None:
    """Why the open project cannot be trained (its first problem and a count), or None."""
    problems = session.problems
    if not problems:
        return None
    more = translate("train_gate", " (and {value} more problem(s): see Problems)").format(value=len(problems) - 1) if len(problems) > 1 else ""
    return translate("train_gate", "Cannot train: {value}{more}").format(value=problem_line(problems[0]), more=more)


class TrainGate(QObject):
    """Disables ``action`` while the project has problems; ``idle()`` says whether the action
    would otherwise be enabled (no run going on)."""

    def __init__(self, session: DocumentSession, action: QAction, idle: Callable[[], bool],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session, self.action, self.idle = session, action, idle
        self._tip = action.toolTip()
        session.inference_updated.connect(self.update)
        self.update()

    def update(self, *_args: object) -> None:
        reason = blocking_reason(self.session)
        self.action.setEnabled(reason is None and self.idle())
        self.action.setToolTip(reason or self._tip)
        self.action.setStatusTip(reason or self._tip)
