"""The exported ``train.py`` under ``torchrun --nproc-per-node 2``: two gloo processes repeat
``python train.py``, and only rank 0 writes the run folder."""

import csv
import json
import os
import subprocess
import sys

import numpy as np
from safetensors.numpy import load_file

from dlplayground.codegen.script import export_project_script
from tests.helpers import chain_project


def test_the_exported_script_runs_under_torchrun_as_in_one_process(tmp_path):
    # 94 training samples in batches of 13: the last batch (3) splits 1 + 2, which BatchNorm
    # survives only with the global batch's statistics. (SGD: Adam would turn fc1's bias's
    # gradient, zero but for rounding since BatchNorm removes it, into steps of size lr whose
    # sign is that rounding's, different in any other summation order)
    project = chain_project(("fc1", "Linear", {"out_features": 12}), ("bn", "BatchNorm1d", {}), ("a", "ReLU", {}),
                            ("fc2", "Linear", {"out_features": 3}),
                            data={"name": "spiral", "params": {"samples": 117, "classes": 3}, "val_split": 0.2,
                                  "seed": 0},
                            training={"loss": "CrossEntropyLoss", "optimizer": {"type": "SGD", "lr": 0.1, "momentum": 0.9},
                                      "batch_size": 13, "epochs": 3, "seed": 1})
    export_project_script(project, tmp_path, tmp_path / "script")
    script = tmp_path / "script" / "train.py"
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    # no dlplayground on the path: the script stands alone
    env.pop("PYTHONPATH", None)
    torchrun = subprocess.Popen([sys.executable, "-m", "torch.distributed.run", "--nproc-per-node", "2", str(script),
                                 "--device", "cpu", "--out", str(tmp_path / "two")], cwd=tmp_path, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    single = subprocess.run([sys.executable, str(script), "--device", "cpu", "--out", str(tmp_path / "one")],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    out, err = torchrun.communicate(timeout=120)
    assert single.returncode == 0, single.stderr
    assert torchrun.returncode == 0, err
    assert out.count("run folder:") == 1 and out.count("epoch 3/3") == 1  # rank 0 alone reports

    one, two = tmp_path / "one", tmp_path / "two"
    assert json.loads((two / "summary.json").read_text())["ranks"] == 2
    weights_one, weights_two = load_file(one / "weights.safetensors"), load_file(two / "weights.safetensors")
    for key in weights_one:
        a, b = weights_one[key].astype(np.float64), weights_two[key].astype(np.float64)
        assert np.abs(a - b).max() <= 1e-4 * max(np.abs(a).max(), 1e-12), key
    with (one / "metrics.csv").open() as a, (two / "metrics.csv").open() as b:
        for row_one, row_two in zip(csv.DictReader(a), csv.DictReader(b), strict=True):
            for column in ("train_loss", "val_loss", "train_acc", "val_acc"):
                assert abs(float(row_one[column]) - float(row_two[column])) <= 1e-4 * abs(float(row_one[column]))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one", "script", "two"]
