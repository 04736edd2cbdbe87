"""Decision surfaces, confusion matrices, histograms and gradient flags for the live views."""

import json

import numpy as np
import pytest
import torch

from dlplayground.data import load_dataset
from dlplayground.training import Events, GradientRecord, prepare_training
from dlplayground.training.analysis import (
    EXPLODING,
    VANISHING,
    VANISHING_RATIO,
    Histogram,
    class_probabilities,
    confusion_counts,
    confusion_matrix,
    decision_surface,
    gradient_flags,
    is_planar,
    layer_histograms,
    plane_bounds,
    predict,
)
from tests.conftest import EXAMPLES
from tests.helpers import chain_project
from tests.training.conftest import spiral_mlp


def linear_model(out_features, data, loss="CrossEntropyLoss", extra=()):
    project = chain_project(*extra, ("fc", "Linear", {"out_features": out_features}), data=data,
                            training={"loss": loss, "optimizer": {"type": "Adam", "lr": 0.01}, "epochs": 1})
    return prepare_training(project)


# -- probabilities ----------------------------------------------------------------------
def test_cross_entropy_outputs_become_a_softmax():
    logits = np.array([[1.0, 2.0, 3.0], [1000.0, 0.0, -1000.0]])
    probs = class_probabilities(logits, "CrossEntropyLoss")
    assert np.allclose(probs, torch.softmax(torch.tensor(logits), dim=1).numpy())
    assert np.allclose(probs.sum(axis=1), 1.0) and np.isfinite(probs).all()


def test_a_single_binary_logit_gives_two_class_probabilities():
    probs = class_probabilities(np.array([[-2.0], [0.5], [-800.0]]), "BCEWithLogitsLoss")
    sigmoid = 1 / (1 + np.exp(-np.array([-2.0, 0.5])))
    assert np.allclose(probs[:2, 1], sigmoid) and np.allclose(probs.sum(axis=1), 1.0)
    # the argmax agrees with the trainer's rule: logit > 0 means class 1
    assert list(probs.argmax(axis=1)) == [0, 1, 0]


def test_one_hot_regression_scores_are_clipped_and_normalised():
    probs = class_probabilities(np.array([[0.2, 0.6, -0.3], [1.5, 0.5, 0.0], [-1.0, -2.0, -3.0]]), "MSELoss")
    assert np.allclose(probs[0], [0.25, 0.75, 0.0])
    assert np.allclose(probs[1], [2 / 3, 1 / 3, 0.0])
    assert np.allclose(probs[2], 1 / 3)  # nothing positive: no preference


def test_bce_probabilities_are_read_as_they_are():
    probs = class_probabilities(np.array([[0.9], [0.2]]), "BCELoss")
    assert np.allclose(probs, [[0.1, 0.9], [0.8, 0.2]])


# -- decision surface -------------------------------------------------------------------
def test_surface_is_evaluated_at_raw_grid_points_through_the_standardisation():
    data = {"name": "gauss", "params": {"samples": 200, "classes": 2}, "val_split": 0.2, "seed": 3}
    setup = linear_model(2, data)
    layer = setup.model.layers["fc"]
    surface = decision_surface(setup.model, setup.dataset, "CrossEntropyLoss", resolution=7)
    assert surface.values.shape == (7, 7, 2) and surface.task == "classification"
    weight, bias = layer.weight.detach().double().numpy(), layer.bias.detach().double().numpy()
    for row, col in [(0, 0), (0, 6), (6, 0), (3, 5)]:
        raw = np.array([surface.xs[col], surface.ys[row]])  # row follows y, column follows x
        logits = weight @ ((raw - setup.dataset.mean) / setup.dataset.std) + bias
        expected = np.exp(logits - logits.max()) / np.exp(logits - logits.max()).sum()
        assert np.allclose(surface.values[row, col], expected, atol=1e-5)


def test_surface_covers_every_data_point():
    setup = prepare_training(spiral_mlp(samples=200))
    x0, x1, y0, y1 = decision_surface(setup.model, setup.dataset, "CrossEntropyLoss", resolution=10).extent
    points = np.concatenate([setup.dataset.raw_train, setup.dataset.raw_val])
    assert x0 < points[:, 0].min() and points[:, 0].max() < x1
    assert y0 < points[:, 1].min() and points[:, 1].max() < y1
    assert plane_bounds(setup.dataset)[0] < points[:, 0].min()


def test_regression_surface_is_the_first_output():
    data = {"name": "plane", "params": {"samples": 100}, "val_split": 0.2, "seed": 0}
    setup = linear_model(1, data, loss="MSELoss")
    surface = decision_surface(setup.model, setup.dataset, "MSELoss", resolution=5)
    assert surface.values.shape == (5, 5) and surface.task == "regression"
    grid = np.stack(np.meshgrid(surface.xs, surface.ys), axis=-1).reshape(-1, 2)
    expected = predict(setup.model, setup.dataset.standardise(grid))[:, 0].reshape(5, 5)
    assert np.allclose(surface.values, expected)


