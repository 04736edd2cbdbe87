"""Data preparation holds the data as few times as it can (issue 13: peak memory)."""

import numpy as np

from dlplayground.data import dataset as dataset_module
from dlplayground.data.dataset import RawData, prepare


def raw(standardise=True, n=400):
    rng = np.random.default_rng(1)
    return RawData(rng.random((n, 6), dtype=np.float32) * 5 + 2, rng.integers(0, 3, n), "classification",
                   "features", ("a", "b", "c"), standardise=standardise)


def test_standardised_values_and_a_large_raw_training_split_not_kept_twice(monkeypatch):
    small = prepare("t", raw(), 0.25, 0)
    assert small.raw_train is not None and small.x_train.dtype == np.float32
    np.testing.assert_allclose(small.x_train, (small.raw_train - small.mean) / small.std, rtol=1e-6, atol=1e-6)
    monkeypatch.setattr(dataset_module, "RAW_TRAIN_KEEP_BYTES", 1000)
    large = prepare("t", raw(), 0.25, 0)
    assert large.raw_train is None and large.raw_val is not None  # the window still shows samples
    np.testing.assert_array_equal(large.x_train, small.x_train)
    np.testing.assert_allclose(large.x_train * large.std + large.mean, small.raw_train, rtol=1e-5)


def test_unstandardised_inputs_are_shared_not_copied(monkeypatch):
    monkeypatch.setattr(dataset_module, "RAW_TRAIN_KEEP_BYTES", 1000)
    data = prepare("t", raw(standardise=False), 0.25, 0)
    assert data.raw_train is data.x_train and data.raw_val is data.x_val
