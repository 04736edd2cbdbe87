"""TensorFlow Playground's neuron pictures: each hidden neuron's output over the input plane."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from dlplayground.qt.training.controller import Phase
from dlplayground.qt.training.neurons_view import MAP_SIZE, MIN_MAP_SIZE, neuron_image
from dlplayground.training import prepare_training
from dlplayground.training.neuron_maps import MAX_NEURONS, neuron_maps, neuron_nodes
from tests.training.conftest import spiral_mlp


def test_each_map_is_the_neurons_output_at_that_point_of_the_plane():
    setup = prepare_training(spiral_mlp(hidden=32, samples=200), None)
    model, dataset = setup.model, setup.dataset
    assert neuron_nodes(model) == ["a1", "a2"]
    maps = neuron_maps(model, dataset, resolution=12)
    assert [node for node, _ in maps.layers] == ["a1", "a2"] and maps.widths == (32, 32)
    for _node, values in maps.layers:
        assert values.shape == (MAX_NEURONS, 12, 12)
        assert np.all(np.abs(values) <= 1.0)  # Tanh
        assert values.std() > 0  # the plane is not one colour: neurons cut it
    # grid point (row 7, column 3) against a forward pass of that very point
    raw = np.array([[maps.xs[3], maps.ys[7]]])
    with torch.no_grad():
        model.eval()
        direct = model.forward_all(torch.as_tensor(dataset.standardise(raw), dtype=torch.float32))
    for node, values in maps.layers:
        np.testing.assert_allclose(values[:, 7, 3], direct[node][0, :MAX_NEURONS].double().numpy(), rtol=1e-5,
                                   atol=1e-6)


def test_a_model_without_activations_shows_its_hidden_linears():
    project = spiral_mlp(samples=200)
    nodes = project["graph"]["nodes"]
    project["graph"]["nodes"] = [n for n in nodes if n["type"] != "Tanh"]
    project["graph"]["edges"] = [{"src": "x", "dst": "fc1"}, {"src": "fc1", "dst": "fc2"},
                                 {"src": "fc2", "dst": "fc3"}, {"src": "fc3", "dst": "y"}]
    setup = prepare_training(project, None)
    assert neuron_nodes(setup.model) == ["fc1", "fc2"]


def test_the_maps_are_refused_for_data_that_is_not_a_plane():
    from tests.training.conftest import chain_project

    project = chain_project(("f", "Flatten", {}), ("fc", "Linear", {"out_features": 10}),
                            data={"name": "digits", "params": {}, "val_split": 0.2, "seed": 0})
    setup = prepare_training(project, None)
    with pytest.raises(ValueError, match="2 features"):
        neuron_maps(setup.model, setup.dataset)


def test_colours_orange_negative_white_zero_blue_positive_with_y_upwards():
    values = np.array([[-1.0, 0.0], [0.0, 2.0]])  # row 0 is the lowest y
    rgb = neuron_image(values, scale=2.0)
    assert tuple(rgb[1, 0]) == (250, 201, 144)  # bottom-left: -1 of scale 2, half-way to orange
    assert tuple(rgb[1, 1]) == (255, 255, 255)
    assert tuple(rgb[0, 1]) == (8, 119, 189)  # top-right: the largest, full blue


def test_the_neurons_tab_draws_a_map_per_neuron_while_training(qtbot, make_ui):
    ui = make_ui(spiral_mlp(hidden=6, samples=200, epochs=2))
    model = ui.model_panel
    model.tabs.setCurrentWidget(model.neurons)
    ui.controller.actions.epoch.trigger()
    qtbot.waitUntil(lambda: ui.controller.phase is Phase.PAUSED, timeout=30_000)
    view = model.neurons
    qtbot.waitUntil(lambda: len(view.labels) == 12 and all(
        not label.pixmap().isNull() for label in view.labels.values()), timeout=10_000)
    image = view.labels[(0, 0)].pixmap().toImage()
    assert MIN_MAP_SIZE <= image.width() == view.map_size <= MAP_SIZE
    side = image.width()
    colours = {image.pixelColor(x, y).name() for x in range(0, side, 3) for y in range(0, side, 3)}
    assert len(colours) > 10  # a gradient over the plane, not a flat square
    ui.controller.stop()
    qtbot.waitUntil(lambda: not ui.controller.busy, timeout=30_000)


def test_sixteen_maps_a_row_shrink_to_the_views_width(qtbot, make_ui):
    ui = make_ui(spiral_mlp(hidden=32, samples=200, epochs=2))
    model = ui.model_panel
    model.tabs.setCurrentWidget(model.neurons)
    ui.controller.actions.step.trigger()
    qtbot.waitUntil(lambda: ui.controller.phase is Phase.PAUSED, timeout=30_000)
    view = model.neurons
    qtbot.waitUntil(lambda: len(view.labels) == 2 * MAX_NEURONS, timeout=10_000)
    last = view.labels[(0, MAX_NEURONS - 1)]
    right = last.mapTo(view.scroll_area.viewport(), last.rect().topRight()).x()
    assert view.map_size < MAP_SIZE  # 16 maps of the full size would not fit beside the curves
    assert right <= view.scroll_area.viewport().width() or view.map_size == MIN_MAP_SIZE
    ui.controller.stop()
    qtbot.waitUntil(lambda: not ui.controller.busy, timeout=30_000)
