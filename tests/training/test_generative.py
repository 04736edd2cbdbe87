"""The generative objectives trained end to end: a GAN covers a ring, a VAE's loss falls, and
every check across the networks names what to change."""

from __future__ import annotations

import copy
import csv

import numpy as np
import pytest
import torch
from safetensors.torch import load_file

from dlplayground.graph.io import project_from_dict, project_to_dict
from dlplayground.graph.problems import ValidationError
from dlplayground.training import RunRecorder, prepare_training
from dlplayground.training.config import TrainingConfigError, parse_training
from dlplayground.training.generative import discriminator_loss, generator_loss, split_weights
from tests.helpers import gan_ring_project, vae_digits_project

SECTORS = 8


def ring_coverage(setup, count: int = 4000) -> tuple[float, np.ndarray]:
    """Mean radius and per-sector counts of ``count`` generated points, in data units."""
    setup.model.eval()
    with torch.no_grad():
        points = setup.model(torch.randn(count, setup.model.input_shape[0],
                                         generator=torch.Generator().manual_seed(123))).numpy()
    points = points * setup.dataset.std + setup.dataset.mean
    radius = np.hypot(points[:, 0], points[:, 1])
    sectors = np.histogram(np.arctan2(points[:, 1], points[:, 0]), bins=SECTORS, range=(-np.pi, np.pi))[0]
    return float(radius.mean()), sectors


def assert_covers_ring(setup) -> None:
    radius, sectors = ring_coverage(setup)
    assert abs(radius - 4.0) <= 0.4, f"mean radius {radius:.2f}, the ring's is 4"
    # no empty sector: each of the eight holds at least a fifth of its even share
    assert sectors.min() >= 0.2 * sectors.sum() / SECTORS, f"sector counts {sectors.tolist()}"


def test_gan_covers_the_ring():
    torch.set_num_threads(1)
    setup = prepare_training(gan_ring_project())
    trainer = setup.trainer()
    state = trainer.run()
    assert state.stop_reason == "completed"
    assert_covers_ring(setup)
    last = state.history[-1]
    # near the equilibrium the discriminator is unsure: both probabilities near a half
    assert 0.3 < last.extra["d_real"] < 0.7 and 0.3 < last.extra["d_fake"] < 0.7
    assert last.train_loss == last.extra["g_loss"]


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_gan_covers_the_ring_from_other_seeds(seed):
    setup = prepare_training(gan_ring_project(samples=2000, epochs=30, seed=seed))
    setup.trainer().run()
    assert_covers_ring(setup)


def test_untrained_generator_does_not_cover_the_ring():
    """The coverage check can fail: the fresh generator's points sit near the centre."""
    setup = prepare_training(gan_ring_project(epochs=1))
    radius, _ = ring_coverage(setup)
    assert abs(radius - 4.0) > 0.4


def test_gan_step_trains_the_discriminator_before_the_generator_loss():
    setup = prepare_training(gan_ring_project(samples=200, epochs=1))
    trainer = setup.trainer()
    objective = trainer.objective
    d_before = {k: v.clone() for k, v in setup.discriminator.state_dict().items()}
    g_before = {k: v.clone() for k, v in setup.model.state_dict().items()}
    xb = trainer._x_train[:32]
    noise_state = objective._noise.get_state()
    g_loss, outputs = objective.backward(xb, xb)
    assert outputs is None
    assert any(not torch.equal(d_before[k], v) for k, v in setup.discriminator.state_dict().items())
    assert all(torch.equal(g_before[k], v) for k, v in setup.model.state_dict().items())
    assert all(p.grad is not None for p in setup.model.parameters())
    # the returned loss is the non-saturating loss of the same fakes under the updated discriminator
    objective._noise.set_state(noise_state)
    with torch.no_grad():
        fake = setup.model(objective.noise(32, xb.device))
        assert g_loss.item() == pytest.approx(generator_loss(setup.discriminator(fake)).item(), rel=1e-5)
    objective.step()  # applies the generator's update only
    assert any(not torch.equal(g_before[k], v) for k, v in setup.model.state_dict().items())
    extras = objective.epoch_extras()
    assert set(extras) == {"d_loss", "g_loss", "d_real", "d_fake"}
    assert 0.0 < extras["d_real"] < 1.0 and 0.0 < extras["d_fake"] < 1.0
    assert extras["d_loss"] > 0 and np.isfinite(discriminator_loss(torch.zeros(2, 1), torch.zeros(2, 1)).item())


