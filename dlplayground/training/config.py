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
from typing import Any, Callable, Literal, Mapping, cast

from dlplayground.graph.params import Param, _short
from dlplayground.graph.text import Text, joined, message_of, tx
from dlplayground.training.schema import (
    DEVICES,
    RECONSTRUCTING,
    REGRESSION_LOSS_NAMES,
    LOSSES,
    MAX_EPOCHS,
    MONITORS,
    OPTIMIZER_OPTIONS,
    OPTIMIZERS,
    SCHEDULER_PARAMS,
    TRAINING_KEYS,
    default,
    new_training_section,
    optimizer_default,
)
from dlplayground.training.torch_api import OPTIMIZER_ARGS, SCHEDULER_ARGS

#: schedulers stepped after every batch rather than every epoch
PER_STEP_SCHEDULERS = frozenset({"OneCycleLR", "CyclicLR"})
#: schedulers stepped after every epoch with the monitored loss (validation, else training)
METRIC_SCHEDULERS = frozenset({"ReduceLROnPlateau"})

#: what a missing top-level key of the section stands for (the schema's defaults)
DEFAULT_TRAINING: dict[str, Any] = new_training_section()

__all__ = ["DEFAULT_TRAINING", "DEVICES", "LOSSES", "MAX_EPOCHS", "METRIC_SCHEDULERS", "MONITORS", "OPTIMIZERS",
           "PER_STEP_SCHEDULERS", "EarlyStopping", "TrainingConfig", "TrainingConfigError", "parse_training"]


Device = Literal["auto", "cpu", "cuda", "mps"]


class TrainingConfigError(ValueError):
    """A ``training`` section that cannot be used; the message names the key."""


