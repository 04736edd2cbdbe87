"""Training: settings, the Trainer with its events, gradient statistics, run folders (no Qt)."""

from dlplayground.training.config import (
    DEFAULT_TRAINING,
    LOSSES,
    OPTIMIZERS,
    EarlyStopping,
    TrainingConfig,
    TrainingConfigError,
    parse_training,
)
from dlplayground.training.events import Events
from dlplayground.training.gradients import GradientMonitor, GradientRecord
from dlplayground.training.runs import RunRecorder, default_run_dir
from dlplayground.training.setup import TrainingSetup, prepare_training
from dlplayground.training.trainer import EpochMetrics, Trainer, TrainerState

__all__ = [
    "DEFAULT_TRAINING", "LOSSES", "OPTIMIZERS", "EarlyStopping", "EpochMetrics", "Events",
    "GradientMonitor", "GradientRecord", "RunRecorder", "Trainer", "TrainerState", "TrainingConfig",
    "TrainingConfigError", "TrainingSetup", "default_run_dir", "parse_training", "prepare_training",
]
