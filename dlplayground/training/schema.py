"""The schema of the project's ``training`` section: every key's type, default, range, choices
and help text, in one place.

Built from :class:`~dlplayground.graph.params.Param` as the layers' options are. Keys are
dotted paths into the section (``optimizer.lr``, ``early_stopping.patience``). The parser
(:mod:`.config`), the Data & Training panel, ``summary``'s checks (through the parser) and the
training-script export (through the parsed settings) all read it: no other module states a
default, range or choice of a training key. Pure Python: no torch, no Qt.
"""

from __future__ import annotations

from typing import Any

from dlplayground.graph.params import Param
from dlplayground.training.torch_api import SCHEDULER_ARGS

#: losses a project may name, and the kind of outputs each needs (its help text)
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
MONITORS = ("val_loss", "val_acc", "train_loss", "train_acc")
#: where training may run: auto picks CUDA, then Apple's MPS, then the CPU
DEVICES = ("auto", "cpu", "cuda", "mps")
#: what a run learns: inputs to targets, or one of the generative objectives (which ignore labels)
OBJECTIVES = ("supervised", "autoencoder", "vae", "gan")
#: the objectives whose loss compares the model's output with its own input (as in compile.generative)
RECONSTRUCTING = ("autoencoder", "vae")
#: losses a reconstructing objective may use (they compare values element by element)
REGRESSION_LOSS_NAMES = ("MSELoss", "L1Loss", "HuberLoss", "SmoothL1Loss")
#: the most epochs a run may ask for (a million epochs of one step is already days)
MAX_EPOCHS = 1_000_000
#: the largest seed (what a spin box holds; torch and numpy take it)
MAX_SEED = 2**31 - 1

_KEYS = (
    Param("loss", "choice", "CrossEntropyLoss", "What training minimises", choices=tuple(LOSSES)),
    Param("optimizer.type", "choice", "Adam", "How weights are updated from gradients", choices=OPTIMIZERS),
    Param("optimizer.lr", "float", 0.01, "Learning rate: the size of each step", minimum=0.0,
          exclusive_minimum=True),
    Param("optimizer.momentum", "float", 0.0, "Keeps a running average of past steps (SGD, RMSprop)",
          minimum=0.0, maximum=0.999),
    Param("optimizer.weight_decay", "float", 0.0, "L2 penalty pulling weights towards zero", minimum=0.0),
    Param("batch_size", "int", 32, "Samples per step ('full': the whole training set at once)",
          minimum=1, words=("full",)),
    Param("epochs", "int", 50, "Passes over the training set", minimum=1, maximum=MAX_EPOCHS),
    Param("seed", "int", 0, "Fixes the initial weights and the batch order", minimum=0, maximum=MAX_SEED),
    Param("device", "choice", "auto", "Where to train: auto (CUDA, else Apple's MPS, else the CPU), cpu, cuda or mps", choices=DEVICES),
    Param("log_every", "int", None, "Steps between gradient-statistics records (unset: about five per epoch)",
          minimum=1, nullable=True),
    Param("init", "str", None, "Weights to start from: a run folder or a .safetensors file", nullable=True),
    Param("scheduler.type", "choice", None, "Changes the learning rate as training goes on",
          choices=tuple(SCHEDULER_ARGS), nullable=True),
    Param("early_stopping.monitor", "choice", "val_loss", "The metric watched", choices=MONITORS),
    Param("early_stopping.patience", "int", 10, "Epochs without improvement before stopping", minimum=1),
    Param("early_stopping.min_delta", "float", 0.0, "The least change that counts as an improvement",
          minimum=0.0),
    Param("early_stopping.restore_best", "bool", True, "Put back the best epoch's weights when stopping"),
    Param("objective", "choice", "supervised", "What the model learns: inputs to targets (supervised), to rebuild "
          "its input (autoencoder, vae) or to make samples like the data (gan)", choices=OBJECTIVES),
    Param("kl_weight", "float", 1.0, "A VAE's weight of the KL term against its reconstruction", minimum=0.0),
    Param("latent_dim", "int", None, "A GAN's noise size (unset: the generator Input's shape)",
          minimum=1, maximum=1_000_000, nullable=True),
)
#: every training key by its dotted path
TRAINING_KEYS: dict[str, Param] = {param.name: param for param in _KEYS}

#: the options of the schedulers the panel offers, by scheduler (others are written by hand
#: and checked against torch's signatures only)
SCHEDULER_PARAMS: dict[str, tuple[Param, ...]] = {
    "StepLR": (Param("step_size", "int", 30, "Epochs between learning-rate drops", minimum=1),
               Param("gamma", "float", 0.1, "Factor applied at each drop", minimum=1e-6, maximum=1.0)),
    "ExponentialLR": (Param("gamma", "float", 0.95, "Factor applied every epoch", minimum=1e-6, maximum=1.0),),
    "CosineAnnealingLR": (Param("T_max", "int", 100, "Epochs of one cosine half-period", minimum=1),),
}
#: the optimiser options the panel offers, by optimiser (others in a file are kept)
OPTIMIZER_OPTIONS: dict[str, tuple[str, ...]] = {
    name: ("lr", "momentum", "weight_decay") if name in ("SGD", "RMSprop") else ("lr", "weight_decay")
    for name in OPTIMIZERS
}
#: where torch's own default of an offered option differs from the schema's, by optimiser: a
#: project that leaves the option out trains with torch's value (the format passes the other
#: keys to the optimiser as its keyword arguments), and the panel shows that value
OPTIMIZER_DEFAULTS: dict[str, dict[str, Any]] = {"AdamW": {"weight_decay": 0.01}}
#: the keys a new project's training section is written with
NEW_PROJECT_KEYS = ("loss", "optimizer.type", "optimizer.lr", "optimizer.weight_decay", "batch_size",
                    "epochs", "seed")
#: the keys written when early stopping is switched on
EARLY_STOPPING_KEYS = ("early_stopping.monitor", "early_stopping.patience")


def default(key: str) -> Any:
    """The default of the dotted training ``key``."""
    return TRAINING_KEYS[key].default


def optimizer_default(optimizer: str | None, name: str) -> Any:
    """The value option ``name`` of ``optimizer`` takes when a project leaves it out."""
    return OPTIMIZER_DEFAULTS.get(optimizer or "", {}).get(name, default(f"optimizer.{name}"))


def section_with(keys: tuple[str, ...], prefix: str = "") -> dict[str, Any]:
    """A (nested) section holding ``keys`` at their defaults, ``prefix`` stripped from them."""
    section: dict[str, Any] = {}
    for key in keys:
        *parents, last = key[len(prefix):].split(".")
        target = section
        for part in parents:
            target = target.setdefault(part, {})
        target[last] = default(key)
    return section


def new_training_section() -> dict[str, Any]:
    """The training section of a new project (a fresh copy)."""
    return section_with(NEW_PROJECT_KEYS)


def scheduler_defaults(name: str) -> dict[str, Any]:
    """The defaults of the options the panel offers for scheduler ``name`` (none for others)."""
    return {param.name: param.default for param in SCHEDULER_PARAMS.get(name, ())}
