"""The gallery's real-data examples train end to end through the CLI for one epoch: the shipped
pictures and reviews as they are, MNIST and CIFAR-10 on small files in their own formats."""

import json

import pytest

from dlplayground.cli import main
from dlplayground.data import anchored
from tests.conftest import EXAMPLES
from tests.data.realdata_files import with_small_standard_data


@pytest.mark.parametrize("name", ["image_folder_cnn", "text_gru", "mnist_mlp", "cifar10_cnn"])
def test_each_real_data_example_trains_an_epoch(tmp_path, name):
    project = json.loads((EXAMPLES / f"{name}.dlp.json").read_text())
    project["data"] = with_small_standard_data(anchored(project["data"], EXAMPLES), tmp_path)
    path = tmp_path / f"{name}.dlp.json"
    path.write_text(json.dumps(project))
    assert main(["train", str(path), "--epochs", "1", "--out", str(tmp_path / "run"), "--quiet"]) == 0
    summary = json.loads((tmp_path / "run" / "summary.json").read_text())
    assert summary["epochs"] == 1 and summary["final"]["val_acc"] is not None
