"""The bridge from trainer events to the window: each step, gradient record and epoch of a
trainer becomes rows of a :class:`~dlplayground.qt.training.payloads.Progress` in a
:class:`~dlplayground.qt.runs.mailbox.ProgressMailbox`, which notifies the window.

Payloads are plain Python/numpy (``loss.item()``, metric rows, gradient records), never live
tensors. Several trainers (a comparison's runs) report into one mailbox holding a list of
progress, one per trainer, and the window hears of their steps once all have taken theirs.
"""

from __future__ import annotations

from typing import Any, Callable

from dlplayground.qt.runs.mailbox import ProgressMailbox
from dlplayground.qt.training.payloads import Progress
from dlplayground.training.events import Events

StepHook = Callable[[Any], None]


class TrainerBridge:
    """Reports trainers' events into ``mailbox`` (payload: a list of progress, one per trainer).

    Args:
        mailbox: the mailbox the window takes from.
        paused: whether the run is being paused (then every notice goes at once: the run is
            about to hold, and the window should show where).
        after_step: called on the training thread after each step is recorded (pictures).
    """

    def __init__(self, mailbox: ProgressMailbox[list[Progress]], paused: Callable[[], bool],
                 after_step: StepHook | None = None) -> None:
        self.mailbox, self.paused, self.after_step = mailbox, paused, after_step
        self._count = 0

    def attach(self, trainer: Any) -> "TrainerBridge":
        """Report ``trainer`` as the next entry of the mailbox's list."""
        index, self._count = self._count, self._count + 1
        trainer.on(Events.ITERATION_COMPLETED, lambda t: self._on_iteration(index, t))
        trainer.on(Events.GRADIENTS_LOGGED, lambda t: self._on_gradients(index, t))
        trainer.on(Events.EPOCH_COMPLETED, lambda t: self._on_epoch(index, t))
        return self

    def _on_iteration(self, index: int, trainer: Any) -> None:
        state = trainer.state
        with self.mailbox.pending() as pending:
            progress = pending[index]
            progress.steps.append(state.iteration)
            progress.batch_losses.append(state.batch_loss)
            progress.lrs.append(state.lr)
            copy_state(progress, trainer)
        if self.after_step is not None:
            self.after_step(trainer)
        paused = self.paused()
        if index == self._count - 1 or paused:  # every trainer has taken this step, or one holds
            self.mailbox.maybe_notify(now=paused)

    def _on_gradients(self, index: int, trainer: Any) -> None:
        with self.mailbox.pending() as pending:
            pending[index].gradients.append(trainer.state.gradients)

    def _on_epoch(self, index: int, trainer: Any) -> None:
        with self.mailbox.pending() as pending:
            pending[index].epochs.append(trainer.state.history[-1])
            copy_state(pending[index], trainer)
        self.mailbox.maybe_notify(now=self.paused())


def copy_state(progress: Progress, trainer: Any) -> None:
    """The trainer's counters into ``progress``."""
    state = trainer.state
    progress.epoch, progress.iteration = state.epoch, state.iteration
    progress.samples_seen, progress.seconds, progress.lr = state.samples_seen, state.seconds, state.lr


def continued_progress(progress: Progress) -> Progress:
    """An empty update that starts where ``progress`` ends (its counters, no new rows)."""
    return Progress(progress.run_id, progress.epoch, progress.iteration, progress.samples_seen,
                    progress.seconds, progress.lr, paused=progress.paused)


def continued_list(pending: list[Progress]) -> list[Progress]:
    return [continued_progress(progress) for progress in pending]
