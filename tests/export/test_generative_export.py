"""Exporting generative projects: a GAN's generator, a VAE whole and its decoder, checked in
onnxruntime against PyTorch; the CLI's ``--part`` and the weights file of a GAN run."""

from __future__ import annotations

import json

import numpy as np
import onnxruntime as ort
import pytest
import torch

from dlplayground.cli import main
from dlplayground.export.pipeline import export_project
from dlplayground.training import prepare_training
from tests.helpers import gan_ring_project, vae_digits_project


def _session(path) -> ort.InferenceSession:
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def test_trained_vae_decoder_exports_and_runs_in_onnxruntime(tmp_path):
    setup = prepare_training(vae_digits_project(epochs=3))
    setup.trainer().run()
    weights = setup.model.state_dict_by_node()
    report = export_project(setup.project, tmp_path / "decoder.onnx", dataset=setup.dataset,
                            weights=weights, part="decoder")
    assert report.ok, report.lines()
    session = _session(tmp_path / "decoder.onnx")
    assert [i.name for i in session.get_inputs()] == ["z"]
    assert session.get_inputs()[0].shape[1:] == [2]
    z = np.array([[0.0, 0.0], [1.5, -0.5], [-2.0, 1.0]], np.float32)
    images = session.run(None, {"z": z})[0]
    assert images.shape == (3, 1, 8, 8)
    # the decoder is the trained network's tail: z -> dec -> ... -> img, in raw pixel units
    model = setup.model.eval()
    with torch.no_grad():
        values = torch.from_numpy(z)
        for node_id in ("dec", "dact", "out", "img"):
            values = model.layers[model.node_ids[node_id]](values)
    expected = values.numpy() * setup.dataset.std + setup.dataset.mean
    np.testing.assert_allclose(images, expected, rtol=1e-4, atol=1e-4)
    assert 0.0 <= images.mean() <= 16.0  # the digits' pixels run 0..16
    assert not np.allclose(images[0], images[1])  # different z, different digits


def test_vae_exports_whole_as_a_raw_in_raw_out_autoencoder(tmp_path):
    setup = prepare_training(vae_digits_project(epochs=1))
    setup.trainer().run()
    report = export_project(setup.project, tmp_path / "vae.onnx", dataset=setup.dataset,
                            weights=setup.model.state_dict_by_node())
    assert report.ok, report.lines()
    session = _session(tmp_path / "vae.onnx")
    raw = np.asarray(setup.dataset.raw_val[:4], np.float32)
    out = session.run(None, {"x": raw})[0]
    with torch.no_grad():
        expected = setup.model.eval()(torch.from_numpy(setup.dataset.standardise(raw))).numpy()
    np.testing.assert_allclose(out, expected * setup.dataset.std + setup.dataset.mean, rtol=1e-4, atol=1e-4)


@pytest.fixture
def gan_run(tmp_path):
    project = gan_ring_project(samples=200, epochs=2)
    path = tmp_path / "gan.dlp.json"
    path.write_text(json.dumps(project))
    assert main(["train", str(path), "--out", str(tmp_path / "run"), "--quiet"]) == 0
    return path, tmp_path / "run"


def test_gan_export_writes_the_generator(tmp_path, gan_run, capsys):
    path, run = gan_run
    capsys.readouterr()
    assert main(["export", str(path), "--weights", str(run), "-o", str(tmp_path / "g.onnx")]) == 0
    out = capsys.readouterr().out
    assert "input 'z' [N, 2] (standard normal noise; the output is a raw data sample)" in out
    assert "verification passed" in out
    session = _session(tmp_path / "g.onnx")
    points = session.run(None, {"z": np.random.default_rng(0).standard_normal((5, 2)).astype(np.float32)})[0]
    assert points.shape == (5, 2)
    # the discriminator's tensors stayed out of the file: only the generator's weights are in it
    import onnx

    names = {t.name for t in onnx.load(str(tmp_path / "g.onnx")).graph.initializer}
    assert not any("d1" in n or "discriminator" in n for n in names)


def test_part_decoder_is_refused_for_a_gan(tmp_path, gan_run, capsys):
    path, run = gan_run
    capsys.readouterr()
    assert main(["export", str(path), "--weights", str(run), "-o", str(tmp_path / "d.onnx"), "--part", "decoder"]) == 2
    assert "--part decoder is a VAE's" in capsys.readouterr().err
    assert not (tmp_path / "d.onnx").exists()
