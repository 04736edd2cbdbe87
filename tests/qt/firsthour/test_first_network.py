"""Item 10: a first network has no problem at once; closing during a run asks about the run."""

from __future__ import annotations

from dlplayground.qt.training.controller import Phase
from dlplayground.qt.training.integration import install_training
from tests.qt.conftest import open_example


def test_a_new_linear_connected_to_the_output_gets_one_output_per_class(qtbot, window):
    open_example(window, "spiral_mlp.dlp.json")  # 3 classes
    graph = window.session.graph
    output = next(n.id for n in graph.nodes if n.type == "Output")
    feeding = graph.in_edges(output)[0].src
    window.editor.delete(edges=[e for e in graph.edges if e.dst == output])
    new = window.editor.add_node("Linear", (1400, 0))
    assert window.editor.connect(feeding, new)
    assert window.editor.connect(new, output)
    assert graph.node(new).params["out_features"] == 3
    assert not window.session.problems
    window.session.undo_stack.undo()  # one step takes back the edge and the width
    assert "out_features" not in graph.node(new).params and not graph.in_edges(output)


def test_a_chosen_width_is_kept(qtbot, window):
    open_example(window, "spiral_mlp.dlp.json")
    graph = window.session.graph
    output = next(n.id for n in graph.nodes if n.type == "Output")
    window.editor.delete(edges=[e for e in graph.edges if e.dst == output])
    new = window.editor.add_node("Linear", (1400, 0), {"out_features": 5})
    window.editor.connect(new, output)
    assert graph.node(new).params["out_features"] == 5


def test_closing_during_a_run_asks_about_the_run_and_cancel_keeps_it_going(qtbot, window, tmp_path):
    ui = install_training(window, tmp_path / "runs")
    open_example(window, "spiral_mlp.dlp.json")
    window.session.project.set_settings("training", dict(window.session.project.training, epochs=10_000))
    asked: list[Phase] = []
    answers = [False, True]

    def ask() -> bool:
        asked.append(ui.controller.phase)
        return answers.pop(0)

    ui.window_link.ask_stop_run = ask
    with qtbot.waitSignal(ui.controller.run_started, timeout=20_000):
        ui.controller.train()
    qtbot.waitUntil(lambda: ui.controller.phase is Phase.RUNNING, timeout=10_000)
    assert not window.close()
    assert asked == [Phase.PAUSED]  # asked with the run paused, not going on behind the prompt
    assert ui.controller.phase is Phase.RUNNING and window.isVisible()
    assert window.close()
    assert len(asked) == 2
    qtbot.waitUntil(lambda: ui.controller.phase is Phase.IDLE, timeout=20_000)


def test_an_image_project_opens_on_the_filters_tab_and_a_plane_on_the_boundary(qtbot, window, tmp_path):
    ui = install_training(window, tmp_path / "runs")
    open_example(window, "digits_cnn.dlp.json")
    assert ui.model_panel.tabs.currentWidget() is ui.model_panel.images
    open_example(window, "spiral_mlp.dlp.json")
    assert ui.model_panel.tabs.currentWidget() is ui.model_panel.boundary
