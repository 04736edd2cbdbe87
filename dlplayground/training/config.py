"""The project's ``training`` section, checked and resolved into a :class:`TrainingConfig`.

Every mistake is reported with the key it concerns (``training.optimizer.lr``) before any
training starts, so a typo in a hand-written project fails in a second, not after an epoch.
Nothing here imports torch (its signatures are recorded in torch_api), so the window can list the choices below
without paying for it at start-up.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field
from typing import Any, Callable, Literal, Mapping

from dlplayground.training.torch_api import OPTIMIZER_ARGS, SCHEDULER_ARGS


#: losses a project may name, and the kind of targets each needs
LOSSES: dict[str, str] = {
    "CrossEntropyLoss": "class scores (logits), one per class",
    "MSELoss": "values (regression), or one score per class (one-hot targets)",
    "L1Loss": "values (regression), or one score per class (one-hot targets)",
    "HuberLoss": "values (regression), or one score per class (one-hot targets)",
    "SmoothL1Loss": "values (regression), or one score per class (one-hot targets)",
    "BCEWithLogitsLoss": "one logit (2 classes) or one logit per class",
    "BCELoss": "one probability (after a Sigmoid) or one per class",
}
OPTIMIZERS = ("SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "NAdam", "RAdam", "Adamax")
#: the most epochs a run may ask for (a million epochs of one step is already days)
MAX_EPOCHS = 1_000_000
#: schedulers stepped after every batch rather than every epoch
PER_STEP_SCHEDULERS = frozenset({"OneCycleLR", "CyclicLR"})
#: schedulers stepped after every epoch with the monitored loss (validation, else training)
METRIC_SCHEDULERS = frozenset({"ReduceLROnPlateau"})
MONITORS = ("val_loss", "val_acc", "train_loss", "train_acc")

DEFAULT_TRAINING: dict[str, Any] = {
    "loss": "CrossEntropyLoss",
    "optimizer": {"type": "Adam", "lr": 0.01, "weight_decay": 0.0},
    "batch_size": 32,
    "epochs": 50,
    "seed": 0,
}


class TrainingConfigError(ValueError):
    """A ``training`` section that cannot be used; the message names the key."""


@dataclass(frozen=True)
class EarlyStopping:
    monitor: str = "val_loss"
    patience: int = 10
    min_delta: float = 0.0
    restore_best: bool = True

    @property
    def maximise(self) -> bool:
        return self.monitor.endswith("acc")


@dataclass(frozen=True)
class TrainingConfig:
    """A resolved ``training`` section.

    Attributes:
        batch_size: samples per step; None means the whole training set (batch gradient descent).
        log_every: steps between gradient-statistics records (None: about five per epoch; the
            first step is always logged).
        device: ``auto`` (CUDA when available), ``cpu`` or ``cuda``.
    """

    loss: str
    optimizer: str
    optimizer_args: dict[str, Any]
    batch_size: int | None
    epochs: int
    seed: int
    scheduler: str | None = None
    scheduler_args: dict[str, Any] = field(default_factory=dict)
    early_stopping: EarlyStopping | None = None
    log_every: int | None = None
    device: Literal["auto", "cpu", "cuda"] = "auto"
    #: weights to start from: a run folder or a .safetensors file (relative to the project)
    init: str | None = None

    @property
    def lr(self) -> float:
        return float(self.optimizer_args.get("lr", 0.0))

    @property
    def scheduler_interval(self) -> Literal["step", "epoch", "plateau"] | None:
        """When the scheduler steps: after every ``step``, after every ``epoch``, or after every
        epoch given the monitored loss (``plateau``); None without a scheduler. Decided here
        once: the trainer's scheduler handler and the training-script export both read it."""
        if self.scheduler is None:
            return None
        if self.scheduler in PER_STEP_SCHEDULERS:
            return "step"
        return "plateau" if self.scheduler in METRIC_SCHEDULERS else "epoch"


