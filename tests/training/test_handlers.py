"""The trainer's features as handlers: ordering by priority, and objectives with several networks."""

import torch
from torch import nn

from dlplayground.training import Events, prepare_training
from dlplayground.training.events import EARLY, LATE, EventDispatcher
from dlplayground.training.objective import Objective, SupervisedObjective, make_objective
from tests.training.conftest import spiral_mlp


def test_handlers_fire_by_priority_then_in_registration_order():
    dispatcher = EventDispatcher()
    seen = []
    dispatcher.on(Events.EPOCH_COMPLETED, lambda _: seen.append("late"), priority=LATE)
    dispatcher.on(Events.EPOCH_COMPLETED, lambda _: seen.append("a"))
    dispatcher.on(Events.EPOCH_COMPLETED, lambda _: seen.append("early"), priority=EARLY)
    dispatcher.on(Events.EPOCH_COMPLETED, lambda _: seen.append("b"))
    dispatcher.fire(Events.EPOCH_COMPLETED, None)
    assert seen == ["early", "a", "b", "late"]


def test_caller_sees_an_epoch_before_the_schedule_and_early_stopping_act_on_it():
    project = spiral_mlp(epochs=6, scheduler={"type": "StepLR", "step_size": 1, "gamma": 0.5},
                         early_stopping={"monitor": "train_acc", "patience": 1, "min_delta": 1.0})
    trainer = prepare_training(project).trainer()
    seen = []
    trainer.on(Events.EPOCH_COMPLETED, lambda t: seen.append((t.state.lr, t.state.stop_reason)))
    state = trainer.run()
    # StepLR halves the rate after each epoch: the caller's handler still sees the epoch's own rate
    assert [lr for lr, _ in seen] == [row.lr for row in state.history]
    assert [lr for lr, _ in seen][:2] == [0.02, 0.01]
    # an accuracy cannot improve by more than 1: early stopping ends the run after epoch 2,
    # and its handler ran after the caller's
    assert state.stop_reason == "early_stopping" and len(state.history) == 2
    assert all(reason is None for _, reason in seen)


class TwoNetworks(Objective):
    """The project's network plus a second one trained beside it with its own optimiser (the
    shape of a GAN's two players): proves the loop needs no branch for a second network."""

    def __init__(self, trainer_model, plan, lr):
        self.model, self.plan = trainer_model, plan
        self.side = nn.Linear(2, 1)
        self.networks = {"model": trainer_model, "side": self.side}
        self.optimizers = {name: torch.optim.SGD(net.parameters(), lr=lr) for name, net in self.networks.items()}

    def backward(self, inputs, targets):
        for optimizer in self.optimizers.values():
            optimizer.zero_grad()
        outputs = self.model(inputs)
        loss = self.plan.loss(outputs, targets) + self.side(inputs).pow(2).mean()
        loss.backward()
        return loss, outputs.detach()

    def evaluate(self, inputs, targets):
        outputs = self.model(inputs)
        return self.plan.loss(outputs, targets).item(), outputs

    def encode(self, labels):
        return self.plan.encode(labels)

    @property
    def predict(self):
        return self.plan.predict


def test_an_objective_may_own_several_networks_and_optimisers():
    setup = prepare_training(spiral_mlp(epochs=2))
    plan = make_objective(setup.config, setup.dataset, setup.model.output_shape)
    objective = TwoNetworks(setup.model, plan, lr=0.1)
    side_before = objective.side.weight.detach().clone()
    model_before = setup.model.layers["fc1"].weight.detach().clone()
    trainer = setup.trainer(objective=objective)
    state = trainer.run()
    assert state.stop_reason == "completed" and len(state.history) == 2
    # both networks were stepped by their own optimiser, and the side network's pull to zero shows
    assert not torch.equal(setup.model.layers["fc1"].weight, model_before)
    assert objective.side.weight.norm() < side_before.norm()
    assert state.history[-1].val_acc is not None and not objective.side.training


def test_the_default_objective_is_supervised_with_the_settings_optimiser():
    trainer = prepare_training(spiral_mlp(epochs=1, optimizer={"type": "SGD", "lr": 0.05})).trainer()
    assert isinstance(trainer.objective, SupervisedObjective)
    assert isinstance(trainer.optimizer, torch.optim.SGD) and trainer.optimizer.param_groups[0]["lr"] == 0.05
