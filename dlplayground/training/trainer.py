"""The Trainer: runs epochs of mini-batch training and tells its handlers what happens.

Plain Python (no Qt): the CLI drives it directly, the window runs it on a worker thread and
bridges its events to signals. Pause, resume and terminate may be called from any thread and
take effect within one batch. The loop only runs the objective's steps and fires events; the
non-finite-loss guard (which keeps the weights of the last complete epoch, so what is saved is
never NaN), gradient logging, the schedule and early stopping are handlers
(:mod:`dlplayground.training.handlers`).
"""

from __future__ import annotations

import contextlib
import copy
import math
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping

import numpy as np
import torch

from dlplayground.compile.module import TRACING_LOCK, GraphModule
from dlplayground.data.dataset import Dataset
from dlplayground.graph.text import message_of, tx
from dlplayground.training.batches import input_tensor
from dlplayground.training.config import TrainingConfig, TrainingConfigError
from dlplayground.training.data_parallel import SingleProcess, pick_device
from dlplayground.training.events import EventDispatcher, Events
from dlplayground.training.gradients import GradientMonitor, GradientRecord
from dlplayground.training.handlers import attach_defaults
from dlplayground.training.objective import Objective, SupervisedObjective, make_objective

#: evaluation runs in chunks of this many samples (bounded memory on big validation sets)
EVAL_CHUNK = 4096
#: gradient records per epoch by default: enough for the gradient-flow plots; each costs a
#: fused norm over every tensor (tens of microseconds), which tiny models notice
_LOGS_PER_EPOCH = 5


@dataclass(frozen=True)
class EpochMetrics:
    """One row of ``metrics.csv``. Accuracies are None for regression, validation values
    None without a validation split."""

    epoch: int
    train_loss: float
    val_loss: float | None
    train_acc: float | None
    val_acc: float | None
    lr: float
    seconds: float
    #: the objective's own columns (a VAE's ``recon_loss``, a GAN's ``d_loss``, ...)
    extra: Mapping[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"epoch": self.epoch, "train_loss": self.train_loss, "val_loss": self.val_loss,
                "train_acc": self.train_acc, "val_acc": self.val_acc, "lr": self.lr, "seconds": self.seconds,
                **self.extra}


@dataclass
class TrainerState:
    """What the trainer's handlers read. ``seconds`` excludes time spent paused."""

    max_epochs: int
    steps_per_epoch: int
    epoch: int = 0
    iteration: int = 0
    epoch_iteration: int = 0
    #: the loss of the last completed step
    batch_loss: float = math.nan
    #: the loss of the step in progress (what ``BACKWARD_COMPLETED`` handlers check)
    output: float = math.nan
    lr: float = 0.0
    samples_seen: int = 0
    seconds: float = 0.0
    history: list[EpochMetrics] = field(default_factory=list)
    gradients: GradientRecord | None = None
    gradient_log: list[GradientRecord] = field(default_factory=list)
    #: completed, early_stopping, terminated, non_finite_loss or error (None while running)
    stop_reason: str | None = None
    message: str = ""
    best_epoch: int | None = None
    #: the exception that ended the run (stop reason ``error``), for a traceback in bug reports
    error: BaseException | None = None

    @property
    def last(self) -> EpochMetrics | None:
        return self.history[-1] if self.history else None


@contextlib.contextmanager
def evaluating(*models: torch.nn.Module) -> Iterator[None]:
    """Eval mode inside the block, the previous mode (train or eval) after it, even on errors."""
    was_training = [model.training for model in models]
    for model in models:
        model.eval()
    try:
        yield
    finally:
        for model, mode in zip(models, was_training):
            model.train(mode)


def resolve_device(name: str) -> torch.device:
    """``auto`` picks CUDA, then MPS, then the CPU; a device that is absent is a settings error."""
    try:
        return pick_device(name)
    except ValueError as exc:
        raise TrainingConfigError(tx("training.device: {error}", error=message_of(exc))) from None


