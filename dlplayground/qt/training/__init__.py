"""Everything Qt for training: the worker thread, its controller, the live views and their panels."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dlplayground.qt.main_window import MainWindow
    from dlplayground.qt.training.ui import TrainingUi


def install(window: "MainWindow") -> "TrainingUi":
    """Add the Train menu, toolbar actions, docks and status to ``window`` (the extension hook)."""
    from dlplayground.qt.training.integration import install_training

    return install_training(window)