def parse_training(section: Mapping[str, Any] | None, *, epochs: int | None = None,
                   seed: int | None = None, device: str | None = None,
                   check_torch_names: bool = True) -> TrainingConfig:
    """Check a ``training`` section (missing keys take :data:`DEFAULT_TRAINING`'s values).

    ``epochs``, ``seed`` and ``device`` override the section (the CLI's ``--epochs`` etc.).
    ``check_torch_names=False`` leaves out the checks of the optimiser's and the scheduler's
    keyword arguments and the scheduler's class (read from :mod:`~dlplayground.training.torch_api`,
    torch's recorded signatures, so neither way imports torch).

    Raises:
        TrainingConfigError: with one line per wrong key (every one, not only the first).
    """
    if section is None:
        section = {}
    if not isinstance(section, Mapping):
        raise TrainingConfigError(f"training: must be an object, got {section!r}")
    merged = {**DEFAULT_TRAINING, **section}
    errors: list[str] = []

    def checked(parse: Callable[[], Any], fallback: Any = None) -> Any:
        try:
            return parse()
        except TrainingConfigError as exc:
            errors.append(str(exc))
            return fallback

    loss = checked(lambda: _parse_loss(merged["loss"]))
    opt_type, opt_args = checked(lambda: _parse_optimizer(merged["optimizer"], check_torch_names), (None, {}))
    batch_size = checked(lambda: _parse_batch_size(merged["batch_size"]))
    epochs = merged["epochs"] if epochs is None else epochs
    checked(lambda: _positive_int(epochs, "training.epochs", MAX_EPOCHS))
    seed = merged["seed"] if seed is None else seed
    if isinstance(seed, bool) or not isinstance(seed, int):
        errors.append(f"training.seed: must be an integer, got {seed!r}")
    scheduler, scheduler_args = checked(lambda: _parse_scheduler(merged.get("scheduler"), check_torch_names),
                                        (None, {}))
    early = checked(lambda: _parse_early_stopping(merged.get("early_stopping")))
    log_every = merged.get("log_every")
    if log_every is not None:
        checked(lambda: _positive_int(log_every, "training.log_every"))
    device = device or merged.get("device", "auto")
    if device not in ("auto", "cpu", "cuda"):
        errors.append(f"training.device: must be auto, cpu or cuda, got {device!r}")
    init = merged.get("init")
    if init is not None and (not isinstance(init, str) or not init.strip()):
        errors.append(f"training.init: must be the path of a run folder or a .safetensors file, got {init!r}")
    if errors:
        raise TrainingConfigError("\n".join(errors))
    return TrainingConfig(loss, opt_type, dict(opt_args), batch_size, int(epochs), seed,
                          scheduler, scheduler_args, early, log_every, device, init)


def _parse_loss(loss: Any) -> str:
    if not isinstance(loss, str) or loss not in LOSSES:
        raise TrainingConfigError(f"training.loss: unknown loss {loss!r} (known: {', '.join(LOSSES)})")
    return loss


def _parse_optimizer(optimizer: Any, check_names: bool = True) -> tuple[str, dict[str, Any]]:
    if isinstance(optimizer, str):
        optimizer = {"type": optimizer}
    if not isinstance(optimizer, Mapping) or "type" not in optimizer:
        raise TrainingConfigError(f"training.optimizer: must be an object with a 'type', got {optimizer!r}")
    opt_type = optimizer["type"]
    if not isinstance(opt_type, str) or opt_type not in OPTIMIZERS:
        raise TrainingConfigError(
            f"training.optimizer.type: unknown optimiser {opt_type!r} (known: {', '.join(OPTIMIZERS)})"
        )
    opt_args = {k: v for k, v in optimizer.items() if k != "type"}
    opt_args.setdefault("lr", 0.01)
    if check_names:
        _check_kwargs(opt_type, OPTIMIZER_ARGS[opt_type], opt_args, "training.optimizer")
    _check_finite(opt_args, "training.optimizer")
    lr = opt_args["lr"]
    if isinstance(lr, bool) or not isinstance(lr, (int, float)) or not 0 < lr < 1e300:
        # a huge but finite rate is allowed (it shows what divergence looks like); the run
        # summary warns when the loss rose
        raise TrainingConfigError(f"training.optimizer.lr: must be a positive number (finite), got {str(lr)[:40]}")
    weight_decay = opt_args.get("weight_decay", 0.0)
    if isinstance(weight_decay, bool) or not isinstance(weight_decay, (int, float)) or weight_decay < 0:
        raise TrainingConfigError(f"training.optimizer.weight_decay: must be >= 0, got {weight_decay!r}")
    return opt_type, opt_args


