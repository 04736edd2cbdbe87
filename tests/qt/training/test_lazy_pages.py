"""The training views behind a tab are built when first shown or fed, not with the window."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from dlplayground.qt.training import panel as panels
from dlplayground.qt.training.boundary_view import BoundaryView
from dlplayground.qt.training.confusion_view import ConfusionView
from dlplayground.qt.training.curves_view import CurvesView
from dlplayground.qt.training.generative_view import GenerativeView
from dlplayground.qt.training.gradients_view import GradientsView
from dlplayground.qt.training.histograms_view import HistogramsView
from dlplayground.qt.training.images_view import ImagesView
from dlplayground.qt.lazy_page import deferred
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


def test_a_run_starting_builds_no_hidden_view_at_once_and_each_is_built_later_with_the_run(qtbot, window,
                                                                                         tmp_path):
    """Building every view as a run starts was one long pause of the window: the hidden ones
    keep what the run feeds them and are built one at a time in idle time, then show the run as
    if they had been built at its start."""
    ui = install_training(window, tmp_path / "runs")
    open_example(window, "spiral_mlp.dlp.json")
    project = window.session.project
    project.set_settings("training", dict(project.training, epochs=2))
    project.set_settings("data", {**project.data, "params": {**project.data.get("params", {}), "samples": 300}})
    panel, model = ui.training_panel, ui.model_panel
    fed_hidden = [panel.gradients, panel.histograms, model.neurons, model.images, model.confusion, model.generative]
    at_start = {}

    def look(_info):  # connected after the window's own handlers: runs after them
        at_start.update({page: (page.built, 0 if page.built else page.waiting_calls) for page in fed_hidden})

    ui.controller.run_started.connect(look)
    ui.controller.train()
    qtbot.waitUntil(lambda: bool(at_start), timeout=20_000)
    assert [page for page, (built, _) in at_start.items() if built] == []
    assert all(waiting >= 1 for _, waiting in at_start.values())  # each holds the run's start
    qtbot.waitUntil(lambda: all(page.built for page in fed_hidden), timeout=10_000)
    qtbot.waitUntil(lambda: not ui.controller.busy, timeout=20_000)
    assert all(page.waiting_calls == 0 for page in fed_hidden)
    # what the run fed them before they existed reached them: the gradient norms and the layers
    gradients = panel.gradients.view()
    assert gradients.flags_label.text() and len(gradients.curve_plot.listDataItems()) == 3
    assert panel.histograms.view().layer is not None or panel.histograms.select_layer("fc1")


def test_a_page_holding_calls_answers_a_method_from_its_built_view(qtbot):
    from dlplayground.qt.lazy_page import LazyPage

    made = []

    class View(QWidget):
        def __init__(self):
            super().__init__()
            self.calls = []
            made.append(self)

        def start(self, value):
            self.calls.append(("start", value))

        def clear(self):
            self.calls.append(("clear",))

    page = LazyPage(View, {"clear": lambda: None, "dirty": False}, queued=("start",))
    qtbot.addWidget(page)
    page.clear()  # nothing held: answered without building
    assert not page.built
    page.start(1)
    page.start(2)
    assert not page.built and page.waiting_calls == 2 and page.dirty is False
    page.clear()  # acts on the view the held calls make, not on a fresh one
    assert page.built and made[0].calls == [("start", 1), ("start", 2), ("clear",)]
    page.start(3)  # built: straight through
    assert made[0].calls[-1] == ("start", 3) and page.waiting_calls == 0


def test_once_the_engine_has_loaded_in_the_background_every_view_is_built_in_idle_time(qtbot, window, tmp_path,
                                                                                      monkeypatch):
    """No run needed: the first one then starts with its views already built."""
    import threading

    from dlplayground.qt import engine

    monkeypatch.setattr(engine, "_loaded_in_background", False)
    monkeypatch.setattr(engine, "_notifier", None)
    monkeypatch.setattr(engine, "load_engine", lambda: None)  # torch is in: nothing to wait for
    monkeypatch.setattr(engine, "settle_heap", lambda: None)  # not the test process's heap
    ui = install_training(window, tmp_path / "runs")
    pages = [*ui.views, ui.training_panel.runs]
    qtbot.wait(50)
    assert not all(page.built for page in pages)  # nothing yet: the engine has not loaded
    loader = threading.Thread(target=engine._load_quietly)
    loader.start()
    loader.join()
    qtbot.waitUntil(lambda: all(page.built for page in pages), timeout=5000)
    # asked after the load: soon as well
    called = []
    engine.when_loaded_in_background(lambda: called.append(True))
    qtbot.waitUntil(lambda: called == [True], timeout=2000)
