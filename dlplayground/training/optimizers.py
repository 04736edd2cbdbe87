"""torch's optimisers, built without importing torch's compiler.

In torch 2.13 every ``torch.optim`` optimiser imports ``torch._dynamo`` (the compiler: 1.4-1.6 s
here, most of it sympy and symbolic shapes) the first time it adds a parameter group, zeroes
gradients, saves or loads its state, or steps: those methods are wrapped to mark them as "do not
compile" and to break a compiled graph around the step. Both matter only under
``torch.compile``; runs here are eager (nothing is compiled), so the wrappers cost a cold
``dlplayground train`` more than its whole first epoch and buy nothing.

:func:`make_optimizer` builds a subclass of the named optimiser whose methods call torch's own
undecorated implementations (kept by ``functools.wraps`` as ``__wrapped__``): the update
arithmetic, the state and the ``state_dict`` format are torch's, bit for bit
(``tests/training/test_optimizers.py`` compares the trajectories with ``torch.optim``'s for every
optimiser). The step keeps torch's step hooks and its grad mode (the ``differentiable``
setting). Only wrappers known to be compile-only are stepped over, recognised by their code
object; where torch's methods are wrapped by anything else the plain torch class is used, which
is slower to start but never wrong.

``zero_grad`` and ``step`` open torch's profiler ranges (``record_function``) only while a
profiler records: opening and closing one costs several microseconds with none recording (7 us
alone here, two dispatcher calls and a handle), which a small model's 0.4 ms steps notice (two a
step), and nothing reads them then.
"""

from __future__ import annotations

from itertools import chain
from typing import Any, Callable, Iterable

import torch
from torch.optim import optimizer as torch_optimizer
from torch.optim.optimizer import Optimizer, _use_grad_for_differentiable

from dlplayground.graph.text import tx
from dlplayground.training.config import TrainingConfigError


def _compile_only_wrappers() -> frozenset[Any]:
    """The code objects of the wrappers that only matter under ``torch.compile``, taken from
    torch itself so that a changed wrapper is recognised as unknown."""

    def probe(*args: Any, **kwargs: Any) -> None:
        return None

    return frozenset({
        torch._disable_dynamo(probe).__code__,  # add_param_group, zero_grad, state_dict, load_state_dict
        _use_grad_for_differentiable(probe).__code__,  # every optimiser's step
    })


_COMPILE_ONLY = _compile_only_wrappers()
#: the profiler hook that ``Optimizer.__init__`` puts around a class's ``step`` (kept: it runs
#: step hooks); a class already instantiated once has it around torch's own step too
_PROFILE_HOOK = Optimizer.profile_hook_step(lambda *args, **kwargs: None).__code__


def _undecorated(method: Callable[..., Any]) -> Callable[..., Any] | None:
    """``method`` without its compile-only wrappers (and without a profiler hook, which the new
    class gets again); None when any other wrapper is in the way or none was found."""
    stripped = False
    while hasattr(method, "__wrapped__"):
        code = getattr(method, "__code__", None)
        if code in _COMPILE_ONLY:
            stripped = True
        elif code is not _PROFILE_HOOK:
            return None
        method = method.__wrapped__
    return method if stripped else None


_BASE_METHODS = ("add_param_group", "zero_grad", "state_dict", "load_state_dict")
#: whether any profiler records (torch's own check, in C++: it sees every kind of profiler)
_profiling = torch._C._autograd._profiler_enabled
#: torch's step hooks for every optimiser (``register_optimizer_step_pre_hook``); absent from a
#: torch that keeps them elsewhere, which then gets the plain class
_GLOBAL_HOOKS = (getattr(torch_optimizer, "_global_optimizer_pre_hooks", None),
                 getattr(torch_optimizer, "_global_optimizer_post_hooks", None))
_eager_classes: dict[type[Optimizer], type[Optimizer]] = {}


def eager_class(torch_class: type[Optimizer]) -> type[Optimizer]:
    """``torch_class`` with torch's undecorated methods, or ``torch_class`` itself where they
    cannot all be reached (see the module's docstring). One class per optimiser, made once."""
    if torch_class in _eager_classes:
        return _eager_classes[torch_class]
    step = _undecorated(torch_class.step)
    add_param_group, zero_grad, state_dict, load_state_dict = [
        _undecorated(getattr(Optimizer, name)) for name in _BASE_METHODS]
    overridden = any(getattr(torch_class, name) is not getattr(Optimizer, name) for name in _BASE_METHODS)
    pre_hooks, post_hooks = _GLOBAL_HOOKS
    if step is None or add_param_group is None or zero_grad is None or state_dict is None \
            or load_state_dict is None or overridden or pre_hooks is None or post_hooks is None:
        _eager_classes[torch_class] = torch_class
        return torch_class

    def hooked_step(*args: Any, **kwargs: Any) -> Any:
        # what torch's profile_hook_step does around a step, less its profiler range
        self = args[0]
        for pre_hook in chain(pre_hooks.values(), self._optimizer_step_pre_hooks.values()):
            result = pre_hook(self, args, kwargs)
            if result is not None:
                if not (isinstance(result, tuple) and len(result) == 2):
                    raise RuntimeError(f"{step} must return None or a tuple of (new_args, new_kwargs), "
                                       f"but got {result}.")
                args, kwargs = result
        # what the compile-only wrapper did besides its graph breaks: grad mode for the update
        previous = torch.is_grad_enabled()
        try:
            torch.set_grad_enabled(self.defaults["differentiable"])
            out = step(*args, **kwargs)
        finally:
            torch.set_grad_enabled(previous)
        self._optimizer_step_code()  # the profiler's entry point (python tracing)
        for post_hook in chain(self._optimizer_step_post_hooks.values(), post_hooks.values()):
            post_hook(self, args, kwargs)
        return out

    def step_eagerly(*args: Any, **kwargs: Any) -> Any:
        if _profiling():
            with torch.autograd.profiler.record_function(f"Optimizer.step#{type(args[0]).__name__}.step"):
                return hooked_step(*args, **kwargs)
        return hooked_step(*args, **kwargs)

    step_eagerly.hooked = True  # type: ignore[attr-defined]  # torch's marker: no profile_hook_step again

    def zero_grad_eagerly(self: Optimizer, set_to_none: bool = True) -> None:
        if set_to_none and not _profiling():  # torch's own loop, less its profiler range
            for group in self.param_groups:
                for param in group["params"]:
                    if param.grad is not None:
                        param.grad = None
            return
        zero_grad(self, set_to_none)

    namespace = {
        "__doc__": torch_class.__doc__,
        "__module__": __name__,
        "add_param_group": add_param_group, "zero_grad": zero_grad_eagerly,
        "state_dict": state_dict, "load_state_dict": load_state_dict,
        "step": step_eagerly,
    }
    made = type(torch_class.__name__, (torch_class,), namespace)
    _eager_classes[torch_class] = made
    return made


def make_optimizer(name: str, params: Iterable[Any], args: dict[str, Any],
                   where: str = "training.optimizer") -> Optimizer:
    """The ``torch.optim`` optimiser ``name`` over ``params`` with ``args`` (names already checked
    against :data:`dlplayground.training.torch_api.OPTIMIZER_ARGS`); a value torch rejects is a
    :class:`TrainingConfigError` naming ``where``."""
    try:
        return eager_class(getattr(torch.optim, name))(params, **args)
    except (TypeError, ValueError) as exc:
        raise TrainingConfigError(tx("{where}: {name}: {error}", where=where, name=name, error=str(exc))) from None
