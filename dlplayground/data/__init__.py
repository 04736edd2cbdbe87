"""Datasets: the built-in generated sets, the shipped digits, CSV/NPZ loaders, splits, standardisation.

torch-free (numpy only) so the editor can describe a dataset without importing torch.
"""

from dlplayground.data.dataset import DataError, Dataset, RawData, prepare
from dlplayground.data.registry import (
    DATASETS,
    DEFAULT_DATA,
    DatasetInfo,
    DatasetSpec,
    anchored,
    dataset_names,
    describe,
    load_dataset,
)

__all__ = [
    "DATASETS", "DEFAULT_DATA", "DataError", "Dataset", "DatasetInfo", "DatasetSpec", "RawData",
    "anchored", "dataset_names", "describe", "load_dataset", "prepare",
]
