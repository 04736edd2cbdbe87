"""A seeded fuzzer over the project loader, through the entry point the CLI uses.

Each case takes a real project (the examples and hand-written fixtures), mutates it (values
replaced by hostile JSON: NaN, infinities, huge integers, lone surrogates, code in strings,
deep nesting, numbers of thousands of digits; keys deleted; nodes and edges duplicated; the
text cut short) and runs ``dlplayground summary`` on it in-process, which loads the project,
builds its dataset and checks the graph and the training section. Every case must end with
exit 0 or 2 (a message, no traceback) within 10 s.

The default run tries a bounded number of cases; the long run (10,000 cases, 3,000-node graphs
among them) is ``python -m pytest -m slow tests/commands/test_fuzz_projects.py``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from dlplayground.cli import main
from dlplayground.data import budget
from tests.conftest import EXAMPLES, ROOT

SEEDS = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.glob("*.dlp.json"))]
SEEDS += [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "tests" / "fixtures").glob("*.dlp.json"))]

#: a folder the fuzzed projects live in, with the kinds of paths a data section may name
PLACE = Path(tempfile.mkdtemp(prefix="dlp-fuzz-"))
(PLACE / "folder").mkdir()
(PLACE / "loop").symlink_to(PLACE / "loop")
(PLACE / "broken").symlink_to(PLACE / "nowhere")
(PLACE / "ok.csv").write_text("a,b,label\n" + "".join(f"{i},{i % 3},{i % 2}\n" for i in range(30)))
(PLACE / "bad.csv").write_text("a,label\n1,\x00\n" + "secret line of text\n" * 50)
(PLACE / "bad.npz").write_bytes(b"PK\x03\x04" + os.urandom(200))
PATHS = ["folder", "loop", "broken", "ok.csv", "bad.csv", "bad.npz", "missing.csv", "/dev/zero", "/", "",
         str(PLACE), "../" * 40, "ok.csv\x00x"]

DEEP = "\u0000DEEP{}\u0000"  # replaced in the text by brackets nested that deep
DIGITS = "\u0000DIGITS\u0000"  # replaced by a number of 5,000 digits

texts = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["\ud800", "a\udfffb", "\u2028\u2029", "x\n__import__('os').system('true')\n#", '"""', "'''",
                     "\\", "#", ";;", ",", "NaN", "Linear", "Input", "Output", "spiral", "csv", "npz", "sine",
                     "shapes", "CrossEntropyLoss", "SGD", "full", *PATHS]),
)
numbers = st.one_of(
    st.integers(-5, 70), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([-0.0, 10**30, -(10**30), 2**63, 10**400, 1e308, 1e-320, 1_000_000, 200_000, 10_000, 128]),
)
scalars = st.one_of(st.none(), st.booleans(), numbers, texts, st.sampled_from([DIGITS] + [DEEP.format(n) for n in (
    10, 60, 63, 64, 65, 200, 5_000, 100_000)]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
                      max_leaves=8)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place inside a JSON value (dict keys and list indexes), without recursion limits
    mattering: the seeds are a few levels deep."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, prefix + (index,))
    return found


def _get(value: Any, path: tuple) -> Any:
    for step in path:
        value = value[step]
    return value


@st.composite
def mutated_text(draw, big: bool = False) -> str:
    project = json.loads(json.dumps(draw(st.sampled_from(SEEDS))))
    if big:  # a long chain of nodes: the graph passes must stay linear
        nodes, edges = project["graph"]["nodes"], project["graph"]["edges"]
        extra = draw(st.integers(100, 3000))
        last = edges[-1]["src"] if edges else "x"
        # the types from one drawn seed, not 3,000 draws: hypothesis's cost per draw made data
        # generation most of the long run's time
        kinds = random.Random(draw(st.integers(0, 2**32 - 1)))
        for i in range(extra):
            nodes.append({"id": f"z{i}", "type": kinds.choice(["Identity", "ReLU", "Tanh"])})
            edges.append({"src": last if i == 0 else f"z{i - 1}", "dst": f"z{i}"})
    for _ in range(draw(st.integers(1, 4))):
        paths = _paths(project)
        path = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["replace", "replace", "delete", "add", "duplicate", "path"]))
        if not path:
            if action == "replace":
                project = draw(values)
            continue
        parent, key = _get(project, path[:-1]), path[-1]
        if action == "replace":
            parent[key] = draw(values)
        elif action == "delete":
            del parent[key]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(texts)] = draw(values)
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(json.loads(json.dumps(parent[key])))
        elif action == "path":
            data = project.get("data") if isinstance(project, dict) else None
            if isinstance(data, dict):
                data["name"] = draw(st.sampled_from(["csv", "npz"]))
                data["params"] = {"path": draw(st.sampled_from(PATHS)), "target": "label",
                                  **({"delimiter": draw(texts)} if draw(st.booleans()) else {})}
        if not isinstance(project, (dict, list)):
            break
    text = json.dumps(project, indent=draw(st.sampled_from([None, 1])))
    text = text.replace(json.dumps(DIGITS), "9" * 5000)
    for depth in (10, 60, 63, 64, 65, 200, 5_000, 100_000):
        text = text.replace(json.dumps(DEEP.format(depth)), "[" * depth + "]" * depth)
    if draw(st.integers(0, 19)) == 0:  # cut short, as a crash mid-save would leave it
        text = text[: draw(st.integers(0, len(text)))]
    return text


