"""The training views behind a tab are built when first shown or fed, not with the window."""

from __future__ import annotations

import pytest

from dlplayground.qt.training import panel as panels
from dlplayground.qt.training.boundary_view import BoundaryView
from dlplayground.qt.training.confusion_view import ConfusionView
from dlplayground.qt.training.curves_view import CurvesView
from dlplayground.qt.training.generative_view import GenerativeView
from dlplayground.qt.training.gradients_view import GradientsView
from dlplayground.qt.training.histograms_view import HistogramsView
from dlplayground.qt.training.images_view import ImagesView
from dlplayground.qt.training.lazy_page import deferred
from dlplayground.qt.training.neurons_view import NeuronsView
from dlplayground.qt.training.runs_view import RunsView
from dlplayground.qt.training.integration import install_training
from tests.qt.conftest import open_example


@pytest.mark.parametrize("view_class, idle", [(GradientsView, panels._GRADIENTS_IDLE),
                                              (HistogramsView, panels._HISTOGRAMS_IDLE),
                                              (ImagesView, panels._IMAGES_IDLE),
                                              (BoundaryView, panels._IDLE), (NeuronsView, panels._IDLE),
                                              (GenerativeView, panels._IDLE), (CurvesView, panels._IDLE),
                                              (ConfusionView, panels._IDLE)])
def test_an_unbuilt_view_answers_as_a_fresh_one_would(qtbot, view_class, idle):
    view = view_class()
    qtbot.addWidget(view)
    for name, value in idle.items():
        real = getattr(view, name)
        if name == "clear":
            continue
        if callable(value):
            assert value("fc1") == real("fc1"), name
        else:
            assert value == real, name


def test_opening_and_editing_builds_no_hidden_view_and_painting_one_builds_it(qtbot, window, tmp_path):
    ui = install_training(window, tmp_path / "runs")
    panel, model = ui.training_panel, ui.model_panel
    hidden = [panel.curves, panel.gradients, panel.histograms, panel.runs, model.neurons, model.images,
              model.confusion, model.generative]
    assert not any(page.built for page in hidden)
    open_example(window, "spiral_mlp.dlp.json")
    window.scene.clearSelection()
    window.scene.node_items["fc1"].setSelected(True)  # the editor's selection reaches the views
    ui.select_nodes(["fc1"])
    ui.sync_wishes()
    ui.forget_run()
    qtbot.wait(50)
    assert [page for page in hidden if page.built] == []
    # raising the training dock paints (and so builds) its current tab only
    ui.training_dock.raise_()
    qtbot.waitUntil(lambda: panel.curves.built)
    assert not panel.gradients.built
    # the flags signal is connected when the gradients view is built, and reaches the window
    panel.tabs.setCurrentWidget(panel.gradients)
    qtbot.waitUntil(lambda: panel.gradients.built)
    with qtbot.waitSignal(ui.flags_changed, timeout=2000) as signal:
        panel.gradients.view().flags_changed.emit({"fc1": "vanishing"})
    assert signal.args == [{"fc1": "vanishing"}]
    assert isinstance(panel.gradients.view(), GradientsView) and panel.gradients.curve_plot is not None


def test_every_page_builds_the_view_its_factory_names(qtbot, window, tmp_path):
    ui = install_training(window, tmp_path / "runs")
    panel, model = ui.training_panel, ui.model_panel
    expected = {panel.curves: CurvesView, panel.gradients: GradientsView, panel.histograms: HistogramsView,
                panel.runs: RunsView, model.boundary: BoundaryView, model.neurons: NeuronsView,
                model.images: ImagesView, model.confusion: ConfusionView, model.generative: GenerativeView}
    for page, view_class in expected.items():
        assert type(page.view()) is view_class


def test_a_deferred_factory_imports_its_module_only_when_called(qtbot, monkeypatch):
    import sys

    monkeypatch.delitem(sys.modules, "dlplayground.qt.training.runs_view")  # put back afterwards
    make = deferred("dlplayground.qt.training.runs_view", "RunsView")
    assert "dlplayground.qt.training.runs_view" not in sys.modules
    view = make()
    qtbot.addWidget(view)
    assert "dlplayground.qt.training.runs_view" in sys.modules and type(view).__name__ == "RunsView"
    with pytest.raises(ModuleNotFoundError):
        deferred("dlplayground.qt.training.no_such_view", "View")()
