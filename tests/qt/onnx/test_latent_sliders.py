"""The Inference panel's latent sliders: a VAE's exported decoder draws a new digit as a slider moves."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np

from dlplayground.export.pipeline import export_project
from dlplayground.qt.onnx.inference_panel import InferencePanel
from dlplayground.qt.onnx.latent_sliders import slidable
from dlplayground.training.setup import prepare_training
from tests.helpers import vae_digits_project


def test_sliders_over_a_decoders_latent_space_change_the_generated_digit(qtbot, tmp_path):
    setup = prepare_training(vae_digits_project(epochs=2))
    setup.trainer().run()
    export_project(setup.project, tmp_path / "decoder.onnx", dataset=setup.dataset,
                   weights=setup.model.state_dict_by_node(), part="decoder")
    panel = InferencePanel()
    qtbot.addWidget(panel)
    panel.show()
    assert panel.load_model(tmp_path / "decoder.onnx")
    assert panel.sources.currentWidget() is panel.latent and len(panel.latent.sliders) == 2
    seen = []
    panel.prediction_changed.connect(lambda row: seen.append(np.asarray(row).copy()))
    panel.latent.sliders[0].setValue(-40)  # z[0] = -2
    panel.latent.sliders[1].setValue(30)   # z[1] = 1.5
    assert np.allclose(panel.last_input, [[-2.0, 1.5]])
    assert seen[-1].shape == (1, 8, 8) and not np.allclose(seen[-1], seen[-2])
    assert panel.output_view.isVisible() and not panel.output_view.pixmap().isNull()
    assert panel.prediction_label.text() == "Generated image [1, 8, 8]"


def test_only_small_generative_inputs_get_sliders():
    assert slidable((2,), {"training": {"objective": "vae"}})
    assert slidable((8,), {"training": {"objective": "gan"}})
    assert not slidable((9,), {"training": {"objective": "gan"}})
    assert not slidable((2,), {"training": {}})  # a supervised model on 2-D points takes samples
    assert not slidable((1, 8, 8), {"training": {"objective": "vae"}})
