"""The format reference in docs/ names every layer type, dataset, loss and optimiser the code offers."""

import pytest

from dlplayground.data import DATASETS
from dlplayground.layers import CATALOGUE
from dlplayground.training.config import LOSSES, OPTIMIZERS
from tests.conftest import ROOT

FORMAT_DOC = (ROOT / "docs" / "project-format.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", [*CATALOGUE, *DATASETS, *LOSSES, *OPTIMIZERS])
def test_the_format_reference_documents(name):
    assert f"`{name}`" in FORMAT_DOC


@pytest.mark.parametrize("spec", CATALOGUE.values(), ids=lambda s: s.type)
def test_every_layer_parameter_is_documented_with_its_default(spec):
    row = next(line for line in FORMAT_DOC.splitlines() if line.startswith(f"| `{spec.type}` |"))
    for param in spec.schema:
        assert f"`{param.name}` ({param.default!r})" in row
