"""The training-script export of generative projects repeats the app's run: same metrics
(extra columns included) and the same weights, a GAN's discriminator among them."""

from __future__ import annotations

import json

import numpy as np
import pytest
from safetensors.numpy import load_file

from dlplayground.cli import main
from dlplayground.codegen.script import SCRIPT_FILE, training_script
from dlplayground.training.setup import prepare_training
from tests.codegen.test_script import generated, read_metrics, run_script
from tests.helpers import gan_ring_project, vae_digits_project


@pytest.mark.parametrize("project", [
    gan_ring_project(samples=300, epochs=2),
    vae_digits_project(epochs=2),
    pytest.param(vae_digits_project(epochs=2, objective="autoencoder"), marks=pytest.mark.slow),
], ids=["gan", "vae", "autoencoder"])
def test_the_script_repeats_the_apps_generative_run(tmp_path, project):
    path = tmp_path / "p.dlp.json"
    path.write_text(json.dumps(project))
    assert main(["export-script", str(path), "-o", str(tmp_path / "script")]) == 0
    done = run_script(tmp_path / "script" / SCRIPT_FILE, "--out", str(tmp_path / "script_run"))
    assert done.returncode == 0, done.stderr
    assert main(["train", str(path), "--out", str(tmp_path / "app_run"), "--quiet", "--device", "cpu"]) == 0

    ours, theirs = read_metrics(tmp_path / "script_run"), read_metrics(tmp_path / "app_run")
    assert list(ours[0]) == list(theirs[0])
    assert len(ours) == len(theirs) == 2
    for mine, app in zip(ours, theirs):
        for column in mine:
            if column != "seconds":
                np.testing.assert_allclose(float(mine[column]), float(app[column]), rtol=1e-5, err_msg=column)
    weights, app_weights = (load_file(tmp_path / "script_run" / "weights.safetensors"),
                            load_file(tmp_path / "app_run" / "weights.safetensors"))
    assert weights.keys() == app_weights.keys()
    for key in weights:
        np.testing.assert_allclose(weights[key], app_weights[key], rtol=1e-4, atol=1e-6, err_msg=key)
    summary = json.loads((tmp_path / "script_run" / "summary.json").read_text())
    assert summary["stop_reason"] == "completed"


def test_the_script_stops_early_as_the_app_does(tmp_path):
    """Early stopping with restore_best: no epoch beats the first by min_delta, so both stop
    after the second and end on the first epoch's weights."""
    project = vae_digits_project(epochs=4)
    project["training"]["early_stopping"] = {"monitor": "val_loss", "patience": 1, "min_delta": 1e9,
                                             "restore_best": True}
    path = tmp_path / "p.dlp.json"
    path.write_text(json.dumps(project))
    assert main(["export-script", str(path), "-o", str(tmp_path / "script")]) == 0
    done = run_script(tmp_path / "script" / SCRIPT_FILE, "--out", str(tmp_path / "script_run"))
    assert done.returncode == 0, done.stderr
    assert main(["train", str(path), "--out", str(tmp_path / "app_run"), "--quiet", "--device", "cpu"]) == 0
    summaries = [json.loads((tmp_path / run / "summary.json").read_text()) for run in ("script_run", "app_run")]
    for summary in summaries:
        assert (summary["stop_reason"], summary["best_epoch"]) == ("early_stopping", 1), summary
    assert len(read_metrics(tmp_path / "script_run")) == len(read_metrics(tmp_path / "app_run")) == 2
    weights, app_weights = (load_file(tmp_path / "script_run" / "weights.safetensors"),
                            load_file(tmp_path / "app_run" / "weights.safetensors"))
    for key in weights:
        np.testing.assert_allclose(weights[key], app_weights[key], rtol=1e-4, atol=1e-6, err_msg=key)

def test_a_gan_script_holds_both_networks_and_no_supervised_loop():
    setup = prepare_training(gan_ring_project(samples=100, epochs=1))
    source = training_script(setup)
    namespace = generated(source)
    assert {"Model", "Discriminator", "main_generative", "Gan"} <= set(namespace)
    assert "def train(" not in source and "def main(" not in source
    assert namespace["SETTINGS"]["objective"] == "gan" and namespace["SETTINGS"]["latent_dim"] == 2
    assert [n for n, _ in namespace["Discriminator"]().node_modules()] == [n for n, _ in setup.discriminator.node_modules()]


def test_a_vae_script_returns_mu_and_logvar_on_request():
    setup = prepare_training(vae_digits_project(epochs=1))
    namespace = generated(training_script(setup))
    import torch

    model = namespace["Model"]().eval()
    x = torch.as_tensor(setup.dataset.x_val[:3])
    output, mu, logvar = model(x, with_taps=True)
    assert output.shape == (3, 1, 8, 8) and mu.shape == logvar.shape == (3, 2)
    assert torch.equal(model(x), output)


def test_the_generative_loop_imports_nothing_the_script_lacks():
    """The script's imports are the supervised loop's: the generative loop may use no other."""
    import ast
    import inspect

    from dlplayground.codegen import generative_loop, loop

    def imported(module) -> set[str]:
        names = set()
        for node in ast.parse(inspect.getsource(module)).body:
            if isinstance(node, ast.Import):
                names |= {alias.asname or alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and not (node.module or "").startswith("dlplayground"):
                names |= {alias.asname or alias.name for alias in node.names}
        return names

    assert imported(generative_loop) <= imported(loop)
