"""Run an ONNX model with onnxruntime: input checks, outputs, class probabilities.

Used by ``dlplayground predict`` and the window's Inference panel. Works with any ONNX model
that has one input and one output; models exported by the playground also bring their class
labels, task and whether their output holds logits or probabilities.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import onnx

from dlplayground.export.metadata import ModelInfo, info_from_session, model_opset
from dlplayground.export.runtime import create_session
from dlplayground.layers.shapes import fmt

#: onnxruntime tensor types -> numpy dtypes the input is cast to
_DTYPES = {
    "tensor(float)": np.float32, "tensor(double)": np.float64, "tensor(float16)": np.float16,
    "tensor(int64)": np.int64, "tensor(int32)": np.int32, "tensor(int8)": np.int8,
    "tensor(uint8)": np.uint8, "tensor(bool)": np.bool_,
}


class ModelLoadError(ValueError):
    """The file is not an ONNX model onnxruntime can run; the message names the file."""


class InputShapeError(ValueError):
    """Inputs that do not fit the model; the message gives the expected and the actual shape."""


@dataclass(frozen=True)
class TopClass:
    """The most likely class of one row."""

    index: int
    label: str
    probability: float


class Predictor:
    """An onnxruntime session with its model's interface.

    Args:
        path: the ``.onnx`` file.
        threads: intra-op threads (default: physical cores).
    """

    def __init__(self, path: str | Path, threads: int | None = None) -> None:
        self.path = Path(path)
        try:
            self.session = create_session(self.path, threads)
            opset = model_opset(onnx.load(str(self.path), load_external_data=False))
        except FileNotFoundError:
            raise ModelLoadError(f"{self.path}: no such file") from None
        except Exception as exc:  # onnxruntime and protobuf raise their own types
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ModelLoadError(f"{self.path}: not an ONNX model onnxruntime can run ({message})") from None
        inputs = len(self.session.get_inputs())
        if inputs != 1 or not self.session.get_outputs():
            raise ModelLoadError(f"{self.path}: the model has {inputs} inputs; only one-input models are supported")
        self.info: ModelInfo = info_from_session(self.session, opset)
        self._dtype = _DTYPES.get(self.session.get_inputs()[0].type, np.float32)

    @property
    def expected_shape(self) -> list[int | str]:
        """The input shape with ``N`` for the batch dim and ``?`` for other free dims."""
        batch: int | str = "N" if self.info.batch_dynamic else self.session.get_inputs()[0].shape[0]
        return [batch, *("?" if d is None else d for d in self.info.input_shape)]

    def check_input(self, x: np.ndarray) -> None:
        """Raise :class:`InputShapeError` unless ``x`` is a batch the model accepts."""
        expected = self.expected_shape
        shape = list(np.shape(x))
        fits = len(shape) == len(expected) and all(
            isinstance(e, str) or e == s for e, s in zip(expected, shape)
        )
        if not fits:
            hint = ""
            if shape == [d for d in expected[1:]]:
                hint = f" (a single sample needs a batch dim: shape {fmt([1, *shape])})"
            raise InputShapeError(f"expected input of shape {fmt(expected)}, got {fmt(shape)}{hint}")

    def run(self, x: np.ndarray) -> np.ndarray:
        """The model's output for the batch ``x`` (checked first)."""
        self.check_input(x)
        feed = np.ascontiguousarray(x, dtype=self._dtype)
        return np.asarray(self.session.run([self.info.output_name], {self.info.input_name: feed})[0])

    def probabilities(self, output: np.ndarray) -> np.ndarray | None:
        """Class probabilities ``[N, K]`` for a classifier's output, ``None`` for other models.

        Logits go through softmax (one logit: sigmoid, giving two classes); outputs that are
        probabilities already (the graph ends in Softmax or Sigmoid) are used as they are.
        """
        if not self.info.is_classifier or output.ndim != 2:
            return None
        scores = output.astype(np.float64)
        if scores.shape[1] == 1:
            p = scores[:, 0] if self.info.output_kind == "probabilities" else 1.0 / (1.0 + np.exp(-scores[:, 0]))
            return np.stack([1.0 - p, p], axis=1)
        if self.info.output_kind == "probabilities":
            return scores
        return softmax(scores)

    def labels(self, count: int) -> list[str]:
        """Class labels for ``count`` classes (numbers where the model carries none)."""
        names = list(self.info.class_labels)
        return names[:count] + [str(i) for i in range(len(names), count)]

    def top_classes(self, output: np.ndarray) -> list[TopClass] | None:
        """The most likely class per row, or ``None`` when the model is not a classifier."""
        probabilities = self.probabilities(output)
        if probabilities is None:
            return None
        labels = self.labels(probabilities.shape[1])
        best = probabilities.argmax(axis=1)
        return [TopClass(int(i), labels[int(i)], float(probabilities[row, i])) for row, i in enumerate(best)]


def softmax(scores: np.ndarray) -> np.ndarray:
    """Row-wise softmax, stable for large scores."""
    shifted = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


def load_npy(path: str | Path) -> np.ndarray:
    """Read a ``.npy`` array without unpickling; raise ``ValueError`` naming the file."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{path}: no such file")
    try:
        array = np.load(path, allow_pickle=False)
    except ValueError as exc:
        raise ValueError(f"{path}: not a plain numeric .npy array ({exc})") from None
    except OSError as exc:
        raise ValueError(f"{path}: cannot read ({exc})") from None
    if not isinstance(array, np.ndarray):
        raise ValueError(f"{path}: holds several arrays (an .npz archive); give one .npy array")
    if not (np.issubdtype(array.dtype, np.number) or array.dtype == np.bool_):
        raise ValueError(f"{path}: holds {array.dtype} values, not numbers")
    return array

