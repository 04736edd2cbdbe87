"""The dataset catalogue: every ``data.name`` a project may use, with its options schema.

:func:`load_dataset` turns a project's ``data`` section into a split, standardised
:class:`Dataset`; :func:`describe` answers what the editor needs on every edit (the sample
shape, the task, the class names) without generating thousands of samples.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

import numpy as np

from dlplayground.data import files, real, synthetic
from dlplayground.data.augment import parse_augment
from dlplayground.data.dataset import DataError, Dataset, RawData, Task, TaskFacts, prepare
from dlplayground.graph.io import excerpt
from dlplayground.graph.params import INT_LIMIT, Param, ParamSchema, freeze, schema
from dlplayground.graph.text import joined, tx

Generator = Callable[[np.random.Generator, Mapping[str, Any]], RawData]
FileLoader = Callable[[Mapping[str, Any], "Path | None"], RawData]


@dataclass(frozen=True)
class DatasetSpec:
    """One dataset of the catalogue.

    Attributes:
        name: the ``data.name`` in project files.
        group: palette group in the window (``2-D classification``, ``Images``...).
        doc: one line for tooltips.
        schema: its ``data.params``.
        generate: builds raw samples from a seeded generator (built-in sets).
        read: reads raw samples from a file (``csv``, ``npz``).
        task, shape, target_shape: known up front for built-in sets (``shape`` from resolved
            options), so the editor need not generate data to infer shapes.
    """

    name: str
    group: str
    doc: str
    schema: ParamSchema
    generate: Generator | None = None
    read: FileLoader | None = None
    task: Task | None = None
    shape: Callable[[Mapping[str, Any]], tuple[int, ...]] | None = None
    class_names: Callable[[Mapping[str, Any]], tuple[str, ...]] | None = None
    #: per-sample target shape of a built-in regression set
    target_shape: tuple[int, ...] = ()
    #: builds the split dataset itself from (options, base folder, val_split, seed): the real
    #: data sets, which split before standardising (uint8 images) or building a vocabulary (text)
    load: "real.Loader | None" = None
    #: a real set's (sample shape, class names) without loading it, None where it must be loaded
    info: "real.Info | None" = None
    #: whether ``"val_split": "test"`` is accepted (an official test split exists)
    test_split: bool = False


@dataclass(frozen=True)
class DatasetInfo(TaskFacts):
    name: str
    input_shape: tuple[int, ...]
    task: Task
    class_names: tuple[str, ...]
    #: the per-sample target shape of a regression set (() for classification)
    target_shape: tuple[int, ...] = ()


P = Param
_SAMPLES = P("samples", "int", 1000, "Number of samples generated", minimum=10, maximum=1_000_000)
_NOISE = P("noise", "float", 0.1, "Noise added to the samples (0: none)", minimum=0.0, maximum=5.0)
_CLASSES = P("classes", "int", 2, "Number of classes", minimum=2, maximum=20)
_STANDARDISE = P("standardise", "bool", True,
                 "Standardise the inputs with the training split's statistics (off for token ids)")
_TASK = P("task", "choice", "auto", "Classification or regression (auto: integer targets with few values are classes)",
          choices=("auto", "classification", "regression"))


def _plane_2d(task: Task, names: Callable[[Mapping[str, Any]], tuple[str, ...]] | None,
              *params: Param) -> dict[str, Any]:
    return {"task": task, "shape": lambda o: (2,), "class_names": names,
            "target_shape": (1,) if task == "regression" else (), "schema": schema(_SAMPLES, _NOISE, *params)}


def _numbered(o: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(f"class {i}" for i in range(o["classes"]))


DATASETS: dict[str, DatasetSpec] = {
    spec.name: spec
    for spec in [
        DatasetSpec("spiral", "2-D classification", "Interleaved spiral arms: needs a non-linear boundary.",
                    generate=synthetic.spiral, **_plane_2d("classification", _numbered, _CLASSES)),
        DatasetSpec("circle", "2-D classification", "A disc inside a ring.",
                    generate=synthetic.circle, **_plane_2d("classification", lambda o: ("outside", "inside"))),
        DatasetSpec("ring", "2-D classification", "Points on a circle of radius 4, labelled by sector: "
                    "a target distribution for a 2-D GAN.",
                    generate=synthetic.ring, **_plane_2d("classification", _numbered,
                                                         P("classes", "int", 8, "Number of sectors (labels)",
                                                           minimum=2, maximum=20))),
        DatasetSpec("xor", "2-D classification", "Quadrants labelled by the sign of x*y.",
                    generate=synthetic.xor, **_plane_2d("classification", lambda o: ("opposite signs", "same sign"))),
        DatasetSpec("gauss", "2-D classification", "Gaussian blobs, one per class.",
                    generate=synthetic.gauss, **_plane_2d("classification", _numbered, _CLASSES)),
        DatasetSpec("moons", "2-D classification", "Two interleaving half moons.",
                    generate=synthetic.moons, **_plane_2d("classification", lambda o: ("upper", "lower"))),
        DatasetSpec("plane", "2-D regression", "A tilted plane: a linear model suffices.",
                    generate=synthetic.plane, **_plane_2d("regression", None)),
        DatasetSpec("reg_gauss", "2-D regression", "Signed Gaussian bumps.",
                    generate=synthetic.reg_gauss, **_plane_2d("regression", None)),
        DatasetSpec("digits", "Images", "1797 real 8x8 handwritten digits, 10 classes, shape [1, 8, 8].",
                    schema=schema(), generate=files.digits, task="classification",
                    shape=lambda o: (1, 8, 8), class_names=lambda o: tuple(str(d) for d in range(10))),
        DatasetSpec("shapes", "Images", "Generated images of circles, squares and triangles, shape [1, S, S].",
                    schema=schema(P("samples", "int", 1200, "Number of images", minimum=10, maximum=200_000),
                                  P("size", "int", 16, "Image side S in pixels", minimum=8, maximum=128),
                                  P("noise", "float", 0.05, "Pixel noise", minimum=0.0, maximum=1.0)),
                    generate=synthetic.shapes, task="classification", shape=lambda o: (1, o["size"], o["size"]),
                    class_names=lambda o: ("circle", "square", "triangle")),
        DatasetSpec("sine", "Sequences", "Next-value forecasting on a noisy sine, shape [T, 1].",
                    schema=schema(P("samples", "int", 1000, "Number of windows", minimum=10, maximum=1_000_000),
                                  P("length", "int", 20, "Time steps T per window", minimum=2, maximum=10_000),
                                  P("period", "float", 16.0, "Steps per sine period", minimum=2.0),
                                  P("noise", "float", 0.05, "Noise on the inputs", minimum=0.0, maximum=5.0)),
                    generate=synthetic.sine, task="regression", shape=lambda o: (o["length"], 1),
                    target_shape=(1,)),
        DatasetSpec("csv", "Files", "A CSV file with a header; 'target' names the target column.",
                    schema=schema(P("path", "str", None, "CSV file (relative to the project file)", required=True),
                                  P("target", "str", None, "Name of the target column", required=True),
                                  P("delimiter", "str", ",", "Cell separator"), _TASK, _STANDARDISE),
                    read=files.read_csv),
        DatasetSpec("npz", "Files", "A NumPy .npz archive with arrays x (inputs) and y (targets).",
                    schema=schema(P("path", "str", None, ".npz file (relative to the project file)", required=True),
                                  _TASK,
                                  P("layout", "choice", None, "Sample layout (default: from the rank of x)",
                                    choices=("features", "image", "sequence"), nullable=True),
                                  _STANDARDISE),
                    read=files.read_npz),
        *(DatasetSpec(**fields) for fields in real.SPECS),
    ]
}

#: what a project without a ``data`` section trains on
DEFAULT_DATA: dict[str, Any] = {"name": "spiral", "params": {"samples": 1000, "noise": 0.1, "classes": 3},
                                "val_split": 0.2, "seed": 0}


def dataset_names() -> list[str]:
    return list(DATASETS)


def _resolve(section: Mapping[str, Any]) -> tuple[DatasetSpec, dict[str, Any], float, int]:
    """Check a ``data`` section; raise :class:`DataError` naming the bad key."""
    if not isinstance(section, Mapping):
        raise DataError(tx("the 'data' section must be an object, got {value}", value=excerpt(section)))
    section = section or DEFAULT_DATA
    name = section.get("name")
    if not isinstance(name, str) or name not in DATASETS:
        raise DataError(tx("unknown dataset {name} (known: {known})", name=excerpt(name), known=", ".join(DATASETS)))
    spec = DATASETS[name]
    params = section.get("params") or {}
    if not isinstance(params, Mapping):
        raise DataError(tx("'params' must be an object, got {value}", value=excerpt(params)))
    problems = spec.schema.problems(params)
    if problems:
        raise DataError(tx("dataset '{name}': {problems}", name=name, problems=joined(problems)))
    val_split = section.get("val_split", 0.2)
    if val_split == "test":
        if not spec.test_split:
            raise DataError(tx("'val_split': 'test' needs a dataset with an official test split ({known}); "
                               "'{name}' has none", known=", ".join(n for n, s in DATASETS.items() if s.test_split),
                               name=name))
        return spec, spec.schema.resolve(params), "test", _seed(section)  # type: ignore[return-value]
    if isinstance(val_split, bool) or not isinstance(val_split, (int, float)) or not 0 <= val_split < 1:
        raise DataError(tx("'val_split' must be a number in [0, 1), got {value}", value=excerpt(val_split)))
    return spec, spec.schema.resolve(params), float(val_split), _seed(section)


def _seed(section: Mapping[str, Any]) -> int:
    seed = section.get("seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= INT_LIMIT:
        raise DataError(tx("'seed' must be an integer from 0 to {limit}, got {value}", limit=INT_LIMIT,
                           value=excerpt(seed)))
    return seed


def load_dataset(section: Mapping[str, Any], base_dir: str | Path | None = None) -> Dataset:
    """Build the dataset a project's ``data`` section describes.

    Args:
        section: the project's ``data`` section (an empty one means :data:`DEFAULT_DATA`).
        base_dir: the folder relative file paths are resolved against (the project's folder).
    """
    spec, opts, val_split, seed = _resolve(section)
    base = Path(base_dir) if base_dir is not None else None
    augment_value = (section or {}).get("augment")
    key = (spec.name, freeze(opts), val_split, seed, _file_stamp(spec, opts, base), freeze(augment_value))
    cached = _CACHE.get(key)
    if cached is None:
        _CACHE.clear()  # keep only the latest, and drop it before loading: datasets can be large
        if spec.load is not None:
            cached = spec.load(opts, base, val_split, seed)
        else:
            cached = prepare(spec.name, _raw(spec, opts, seed, base), val_split, seed)
        cached.augment, cached.seed = parse_augment(augment_value, cached.layout, spec.name), seed
        _CACHE[key] = cached
    return copy.copy(cached)


def load_raw(section: Mapping[str, Any], base_dir: str | Path | None = None) -> tuple[str, RawData, int]:
    """The samples of a ``data`` section before any split, with the dataset's name and the
    section's seed (k-fold cross-validation makes its own splits)."""
    spec, opts, _, seed = _resolve(section)
    return spec.name, _raw(spec, opts, seed, Path(base_dir) if base_dir is not None else None), seed


def _raw(spec: DatasetSpec, opts: Mapping[str, Any], seed: int, base: Path | None) -> RawData:
    if spec.generate is not None:
        return spec.generate(np.random.default_rng(seed), opts)
    assert spec.read is not None
    return spec.read(opts, base)


def describe(section: Mapping[str, Any], base_dir: str | Path | None = None) -> DatasetInfo:
    """Sample shape, task and class names, cheaply for built-in sets (no samples generated)."""
    spec, opts, _, _ = _resolve(section)
    known = spec.info(opts, Path(base_dir) if base_dir is not None else None) if spec.info else None
    if known is not None:  # a real set whose shape and classes follow from its options or folder names
        return DatasetInfo(spec.name, known[0], "classification", known[1])
    if spec.shape is not None and spec.task is not None:
        names = spec.class_names(opts) if spec.class_names else ()
        return DatasetInfo(spec.name, tuple(spec.shape(opts)), spec.task, names, spec.target_shape)
    dataset = load_dataset(section, base_dir)
    target = dataset.target_shape if not dataset.is_classification else ()
    return DatasetInfo(spec.name, dataset.input_shape, dataset.task, dataset.class_names, target)


_CACHE: dict[tuple, Dataset] = {}


def _file_stamp(spec: DatasetSpec, opts: Mapping[str, Any], base: Path | None) -> tuple:
    if spec.load is not None:
        return real.stamp(opts, base)
    if spec.read is None:
        return ()
    path = files.resolve_path(opts["path"], base)
    stat = path.stat()
    return (str(path.resolve()), stat.st_mtime_ns, stat.st_size)


def anchored(section: Mapping[str, Any], base_dir: str | Path) -> dict[str, Any]:
    """``section`` with a relative ``params.path`` made absolute against ``base_dir``.

    An example opened as an unsaved copy has no folder of its own; anchoring its data path to
    the example's folder keeps the shipped data found, wherever the copy is saved later.
    ``~`` paths and absolute paths are kept as written.
    """
    params = section.get("params")
    path = params.get("path") if isinstance(params, Mapping) else None
    if not isinstance(params, Mapping) or not isinstance(path, str) or not path or path.startswith("~") \
            or Path(path).is_absolute():
        return dict(section)
    return {**section, "params": {**params, "path": str(Path(base_dir) / path)}}