def test_gan_run_folder_holds_the_extra_columns_and_both_networks(tmp_path):
    setup = prepare_training(gan_ring_project(samples=200, epochs=2))
    trainer = setup.trainer()
    recorder = RunRecorder(tmp_path / "run", setup.project).attach(trainer)
    trainer.run()
    with open(recorder.finished_dir / "metrics.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["epoch", "train_loss", "val_loss", "d_loss", "g_loss", "d_real", "d_fake", "lr", "seconds"]
    assert len(rows) == 2 and rows[1]["train_loss"] == rows[1]["g_loss"]
    weights = load_file(str(recorder.finished_dir / "weights.safetensors"))
    generator, discriminator = split_weights(weights)
    assert set(generator) == set(setup.model.state_dict_by_node())
    assert set(discriminator) == set(setup.discriminator.state_dict_by_node())
    assert "discriminator.d3.weight" in weights and "g3.weight" in weights
    assert torch.equal(weights["discriminator.d1.weight"], setup.discriminator.state_dict_by_node()["d1.weight"])


def test_vae_loss_falls_and_records_reconstruction_and_kl():
    setup = prepare_training(vae_digits_project(epochs=6))
    state = setup.trainer().run()
    first, last = state.history[0], state.history[-1]
    assert last.train_loss < 0.8 * first.train_loss
    assert last.val_loss < first.val_loss
    assert set(last.extra) == {"recon_loss", "kl"}
    assert last.extra["kl"] > 0
    # the loss is the reconstruction plus kl_weight (1) times the KL term
    assert last.train_loss == pytest.approx(last.extra["recon_loss"] + last.extra["kl"], rel=1e-6)


def test_kl_weight_zero_leaves_the_reconstruction_alone():
    project = vae_digits_project(epochs=1)
    project["training"]["kl_weight"] = 0.0
    last = prepare_training(project).trainer().run().history[-1]
    assert last.train_loss == pytest.approx(last.extra["recon_loss"], rel=1e-6)


def test_autoencoder_reconstructs_its_input():
    setup = prepare_training(vae_digits_project(epochs=5, objective="autoencoder"))
    state = setup.trainer().run()
    assert state.history[-1].train_loss < 0.8 * state.history[0].train_loss
    assert state.history[-1].extra == {}


# -- checks -----------------------------------------------------------------------------------
def _problems(project) -> str:
    with pytest.raises(ValidationError) as caught:
        prepare_training(project)
    return str(caught.value)


def test_generator_output_must_fit_the_data():
    project = gan_ring_project()
    project["graph"]["nodes"][5]["params"]["out_features"] = 3  # g3
    message = _problems(project)
    assert "the generator makes samples of shape [3] but the data's are [2]" in message and "[g3]" in message


def test_discriminator_must_output_one_logit_and_its_problems_are_named_so():
    project = gan_ring_project()
    project["discriminator"]["nodes"][5]["params"]["out_features"] = 2  # d3
    message = _problems(project)
    assert "discriminator: [d3]" in message and "needs [1], one logit" in message
    project = gan_ring_project()
    project["discriminator"]["nodes"][1]["type"] = "Conv2d"  # a 2-D sample cannot enter a Conv2d
    assert "discriminator: [d1" in _problems(project)


def test_gan_needs_a_discriminator_and_a_noise_size():
    project = gan_ring_project()
    del project["discriminator"]
    assert "needs a 'discriminator' section" in _problems(project)
    project = gan_ring_project()
    del project["training"]["latent_dim"]
    assert "set training.latent_dim" in _problems(project)
    project["graph"]["nodes"][0]["params"] = {"shape": [5]}  # the Input's shape gives the noise size
    assert prepare_training(project).model.input_shape == (5,)


def test_vae_needs_one_reparameterize_with_both_ports():
    project = vae_digits_project()
    project["graph"]["edges"] = [e for e in project["graph"]["edges"] if e.get("dst_port") != 1]
    assert "Reparameterize needs mu at port 0 and logvar at port 1, has port(s) [0]" in _problems(project)
    project = vae_digits_project(objective="autoencoder")
    project["training"]["objective"] = "vae"
    assert "a VAE needs one Reparameterize node" in _problems(project)


def test_reparameterize_needs_mu_and_logvar_of_equal_size():
    project = vae_digits_project()
    for node in project["graph"]["nodes"]:
        if node["id"] == "logvar":
            node["params"]["out_features"] = 3
    assert "mu and logvar of equal shape [D], got [2] and [3]" in _problems(project)


def test_autoencoder_output_must_have_the_input_shape():
    project = vae_digits_project(objective="autoencoder")
    project["graph"]["nodes"] = [n for n in project["graph"]["nodes"] if n["id"] != "img"]
    project["graph"]["edges"] = [e for e in project["graph"]["edges"] if "img" not in (e["src"], e["dst"])]
    project["graph"]["edges"].append({"src": "out", "dst": "y"})
    message = _problems(project)
    assert "outputs [64] per sample but the input is [1, 8, 8]" in message and "[out]" in message


def test_generative_settings_are_checked_with_their_keys():
    with pytest.raises(TrainingConfigError) as caught:
        parse_training({"objective": "diffusion", "kl_weight": -1, "latent_dim": 0,
                        "discriminator_optimizer": {"type": "Adamm"}})
    message = str(caught.value)
    assert "training.objective: must be one of supervised, autoencoder, vae, gan" in message
    with pytest.raises(TrainingConfigError, match="training.kl_weight"):
        parse_training({"objective": "vae", "kl_weight": -1})
    with pytest.raises(TrainingConfigError, match="training.latent_dim"):
        parse_training({"objective": "gan", "latent_dim": 0})
    with pytest.raises(TrainingConfigError, match="training.discriminator_optimizer.type"):
        parse_training({"objective": "gan", "discriminator_optimizer": {"type": "Adamm"}})
    with pytest.raises(TrainingConfigError, match="the vae objective compares its output with its input"):
        parse_training({"objective": "vae", "loss": "CrossEntropyLoss"})
    config = parse_training({"objective": "vae"})  # a reconstruction defaults to MSELoss
    assert (config.loss, config.kl_weight) == ("MSELoss", 1.0)
    config = parse_training({"objective": "gan", "discriminator_optimizer": {"type": "SGD", "lr": 0.1}})
    assert (config.discriminator_optimizer, config.discriminator_optimizer_args["lr"]) == ("SGD", 0.1)


def test_discriminator_optimizer_defaults_to_the_generator_settings():
    setup = prepare_training(gan_ring_project(samples=200, epochs=1))
    trainer = setup.trainer()
    d_opt = trainer.objective.optimizers["discriminator"]
    assert type(d_opt) is type(trainer.optimizer) and d_opt.param_groups[0]["lr"] == 0.002
    assert trainer.optimizer is trainer.objective.optimizers["generator"] and d_opt is not trainer.optimizer
    project = gan_ring_project(samples=200, epochs=1)
    project["training"]["discriminator_optimizer"] = {"type": "SGD", "lr": 0.05}
    d_opt = prepare_training(project).trainer().objective.optimizers["discriminator"]
    assert isinstance(d_opt, torch.optim.SGD) and d_opt.param_groups[0]["lr"] == 0.05


def test_discriminator_section_round_trips():
    project = gan_ring_project()
    project["discriminator"]["note"] = "kept"
    document = project_from_dict(copy.deepcopy(project))
    assert [n.id for n in document.discriminator.nodes][:2] == ["sample", "d1"]
    saved = project_to_dict(document)
    assert project_to_dict(project_from_dict(saved)) == saved
    assert saved["discriminator"]["note"] == "kept"
    assert saved["discriminator"]["edges"] == project["discriminator"]["edges"]
    assert [n["id"] for n in saved["discriminator"]["nodes"]] == [n["id"] for n in project["discriminator"]["nodes"]]
    broken = gan_ring_project()
    broken["discriminator"]["edges"].append({"src": "d1", "dst": "nowhere"})
    with pytest.raises(Exception, match=r"discriminator\.edges\[6\].*names no node"):
        project_from_dict(broken)
