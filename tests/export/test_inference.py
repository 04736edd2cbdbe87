"""Running exported models: shape checks, labels, probabilities, safe .npy loading."""

import numpy as np
import pytest

from dlplayground.data import load_dataset
from dlplayground.export.inference import InputShapeError, ModelLoadError, Predictor, load_npy, softmax
from dlplayground.export.pipeline import export_project

from tests.export.models import chain, dataset, exported_model


def test_predictor_reads_the_interface_and_labels(tmp_path):
    predictor = Predictor(exported_model("digits", tmp_path))
    assert predictor.expected_shape == ["N", 1, 8, 8]
    assert predictor.info.class_labels == tuple(str(d) for d in range(10)) and predictor.info.opset == 18
    samples = load_dataset({"name": "digits", "val_split": 0.2, "seed": 0}).raw_val[:5]
    output = predictor.run(samples)
    probabilities = predictor.probabilities(output)
    assert probabilities.shape == (5, 10) and np.allclose(probabilities.sum(axis=1), 1.0)
    np.testing.assert_allclose(probabilities, softmax(output.astype(np.float64)))
    top = predictor.top_classes(output)
    assert [t.index for t in top] == list(output.argmax(axis=1))
    assert top[0].label == str(top[0].index) and top[0].probability == pytest.approx(probabilities[0].max())


def test_wrong_input_shapes_get_a_clear_message(tmp_path):
    predictor = Predictor(exported_model("digits", tmp_path))
    with pytest.raises(InputShapeError, match=r"expected input of shape \[N, 1, 8, 8\], got \[5, 64\]$"):
        predictor.run(np.zeros((5, 64), np.float32))
    with pytest.raises(InputShapeError, match=r"got \[1, 8, 8\] \(a single sample needs a batch dim: shape \[1, 1, 8, 8\]\)"):
        predictor.run(np.zeros((1, 8, 8), np.float32))


def test_outputs_that_are_probabilities_are_not_softmaxed_again(tmp_path):
    project = chain(("fc", "Linear", {"out_features": 3}), ("probs", "Softmax", {}))
    data = dataset((4,))
    export_project(project, tmp_path / "p.onnx", dataset=data)
    predictor = Predictor(tmp_path / "p.onnx")
    assert predictor.info.output_kind == "probabilities"
    output = predictor.run(data.raw_val[:4])
    np.testing.assert_allclose(predictor.probabilities(output), output, rtol=1e-6)


def test_regression_models_have_no_classes(tmp_path):
    data = dataset((3,), task="regression")
    export_project(chain(("fc", "Linear", {"out_features": 1})), tmp_path / "r.onnx", dataset=data)
    predictor = Predictor(tmp_path / "r.onnx")
    output = predictor.run(data.raw_val[:2])
    assert output.shape == (2, 1) and predictor.top_classes(output) is None


def test_bad_files_are_refused_with_their_name(tmp_path):
    (tmp_path / "fake.onnx").write_bytes(b"\x00garbage")
    with pytest.raises(ModelLoadError, match="fake.onnx: not an ONNX model"):
        Predictor(tmp_path / "fake.onnx")
    np.save(tmp_path / "objects.npy", np.array([{"a": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(ValueError, match="objects.npy: not a plain numeric .npy array"):
        load_npy(tmp_path / "objects.npy")
    np.savez(tmp_path / "many.npz", a=np.zeros(2))
    with pytest.raises(ValueError, match="several arrays"):
        load_npy(tmp_path / "many.npz")
    with pytest.raises(ValueError, match="no such file"):
        load_npy(tmp_path / "absent.npy")
