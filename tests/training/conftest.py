"""Small, fast projects for trainer tests."""

import pytest

from tests.helpers import chain_project


def spiral_mlp(hidden=32, activation="Tanh", samples=300, dataset="spiral", **training):
    train = {"loss": "CrossEntropyLoss", "optimizer": {"type": "Adam", "lr": 0.02}, "batch_size": 32,
             "epochs": 3, "seed": 0, **training}
    return chain_project(
        ("fc1", "Linear", {"out_features": hidden}), ("a1", activation, {}),
        ("fc2", "Linear", {"out_features": hidden}), ("a2", activation, {}),
        ("fc3", "Linear", {"out_features": 3}),
        data={"name": dataset, "params": {"samples": samples, "classes": 3}, "val_split": 0.2, "seed": 0},
        training=train,
    )


@pytest.fixture
def make_spiral():
    return spiral_mlp
