"""The recorded optimiser and scheduler signatures are the installed torch's."""

import pprint

from dlplayground.training import torch_api
from dlplayground.training.config import OPTIMIZERS


def test_recorded_signatures_match_the_installed_torch():
    optimizer_args, scheduler_args = torch_api.from_torch(OPTIMIZERS)
    assert torch_api.OPTIMIZER_ARGS == optimizer_args, pprint.pformat(optimizer_args, width=110)
    assert torch_api.SCHEDULER_ARGS == scheduler_args, pprint.pformat(scheduler_args, width=110)
