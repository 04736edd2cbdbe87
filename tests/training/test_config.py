"""The training section: defaults, overrides, and errors that name the key."""

import pytest

from dlplayground.training import TrainingConfigError, parse_training


def test_defaults_and_overrides():
    config = parse_training({"optimizer": {"type": "SGD", "lr": 0.1, "momentum": 0.9}, "batch_size": "full"},
                            epochs=3, seed=7)
    # the options the panel offers and the file leaves out take the schema's defaults
    assert config.optimizer == "SGD" and config.optimizer_args == {"lr": 0.1, "momentum": 0.9, "weight_decay": 0.0}
    assert config.batch_size is None and config.epochs == 3 and config.seed == 7
    assert config.loss == "CrossEntropyLoss" and config.device == "auto"


def test_a_missing_option_takes_torchs_default_where_it_differs_from_the_schemas():
    # a hand-written AdamW without weight_decay trains as torch.optim.AdamW would (0.01); the
    # panel shows the same value (tests/qt/test_training_defaults.py)
    assert parse_training({"optimizer": {"type": "AdamW"}}).optimizer_args["weight_decay"] == 0.01
    assert parse_training({"optimizer": {"type": "Adam"}}).optimizer_args["weight_decay"] == 0.0
    assert parse_training({"optimizer": {"lr": 0.2}}).optimizer == "Adam"
    assert parse_training({"scheduler": {"type": "StepLR"}}).scheduler_args == {"step_size": 30, "gamma": 0.1}


def test_scheduler_and_early_stopping():
    config = parse_training({"scheduler": {"type": "StepLR", "step_size": 5, "gamma": 0.5},
                             "early_stopping": {"monitor": "val_acc", "patience": 3}})
    assert config.scheduler == "StepLR" and config.scheduler_args == {"step_size": 5, "gamma": 0.5}
    assert config.early_stopping.maximise and config.early_stopping.patience == 3


@pytest.mark.parametrize("section, message", [
    ({"loss": "HingeLoss"}, "training.loss: unknown loss 'HingeLoss'"),
    ({"optimizer": {"type": "LBFGSX"}}, "training.optimizer.type: unknown optimiser 'LBFGSX'"),
    ({"optimizer": {"type": "Adam", "momentum": 0.9}}, "training.optimizer: Adam takes no argument(s) momentum"),
    ({"optimizer": {"type": "SGD", "lr": -1}}, "training.optimizer.lr: must be a positive number"),
    ({"optimizer": {"type": "SGD", "lr": 0.1, "weight_decay": -0.1}}, "training.optimizer.weight_decay"),
    ({"batch_size": 0}, "training.batch_size: must be a positive integer or \"full\""),
    ({"batch_size": "half"}, "training.batch_size"),
    ({"epochs": 0}, "training.epochs: must be a positive integer"),
    ({"seed": 1.5}, "training.seed: must be an integer"),
    ({"scheduler": {"type": "Nope"}}, "training.scheduler.type: 'Nope' is not a torch.optim.lr_scheduler"),
    ({"scheduler": {"type": "StepLR", "size": 2}}, "training.scheduler: StepLR takes no argument(s) size"),
    ({"early_stopping": {"monitor": "accuracy"}}, "training.early_stopping.monitor"),
    ({"early_stopping": {"patience": 0}}, "training.early_stopping.patience"),
    ({"early_stopping": {"min_delta": "0.1"}}, "training.early_stopping.min_delta: must be a number >= 0"),
    ({"early_stopping": {"patiance": 3}}, "unknown key 'patiance'; did you mean 'patience'?"),
    ({"loss": ["MSELoss"]}, "training.loss: unknown loss ['MSELoss']"),
    ({"optimizer": {"type": {"name": "Adam"}}}, "training.optimizer.type: unknown optimiser"),
    ({"early_stopping": {"restore_best": "yes"}}, "training.early_stopping.restore_best: must be true or false"),
    ({"device": "tpu"}, "training.device"),
])
def test_bad_settings_name_the_key(section, message):
    with pytest.raises(TrainingConfigError) as info:
        parse_training(section)
    assert message in str(info.value)


def test_extra_keys_in_early_stopping_are_allowed_as_the_format_says():
    config = parse_training({"early_stopping": {"monitor": "val_loss", "patience": 2, "note": "from another tool"}})
    assert config.early_stopping is not None and config.early_stopping.patience == 2


def test_every_wrong_key_is_reported_at_once():
    with pytest.raises(TrainingConfigError) as info:
        parse_training({"loss": "Nope", "batch_size": 0, "epochs": -2, "device": "tpu"})
    lines = str(info.value).splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "training.loss", "training.batch_size", "training.epochs", "training.device"]
