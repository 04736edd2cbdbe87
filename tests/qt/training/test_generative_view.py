"""The live generative views: GAN Lab's picture for a 2-D GAN, samples and reconstructions,
the d_loss/g_loss/d_real/d_fake curves and their warnings, and the editor's two GAN networks."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np

from dlplayground.qt.training.controller import Phase
from dlplayground.qt.training.generative_view import GenerativeView, tile
from dlplayground.qt.training.payloads import Progress, RunInfo
from dlplayground.training.trainer import EpochMetrics
from tests.helpers import gan_ring_project, vae_digits_project


def _train(qtbot, ui) -> None:
    # waiting for the signal from before the start: a short run may end before any later wait began
    with qtbot.waitSignal(ui.controller.run_finished, timeout=120_000):
        ui.controller.train()
    assert ui.controller.phase is not Phase.RUNNING


def test_a_gan_on_2d_data_draws_gan_labs_picture_live(qtbot, make_ui):
    ui = make_ui(gan_ring_project(samples=300, epochs=3))
    view = ui.model_panel.generative
    _train(qtbot, ui)
    assert ui.model_panel.tabs.currentWidget() is view  # the run shows what applies to it
    qtbot.waitUntil(lambda: view._frame is not None and view._frame.field is not None, timeout=10_000)
    view.redraw()
    field = view._frame.field
    assert field.heat.shape == (48, 48) and 0.0 <= field.heat.min() <= field.heat.max() <= 1.0
    assert len(view.fake.data) == len(field.fake) == 300 and len(view.real.data) > 0
    x, _ = view.arrows.getData()
    assert len(x) == 2 * len(field.fake)  # one segment per generated point
    assert [c.name() for c in view.curves] == ["d_loss", "g_loss", "d_real", "d_fake"]
    assert len(view.curves[0].getData()[0]) == 3  # one point per epoch
    assert "d_real" in view.note.text()


def test_a_vae_shows_reconstructions_and_its_latent_plane(qtbot, make_ui):
    ui = make_ui(vae_digits_project(epochs=2))
    view = ui.model_panel.generative
    _train(qtbot, ui)
    qtbot.waitUntil(lambda: view._frame is not None and view._frame.latent is not None, timeout=10_000)
    view.redraw()
    recon = view._frame.reconstructions
    assert recon.inputs.shape == recon.outputs.shape == (8, 1, 8, 8)
    assert view.grid.image is not None and view.grid.image.shape == (17, 71)  # two rows of eight tiles
    assert view.latent.isVisible() and len(view.latent_points.data) == len(view._frame.latent.points)
    assert [c.name() for c in view.curves] == ["recon_loss", "kl"]


def _info(objective: str = "gan") -> RunInfo:
    return RunInfo(1, "t", "generative", "MSELoss", (), (), 1, 5, 8, 8, objective=objective, latent_dim=2)


def _epoch(epoch: int, d_fake: float) -> EpochMetrics:
    return EpochMetrics(epoch, 1.0, None, None, None, 0.01, 1.0,
                        {"d_loss": 1.0, "g_loss": 3.0, "d_real": 0.9, "d_fake": d_fake})


def test_the_note_says_when_the_discriminator_wins(qtbot):
    view = GenerativeView()
    qtbot.addWidget(view)
    view.start(_info())
    view.add(Progress(1, epochs=[_epoch(1, 0.4)]))
    view.redraw()
    assert "wins" not in view.note.text()
    view.add(Progress(1, epochs=[_epoch(2, 0.01)]))
    view.redraw()
    assert view.note.text().startswith("The discriminator wins") and "0.010" in view.note.text()
    assert "b42318" in view.note.styleSheet()


def test_tiles_lay_samples_out_in_rows():
    images = np.arange(6 * 2 * 3, dtype=np.float32).reshape(6, 1, 2, 3)
    picture = tile(images, 4)
    assert picture.shape == (2 * 2 + 1, 4 * 3 + 3)
    assert np.array_equal(picture[0:2, 0:3], images[0, 0]) and np.array_equal(picture[3:5, 4:7], images[5, 0])
    assert np.isnan(picture[2]).all()


def test_the_note_says_when_the_generator_collapses(qtbot):
    from dlplayground.qt.training.payloads import Analysis, GenerativeFrame
    from dlplayground.training.generative_pictures import SampleGrid

    view = GenerativeView()
    qtbot.addWidget(view)
    view.start(_info())
    view.add(Progress(1, epochs=[_epoch(1, 0.45)]))
    varied = SampleGrid(10, np.random.default_rng(0).random((64, 1, 8, 8), dtype=np.float32), 0.9)
    view.show_analysis(Analysis(10, generative=GenerativeFrame(samples=varied)))
    view.redraw()
    assert "collapsed" not in view.note.text()
    same = SampleGrid(20, np.zeros((64, 1, 8, 8), np.float32), 0.05)
    view.show_analysis(Analysis(20, generative=GenerativeFrame(samples=same)))
    view.redraw()
    assert "collapsed to a few modes" in view.note.text() and "5%" in view.note.text()


def test_a_wrapped_title_keeps_off_the_picture(qtbot):
    view = GenerativeView()
    qtbot.addWidget(view)
    view.resize(560, 330)  # the Model view dock of a 1280x720 window, or narrower
    view.show()
    qtbot.waitExposed(view)
    info = RunInfo(1, "t", "generative", "MSELoss", (), (), 1, 5, 8, 8, objective="gan", latent_dim=2, planar=True)
    for width in (560, 420):  # two lines, then three
        view.resize(width, 330)
        view.start(info)
        qtbot.wait(30)
        title = view.picture.titleLabel
        text = title.item.mapRectToScene(title.item.boundingRect())
        data = view.picture.getViewBox().mapRectToScene(view.picture.getViewBox().boundingRect())
        assert text.bottom() <= data.top() + 1, (width, text, data)
