"""Training: settings, the Trainer with its events, gradient statistics, run folders (no Qt).

Names are loaded on first use, so that ``dlplayground.training.config`` (the lists of losses
and optimisers the window offers) can be imported without importing torch.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "config": ("DEFAULT_TRAINING", "LOSSES", "OPTIMIZERS", "EarlyStopping", "TrainingConfig",
               "TrainingConfigError", "parse_training"),
    "events": ("Events",),
    "gradients": ("GradientMonitor", "GradientRecord"),
    "runs": ("RunRecorder", "default_run_dir"),
    "setup": ("TrainingSetup", "prepare_training"),
    "trainer": ("EpochMetrics", "Trainer", "TrainerState"),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}
__all__ = sorted(_MODULE_OF)


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'dlplayground.training' has no attribute {name!r}")
    return getattr(importlib.import_module(f"dlplayground.training.{module}"), name)