def test_non_planar_datasets_have_no_surface():
    setup = prepare_training(json.loads((EXAMPLES / "digits_cnn.dlp.json").read_text()))
    assert not is_planar(setup.dataset)
    with pytest.raises(ValueError, match="needs 2 features"):
        decision_surface(setup.model, setup.dataset, "CrossEntropyLoss")


def test_trained_surface_agrees_with_the_model_and_the_labels():
    project = chain_project(("fc1", "Linear", {"out_features": 16}), ("a1", "Tanh", {}),
                            ("fc2", "Linear", {"out_features": 2}),
                            data={"name": "moons", "params": {"samples": 300}, "val_split": 0.3, "seed": 0},
                            training={"loss": "CrossEntropyLoss", "optimizer": {"type": "Adam", "lr": 0.05},
                                      "batch_size": 32, "epochs": 15, "seed": 0})
    setup = prepare_training(project)
    setup.trainer().run()
    surface = decision_surface(setup.model, setup.dataset, "CrossEntropyLoss", resolution=120)
    # look the predicted class up at each validation point's grid cell
    raw, labels = setup.dataset.raw_val, setup.dataset.y_val
    cols = np.abs(surface.xs[None, :] - raw[:, :1]).argmin(axis=1)
    rows = np.abs(surface.ys[None, :] - raw[:, 1:]).argmin(axis=1)
    from_surface = surface.values[rows, cols].argmax(axis=1)
    direct = predict(setup.model, setup.dataset.x_val).argmax(axis=1)
    assert (from_surface == direct).mean() > 0.95
    assert (from_surface == labels).mean() > 0.85


# -- analysis leaves training alone -----------------------------------------------------
def test_analysis_keeps_the_mode_and_batchnorm_statistics():
    project = chain_project(("fc1", "Linear", {"out_features": 8}), ("bn", "BatchNorm1d", {}),
                            ("drop", "Dropout", {"p": 0.5}), ("fc2", "Linear", {"out_features": 3}),
                            data={"name": "spiral", "params": {"samples": 100, "classes": 3}, "val_split": 0.2})
    setup = prepare_training(project)
    model = setup.model.train()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    decision_surface(model, setup.dataset, "CrossEntropyLoss", resolution=4)
    confusion_matrix(model, setup.dataset, "CrossEntropyLoss")
    layer_histograms(model, "bn")
    assert model.training
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())


def test_analysis_between_steps_does_not_change_the_run():
    def final_weights(with_analysis):
        setup = prepare_training(spiral_mlp(epochs=2, samples=200, activation="ReLU"))
        trainer = setup.trainer()
        if with_analysis:
            trainer.on(Events.ITERATION_COMPLETED, lambda t: (
                decision_surface(t.model, t.dataset, "CrossEntropyLoss", resolution=8),
                layer_histograms(t.model, "fc2", t.state.iteration),
                confusion_matrix(t.model, t.dataset, "CrossEntropyLoss")))
        trainer.run()
        return trainer.model.state_dict()

    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # both runs alike, whatever thread count earlier tests left
    try:
        plain, analysed = final_weights(False), final_weights(True)
    finally:
        torch.set_num_threads(threads)
    # equal but for the last bits a thread count changed by another test's leftover thread
    # could give: analysis that touched the run (gradients, RNG, train mode) differs far more
    for key in plain:
        torch.testing.assert_close(analysed[key], plain[key], rtol=1e-5, atol=1e-6, msg=key)


# -- confusion matrix -------------------------------------------------------------------
def test_confusion_counts_rows_are_true_classes():
    counts = confusion_counts(np.array([0, 0, 1, 2, 2, 2]), np.array([0, 1, 1, 2, 0, 2]), 3)
    assert counts.tolist() == [[1, 1, 0], [0, 1, 0], [1, 0, 2]]
    with pytest.raises(ValueError, match=r"\[0, 3\)"):
        confusion_counts(np.array([3]), np.array([0]), 3)


def test_confusion_matrix_agrees_with_the_trainers_accuracy():
    setup = prepare_training(spiral_mlp(epochs=3, samples=300))
    trainer = setup.trainer()
    trainer.run()
    matrix = confusion_matrix(trainer.model, setup.dataset, "CrossEntropyLoss")
    assert matrix.counts.sum() == len(setup.dataset.y_val) and matrix.split == "val"
    assert np.bincount(setup.dataset.y_val, minlength=3).tolist() == matrix.counts.sum(axis=1).tolist()
    assert matrix.accuracy == pytest.approx(trainer.evaluate("val")[1])
    assert np.allclose(matrix.normalised().sum(axis=1), 1.0)
    assert matrix.class_names == ("class 0", "class 1", "class 2")