class Trainer(EventDispatcher):
    """Trains a :class:`GraphModule` on a :class:`Dataset` as a :class:`TrainingConfig` says.

    The loop runs the objective's steps and fires events; everything else a run does (the
    non-finite guard, gradient logging, the schedule, early stopping) is a handler from
    :mod:`dlplayground.training.handlers`, attached here as the settings ask.

    Args:
        model: the model, already initialised (seed it before building for reproducible runs).
        dataset: split and standardised data.
        config: resolved training settings.
        output_source: the node feeding the Output, named in shape errors.
        keep_gradient_log: keep every :class:`GradientRecord` in ``state.gradient_log``.
        objective: what a step optimises; by default the settings' loss on ``model`` with the
            settings' optimiser (:class:`SupervisedObjective`).
        parallel: this process's place in a data-parallel run (one rank of several under torchrun,
            :mod:`~dlplayground.training.data_parallel`); default: the only process.
    """

    def __init__(self, model: GraphModule, dataset: Dataset, config: TrainingConfig,
                 output_source: str | None = None, keep_gradient_log: bool = True,
                 objective: Objective | None = None, parallel: SingleProcess | None = None) -> None:
        super().__init__()
        self.model = model
        self.dataset = dataset
        self.config = config
        self.parallel = parallel if parallel is not None else SingleProcess()
        self.device = self.parallel.device or resolve_device(config.device)
        self.model.to(self.device)  # before the optimiser and the gradient monitor take its tensors
        if objective is None:
            loss = make_objective(config, dataset, model.output_shape, output_source or model.output_source)
            objective = SupervisedObjective.build(model, loss, config)
        if self.parallel.distributed:  # this rank's part of every batch, through DDP
            from dlplayground.training.parallel_objective import DataParallelObjective

            objective = DataParallelObjective(objective, self.parallel)
        self.objective: Objective = objective
        for network in objective.networks.values():  # a GAN's discriminator too
            network.to(self.device)
        self.keep_gradient_log = keep_gradient_log

        self._x_train, self._t_train, self._y_train = self._tensors(dataset.x_train, dataset.y_train, True)
        self._x_val, self._t_val, self._y_val = self._tensors(dataset.x_val, dataset.y_val, False)
        count = len(self._x_train)
        self.batch_size = count if config.batch_size is None else min(config.batch_size, count)
        steps = math.ceil(count / self.batch_size)
        self.log_every = config.log_every or max(1, math.ceil(steps / _LOGS_PER_EPOCH))

        self._check_monitor(config)
        self.state = TrainerState(max_epochs=config.epochs, steps_per_epoch=steps, lr=config.lr)
        #: the gradient monitor of the network the logs describe (set by the gradient logger)
        self.monitor: GradientMonitor | None = None
        self._order = torch.Generator().manual_seed(config.seed)
        self._resume = threading.Event()
        self._resume.set()
        self._terminate = False
        self._snapshot: tuple[int, dict[str, torch.Tensor]] | None = None
        attach_defaults(self)

    @property
    def optimizer(self) -> torch.optim.Optimizer:
        """The objective's first optimiser (the one ``state.lr`` reports)."""
        return next(iter(self.objective.optimizers.values()))

    # -- control (any thread) ------------------------------------------------------------
    def pause(self) -> None:
        self._resume.clear()

    def resume(self) -> None:
        self._resume.set()

    def terminate(self) -> None:
        """Stop after the current batch (also wakes a paused trainer)."""
        self._terminate = True
        self._resume.set()

    @property
    def paused(self) -> bool:
        return not self._resume.is_set()

    @property
    def is_classification(self) -> bool:
        return self.objective.predict is not None

    # -- for handlers (training thread) ---------------------------------------------------
    def stop(self, reason: str, message: str) -> None:
        """End the run after the current event with ``reason`` (``state.stop_reason``): a handler
        of ``BACKWARD_COMPLETED`` stops before the step is applied, one of ``EPOCH_COMPLETED``
        before the next epoch."""
        self.state.stop_reason, self.state.message = reason, message

    def weights_snapshot(self) -> dict[str, torch.Tensor]:
        """A copy of the model's weights as they are now (taken once per step however many
        handlers ask: the guard and early stopping share the end of an epoch's copy)."""
        if self._snapshot is None or self._snapshot[0] != self.state.iteration:
            weights = {k: v.detach().clone() for k, v in self.model.state_dict().items()}
            self._snapshot = (self.state.iteration, weights)
        return self._snapshot[1]

    def load_weights(self, weights: dict[str, torch.Tensor]) -> None:
        """Put back weights from :meth:`weights_snapshot`."""
        self.model.load_state_dict(copy.copy(weights))
        self._snapshot = None

    # -- running -------------------------------------------------------------------------
    def run(self) -> TrainerState:
        """Train until the epochs are done or the run is stopped; return the final state.

        An exception fires EXCEPTION_RAISED (with ``state.message`` set) and is re-raised
        when no handler is registered for it.
        """
        for _ in self.steps():
            pass
        return self.state

    def steps(self) -> Iterator[TrainerState]:
        """Train as :meth:`run` does, yielding the state after every optimisation step.

        Lets a caller interleave several trainers step by step on one thread (paired runs);
        the time the caller spends between two steps is not counted in ``state.seconds``.
        """
        state = self.state
        started = time.perf_counter()
        paused_for = 0.0
        # the inner loop runs once per batch: bind what it uses (tiny models spend as long in
        # Python per step as in their kernels, so this is measurable)
        objective, fire, batch_size = self.objective, self.fire, self.batch_size
        backward, apply_step = objective.backward, objective.step
        predict = objective.predict
        fire(Events.STARTED, self)
        try:
            for epoch in range(1, self.config.epochs + 1):
                if self._terminate:
                    break
                state.epoch, state.epoch_iteration = epoch, 0
                fire(Events.EPOCH_STARTED, self)
                for network in objective.networks.values():
                    network.train()
                order = torch.randperm(len(self._x_train), generator=self._order).to(self.device)
                xs, ys = self._x_train[order], self._y_train[order]
                ts = ys if self._t_train is self._y_train else self._t_train[order]
                loss_sum, seen = 0.0, 0
                # the epoch's predictions, compared with the labels once per epoch rather than at
                # every step (no sync); predictions, not outputs, are kept: holding each batch's
                # output tensor alive cost the spiral MLP 21 us of its 0.5 ms steps
                predictions: list[torch.Tensor] = []
                for start in range(0, len(xs), batch_size):
                    if not self._resume.is_set():
                        waited = time.perf_counter()
                        self._resume.wait()
                        paused_for += time.perf_counter() - waited
                    if self._terminate:
                        break
                    xb, tb = xs[start : start + batch_size], ts[start : start + batch_size]
                    with TRACING_LOCK:  # never while another thread exports a model
                        loss, outputs = backward(xb, tb)
                    batch_loss = loss.item()
                    state.output = batch_loss
                    fire(Events.BACKWARD_COMPLETED, self)
                    if state.stop_reason is not None:
                        break
                    with TRACING_LOCK:
                        apply_step()
                    count = len(xb)
                    loss_sum += batch_loss * count
                    if outputs is not None and predict is not None:
                        predictions.append(predict(outputs))
                    seen += count
                    state.batch_loss = batch_loss
                    state.iteration += 1
                    state.epoch_iteration += 1
                    state.samples_seen += count
                    state.seconds = time.perf_counter() - started - paused_for
                    fire(Events.ITERATION_COMPLETED, self)
                    away = time.perf_counter()
                    yield state
                    paused_for += time.perf_counter() - away
                if state.stop_reason or self._terminate or seen == 0:
                    break

                train_acc = None
                if predictions:
                    # (a rank's predictions are of its part of each batch: the parallel compares
                    # them with that part's labels and adds the counts up over the ranks)
                    train_acc = self.parallel.train_accuracy(predictions, ys, seen, batch_size)
                metrics = self._epoch_metrics(epoch, loss_sum / seen, train_acc,
                                              time.perf_counter() - started - paused_for)
                state.history.append(metrics)
                state.seconds = metrics.seconds
                fire(Events.EPOCH_COMPLETED, self)
                if state.stop_reason is not None:
                    break
            if state.stop_reason is None:
                state.stop_reason = "terminated" if self._terminate else "completed"
                if self._terminate:
                    state.message = tx("stopped by the user at epoch {epoch}, step {step}", epoch=state.epoch,
                                       step=state.iteration)
        except Exception as exc:
            state.stop_reason = "error"
            state.message = tx("{kind}: {error}", kind=type(exc).__name__, error=message_of(exc))
            state.error = exc
            fire(Events.EXCEPTION_RAISED, self)
            if not self.has_handlers(Events.EXCEPTION_RAISED):
                raise
        finally:
            for network in objective.networks.values():
                network.eval()
            fire(Events.COMPLETED, self)

    def evaluate(self, split: str = "val") -> tuple[float | None, float | None]:
        """Mean loss and accuracy (None for regression) on ``val`` or ``train``, in eval mode."""
        x, t, y = ((self._x_val, self._t_val, self._y_val) if split == "val"
                   else (self._x_train, self._t_train, self._y_train))
        if len(x) == 0:
            return None, None
        loss_sum, correct = 0.0, 0
        predict = self.objective.predict
        first, last = self.parallel.eval_bounds(len(x))  # this rank's share (all of it in one process)
        with TRACING_LOCK, evaluating(*self.objective.networks.values()), torch.no_grad():
            for start in range(first, last, EVAL_CHUNK):
                chunk = slice(start, min(start + EVAL_CHUNK, last))
                loss, outputs = self.objective.evaluate(x[chunk], t[chunk])
                loss_sum += loss * len(y[chunk])
                if outputs is not None and predict is not None:
                    correct += int((predict(outputs) == y[chunk]).sum())
        loss_sum, correct = self.parallel.all_sum(loss_sum, correct)
        accuracy = correct / len(x) if self.is_classification else None
        return loss_sum / len(x), accuracy

    # -- helpers -------------------------------------------------------------------------
    def _epoch_metrics(self, epoch: int, train_loss: float, train_acc: float | None,
                       seconds: float) -> EpochMetrics:
        val_loss, val_acc = self.evaluate("val")
        return EpochMetrics(epoch, train_loss, val_loss, train_acc, val_acc,
                            self.optimizer.param_groups[0]["lr"], seconds, self.objective.epoch_extras())

    def _tensors(self, x: np.ndarray, y: np.ndarray, train: bool) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        # uint8 images stay uint8 on the device and become float per batch (training.batches)
        inputs: Any = input_tensor(x, self.dataset, self.device, train)
        labels = torch.as_tensor(y, device=self.device)
        return inputs, self.objective.encode(labels), labels

    def _check_monitor(self, config: TrainingConfig) -> None:
        """Early stopping must watch a metric this run produces."""
        early = config.early_stopping
        if early is None:
            return
        if early.monitor.startswith("val_") and len(self._x_val) == 0:
            raise TrainingConfigError(tx("training.early_stopping.monitor: '{monitor}' needs a validation split, "
                                         "but data.val_split is 0: monitor train_loss or hold out samples",
                                         monitor=early.monitor))
        if early.monitor.endswith("_acc") and not self.is_classification:
            raise TrainingConfigError(tx("training.early_stopping.monitor: '{monitor}' is an accuracy, but the "
                                         "dataset '{dataset}' is a regression task: monitor a loss",
                                         monitor=early.monitor, dataset=self.dataset.name))
