"""A project can never put code into the exported ``train.py``: ids, names and param values
holding quotes, newlines, backslashes, triple quotes, '#', unicode line separators and code
reach the script only as escaped literals, and running the script runs none of it."""

from __future__ import annotations

import ast
import os
import subprocess
import sys

from dlplayground.codegen.script import export_script, training_script
from dlplayground.training.setup import prepare_training
from tests.helpers import chain_project

#: each would run ``_pwn()`` (which writes a marker file) if it reached the script as code
PAYLOADS = [
    "fc\nimport os; os.system('touch PWNED')\n#",
    "fc\r_pwn()\r",
    "fc\u2028_pwn()\u2029_pwn()",
    "fc\x0c\n_pwn()",
    'fc"""\n_pwn()\n"""',
    "fc'''\n_pwn()\n'''",
    "fc\\\n_pwn()",
    "fc # \n_pwn() #",
    "fc\x85_pwn()",
]


def hostile_project(index: int) -> dict:
    """A small valid project whose ids and name each carry payloads."""
    ids = [PAYLOADS[index], PAYLOADS[(index + 1) % len(PAYLOADS)] + "-act", PAYLOADS[(index + 2) % len(PAYLOADS)] + "2"]
    project = chain_project((ids[0], "Linear", {"out_features": 5}), (ids[1], "Tanh", {}),
                            (ids[2], "Linear", {"out_features": 3}),
                            name="net\n_pwn()\n\"\"\"'''\\ # \u2028_pwn()")
    project["graph"]["nodes"][0]["id"] = "x\n_pwn()"
    project["graph"]["edges"][0]["src"] = "x\n_pwn()"
    project["data"]["params"]["samples"] = 60
    project["training"]["epochs"] = 1
    return project


MARKER_PRELUDE = (
    "import builtins, pathlib\n"
    "builtins._pwn = lambda: pathlib.Path('PWNED').write_text('ran project text as code')\n"
)


def test_every_payload_stays_inside_literals():
    for index in range(len(PAYLOADS)):
        setup = prepare_training(hostile_project(index))
        source = training_script(setup)
        tree = ast.parse(source)
        called = {node.func.id for node in ast.walk(tree)
                  if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
        assert "_pwn" not in called, PAYLOADS[index]
        # the script imports os (torchrun's variables); a payload's os.system() stays in a literal
        attributes_called = {node.func.attr for node in ast.walk(tree)
                             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)}
        assert "system" not in attributes_called, PAYLOADS[index]
        # no raw payload character outside a string literal: every line holds printable text only
        for line in source.splitlines():
            assert "\u2028" not in line and "\u2029" not in line and "\x85" not in line and "\x0c" not in line


def every_payload_project(folder) -> dict:
    """One project holding every payload at once: each as a node id, in the project's name, and
    in the free-text data params (the CSV file's name, its target column and its class labels)."""
    import csv

    layers = [(f"{payload}-{i}", "Linear" if i % 2 == 0 else "Tanh", {"out_features": 5} if i % 2 == 0 else {})
              for i, payload in enumerate(PAYLOADS)]
    layers.append(("out\n_pwn()", "Linear", {"out_features": 3}))
    text = "".join(PAYLOADS).replace("/", "")
    path = folder / f"data{text.rstrip()}.csv"  # a file name may hold all of it but '/'
    target = f"label{text.strip()}"  # the header's cells are stripped
    with open(path, "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["a", "b", target])
        for i in range(60):
            writer.writerow([i % 7, i % 5, [f"c{PAYLOADS[0]}", "d'\"\"\"", "e\\"][i % 3]])
    return chain_project(*layers, name="net\n_pwn()\n\"\"\"'''\\ # \u2028_pwn()",
                         data={"name": "csv", "params": {"path": str(path), "target": target}, "val_split": 0.2,
                               "seed": 0},
                         training={"loss": "CrossEntropyLoss", "optimizer": {"type": "Adam", "lr": 0.01},
                                   "batch_size": 16, "epochs": 1, "seed": 0})


def test_the_written_script_runs_without_running_project_text(tmp_path):
    setup = prepare_training(every_payload_project(tmp_path))
    ids = {node["id"] for node in setup.project["graph"]["nodes"]}
    assert {f"{payload}-{i}" for i, payload in enumerate(PAYLOADS)} <= ids
    result = export_script(setup, tmp_path / "script")
    # the script is run with a _pwn() that leaves a marker, so any payload that ran would show
    runner = tmp_path / "script" / "run_with_marker.py"
    runner.write_text(MARKER_PRELUDE + "import runpy, sys\nsys.argv = sys.argv[1:]\n"
                      "runpy.run_path(sys.argv[0], run_name='__main__')\n")
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, str(runner), str(result.script), "--device", "cpu", "--epochs", "1",
                           "--out", str(tmp_path / "run")], capture_output=True, text=True, env=env,
                          timeout=240, cwd=tmp_path / "script")
    assert done.returncode == 0, done.stderr[-2000:]
    assert not (tmp_path / "script" / "PWNED").exists()
    assert (tmp_path / "run" / "weights.safetensors").exists()
    # the run trained the network with every hostile id: its weights are saved under those ids
    from safetensors import safe_open

    with safe_open(tmp_path / "run" / "weights.safetensors", "np") as weights:
        keys = set(weights.keys())
    for i, payload in enumerate(PAYLOADS):
        if i % 2 == 0:
            assert f"{payload}-{i}.weight" in keys, payload
