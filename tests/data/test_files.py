"""CSV and NPZ loaders: good files load, bad files fail with messages naming file, line and column."""

import numpy as np
import pytest

from dlplayground.data import DataError, load_dataset


def csv_section(path, **params):
    return {"name": "csv", "params": {"path": str(path), "target": "label", **params}, "val_split": 0.2, "seed": 0}


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_with_string_labels_is_classification(tmp_path):
    rows = "\n".join(f"{i % 7},{(i * 3) % 5},{'cat' if i % 2 else 'dog'}" for i in range(20))
    path = write(tmp_path / "d.csv", "a,b,label\n" + rows + "\n")
    data = load_dataset(csv_section(path))
    assert data.task == "classification" and data.class_names == ("cat", "dog")
    assert data.input_shape == (2,) and len(data.x_train) == 16


def test_csv_with_real_targets_is_regression_and_relative_paths_resolve(tmp_path):
    rows = "\n".join(f"{i},{i * 0.5 + 0.25}" for i in range(30))
    write(tmp_path / "r.csv", "x,label\n" + rows)
    data = load_dataset(csv_section("r.csv"), base_dir=tmp_path)
    assert data.task == "regression" and data.target_shape == (1,)


@pytest.mark.parametrize("text, message", [
    ("a,b,label\n1,2,0\n1,x,1\n", "line 3, column 'b': 'x' is not a number"),
    ("a,b,target\n1,2,0\n", "no target column 'label' (columns: a, b, target)"),
    ("a,b,label\n1,2,0\n1,2\n", "line 3 has 2 cells, the header has 3"),
    ("a,b,label\n", "needs a header row and at least one data row"),
    ("label\n0\n1\n", "no input columns besides the target 'label'"),
    ("a,label\n1,0\n2,0\n", "classification needs at least 2 classes"),
])
def test_bad_csv_files_are_named_with_the_place(tmp_path, text, message):
    path = write(tmp_path / "bad.csv", text)
    with pytest.raises(DataError) as info:
        load_dataset(csv_section(path))
    assert message in str(info.value) and "bad.csv" in str(info.value)


def test_missing_file_is_named(tmp_path):
    with pytest.raises(DataError, match="file not found: .*missing.csv"):
        load_dataset(csv_section(tmp_path / "missing.csv"))


def test_regression_asked_for_on_text_targets(tmp_path):
    path = write(tmp_path / "t.csv", "a,label\n1,x\n2,y\n")
    with pytest.raises(DataError, match="'x' is not a number"):
        load_dataset(csv_section(path, task="regression"))


def npz_section(path, **params):
    return {"name": "npz", "params": {"path": str(path), **params}, "val_split": 0.2, "seed": 0}


def test_npz_images_and_labels(tmp_path):
    path = tmp_path / "img.npz"
    np.savez(path, x=np.random.default_rng(0).random((40, 1, 6, 6)), y=np.arange(40) % 4)
    data = load_dataset(npz_section(path))
    assert data.input_shape == (1, 6, 6) and data.layout == "image" and data.num_classes == 4


def test_npz_regression_with_vector_targets(tmp_path):
    path = tmp_path / "reg.npz"
    np.savez(path, x=np.random.default_rng(0).random((30, 5)), y=np.random.default_rng(1).random((30, 2)))
    data = load_dataset(npz_section(path, task="regression"))
    assert data.target_shape == (2,)


@pytest.mark.parametrize("arrays, message", [
    ({"x": np.zeros((10, 2)), "y": np.zeros(9)}, "x has 10 samples but y has 9"),
    ({"inputs": np.zeros((10, 2)), "y": np.zeros(10)}, "lacks array(s) x"),
    ({"x": np.full((4, 2), np.nan), "y": np.arange(4) % 2}, "NaN or infinite"),
])
def test_bad_npz_files(tmp_path, arrays, message):
    path = tmp_path / "bad.npz"
    np.savez(path, **arrays)
    with pytest.raises(DataError) as info:
        load_dataset(npz_section(path))
    assert message in str(info.value)


def test_npz_with_pickled_objects_is_refused_not_unpickled(tmp_path):
    path = tmp_path / "evil.npz"
    np.savez(path, x=np.array([{"a": 1}, {"b": 2}], dtype=object), y=np.array([0, 1]))
    with pytest.raises(DataError, match="not a readable .npz"):
        load_dataset(npz_section(path))


def test_not_an_archive(tmp_path):
    path = write(tmp_path / "text.npz", "hello")
    with pytest.raises(DataError, match="text.npz"):
        load_dataset(npz_section(path))


def test_token_ids_can_be_kept_as_they_are(tmp_path):
    path = tmp_path / "tokens.npz"
    tokens = np.random.default_rng(0).integers(0, 50, (30, 6))
    np.savez(path, x=tokens, y=np.arange(30) % 2)
    kept = load_dataset(npz_section(path, layout="features", standardise=False))
    assert np.array_equal(np.sort(np.concatenate([kept.x_train, kept.x_val]).ravel()), np.sort(tokens.ravel()))
    scaled = load_dataset(npz_section(path, layout="features"))
    assert abs(float(scaled.x_train.mean())) < 1e-5
