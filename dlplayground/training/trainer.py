"""The Trainer: runs epochs of mini-batch training and tells its handlers what happens.

Plain Python (no Qt): the CLI drives it directly, the window runs it on a worker thread and
bridges its events to signals. Pause, resume and terminate may be called from any thread and
take effect within one batch. A non-finite loss stops the run and puts back the weights of the
last complete epoch, so what is saved is never NaN.
"""

from __future__ import annotations

import contextlib
import copy
import math
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Iterator

import numpy as np
import torch

from dlplayground.compile.module import TRACING_LOCK, GraphModule
from dlplayground.data.dataset import Dataset
from dlplayground.training.batches import input_tensor
from dlplayground.training.config import PER_STEP_SCHEDULERS, TrainingConfig, TrainingConfigError
from dlplayground.training.events import EventDispatcher, Events
from dlplayground.training.gradients import GradientMonitor, GradientRecord
from dlplayground.training.objective import Objective, make_objective

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

    def as_dict(self) -> dict[str, Any]:
        return {"epoch": self.epoch, "train_loss": self.train_loss, "val_loss": self.val_loss,
                "train_acc": self.train_acc, "val_acc": self.val_acc, "lr": self.lr, "seconds": self.seconds}


@dataclass
class TrainerState:
    """What the trainer's handlers read. ``seconds`` excludes time spent paused."""

    max_epochs: int
    steps_per_epoch: int
    epoch: int = 0
    iteration: int = 0
    epoch_iteration: int = 0
    batch_loss: float = math.nan
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
def evaluating(model: torch.nn.Module) -> Iterator[None]:
    """Eval mode inside the block, the previous mode (train or eval) after it, even on errors."""
    was_training = model.training
    model.eval()
    try:
        yield
    finally:
        model.train(was_training)


def resolve_device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise RuntimeError("CUDA was asked for but torch.cuda.is_available() is False")
    return torch.device(name)