@dataclass(frozen=True)
class EarlyStopping:
    monitor: str = default("early_stopping.monitor")
    patience: int = default("early_stopping.patience")
    min_delta: float = default("early_stopping.min_delta")
    restore_best: bool = default("early_stopping.restore_best")

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
        device: ``auto`` (CUDA, else Apple's MPS, else the CPU), ``cpu``, ``cuda`` or ``mps``.
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
    device: Device = default("device")
    #: weights to start from: a run folder or a .safetensors file (relative to the project)
    init: str | None = None
    #: ``supervised`` or a generative objective (see :data:`OBJECTIVES`)
    objective: str = default("objective")
    #: a VAE's weight of the KL term
    kl_weight: float = default("kl_weight")
    #: a GAN's noise size (None: the generator Input's ``shape``)
    latent_dim: int | None = default("latent_dim")
    #: a GAN discriminator's optimiser and its arguments (None: the generator's settings)
    discriminator_optimizer: str | None = None
    discriminator_optimizer_args: dict[str, Any] = field(default_factory=dict)

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
        raise TrainingConfigError(tx("training: must be an object, got {section!r}", section=section))
    merged = {**DEFAULT_TRAINING, **section}
    if "loss" not in section and section.get("objective") in RECONSTRUCTING:
        merged["loss"] = "MSELoss"  # a reconstruction compares values: the default classifier loss cannot
    errors: list[str] = []

    def checked(parse: Callable[[], Any], fallback: Any = None) -> Any:
        try:
            return parse()
        except TrainingConfigError as exc:
            errors.append(message_of(exc))
            return fallback

    loss = checked(lambda: _parse_loss(merged.get("loss", default("loss"))))
    opt_type, opt_args = checked(lambda: _parse_optimizer(merged.get("optimizer", DEFAULT_TRAINING["optimizer"]),
                                                          check_torch_names), (None, {}))
    batch_size = checked(lambda: _parse_batch_size(merged.get("batch_size", default("batch_size"))))
    epochs = merged.get("epochs", default("epochs")) if epochs is None else epochs
    checked(lambda: _check("epochs", epochs))
    seed = merged.get("seed", default("seed")) if seed is None else seed
    checked(lambda: _check("seed", seed))
    scheduler, scheduler_args = checked(lambda: _parse_scheduler(merged.get("scheduler"), check_torch_names),
                                        (None, {}))
    early = checked(lambda: _parse_early_stopping(merged.get("early_stopping")))
    log_every = merged.get("log_every", default("log_every"))
    checked(lambda: _check("log_every", log_every))
    device = device or merged.get("device", default("device"))
    if device not in DEVICES:
        errors.append(tx("training.device: must be {devices} or {last}, got {device!r}",
                         devices=", ".join(DEVICES[:-1]), last=DEVICES[-1], device=device))
    init = merged.get("init", default("init"))
    if init is not None and (not isinstance(init, str) or not init.strip()):
        errors.append(tx("training.init: must be the path of a run folder or a .safetensors file, got {init!r}",
                         init=init))
    generative = checked(lambda: _parse_generative(merged, check_torch_names), {})
    if errors:
        raise TrainingConfigError(joined(errors, "\n"))
    return TrainingConfig(loss, opt_type, dict(opt_args), batch_size, int(epochs), seed,
                          scheduler, scheduler_args, early, log_every, cast(Device, device), init, **generative)


def _parse_generative(merged: Mapping[str, Any], check_names: bool) -> dict[str, Any]:
    """``objective``, ``kl_weight``, ``latent_dim`` and ``discriminator_optimizer``."""
    objective = merged.get("objective", default("objective"))
    _check("objective", objective)
    kl_weight = merged.get("kl_weight", default("kl_weight"))
    _check("kl_weight", kl_weight)
    if not math.isfinite(kl_weight):
        raise TrainingConfigError(tx("training.kl_weight: must be a finite number >= 0, got {value}",
                                     value=_short(kl_weight)))
    latent_dim = merged.get("latent_dim", default("latent_dim"))
    _check("latent_dim", latent_dim)
    if objective in RECONSTRUCTING and merged.get("loss") not in REGRESSION_LOSS_NAMES:
        raise TrainingConfigError(
            tx("training.loss: the {objective} objective compares its output with its input: use one of "
               "{losses}, not {loss!r}", objective=objective, losses=", ".join(REGRESSION_LOSS_NAMES),
               loss=str(merged.get("loss"))[:40]))
    d_type: str | None = None
    d_args: dict[str, Any] = {}
    raw = merged.get("discriminator_optimizer")
    if raw is not None:
        d_type, d_args = _parse_optimizer(raw, check_names, "training.discriminator_optimizer")
    return {"objective": objective, "kl_weight": float(kl_weight), "latent_dim": latent_dim,
            "discriminator_optimizer": d_type, "discriminator_optimizer_args": dict(d_args)}


def _parse_loss(loss: Any) -> str:
    if not isinstance(loss, str) or loss not in LOSSES:
        raise TrainingConfigError(tx("training.loss: unknown loss {loss!r} (known: {known})", loss=loss,
                                     known=", ".join(LOSSES)))
    return loss


def _parse_optimizer(optimizer: Any, check_names: bool = True,
                     where: str = "training.optimizer") -> tuple[str, dict[str, Any]]:
    """The optimiser's type and options; ``where`` names the key in the messages (the GAN's
    discriminator has an optimiser of its own)."""
    if isinstance(optimizer, str):
        optimizer = {"type": optimizer}
    if not isinstance(optimizer, Mapping):
        raise TrainingConfigError(tx("{where}: must be an object (its 'type' and options), got {optimizer!r}",
                                     where=where, optimizer=optimizer))
    opt_type = optimizer.get("type", default("optimizer.type"))
    if not isinstance(opt_type, str) or opt_type not in OPTIMIZERS:
        raise TrainingConfigError(tx("{where}.type: unknown optimiser {type!r} (known: {known})", where=where,
                                     type=opt_type, known=", ".join(OPTIMIZERS)))
    opt_args = {k: v for k, v in optimizer.items() if k != "type"}
    # the options the panel offers take the schema's defaults, so a project trains as the panel
    # shows it (torch's where they differ: AdamW's weight decay is 0.01)
    for name in OPTIMIZER_OPTIONS[opt_type]:
        opt_args.setdefault(name, optimizer_default(opt_type, name))
    if check_names:
        _check_kwargs(opt_type, OPTIMIZER_ARGS[opt_type], opt_args, where)
    _check_finite(opt_args, where)
    # a huge but finite rate is allowed (it shows what divergence looks like); the run summary
    # warns when the loss rose
    for name in ("lr", "momentum", "weight_decay"):
        if name in opt_args:
            _check(f"optimizer.{name}", opt_args[name], where=f"{where}.{name}")
    return opt_type, opt_args


def _parse_batch_size(batch: Any) -> int | None:
    if batch == "full":
        return None
    _check("batch_size", batch)
    return int(batch)


def _check(key: str, value: Any, param: Param | None = None, where: str | None = None) -> None:
    """Check ``value`` against the schema's ``key`` (or ``param``), in the parser's words."""
    param = param or TRAINING_KEYS[key]
    where = where or f"training.{key}"
    if param.check(value) is None:
        return
    words: str = ""
    for word in param.words:
        words = tx('{words} or "{word}"', words=words, word=word)
    if param.kind == "int":
        if param.minimum is not None and param.minimum == 1 and (not _is_int(value) or value < 1):
            raise TrainingConfigError(tx("{where}: must be a positive integer{words}, got {value}", where=where,
                                         words=words, value=_short(value)))
        if not _is_int(value):
            raise TrainingConfigError(tx("{where}: must be an integer{words}, got {value}", where=where,
                                         words=words, value=_short(value)))
        if param.minimum is not None and value < param.minimum:
            raise TrainingConfigError(tx("{where}: must be at least {minimum:g}, got {value}", where=where,
                                         minimum=param.minimum, value=_short(value)))
        raise TrainingConfigError(tx("{where}: must be at most {maximum:g}, got {value:.3g}", where=where,
                                     maximum=param.maximum, value=value))
    if param.kind == "float":
        raise TrainingConfigError(tx("{where}: must be {phrase}, got {value}", where=where,
                                     phrase=_number_phrase(param), value=_short(value, 40)))
    if param.kind == "bool":
        raise TrainingConfigError(tx("{where}: must be true or false, got {value}", where=where, value=_short(value)))
    if param.kind == "choice":
        raise TrainingConfigError(tx("{where}: must be one of {choices}, got {value}", where=where,
                                     choices=", ".join(map(str, param.choices)), value=_short(value)))
    raise TrainingConfigError(tx("{where}: {problem}", where=where, problem=param.check(value)))


def _number_phrase(param: Param) -> Text:
    """What a float option must be, as a phrase of the messages: ``a number >= 0 and <= 1``."""
    if param.minimum is None:
        phrase = tx("a finite number")
    elif param.exclusive_minimum:
        phrase = tx("a positive number (finite)") if param.minimum == 0 else tx("a number > {minimum:g}",
                                                                               minimum=param.minimum)
    else:
        phrase = tx("a number >= {minimum:g}", minimum=param.minimum)
    if param.maximum is not None:
        phrase = tx("{phrase} and <= {maximum:g}", phrase=phrase, maximum=param.maximum)
    return phrase


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_finite(args: Mapping[str, Any], where: str) -> None:
    """NaN passes range checks written as ``not x < 0`` (torch's among them): refuse it in every
    numeric argument. (Infinity is left to the ranges: an infinite ``eps`` is a valid choice.)"""
    for key, value in args.items():
        items = value if isinstance(value, (list, tuple)) else [value]
        for item in items:
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                if isinstance(item, float) and math.isnan(item):
                    raise TrainingConfigError(tx("{where}.{key}: must be a number, got NaN", where=where, key=key))


def _parse_scheduler(raw: Any, check_names: bool = True) -> tuple[str | None, dict[str, Any]]:
    if raw is None:
        return None, {}
    if not isinstance(raw, Mapping) or not isinstance(raw.get("type"), str):
        raise TrainingConfigError(tx("training.scheduler: must be an object with a 'type', got {raw!r}", raw=raw))
    name = raw["type"]
    args = {k: v for k, v in raw.items() if k != "type"}
    _check_finite(args, "training.scheduler")
    if check_names:
        if name not in SCHEDULER_ARGS:
            raise TrainingConfigError(tx("training.scheduler.type: {name!r} is not a torch.optim.lr_scheduler class",
                                         name=name))
        _check_kwargs(name, SCHEDULER_ARGS[name], args, "training.scheduler")
    # the options the panel offers take the schema's defaults when missing, as the panel shows
    for param in SCHEDULER_PARAMS.get(name, ()):
        if param.name in args:
            _check("", args[param.name], param, f"training.scheduler.{param.name}")
        else:
            args[param.name] = param.default
    return name, args


def _parse_early_stopping(raw: Any) -> EarlyStopping | None:
    if raw is None or raw is False:
        return None
    if not isinstance(raw, Mapping):
        raise TrainingConfigError(tx("training.early_stopping: must be an object, got {raw!r}", raw=raw))
    # keys beyond these may be added by other tools (the format allows extra keys): kept, unused;
    # one that is nearly a known key is a typo, which must not silently fall back to a default
    known = tuple(EarlyStopping.__dataclass_fields__)
    for key in raw:
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.75) if key not in known else []
        if close:
            raise TrainingConfigError(tx("training.early_stopping: unknown key {key!r}; did you mean {close!r}?",
                                         key=key, close=close[0]))
    early = EarlyStopping(**{k: v for k, v in raw.items() if k in known})
    for name in known:
        _check(f"early_stopping.{name}", getattr(early, name))
    return early


def _check_kwargs(class_name: str, accepted: tuple[str, ...], args: Mapping[str, Any], where: str) -> None:
    """Refuse keyword arguments the torch class does not take, naming them."""
    unknown = [k for k in args if k not in accepted]
    if unknown:
        raise TrainingConfigError(
            tx("{where}: {class_name} takes no argument(s) {unknown} (it takes: {accepted})", where=where,
               class_name=class_name, unknown=", ".join(unknown), accepted=", ".join(accepted)))
