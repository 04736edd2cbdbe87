"""A GAN project in the editor: its two networks on tabs, shapes checked across them, edits
and undo on the network shown; Reparameterize's ports named on the canvas."""

from __future__ import annotations

import json

from dlplayground.graph.io import project_from_dict
from dlplayground.layers.catalogue import PORT_NAMES
from tests.helpers import gan_ring_project, vae_digits_project


def _open(window, tmp_path, project) -> None:
    path = tmp_path / "p.dlp.json"
    path.write_text(json.dumps(project))
    window.session.open(path)


def test_a_gan_shows_both_networks_on_tabs_with_their_shapes(window, tmp_path):
    _open(window, tmp_path, gan_ring_project())
    tabs = window.network_tabs.tabs
    assert tabs.isVisible()
    assert [tabs.tabText(i) for i in range(2)] == ["Generator: noise [2] \u2192 [2]", "Discriminator: [2] \u2192 [1]"]
    assert set(window.scene.node_items) == {"z", "g1", "ga1", "g2", "ga2", "g3", "fake"}
    tabs.setCurrentIndex(1)
    assert window.session.active_network == "discriminator"
    assert set(window.scene.node_items) == {"sample", "d1", "da1", "d2", "da2", "d3", "logit"}
    tabs.setCurrentIndex(0)
    assert set(window.scene.node_items) == {"z", "g1", "ga1", "g2", "ga2", "g3", "fake"}


def test_a_shape_that_does_not_carry_across_is_marked_on_both_tabs(window, tmp_path):
    project = gan_ring_project()
    project["discriminator"]["nodes"][5]["params"]["out_features"] = 3  # d3: three logits
    _open(window, tmp_path, project)
    tabs, note = window.network_tabs.tabs, window.network_tabs.note
    assert tabs.tabText(1).startswith("\u26a0 Discriminator") and not tabs.tabText(0).startswith("\u26a0")
    assert "needs [1], one logit" in note.text()
    tabs.setCurrentIndex(1)
    assert any(p.node_ids == ("d3",) for p in window.session.problems)
    # fixing it on the discriminator's tab clears the mark on both
    assert window.editor.set_param("d3", "out_features", 1)
    assert not tabs.tabText(1).startswith("\u26a0") and "needs [1], one logit" not in note.text()
    # undo works on the network that was edited, whichever tab is shown
    tabs.setCurrentIndex(0)
    window.session.undo_stack.undo()
    assert window.session.project.discriminator.node("d3").params["out_features"] == 3
    assert tabs.tabText(1).startswith("\u26a0")


def test_the_generator_output_must_fit_the_data(window, tmp_path):
    project = gan_ring_project()
    project["graph"]["nodes"][5]["params"]["out_features"] = 5  # g3 makes 5 numbers for 2-D data
    _open(window, tmp_path, project)
    assert window.network_tabs.tabs.tabText(0).startswith("\u26a0 Generator")
    assert any("the generator makes samples of shape [5]" in p.message and p.node_ids == ("g3",)
               for p in window.session.problems)


def test_other_projects_show_no_tabs_and_a_saved_gan_keeps_both_networks(window, tmp_path):
    _open(window, tmp_path, vae_digits_project())
    assert not window.network_tabs.tabs.isVisible()
    _open(window, tmp_path, gan_ring_project())
    window.network_tabs.tabs.setCurrentIndex(1)
    window.session.save(tmp_path / "saved.dlp.json")
    saved = json.loads((tmp_path / "saved.dlp.json").read_text())
    assert [n["id"] for n in saved["discriminator"]["nodes"]][0] == "sample"
    assert [n["id"] for n in saved["graph"]["nodes"]][0] == "z"
    assert project_from_dict(saved).discriminator is not None


def test_reparameterize_names_its_ports_mu_and_logvar(window, tmp_path):
    assert PORT_NAMES["Reparameterize"] == ("mu", "logvar")
    _open(window, tmp_path, vae_digits_project())
    item = window.scene.node_items["z"]
    # the labels are drawn left of the card, so the item's bounds reach there
    assert item.boundingRect().left() < item.card_rect().left() - 30
    assert window.palette.item_for("Reparameterize") is not None  # in the palette, under Generative
    assert "mu at port 0, logvar at port 1" in window.palette.item_for("Reparameterize").toolTip(0)