class Trainer(EventDispatcher):
    """Trains a :class:`GraphModule` on a :class:`Dataset` as a :class:`TrainingConfig` says.

    Args:
        model: the model, already initialised (seed it before building for reproducible runs).
        dataset: split and standardised data.
        config: resolved training settings.
        output_source: the node feeding the Output, named in shape errors.
        keep_gradient_log: keep every :class:`GradientRecord` in ``state.gradient_log``.
    """

    def __init__(self, model: GraphModule, dataset: Dataset, config: TrainingConfig,
                 output_source: str | None = None, keep_gradient_log: bool = True) -> None:
        super().__init__()
        self.model = model
        self.dataset = dataset
        self.config = config
        self.device = resolve_device(config.device)
        self.objective: Objective = make_objective(
            config, dataset, model.output_shape, output_source or model.output_source)
        self.model.to(self.device)
        self.keep_gradient_log = keep_gradient_log

        self._x_train, self._t_train, self._y_train = self._tensors(dataset.x_train, dataset.y_train, True)
        self._x_val, self._t_val, self._y_val = self._tensors(dataset.x_val, dataset.y_val, False)
        count = len(self._x_train)
        self.batch_size = count if config.batch_size is None else min(config.batch_size, count)
        steps = math.ceil(count / self.batch_size)
        self.log_every = config.log_every or max(1, math.ceil(steps / _LOGS_PER_EPOCH))

        self._check_monitor(config)
        try:  # the names were checked with the settings; the values only torch can judge
            self.optimizer = getattr(torch.optim, config.optimizer)(model.parameters(), **config.optimizer_args)
        except (TypeError, ValueError) as exc:
            raise TrainingConfigError(f"training.optimizer: {config.optimizer}: {exc}") from None
        try:
            self.scheduler = self._make_scheduler(steps)
        except (TypeError, ValueError) as exc:
            raise TrainingConfigError(f"training.scheduler: {config.scheduler}: {exc}") from None
        self.monitor = GradientMonitor(model)
        self.state = TrainerState(max_epochs=config.epochs, steps_per_epoch=steps, lr=config.lr)
        self._order = torch.Generator().manual_seed(config.seed)
        self._resume = threading.Event()
        self._resume.set()
        self._terminate = False

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
        good_weights = self._snapshot()
        best_value: float | None = None
        best_weights: dict[str, torch.Tensor] | None = None
        since_best = 0
        # the inner loop runs once per batch: bind what it uses (tiny models spend as long in
        # Python per step as in their kernels, so this is measurable)
        model, optimizer, loss_fn = self.model, self.optimizer, self.objective.loss
        predict, batch_size = self.objective.predict, self.batch_size
        step_scheduler = self.scheduler if self.config.scheduler in PER_STEP_SCHEDULERS else None
        self.fire(Events.STARTED, self)
        try:
            for epoch in range(1, self.config.epochs + 1):
                if self._terminate:
                    break
                state.epoch, state.epoch_iteration = epoch, 0
                self.fire(Events.EPOCH_STARTED, self)
                model.train()
                order = torch.randperm(len(self._x_train), generator=self._order).to(self.device)
                xs, ys = self._x_train[order], self._y_train[order]
                ts = ys if self._t_train is self._y_train else self._t_train[order]
                loss_sum, seen = 0.0, 0
                # the epoch's outputs, turned into predictions and compared with the labels once
                # per epoch rather than at every step
                outputs_seen: list[torch.Tensor] = []
                for start in range(0, len(xs), batch_size):
                    if not self._resume.is_set():
                        waited = time.perf_counter()
                        self._resume.wait()
                        paused_for += time.perf_counter() - waited
                    if self._terminate:
                        break
                    xb, tb = xs[start : start + batch_size], ts[start : start + batch_size]
                    with TRACING_LOCK:  # never while another thread exports a model
                        optimizer.zero_grad(set_to_none=True)
                        outputs = model(xb)
                        loss = loss_fn(outputs, tb)
                        loss.backward()
                    batch_loss = loss.item()
                    if not math.isfinite(batch_loss):
                        self._load(good_weights)
                        state.stop_reason = "non_finite_loss"
                        state.message = (
                            f"the loss became {batch_loss} at epoch {epoch}, step {state.iteration + 1}: "
                            f"training stopped (a learning rate of {state.lr:g} may be too high); the weights "
                            + (f"of the end of epoch {epoch - 1}" if epoch > 1 else "from before training")
                            + " were kept"
                        )
                        break
                    if state.epoch_iteration % self.log_every == 0:
                        with TRACING_LOCK:
                            state.gradients = self.monitor.record(state.iteration, epoch)
                        if self.keep_gradient_log:
                            state.gradient_log.append(state.gradients)
                        self.fire(Events.GRADIENTS_LOGGED, self)
                    with TRACING_LOCK:
                        optimizer.step()
                    if step_scheduler is not None:
                        step_scheduler.step()
                        state.lr = optimizer.param_groups[0]["lr"]
                    count = len(xb)
                    loss_sum += batch_loss * count
                    if predict is not None:
                        outputs_seen.append(outputs.detach())
                    seen += count
                    state.batch_loss = batch_loss
                    state.iteration += 1
                    state.epoch_iteration += 1
                    state.samples_seen += count
                    state.seconds = time.perf_counter() - started - paused_for
                    self.fire(Events.ITERATION_COMPLETED, self)
                    away = time.perf_counter()
                    yield state
                    paused_for += time.perf_counter() - away
                if state.stop_reason or self._terminate or seen == 0:
                    break

                train_acc = None
                if outputs_seen:
                    train_acc = (predict(torch.cat(outputs_seen)) == ys[:seen]).float().mean().item()
                metrics = self._epoch_metrics(epoch, loss_sum / seen, train_acc,
                                              time.perf_counter() - started - paused_for)
                state.history.append(metrics)
                state.seconds = metrics.seconds
                good_weights = self._snapshot()
                self.fire(Events.EPOCH_COMPLETED, self)

                early = self.config.early_stopping
                if early is not None:
                    value = getattr(metrics, early.monitor)
                    if value is not None and _improved(value, best_value, early.min_delta, early.maximise):
                        best_value, since_best, state.best_epoch = value, 0, epoch
                        best_weights = good_weights if early.restore_best else None
                    else:
                        since_best += 1
                        if since_best >= early.patience:
                            state.stop_reason = "early_stopping"
                            state.message = (f"stopped early at epoch {epoch}: {early.monitor} has not improved "
                                             f"for {early.patience} epochs (best at epoch {state.best_epoch})")
                            if best_weights is not None:
                                self._load(best_weights)
                                state.message += "; the best weights were restored"
                            break
                if self.scheduler is not None and self.config.scheduler not in PER_STEP_SCHEDULERS:
                    if self.config.scheduler == "ReduceLROnPlateau":
                        monitored = metrics.val_loss if metrics.val_loss is not None else metrics.train_loss
                        self.scheduler.step(monitored)
                    else:
                        self.scheduler.step()
                    state.lr = self.optimizer.param_groups[0]["lr"]
            if state.stop_reason is None:
                state.stop_reason = "terminated" if self._terminate else "completed"
                if self._terminate:
                    state.message = f"stopped by the user at epoch {state.epoch}, step {state.iteration}"
        except Exception as exc:
            state.stop_reason = "error"
            state.message = f"{type(exc).__name__}: {exc}"
            state.error = exc
            self.fire(Events.EXCEPTION_RAISED, self)
            if not self.has_handlers(Events.EXCEPTION_RAISED):
                raise
        finally:
            self.model.eval()
            self.fire(Events.COMPLETED, self)

    def evaluate(self, split: str = "val") -> tuple[float | None, float | None]:
        """Mean loss and accuracy (None for regression) on ``val`` or ``train``, in eval mode."""
        x, t, y = ((self._x_val, self._t_val, self._y_val) if split == "val"
                   else (self._x_train, self._t_train, self._y_train))
        if len(x) == 0:
            return None, None
        loss_sum, correct = 0.0, 0
        with TRACING_LOCK, evaluating(self.model), torch.no_grad():
            for start in range(0, len(x), EVAL_CHUNK):
                outputs = self.model(x[start : start + EVAL_CHUNK])
                count = len(outputs)
                loss_sum += self.objective.loss(outputs, t[start : start + EVAL_CHUNK]).item() * count
                if self.objective.predict is not None:
                    correct += int((self.objective.predict(outputs) == y[start : start + EVAL_CHUNK]).sum())
        accuracy = correct / len(x) if self.is_classification else None
        return loss_sum / len(x), accuracy

    # -- helpers -------------------------------------------------------------------------
    def _epoch_metrics(self, epoch: int, train_loss: float, train_acc: float | None,
                       seconds: float) -> EpochMetrics:
        val_loss, val_acc = self.evaluate("val")
        return EpochMetrics(epoch, train_loss, val_loss, train_acc, val_acc,
                            self.optimizer.param_groups[0]["lr"], seconds)

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
            raise TrainingConfigError(f"training.early_stopping.monitor: '{early.monitor}' needs a validation "
                                      "split, but data.val_split is 0: monitor train_loss or hold out samples")
        if early.monitor.endswith("_acc") and not self.is_classification:
            raise TrainingConfigError(f"training.early_stopping.monitor: '{early.monitor}' is an accuracy, but "
                                      f"the dataset '{self.dataset.name}' is a regression task: monitor a loss")

    def _make_scheduler(self, steps_per_epoch: int):
        name = self.config.scheduler
        if name is None:
            return None
        args = dict(self.config.scheduler_args)
        if name == "OneCycleLR":
            args.setdefault("max_lr", self.config.lr)
            args.setdefault("total_steps", steps_per_epoch * self.config.epochs)
        return getattr(torch.optim.lr_scheduler, name)(self.optimizer, **args)

    def _snapshot(self) -> dict[str, torch.Tensor]:
        return {k: v.detach().clone() for k, v in self.model.state_dict().items()}

    def _load(self, weights: dict[str, torch.Tensor]) -> None:
        self.model.load_state_dict(copy.copy(weights))


def _improved(value: float, best: float | None, min_delta: float, maximise: bool) -> bool:
    if best is None:
        return True
    return value > best + min_delta if maximise else value < best - min_delta
