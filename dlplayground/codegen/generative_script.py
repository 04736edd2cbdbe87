"""The parts of an exported training script that differ for a generative project.

The network classes (a VAE's forward pass also hands back mu and logvar; a GAN adds a
``Discriminator`` class), the settings (objective, ``kl_weight``, ``latent_dim``, the
discriminator's optimiser) and the loop, :mod:`dlplayground.codegen.generative_loop` copied in
verbatim in place of the supervised ``train``/``main`` of :mod:`dlplayground.codegen.loop`.
"""

from __future__ import annotations

import ast
import inspect

from dlplayground.codegen import generative_loop, loop
from dlplayground.compile.generative import infer_networks, vae_taps
from dlplayground.graph.document import Project
from dlplayground.training.config import TrainingConfig
from dlplayground.training.setup import TrainingSetup

#: functions of the supervised loop a generative script leaves out (it has its own)
_SUPERVISED_ONLY = {"evaluate", "train", "main"}


def network_sections(setup: TrainingSetup, document: Project, model_source, playground_classes) -> list[tuple[str, str]]:
    """(section title, source) of the playground layers and the network class(es)."""
    config = setup.config
    sections = []
    layers = playground_classes(document.graph, setup.inference)
    if config.objective == "gan":
        assert document.discriminator is not None
        checked = infer_networks(document.graph, document.discriminator, document.training,
                                 setup.dataset.input_shape, count_params=False)
        assert checked.discriminator is not None
        extra = playground_classes(document.discriminator, checked.discriminator)
        layers = "\n\n\n".join(dict.fromkeys(part for part in (layers.strip(), extra.strip()) if part))
        if layers:
            sections.append(("the playground's own layers", layers + "\n"))
        sections.append(("the generator (noise to a sample)", model_source(document.graph, setup.inference)))
        sections.append(("the discriminator (a sample to one logit)",
                         model_source(document.discriminator, checked.discriminator, "Discriminator")))
        return sections
    if layers:
        sections.append(("the playground's own layers", layers))
    taps = None
    if config.objective == "vae":
        found = vae_taps(document.graph)
        taps = (found.mu, found.logvar)
    sections.append(("the network", model_source(document.graph, setup.inference, taps=taps)))
    return sections


def settings_source(config: TrainingConfig, literal) -> str:
    """The objective's settings as plain code (``SETTINGS`` for ``main_generative``)."""
    def optimizer(name: str, args: dict) -> str:
        return f"torch.optim.{name}(params" + "".join(f", {k}={literal(v)}" for k, v in args.items()) + ")"

    scheduler, step = "    return None", None
    if config.scheduler is not None:
        args = dict(config.scheduler_args)
        extra = ""
        if config.scheduler == "OneCycleLR":
            args.setdefault("max_lr", config.lr)
            if "total_steps" not in args:
                extra = ", total_steps=steps_per_epoch * epochs"
        call = "".join(f", {k}={literal(v)}" for k, v in args.items())
        scheduler = f"    return torch.optim.lr_scheduler.{config.scheduler}(optimizer{call}{extra})"
        step = config.scheduler_interval
    early = config.early_stopping
    early_text = "None" if early is None else (
        f"{{'monitor': {early.monitor!r}, 'patience': {early.patience}, "
        f"'min_delta': {literal(early.min_delta)}, 'restore_best': {early.restore_best}}}")
    d_name = config.discriminator_optimizer or config.optimizer
    d_args = config.discriminator_optimizer_args if config.discriminator_optimizer else config.optimizer_args
    batch = "None" if config.batch_size is None else str(config.batch_size)
    lines = [
        "def make_loss():",
        f"    return nn.{config.loss}()",
        "",
        "",
        "def make_optimizer(params):",
        f"    return {optimizer(config.optimizer, config.optimizer_args)}",
        "",
        "",
    ]
    if config.objective == "gan":
        lines += ["def make_discriminator_optimizer(params):", f"    return {optimizer(d_name, d_args)}", "", ""]
    lines += [
        "def make_scheduler(optimizer, steps_per_epoch, epochs):",
        scheduler,
        "",
        "",
        "SETTINGS = {",
        f"    'objective': {config.objective!r},  # autoencoder, vae or gan",
        f"    'epochs': {config.epochs},",
        f"    'seed': {config.seed},",
        f"    'batch_size': {batch},  # None: the whole training set at every step",
        "    'loss': make_loss,",
        f"    'loss_name': {config.loss!r},",
        f"    'kl_weight': {literal(config.kl_weight)},  # a VAE's weight of the KL term",
        f"    'latent_dim': {config.latent_dim if config.latent_dim is not None else 'None'},  # a GAN's noise size",
        "    'optimizer': make_optimizer,",
        f"    'discriminator_optimizer': {'make_discriminator_optimizer' if config.objective == 'gan' else 'None'},",
        "    'scheduler': make_scheduler,",
        f"    'scheduler_step': {step!r},  # 'epoch', 'step' (after every batch), 'plateau' or None",
        f"    'early_stopping': {early_text},",
        "}",
    ]
    return "\n".join(lines) + "\n"


def loop_body() -> str:
    """The supervised loop's helpers (without its train/evaluate/main), then the generative loop."""
    return _body(loop, skip=_SUPERVISED_ONLY) + "\n\n" + _body(generative_loop)


def main_call(config: TrainingConfig, name: str, run_name: str) -> str:
    discriminator = "Discriminator" if config.objective == "gan" else "None"
    return ('\nif __name__ == "__main__":\n'
            f"    raise SystemExit(main_generative(Model, SETTINGS, {name!r}, Path(__file__).resolve().parent, "
            f"{discriminator}, {run_name!r}))\n")


def _body(module, skip: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    """A module's source after its imports (and docstring), leaving out the functions ``skip``."""
    source = inspect.getsource(module)
    lines = source.splitlines(keepends=True)
    tree = ast.parse(source)
    chunks, started = [], False
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            started = True
            continue
        if not started or (isinstance(node, ast.FunctionDef) and node.name in skip):
            continue
        first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])]) - 1
        # the comment lines right above a statement belong to it
        while first > 0 and lines[first - 1].lstrip().startswith("#"):
            first -= 1
        chunks.append("".join(lines[first:node.end_lineno]))
    return "\n\n".join(chunk.rstrip("\n") + "\n" for chunk in chunks)
