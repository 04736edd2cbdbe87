"""Filters, feature maps and Grad-CAM of convolutional models, and the tiling helpers."""

import json

import numpy as np
import pytest
import torch

from dlplayground.training import prepare_training
from dlplayground.training.image_analysis import (
    conv2d_nodes,
    conv_filters,
    feature_maps,
    grad_cam,
    normalise_each,
    spatial_nodes,
    tile,
)
from tests.conftest import EXAMPLES
from tests.helpers import chain_project


@pytest.fixture(scope="module")
def digits():
    project = json.loads((EXAMPLES / "digits_cnn.dlp.json").read_text())
    setup = prepare_training(project, EXAMPLES, epochs=2)
    setup.trainer().run()
    return setup


def test_spatial_nodes_and_their_shapes(digits):
    spatial = spatial_nodes(digits.model)
    assert spatial == [("conv1", (16, 8, 8)), ("bn1", (16, 8, 8)), ("relu1", (16, 8, 8)),
                       ("mix", (8, 8, 8)), ("relu2", (8, 8, 8)), ("pool", (8, 4, 4))]
    assert conv2d_nodes(digits.model) == ["conv1", "mix"]


def test_first_filters_are_the_first_conv_weights(digits):
    filters = conv_filters(digits.model)
    assert filters.node_id == "conv1" and filters.weights.shape == (16, 1, 3, 3)
    assert np.array_equal(filters.weights, digits.model.layers["conv1"].weight.detach().numpy())
    assert conv_filters(digits.model, "mix").weights.shape == (8, 16, 1, 1)
    with pytest.raises(KeyError, match="'fc' is not a Conv2d"):
        conv_filters(digits.model, "fc")


def test_models_without_convolutions():
    setup = prepare_training(chain_project(("fc", "Linear", {"out_features": 3})))
    assert conv_filters(setup.model) is None and spatial_nodes(setup.model) == []


def test_feature_maps_are_the_nodes_output_in_eval_mode(digits):
    sample = digits.dataset.x_val[5]
    maps = feature_maps(digits.model, sample, "relu1", sample_index=5)
    digits.model.eval()
    with torch.no_grad():
        expected = digits.model.forward_all(torch.as_tensor(sample)[None])["relu1"][0].numpy()
    assert maps.maps.shape == (16, 8, 8) and maps.sample == 5
    assert np.allclose(maps.maps, expected) and (maps.maps >= 0).all()
    with pytest.raises(ValueError, match="not a \\[channels, height, width\\] map"):
        feature_maps(digits.model, sample, "fc")
    with pytest.raises(KeyError, match="'nope'"):
        feature_maps(digits.model, sample, "nope")
    with pytest.raises(ValueError, match="the model takes \\[1, 8, 8\\]"):
        feature_maps(digits.model, np.zeros((8, 8)), "relu1")


def test_grad_cam_matches_a_hook_based_computation_and_leaves_grads_alone(digits):
    model = digits.model
    for param in model.parameters():
        param.grad = None
    cams = [grad_cam(model, digits.dataset.x_val[i], "relu2", sample_index=i) for i in range(10)]
    assert all(p.grad is None for p in model.parameters())
    # a small net may hold no positive evidence at a layer: then the map is zero, never NaN
    assert all(np.isfinite(c.heatmap).all() for c in cams)
    cam = next(c for c in cams if c.heatmap.max() > 0)
    sample = digits.dataset.x_val[cam.sample]
    assert cam.heatmap.shape == (8, 8) and 0 <= cam.heatmap.min() and cam.heatmap.max() == pytest.approx(1.0)
    assert cam.class_index == cam.predicted == int(np.argmax(cam.probabilities))
    assert cam.probabilities.sum() == pytest.approx(1.0)

    # the same computation with a forward hook and backward(), the textbook way
    captured = {}

    def keep(module, inputs, output):
        output.retain_grad()
        captured["a"] = output

    handle = model.layers["relu2"].register_forward_hook(keep)
    model.eval()
    scores = model(torch.as_tensor(sample)[None])
    scores[0, cam.class_index].backward()
    handle.remove()
    model.zero_grad(set_to_none=True)
    activation = captured["a"]
    weights = activation.grad.mean(dim=(2, 3), keepdim=True)
    expected = torch.relu((weights * activation).sum(dim=1)).detach().numpy()[0]
    assert np.allclose(cam.heatmap, expected / expected.max(), atol=1e-5)  # relu2 is already 8x8


def test_grad_cam_points_at_the_evidence():
    # an identity conv and a linear head that only counts positive evidence: class 0's
    # evidence is the bright top-left quadrant of the image, so the map must light up there
    project = chain_project(("conv", "Conv2d", {"out_channels": 1, "kernel_size": 1}), ("flat", "Flatten", {}),
                            ("fc", "Linear", {"out_features": 2}),
                            data={"name": "shapes", "params": {"samples": 20, "size": 8}, "val_split": 0.2})
    setup = prepare_training(project)
    with torch.no_grad():
        setup.model.layers["conv"].weight.fill_(1.0)
        setup.model.layers["conv"].bias.zero_()
        setup.model.layers["fc"].weight.fill_(0.1)
        setup.model.layers["fc"].weight[1].fill_(-0.1)
        setup.model.layers["fc"].bias.zero_()
    image = np.zeros((1, 8, 8), np.float32)
    image[0, :4, :4] = 1.0
    cam = grad_cam(setup.model, image, "conv", class_index=0)
    assert cam.heatmap[:4, :4].min() == pytest.approx(1.0) and cam.heatmap[4:, 4:].max() == 0.0
    assert grad_cam(setup.model, image, "conv", class_index=1).heatmap.max() == 0.0  # no evidence for 1
    with pytest.raises(ValueError, match="class index 7 is out of range"):
        grad_cam(setup.model, image, "conv", class_index=7)


def test_normalise_each_and_tile():
    images = np.stack([np.arange(4.0).reshape(2, 2), np.full((2, 2), 3.0), -np.arange(4.0).reshape(2, 2)])
    scaled = normalise_each(images)
    assert np.allclose(scaled[0], [[0, 1 / 3], [2 / 3, 1]]) and np.allclose(scaled[1], 0.5)
    assert scaled.min() == 0.0 and scaled.max() == 1.0
    mosaic = tile(scaled, pad=1, fill=-1.0)
    assert mosaic.shape == (5, 5)  # 2x2 grid of 2x2 images with 1-pixel gaps
    assert np.allclose(mosaic[:2, :2], scaled[0]) and np.allclose(mosaic[3:, :2], scaled[2])
    assert np.all(mosaic[3:, 3:] == -1.0) and np.all(mosaic[2, :] == -1.0)
    assert tile(np.zeros((3, 4, 4, 3)), columns=3).shape == (4, 14, 3)
    with pytest.raises(ValueError):
        tile(np.zeros((0, 2, 2)))