def _parse_batch_size(batch: Any) -> int | None:
    if batch == "full":
        return None
    if isinstance(batch, int) and not isinstance(batch, bool) and batch >= 1:
        return batch
    raise TrainingConfigError(f"training.batch_size: must be a positive integer or \"full\", got {batch!r}")


def _positive_int(value: Any, where: str, maximum: int | None = None) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise TrainingConfigError(f"{where}: must be a positive integer, got {value!r}")
    if maximum is not None and value > maximum:
        raise TrainingConfigError(f"{where}: must be at most {maximum}, got {value:.3g}")


def _check_finite(args: Mapping[str, Any], where: str) -> None:
    """NaN passes range checks written as ``not x < 0`` (torch's among them): refuse it in every
    numeric argument. (Infinity is left to the ranges: an infinite ``eps`` is a valid choice.)"""
    for key, value in args.items():
        items = value if isinstance(value, (list, tuple)) else [value]
        for item in items:
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                if isinstance(item, float) and math.isnan(item):
                    raise TrainingConfigError(f"{where}.{key}: must be a number, got NaN")


def _parse_scheduler(raw: Any, check_names: bool = True) -> tuple[str | None, dict[str, Any]]:
    if raw is None:
        return None, {}
    if not isinstance(raw, Mapping) or not isinstance(raw.get("type"), str):
        raise TrainingConfigError(f"training.scheduler: must be an object with a 'type', got {raw!r}")
    name = raw["type"]
    args = {k: v for k, v in raw.items() if k != "type"}
    _check_finite(args, "training.scheduler")
    if check_names:
        if name not in SCHEDULER_ARGS:
            raise TrainingConfigError(f"training.scheduler.type: {name!r} is not a torch.optim.lr_scheduler class")
        _check_kwargs(name, SCHEDULER_ARGS[name], args, "training.scheduler")
    return name, args


def _parse_early_stopping(raw: Any) -> EarlyStopping | None:
    if raw is None or raw is False:
        return None
    if not isinstance(raw, Mapping):
        raise TrainingConfigError(f"training.early_stopping: must be an object, got {raw!r}")
    # keys beyond these may be added by other tools (the format allows extra keys): kept, unused;
    # one that is nearly a known key is a typo, which must not silently fall back to a default
    known = tuple(EarlyStopping.__dataclass_fields__)
    for key in raw:
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.75) if key not in known else []
        if close:
            raise TrainingConfigError(f"training.early_stopping: unknown key {key!r}; did you mean {close[0]!r}?")
    early = EarlyStopping(**{k: v for k, v in raw.items() if k in known})
    if early.monitor not in MONITORS:
        raise TrainingConfigError(
            f"training.early_stopping.monitor: must be one of {', '.join(MONITORS)}, got {early.monitor!r}"
        )
    _positive_int(early.patience, "training.early_stopping.patience")
    if isinstance(early.min_delta, bool) or not isinstance(early.min_delta, (int, float)) or early.min_delta < 0:
        raise TrainingConfigError(f"training.early_stopping.min_delta: must be a number >= 0, got {early.min_delta!r}")
    if not isinstance(early.restore_best, bool):
        raise TrainingConfigError(
            f"training.early_stopping.restore_best: must be true or false, got {early.restore_best!r}")
    return early


def _check_kwargs(class_name: str, accepted: tuple[str, ...], args: Mapping[str, Any], where: str) -> None:
    """Refuse keyword arguments the torch class does not take, naming them."""
    unknown = [k for k in args if k not in accepted]
    if unknown:
        raise TrainingConfigError(
            f"{where}: {class_name} takes no argument(s) {', '.join(unknown)} (it takes: {', '.join(accepted)})"
        )