def test_regression_has_no_confusion_matrix():
    setup = linear_model(1, {"name": "plane", "params": {"samples": 50}}, loss="MSELoss")
    with pytest.raises(ValueError, match="regression"):
        confusion_matrix(setup.model, setup.dataset, "MSELoss")


# -- histograms -------------------------------------------------------------------------
def test_histograms_count_every_parameter_and_appear_with_gradients():
    setup = prepare_training(spiral_mlp(hidden=16, epochs=1, samples=100))
    before = layer_histograms(setup.model, "fc2")
    assert before.parameter_count == 16 * 16 + 16 and before.weights.counts.sum() == 16 * 16 + 16
    assert before.gradients is None  # nothing has been back-propagated yet
    setup.trainer().run()
    after = layer_histograms(setup.model, "fc2", step=3)
    assert after.gradients is not None and after.gradients.counts.sum() == 16 * 16 + 16
    assert after.step == 3 and len(after.weights.edges) == len(after.weights.counts) + 1
    with pytest.raises(KeyError, match="'a1' is not a layer|'nope' is not a layer"):
        layer_histograms(setup.model, "nope")


def test_histogram_of_constant_or_non_finite_values():
    constant = Histogram.of(np.full(10, 2.0), bins=4)
    assert constant.counts.sum() == 10 and constant.edges[0] < 2.0 < constant.edges[-1]
    mixed = Histogram.of(np.array([1.0, np.nan, np.inf, 3.0]), bins=2)
    assert mixed.counts.tolist() == [1, 1]
    tiny = Histogram.of(np.array([-3e-15, 1e-15, 2e-15]), bins=2)  # vanishing gradients keep their spread
    assert tiny.counts.tolist() == [1, 2] and tiny.edges[-1] == pytest.approx(2e-15)


# -- gradient flags ---------------------------------------------------------------------
def record(norms, ids=None):
    ids = ids or tuple(f"l{i}" for i in range(len(norms)))
    return GradientRecord(0, 1, ids, np.array(norms, float), np.ones(len(norms)))


def test_flags_are_relative_to_the_last_layer():
    flags = gradient_flags(record([1e-9, VANISHING_RATIO * 2, 5e3, 0.0, 1.0]))
    assert flags == {"l0": VANISHING, "l2": EXPLODING, "l3": VANISHING}


def test_non_finite_norms_explode_and_a_dead_last_layer_gives_no_reference():
    assert gradient_flags(record([np.nan, 1.0, np.inf])) == {"l0": EXPLODING, "l2": EXPLODING}
    assert gradient_flags(record([1e-9, 1.0, 0.0])) == {}
    assert gradient_flags(record([])) == {}


@pytest.mark.parametrize("example, vanishing", [("deep_plain_mlp", True), ("spiral_mlp", False),
                                                 ("digits_cnn", False)])
def test_examples_flag_vanishing_gradients_only_in_the_deep_sigmoid_net(example, vanishing):
    project = json.loads((EXAMPLES / f"{example}.dlp.json").read_text())
    trainer = prepare_training(project, EXAMPLES, epochs=1).trainer()
    trainer.run()
    flags = gradient_flags(trainer.state.gradient_log[0])
    assert bool(flags) is vanishing
    if vanishing:
        assert set(flags.values()) == {VANISHING} and "fc0" in flags and "fc18" not in flags


def test_digits_dataset_is_not_planar():
    assert not is_planar(load_dataset({"name": "digits"}))
    assert is_planar(load_dataset({"name": "moons", "params": {"samples": 20}}))


def test_the_confusion_matrix_counts_predictions_as_the_trainer_does(monkeypatch):
    # one-hot MSE scores above 1 are clipped for display, but the predicted class is the argmax,
    # as the trainer counts it
    from dlplayground.training import analysis
    from dlplayground.training.objective import predictor

    data = load_dataset({"name": "moons", "params": {"samples": 30}, "val_split": 0.1, "seed": 0})
    outputs = np.array([[1.1, 1.3], [-0.2, -0.1], [0.9, 0.2]])
    monkeypatch.setattr(analysis, "predict", lambda model, x: outputs)
    matrix = analysis.confusion_matrix(None, data, "MSELoss")
    predicted = predictor("MSELoss", 2)(torch.from_numpy(outputs)).numpy()
    assert predicted.tolist() == [1, 1, 0]
    expected = np.zeros((2, 2), np.int64)
    for label, guess in zip(data.y_val, predicted):
        expected[label, guess] += 1
    assert np.array_equal(matrix.counts, expected)
    assert predictor("BCEWithLogitsLoss", 1)(torch.tensor([[0.3], [-0.3]])).tolist() == [1, 0]
    assert predictor("BCELoss", 1)(torch.tensor([[0.4], [0.6]])).tolist() == [0, 1]
