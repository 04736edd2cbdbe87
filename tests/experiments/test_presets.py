"""The plain-vs-residual presets: shipped exactly as generated, each residual one the twin of its plain one."""

import json

import pytest

from dlplayground.compile import infer
from dlplayground.compile.residual import make_residual_twin
from dlplayground.data import describe
from dlplayground.experiments.presets import (
    EXTENSION,
    PAIRS,
    deep_cnn,
    deep_mlp,
    format_project,
    presets,
    write_presets,
)
from dlplayground.graph import project_from_dict
from tests.conftest import EXAMPLES

MADE = presets()


@pytest.mark.parametrize("file_name", sorted(MADE))
def test_the_shipped_example_is_what_the_generator_makes(file_name):
    shipped = (EXAMPLES / file_name).read_text(encoding="utf-8")
    assert shipped == format_project(MADE[file_name]), (
        f"{file_name} differs from the generator: run `python -m dlplayground.experiments.presets`")


@pytest.mark.parametrize("plain_stem", sorted(PAIRS))
def test_each_residual_preset_is_the_twin_of_its_plain_one(plain_stem):
    twin_stem = PAIRS[plain_stem][0]
    plain, residual = MADE[plain_stem + EXTENSION], MADE[twin_stem + EXTENSION]
    twin = make_residual_twin(plain, describe(plain["data"]).input_shape)
    assert residual["graph"] == twin["graph"]
    assert residual["data"] == plain["data"] and residual["training"] == plain["training"]
    assert "plain" in plain["name"] and residual["name"] == plain["name"].replace("plain", "residual")
    assert plain["description"] and residual["description"]


@pytest.mark.parametrize("file_name", sorted(MADE))
def test_every_preset_is_a_valid_project(file_name):
    project = MADE[file_name]
    inference = infer(project_from_dict(project).graph, describe(project["data"]).input_shape)
    assert inference.ok, inference.problems


def test_the_presets_cover_20_and_50_layer_mlps_and_the_digits_cnns():
    def weighted(p):
        return sum(n["type"] in ("Linear", "Conv2d") and "proj" not in n["id"] for n in p["graph"]["nodes"])

    plain = {stem: MADE[stem + EXTENSION] for stem in PAIRS}
    assert weighted(plain["deep_plain_mlp"]) == weighted(plain["deep_plain_relu_mlp"]) == 20
    assert weighted(plain["deep_plain_mlp50"]) == weighted(plain["deep_plain_relu_mlp50"]) == 50
    assert {n["type"] for n in plain["deep_plain_relu_mlp50"]["graph"]["nodes"]} >= {"ReLU"}
    cnn = MADE["deep_residual_cnn" + EXTENSION]
    assert cnn["data"]["name"] == "digits" and weighted(plain["deep_plain_cnn"]) == 20
    # two stride-2 stages: their skips get strided 1x1 projections
    assert sorted(n["id"] for n in cnn["graph"]["nodes"] if n["id"].endswith("_proj")) == ["add4_proj", "add7_proj"]


def test_format_is_one_node_per_line_and_round_trips(tmp_path):
    project = deep_mlp(4, "Tanh")
    text = format_project(project)
    assert json.loads(text) == project
    lines = text.splitlines()
    assert sum(line.startswith('      {"id": ') for line in lines) == len(project["graph"]["nodes"])
    assert sum(line.startswith('      {"src": ') for line in lines) == len(project["graph"]["edges"])
    written = write_presets(tmp_path)
    assert len(written) == len(MADE) and all(p.read_text() == format_project(MADE[p.name]) for p in written)


def test_builders_refuse_shapes_without_a_skip():
    with pytest.raises(ValueError, match="at least 4"):
        deep_mlp(3)
    with pytest.raises(ValueError, match="stages"):
        deep_cnn(depth=10)
