"""The optimisers runs use: torch's own, stepped without importing torch's compiler."""

from __future__ import annotations

import copy
import functools
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import torch
from torch import nn
from torch.optim.optimizer import register_optimizer_step_post_hook, register_optimizer_step_pre_hook

from dlplayground.training.config import TrainingConfigError
from dlplayground.training.optimizers import eager_class, make_optimizer
from dlplayground.training.torch_api import OPTIMIZER_ARGS

ROOT = Path(__file__).resolve().parents[2]

#: settings that take each optimiser through its less common branches too
SETTINGS = {
    "SGD": {"lr": 0.1, "momentum": 0.9, "nesterov": True, "weight_decay": 1e-3},
    "Adam": {"lr": 0.01, "amsgrad": True, "weight_decay": 1e-3},
    "AdamW": {"lr": 0.01, "weight_decay": 0.05},
    "RMSprop": {"lr": 0.01, "momentum": 0.5, "centered": True},
    "Adagrad": {"lr": 0.1, "lr_decay": 0.01},
    "Adadelta": {"lr": 1.0, "rho": 0.8},
    "NAdam": {"lr": 0.01, "momentum_decay": 0.005},
    "RAdam": {"lr": 0.01, "decoupled_weight_decay": True, "weight_decay": 0.01},
    "Adamax": {"lr": 0.01},
}


def _model() -> nn.Module:
    torch.manual_seed(3)
    return nn.Sequential(nn.Linear(4, 16), nn.Tanh(), nn.Linear(16, 3))


def _train(optimizer: torch.optim.Optimizer, model: nn.Module, steps: int) -> list[float]:
    torch.manual_seed(7)
    losses = []
    for _ in range(steps):
        x, y = torch.randn(8, 4), torch.randint(0, 3, (8,))
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def test_settings_cover_every_optimiser_a_project_may_name():
    assert set(SETTINGS) == set(OPTIMIZER_ARGS)


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_every_optimiser_skips_the_compile_wrappers(name):
    """On the pinned torch every optimiser gets the fast class; a torch whose wrappers changed
    falls back to the plain class, and this test says so."""
    torch_class = getattr(torch.optim, name)
    made = eager_class(torch_class)
    assert made is not torch_class and issubclass(made, torch_class)
    assert made.__name__ == name and eager_class(torch_class) is made


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_updates_and_state_are_torchs_bit_for_bit(name):
    plain_model, eager_model = _model(), _model()
    plain = getattr(torch.optim, name)(plain_model.parameters(), **SETTINGS[name])
    eager = make_optimizer(name, eager_model.parameters(), SETTINGS[name])
    assert _train(plain, plain_model, 6) == _train(eager, eager_model, 6)
    for a, b in zip(plain_model.parameters(), eager_model.parameters()):
        assert torch.equal(a, b)

    # the saved state has torch's format both ways: a run resumed in either continues alike
    saved = eager.state_dict()
    assert saved["param_groups"] == plain.state_dict()["param_groups"]
    resumed = make_optimizer(name, eager_model.parameters(), SETTINGS[name])
    resumed.load_state_dict(copy.deepcopy(plain.state_dict()))  # state tensors are shared otherwise
    _train(plain, plain_model, 3)
    _train(resumed, eager_model, 3)
    for a, b in zip(plain_model.parameters(), eager_model.parameters()):
        assert torch.equal(a, b)


def test_step_keeps_hooks_grad_mode_and_schedulers():
    model = _model()
    optimizer = make_optimizer("SGD", model.parameters(), {"lr": 0.5})
    seen = []
    optimizer.register_step_pre_hook(lambda opt, args, kwargs: seen.append("pre"))
    optimizer.register_step_post_hook(lambda opt, args, kwargs: seen.append(torch.is_grad_enabled()))
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=1, gamma=0.5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "lr_scheduler.step() before optimizer.step()" would raise
        _train(optimizer, model, 1)
        scheduler.step()
    assert seen == ["pre", True]  # the step ran without grad and restored it after
    assert optimizer.param_groups[0]["lr"] == 0.25


def test_a_wrapper_it_does_not_know_leaves_torchs_class():
    class Wrapped(torch.optim.SGD):
        @functools.wraps(torch.optim.SGD.step)
        def step(self, closure=None):
            return super().step(closure)

    assert eager_class(Wrapped) is Wrapped


def test_a_value_torch_rejects_names_the_setting():
    with pytest.raises(TrainingConfigError, match=r"training.discriminator_optimizer: Adam: Invalid learning rate: -1.0"):
        make_optimizer("Adam", _model().parameters(), {"lr": -1.0}, "training.discriminator_optimizer")


def test_a_cold_train_never_imports_the_compiler(tmp_path):
    """The compiler import (1.4-1.6 s) was most of a cold ``dlplayground train``."""
    code = ("import sys; from dlplayground.cli import main; "
            f"main(['train', {str(ROOT / 'assets/examples/spiral_mlp.dlp.json')!r}, '--epochs', '1', "
            f"'--quiet', '--out', {str(tmp_path / 'run')!r}]); "
            "print('compiler imported:', 'torch._dynamo' in sys.modules)")
    env = {**os.environ, "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "compiler imported: False" in done.stdout


def test_step_hooks_may_change_its_arguments_and_global_hooks_run():
    model = _model()
    optimizer = make_optimizer("SGD", model.parameters(), {"lr": 0.5})
    calls = []

    def closure():
        calls.append("closure")
        return torch.tensor(1.0)

    optimizer.register_step_pre_hook(lambda opt, args, kwargs: ((opt,), {"closure": closure}))
    handles = [register_optimizer_step_pre_hook(lambda *a: calls.append("global pre")),
               register_optimizer_step_post_hook(lambda *a: calls.append("global post"))]
    try:
        _train(optimizer, model, 1)
    finally:
        for handle in handles:
            handle.remove()
    assert calls == ["global pre", "closure", "global post"]


def test_a_profiler_still_sees_the_optimisers_ranges():
    """The ranges are skipped only while nothing records them."""
    model = _model()
    optimizer = make_optimizer("Adam", model.parameters(), {"lr": 0.01})
    with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU]) as profile:
        _train(optimizer, model, 2)
    names = {event.name for event in profile.events()}
    assert {"Optimizer.step#Adam.step", "Optimizer.zero_grad#Adam.zero_grad"} <= names
