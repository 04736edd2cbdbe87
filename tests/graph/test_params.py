"""Parameter schemas: every kind accepts good values and explains bad ones."""

import pytest

from dlplayground.graph.params import Param, schema


@pytest.mark.parametrize(
    "param, good, bad, words",
    [
        (Param("n", "int", 1, minimum=1, maximum=10), 5, 0, ">= 1"),
        (Param("n", "int", 1, maximum=10), 10, 11, "<= 10"),
        (Param("n", "int", 1), 3, 2.5, "integer"),
        (Param("n", "int", 1), 3, True, "integer"),
        (Param("p", "float", 0.5, minimum=0, maximum=1), 0.25, 1.5, "<= 1"),
        (Param("p", "float", 0.5), 1, "x", "number"),
        (Param("b", "bool", True), False, 1, "true or false"),
        (Param("c", "choice", "a", choices=("a", "b")), "b", "z", "one of"),
        (Param("k", "int_or_pair", 3, minimum=1), [3, 5], [3, 0], ">= 1"),
        (Param("k", "int_or_pair", 3), 2, [1, 2, 3], "pair"),
        (Param("s", "shape", [-1]), [4, -1], [-1, -1], "at most one -1"),
        (Param("s", "shape", [-1]), [2, 3], [0, 3], "positive"),
    ],
)
def test_param_checks(param, good, bad, words):
    assert param.check(good) is None
    message = param.check(bad)
    assert message is not None and words in message and param.name in message


def test_schema_reports_unknown_missing_and_fills_defaults():
    s = schema(Param("a", "int", 1), Param("b", "int", required=True))
    problems = s.problems({"c": 1, "a": "x"})
    assert any("unknown parameter 'c'" in p for p in problems)
    assert any("'b' is required" in p for p in problems)
    assert any("'a' must be an integer" in p for p in problems)
    assert s.resolve({"b": 2}) == {"a": 1, "b": 2}


def test_nullable():
    assert Param("s", "int", None, nullable=True).check(None) is None
    assert "must be set" in Param("s", "int", 1).check(None)