#: what the cases ended in, printed after the run (``-s``) so the long run's figures are on record
STATS_FILE = Path(tempfile.gettempdir()) / "dlplayground-fuzz-stats.json"
STATS: dict[str, Any] = {"cases": 0, "exit 0": 0, "exit 2": 0, "slowest": 0.0, "slowest size": 0}


def run_case(text: str) -> None:
    path = PLACE / "fuzzed.dlp.json"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    out, err = io.StringIO(), io.StringIO()
    started = time.monotonic()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["summary", str(path)])
    seconds = time.monotonic() - started
    STATS["cases"] += 1
    STATS[f"exit {code}"] = STATS.get(f"exit {code}", 0) + 1
    if seconds > STATS["slowest"]:
        STATS["slowest"], STATS["slowest size"] = seconds, len(text)
    if STATS["cases"] % 200 == 0:  # a long run's progress, readable while it goes on
        STATS_FILE.write_text(json.dumps(STATS))
    assert code in (0, 2), err.getvalue()[-2000:]
    assert "Traceback" not in err.getvalue()
    assert seconds < 10, f"{seconds:.1f} s"
    if code == 2:
        message = err.getvalue()
        assert message.startswith("error: ") and "secret line of text" not in message


@pytest.fixture(autouse=True)
def small_data_budget(monkeypatch):
    # the refusals are what is tested; the fuzzer must not allocate gigabytes on a shared machine
    monkeypatch.setenv(budget.LIMIT_VARIABLE, str(64 * 1024**2))


@pytest.fixture(scope="module", autouse=True)
def report_stats():
    started = time.monotonic()
    yield
    print(f"\nfuzzed cases: {STATS['cases']} ({STATS['exit 0']} exit 0, {STATS['exit 2']} exit 2) in "
          f"{time.monotonic() - started:.0f} s; slowest {STATS['slowest']:.2f} s "
          f"({STATS['slowest size']:,} characters of project text)")


COMMON = dict(database=None, deadline=timedelta(seconds=10), suppress_health_check=list(HealthCheck))


@settings(max_examples=120, derandomize=True, **COMMON)
@given(mutated_text())
def test_fuzzed_projects_end_in_a_message_never_a_traceback(text):
    run_case(text)


@pytest.mark.slow
@pytest.mark.timeout(0)
@seed(11)
@settings(max_examples=10_000, **COMMON)
@given(st.one_of(mutated_text(), mutated_text(big=True)))
def test_ten_thousand_fuzzed_projects_including_3000_node_graphs(text):
    run_case(text)
