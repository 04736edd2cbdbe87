"""Built-in datasets: shapes, tasks, seeding, train-only standardisation, the real digits."""

import numpy as np
import pytest

from dlplayground.data import DATASETS, DataError, describe, load_dataset


def section(name, **params):
    return {"name": name, "params": params, "val_split": 0.25, "seed": 3}


@pytest.mark.parametrize("name", [n for n, s in DATASETS.items() if s.generate is not None])
def test_every_built_in_set_matches_its_description(name):
    data = load_dataset(section(name))
    info = describe(section(name))
    assert data.input_shape == info.input_shape
    assert data.task == info.task
    assert data.class_names == info.class_names
    assert len(data.x_train) + len(data.x_val) == len(data.y_train) + len(data.y_val)
    assert data.x_train.dtype == np.float32 and np.isfinite(data.x_train).all()
    if data.is_classification:
        assert data.y_train.dtype == np.int64
        assert set(np.unique(data.y_train)) == set(range(data.num_classes))
    else:
        assert data.y_train.dtype == np.float32 and data.y_train.ndim == 2


@pytest.mark.parametrize("name", ["circle", "xor", "gauss", "spiral", "moons", "plane", "reg_gauss"])
def test_two_d_sets_honour_samples_and_noise(name):
    quiet = load_dataset({"name": name, "params": {"samples": 300, "noise": 0.0}, "val_split": 0.0, "seed": 1})
    noisy = load_dataset({"name": name, "params": {"samples": 300, "noise": 1.0}, "val_split": 0.0, "seed": 1})
    assert len(quiet.x_train) == 300 and quiet.input_shape == (2,)
    if quiet.is_classification:  # noise moves the points
        assert not np.allclose(quiet.raw_train, noisy.raw_train)
    else:  # noise is on the targets
        assert np.allclose(quiet.raw_train, noisy.raw_train)
        assert not np.allclose(quiet.y_train, noisy.y_train)


def test_the_seed_fixes_generation_and_split():
    a, b = load_dataset(section("spiral", classes=3)), load_dataset(section("spiral", classes=3))
    c = load_dataset({**section("spiral", classes=3), "seed": 4})
    assert np.array_equal(a.x_train, b.x_train) and np.array_equal(a.y_val, b.y_val)
    assert not np.array_equal(a.x_train, c.x_train)


def test_standardisation_uses_the_training_split_only():
    data = load_dataset(section("moons", samples=400))
    assert np.allclose(data.x_train.mean(axis=0), 0, atol=1e-5)
    assert np.allclose(data.x_train.std(axis=0), 1, atol=1e-4)
    assert np.allclose(data.mean, data.raw_train.mean(axis=0), atol=1e-5)
    assert not np.allclose(data.mean, np.concatenate([data.raw_train, data.raw_val]).mean(axis=0), atol=1e-7)
    assert np.allclose(data.standardise(data.raw_val), data.x_val, atol=1e-6)


def test_images_are_standardised_per_channel():
    data = load_dataset(section("shapes", samples=60, size=12))
    assert data.input_shape == (1, 12, 12) and data.mean.shape == (1, 1, 1)
    assert abs(float(data.x_train.mean())) < 1e-5


def test_digits_are_the_real_handwritten_digits():
    data = load_dataset({"name": "digits", "val_split": 0.0, "seed": 0})
    assert len(data.x_train) == 1797 and data.input_shape == (1, 8, 8) and data.num_classes == 10
    raw = data.raw_train
    assert raw.min() == 0 and raw.max() == 16
    # the first sample of the UCI set is a zero; the seed-0 shuffle moved it, so find it by content
    zero = np.array([0, 0, 5, 13, 9, 1, 0, 0], np.float32)
    assert any(np.array_equal(img[0, 0], zero) for img in raw)
    assert np.bincount(data.y_train).min() >= 174


def test_sine_targets_are_the_next_value():
    data = load_dataset({"name": "sine", "params": {"samples": 50, "length": 12, "noise": 0.0}, "val_split": 0.0, "seed": 0})
    raw = data.raw_train[:, :, 0]
    assert raw.shape == (50, 12) and data.target_shape == (1,)
    # sin(a + 2d) = 2 cos(d) sin(a + d) - sin(a): the target continues the last two steps
    step = 2 * np.pi / DATASETS["sine"].schema.get("period").default
    expected = 2 * np.cos(step) * raw[:, -1] - raw[:, -2]
    assert np.allclose(data.y_train[:, 0], expected, atol=1e-5)


@pytest.mark.parametrize("bad, message", [
    ({"name": "nope"}, "unknown dataset 'nope'"),
    ({"name": "spiral", "params": {"classes": 1}}, "'classes' must be >= 2"),
    ({"name": "spiral", "params": {"colour": 1}}, "unknown parameter 'colour'"),
    ({"name": "spiral", "val_split": 1.5}, "'val_split' must be a number in [0, 1)"),
    ({"name": "spiral", "seed": "x"}, "'seed' must be an integer"),
    ({"name": "csv", "params": {"target": "y"}}, "'path' is required"),
])
def test_bad_sections_name_the_key(bad, message):
    with pytest.raises(DataError) as info:
        load_dataset(bad)
    assert message in str(info.value)


@pytest.mark.parametrize("name", [n for n, spec in DATASETS.items() if spec.generate is not None])
def test_describe_knows_the_built_in_sets_without_generating_them(name):
    info = describe({"name": name, "params": {}})
    data = load_dataset({"name": name, "params": {}})
    assert info.input_shape == data.input_shape and info.task == data.task
    assert info.class_names == data.class_names and info.is_classification == data.is_classification
    assert info.target_shape == (() if data.is_classification else data.target_shape)
