"""TensorBoard event files for a run: a trainer event handler (``dlplayground train --tensorboard``).

Writes, under the run folder's ``tensorboard/`` sub-folder (so ``tensorboard --logdir runs``
finds every run): the epoch metrics as scalars (``metrics/train_loss``...), every logged step's
per-layer gradient and weight norms (``gradient_norm/<node>``, ``weight_norm/<node>``, step =
optimisation step) and, after every epoch, a histogram of each parametrised node's tensors
(``weights/<node>/<name>``). torch's own ``SummaryWriter`` writes them; it needs the
``tensorboard`` package, the optional extra ``dlplayground[tensorboard]``.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from dlplayground.training.events import Events
from dlplayground.training.trainer import Trainer

INSTALL_HINT = "pip install 'dlplayground[tensorboard]'"


class TensorBoardMissing(RuntimeError):
    """The optional ``tensorboard`` package is not installed."""


def summary_writer(log_dir: str | Path) -> Any:
    """torch's ``SummaryWriter`` on ``log_dir``; :class:`TensorBoardMissing` without tensorboard."""
    try:
        from torch.utils.tensorboard import SummaryWriter
    except ImportError:
        raise TensorBoardMissing(f"TensorBoard files need the tensorboard package: {INSTALL_HINT}") from None
    return SummaryWriter(log_dir=str(log_dir))


class TensorBoardLogger:
    """Writes one trainer's run as TensorBoard events.

    Args:
        log_dir: the folder for the event files (created).
        histograms_every: epochs between weight histograms (histograms are the biggest records).
    """

    def __init__(self, log_dir: str | Path, histograms_every: int = 1) -> None:
        if histograms_every < 1:
            raise ValueError(f"histograms_every must be >= 1, got {histograms_every}")
        self.log_dir = Path(log_dir)
        self.writer = summary_writer(self.log_dir)
        self.histograms_every = histograms_every

    def attach(self, trainer: Trainer) -> "TensorBoardLogger":
        """Register on ``trainer``; attach before a :class:`RunRecorder` so the files are closed
        before the recorder publishes the run folder."""
        trainer.on(Events.GRADIENTS_LOGGED, self._on_gradients)
        trainer.on(Events.EPOCH_COMPLETED, self._on_epoch)
        trainer.on(Events.COMPLETED, self._on_completed)
        return self

    def _on_gradients(self, trainer: Trainer) -> None:
        record = trainer.state.gradients
        if record is None:
            return
        for node_id, grad, weight in zip(record.node_ids, record.grad_norms, record.weight_norms):
            if math.isfinite(grad):
                self.writer.add_scalar(f"gradient_norm/{node_id}", float(grad), record.step)
            if math.isfinite(weight):
                self.writer.add_scalar(f"weight_norm/{node_id}", float(weight), record.step)

    def _on_epoch(self, trainer: Trainer) -> None:
        metrics = trainer.state.history[-1]
        for key, value in metrics.as_dict().items():
            if key != "epoch" and value is not None and math.isfinite(value):
                self.writer.add_scalar(f"metrics/{key}", float(value), metrics.epoch)
        if metrics.epoch % self.histograms_every == 0:
            for node_id, module in trainer.model.parametrised_nodes():
                for name, param in module.named_parameters():
                    values = param.detach().cpu().reshape(-1).numpy()
                    if values.size and bool((values == values).all()):  # no NaN (histogram would fail)
                        self.writer.add_histogram(f"weights/{node_id}/{name}", values, metrics.epoch)
        self.writer.flush()

    def _on_completed(self, trainer: Trainer) -> None:
        self.writer.close()
