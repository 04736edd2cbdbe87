"""uint8 images become standardised float batches inside the trainer; augmentation touches
training batches only, drawn from the data seed, fresh every epoch."""

import numpy as np
import torch

from dlplayground.data import load_dataset
from dlplayground.data.augment import Augment
from dlplayground.training.batches import BatchView, input_tensor
from dlplayground.training.setup import prepare_training
from tests.data.realdata_files import write_mnist
from tests.helpers import chain_project


def _data(tmp_path, **extra):
    write_mnist(tmp_path, n_train=64, n_test=16)
    return {"name": "mnist", "params": {"path": str(tmp_path)}, "val_split": 0.25, "seed": 3, **extra}


def test_batches_equal_the_standardised_arrays_and_stay_uint8(tmp_path):
    data = load_dataset(_data(tmp_path))
    view = input_tensor(data.x_train, data, torch.device("cpu"), train=True)
    assert isinstance(view, BatchView) and view.raw.dtype == torch.uint8
    expected = (data.x_train.raw.astype(np.float32) - data.mean) / data.std
    assert np.allclose(view[0:10].numpy(), expected[:10], atol=1e-6)
    order = torch.tensor([5, 1, 9])
    assert np.allclose(view[order][0:3].numpy(), expected[[5, 1, 9]], atol=1e-6)


def test_augment_applies_to_shuffled_training_batches_only(tmp_path):
    data = load_dataset(_data(tmp_path, augment={"hflip": True, "crop_padding": 3, "rotate": 15}))
    train = input_tensor(data.x_train, data, torch.device("cpu"), train=True)
    val = input_tensor(data.x_val, data, torch.device("cpu"), train=False)
    plain = torch.as_tensor(data.x_train[0:16])
    assert torch.allclose(train[0:16], plain, atol=1e-5)  # evaluation slices the unshuffled view
    assert torch.allclose(val[0:8], torch.as_tensor(data.x_val[0:8]), atol=1e-5)
    order = torch.arange(16)
    first, second = train[order][0:16], train[order][0:16]
    assert not torch.allclose(first, plain, atol=1e-3) and not torch.allclose(first, second)  # fresh draws
    again = input_tensor(data.x_train, data, torch.device("cpu"), train=True)
    assert torch.allclose(again[order][0:16], first)  # the data seed fixes them


def test_hflip_and_crop_move_pixels_as_expected():
    batch = torch.arange(2 * 1 * 4 * 4, dtype=torch.float32).reshape(2, 1, 4, 4)
    flipped = Augment(hflip=True)(batch, torch.Generator().manual_seed(0))
    for sample, out in zip(batch, flipped):
        assert torch.equal(out, sample) or torch.equal(out, sample.flip(-1))
    cropped = Augment(crop_padding=1)(batch, torch.Generator().manual_seed(1))
    assert cropped.shape == batch.shape
    # every output is a shifted window of the zero-padded input
    padded = torch.nn.functional.pad(batch, (1, 1, 1, 1))
    for n in range(2):
        assert any(torch.equal(cropped[n], padded[n, :, dy:dy + 4, dx:dx + 4]) for dy in range(3) for dx in range(3))


def test_trainer_trains_on_uint8_images_and_learns(tmp_path):
    project = chain_project(("flat", "Flatten", {}), ("fc", "Linear", {"out_features": 10}),
                            data=_data(tmp_path, augment={"hflip": True}),
                            training={"loss": "CrossEntropyLoss", "optimizer": {"type": "Adam", "lr": 0.02},
                                      "batch_size": 16, "epochs": 6, "seed": 0})
    setup = prepare_training(project)
    state = setup.trainer().run()
    assert state.stop_reason == "completed"
    assert state.history[-1].train_loss < state.history[0].train_loss
    rerun = prepare_training(project).trainer().run()
    assert [m.train_loss for m in rerun.history] == [m.train_loss for m in state.history]
