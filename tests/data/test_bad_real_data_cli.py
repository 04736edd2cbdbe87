"""Each bad input of the real data sources, through ``dlplayground train``: a message naming the
file (and what is wrong with it) on stderr, exit 2, no traceback, and no run folder written."""

import gzip
import json

import numpy as np
import pytest

from dlplayground.cli import main
from tests.data.realdata_files import (
    cifar_bytes, idx_bytes, mnist_arrays, write_cifar, write_image_folder, write_mnist, write_text_csv,
)
from tests.helpers import chain_project

_IMAGE_LAYERS = (("flat", "Flatten", {}), ("fc", "Linear", {"out_features": 10}))
_TEXT_LAYERS = (("emb", "Embedding", {"num_embeddings": 10000, "embedding_dim": 4}), ("flat", "Flatten", {}),
                ("fc", "Linear", {"out_features": 2}))


def _corrupt_image(root):
    write_image_folder(root / "d", per_class=3)
    (root / "d" / "dogs" / "broken.jpg").write_bytes(b"\xff\xd8\xff not a jpeg")
    return "image_folder", {"path": "d"}, ["broken.jpg", "cannot decode", "skip_bad"]


def _empty_class_folder(root):
    write_image_folder(root / "d", per_class=3)
    (root / "d" / "birds").mkdir()
    return "image_folder", {"path": "d"}, ["birds holds no images"]


def _idx_wrong_magic(root):
    write_mnist(root / "m", n_train=20, n_test=10)
    path = root / "m" / "train-labels-idx1-ubyte"
    path.write_bytes(b"\x00\x00\x08\x03" + path.read_bytes()[4:])
    return "mnist", {"path": "m"}, ["train-labels-idx1-ubyte", "magic number 00000803, expected 00000801"]


def _idx_truncated_gz(root):
    write_mnist(root / "m", n_train=20, n_test=10, gz=True)
    (root / "m" / "train-images-idx3-ubyte.gz").write_bytes(gzip.compress(idx_bytes(mnist_arrays(20)[0])[:-500]))
    return "fashion_mnist", {"path": "m"}, ["train-images-idx3-ubyte.gz", "truncated"]


def _mnist_label_out_of_range(root):
    write_mnist(root / "m", n_train=20, n_test=10)
    labels = np.zeros(20, np.uint8)
    labels[7] = 200
    (root / "m" / "train-labels-idx1-ubyte").write_bytes(idx_bytes(labels))
    return "mnist", {"path": "m"}, ["label 200 at sample 7 is outside the class range 0..9"]


def _cifar_wrong_size(root):
    write_cifar(root / "c" / "cifar-10-batches-bin", per_file=2, test=2)
    (root / "c" / "cifar-10-batches-bin" / "test_batch.bin").write_bytes(b"\x01" * (3073 * 2 + 5))
    return "cifar10", {"path": "c"}, ["test_batch.bin", "6151 bytes is not a whole number of 3073"]


def _cifar_label_out_of_range(root):
    write_cifar(root / "c", per_file=2, test=2)
    (root / "c" / "data_batch_5.bin").write_bytes(cifar_bytes(np.zeros((1, 3, 32, 32), np.uint8), [11]))
    return "cifar10", {"path": "c"}, ["label 11", "outside the class range 0..9"]


def _empty_text_column(root):
    (root / "t.csv").write_text('review,label\n"",pos\n" ",neg\n"",pos\n', encoding="utf-8")
    return "text", {"path": "t.csv", "text": "review", "target": "label"}, ["t.csv", "text column 'review' is empty"]


def _text_missing_column(root):
    write_text_csv(root / "t.csv")
    return "text", {"path": "t.csv", "text": "body", "target": "label"}, ["t.csv", "no column 'body'"]


@pytest.mark.parametrize("make", [
    _corrupt_image, _empty_class_folder, _idx_wrong_magic, _idx_truncated_gz, _mnist_label_out_of_range,
    _cifar_wrong_size, _cifar_label_out_of_range, _empty_text_column, _text_missing_column,
], ids=lambda f: f.__name__.strip("_"))
def test_bad_real_data_exits_2_naming_the_file_and_writes_nothing(tmp_path, capsys, make):
    name, params, expected = make(tmp_path)
    layers = _TEXT_LAYERS if name == "text" else _IMAGE_LAYERS
    data = {"name": name, "params": params, "val_split": "test" if name == "cifar10" else 0.25, "seed": 0}
    project = chain_project(*layers, data=data)
    path = tmp_path / "p.dlp.json"
    path.write_text(json.dumps(project))
    capsys.readouterr()
    assert main(["train", str(path), "--out", str(tmp_path / "run"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for text in expected:
        assert text in err, err
    assert not (tmp_path / "run").exists()
    assert not list(tmp_path.glob("*.partial-*"))


def test_skip_bad_lists_the_images_left_out_once(tmp_path, capsys):
    _corrupt_image(tmp_path)
    data = {"name": "image_folder", "params": {"path": "d", "skip_bad": True}, "val_split": 0.25, "seed": 0}
    path = tmp_path / "p.dlp.json"
    layers = (("flat", "Flatten", {}), ("fc", "Linear", {"out_features": 2}))  # cats and dogs
    path.write_text(json.dumps(chain_project(*layers, data=data)))
    assert main(["train", str(path), "--out", str(tmp_path / "run"), "--quiet"]) == 0
    err = capsys.readouterr().err
    assert err.count("broken.jpg") == 1 and "warning: image_folder: left out 1 image(s)" in err
    assert "Traceback" not in err and "return images" not in err  # no quoted source line
