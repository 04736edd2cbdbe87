"""The keyword arguments torch's optimisers and schedulers take, recorded from torch 2.13.0.

Checking a project's ``training`` section against these lists needs no torch, so that
``dlplayground summary`` and the editor's live checks report a misspelt ``training.optimizer``
key without the seconds ``import torch`` costs. :func:`from_torch` reads the same lists from the
installed torch; ``tests/training/test_torch_api.py`` fails when the two differ (torch is
pinned, so they change only with the pin; paste what the test prints to update).
"""

from __future__ import annotations

import inspect

#: optimiser class name -> the keyword arguments its constructor takes (``params`` left out)
OPTIMIZER_ARGS: dict[str, tuple[str, ...]] = {
    'SGD': ('lr', 'momentum', 'dampening', 'weight_decay', 'nesterov', 'maximize', 'foreach', 'differentiable', 'fused'),
    'Adam': ('lr', 'betas', 'eps', 'weight_decay', 'amsgrad', 'foreach', 'maximize', 'capturable', 'differentiable', 'fused', 'decoupled_weight_decay'),
    'AdamW': ('lr', 'betas', 'eps', 'weight_decay', 'amsgrad', 'maximize', 'foreach', 'capturable', 'differentiable', 'fused'),
    'RMSprop': ('lr', 'alpha', 'eps', 'weight_decay', 'momentum', 'centered', 'capturable', 'foreach', 'maximize', 'differentiable'),
    'Adagrad': ('lr', 'lr_decay', 'weight_decay', 'initial_accumulator_value', 'eps', 'foreach', 'maximize', 'differentiable', 'fused'),
    'Adadelta': ('lr', 'rho', 'eps', 'weight_decay', 'foreach', 'capturable', 'maximize', 'differentiable'),
    'NAdam': ('lr', 'betas', 'eps', 'weight_decay', 'momentum_decay', 'decoupled_weight_decay', 'foreach', 'maximize', 'capturable', 'differentiable'),
    'RAdam': ('lr', 'betas', 'eps', 'weight_decay', 'decoupled_weight_decay', 'foreach', 'maximize', 'capturable', 'differentiable'),
    'Adamax': ('lr', 'betas', 'eps', 'weight_decay', 'foreach', 'maximize', 'differentiable', 'capturable'),
}

#: every ``torch.optim.lr_scheduler`` class -> its keyword arguments (``optimizer`` left out)
SCHEDULER_ARGS: dict[str, tuple[str, ...]] = {
    'ChainedScheduler': ('schedulers',),
    'ConstantLR': ('factor', 'total_iters', 'last_epoch'),
    'CosineAnnealingLR': ('T_max', 'eta_min', 'last_epoch'),
    'CosineAnnealingWarmRestarts': ('T_0', 'T_mult', 'eta_min', 'last_epoch'),
    'CyclicLR': ('base_lr', 'max_lr', 'step_size_up', 'step_size_down', 'mode', 'gamma', 'scale_fn', 'scale_mode', 'cycle_momentum', 'base_momentum', 'max_momentum', 'last_epoch'),
    'ExponentialLR': ('gamma', 'last_epoch'),
    'LRScheduler': ('last_epoch',),
    'LambdaLR': ('lr_lambda', 'last_epoch'),
    'LinearLR': ('start_factor', 'end_factor', 'total_iters', 'last_epoch'),
    'MultiStepLR': ('milestones', 'gamma', 'last_epoch'),
    'MultiplicativeLR': ('lr_lambda', 'last_epoch'),
    'OneCycleLR': ('max_lr', 'total_steps', 'epochs', 'steps_per_epoch', 'pct_start', 'anneal_strategy', 'cycle_momentum', 'base_momentum', 'max_momentum', 'div_factor', 'final_div_factor', 'three_phase', 'last_epoch'),
    'Optimizer': ('params', 'defaults'),
    'PolynomialLR': ('total_iters', 'power', 'last_epoch'),
    'ReduceLROnPlateau': ('mode', 'factor', 'patience', 'threshold', 'threshold_mode', 'cooldown', 'min_lr', 'eps'),
    'SequentialLR': ('schedulers', 'milestones', 'last_epoch'),
    'StepLR': ('step_size', 'gamma', 'last_epoch'),
}


def accepted(cls: type, skip: tuple[str, ...]) -> tuple[str, ...]:
    """The names ``cls(...)`` takes by keyword, in signature order, without ``skip``."""
    signature = inspect.signature(cls.__init__)
    return tuple(n for n, p in signature.parameters.items()
                 if n != "self" and n not in skip and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY))


def from_torch(optimizers: tuple[str, ...]) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The two tables read from the installed torch (imports it)."""
    import torch

    optimizer_args = {name: accepted(getattr(torch.optim, name), ("params",)) for name in optimizers}
    scheduler_args = {}
    for name in dir(torch.optim.lr_scheduler):
        cls = getattr(torch.optim.lr_scheduler, name)
        if inspect.isclass(cls) and name[0].isupper() and hasattr(cls, "step"):
            scheduler_args[name] = accepted(cls, ("optimizer",))
    return optimizer_args, scheduler_args
