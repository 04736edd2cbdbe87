"""The package's import layers: only dlplayground.qt imports Qt, the engine imports downwards."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_hold():
    lint = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    if not Path(lint).exists():
        pytest.fail("import-linter is a test dependency: pip install -e '.[test]'")
    result = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_engine_runs_without_qt():
    code = (
        "import sys, dlplayground.cli, dlplayground.compile.module, dlplayground.graph, dlplayground.layers;"
        "assert not any(m.startswith(('PySide6', 'pyqtgraph')) for m in sys.modules), 'Qt imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_qt_free_contract_names_every_module_but_qt():
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    [contract] = [c for c in config["tool"]["importlinter"]["contracts"] if c["name"] == "Only dlplayground.qt imports Qt"]
    assert contract["allow_indirect_imports"] is False
    package = ROOT / "dlplayground"
    modules = {f"dlplayground.{p.stem}" for p in package.glob("*.py") if p.stem != "__init__"}
    modules |= {f"dlplayground.{p.parent.name}" for p in package.glob("*/__init__.py")}
    assert modules - {"dlplayground.qt"} == set(contract["source_modules"])


# Blocks PySide6 and pyqtgraph as if they were not installed, imports every module outside
# dlplayground.qt, and trains a tiny project from the command line's entry point.
_WITHOUT_QT = r"""
import importlib, importlib.abc, pkgutil, sys, tempfile, json
from pathlib import Path

class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph"):
            raise ModuleNotFoundError(f"No module named {name!r} (blocked: the engine must not need it)")
        return None

sys.meta_path.insert(0, NoQt())
import dlplayground
# __main__ runs the command line when imported (the static contract covers it)
names = [m.name for m in pkgutil.walk_packages(dlplayground.__path__, "dlplayground.")
         if not m.name.startswith("dlplayground.qt") and m.name != "dlplayground.__main__"]
for name in ["dlplayground"] + names:
    importlib.import_module(name)
assert not any(m.split(".")[0] in ("PySide6", "pyqtgraph") for m in sys.modules)

from dlplayground.cli import main
from tests.helpers import chain_project
folder = Path(tempfile.mkdtemp())
project = chain_project(("fc", "Linear", {"out_features": 3}),
                        data={"name": "spiral", "params": {"samples": 60, "classes": 3}, "val_split": 0.2, "seed": 0},
                        training={"epochs": 2, "batch_size": 16})
(folder / "p.dlp.json").write_text(json.dumps(project))
code = main(["train", str(folder / "p.dlp.json"), "--out", str(folder / "run"), "--quiet"])
assert code == 0, code
assert (folder / "run" / "metrics.csv").is_file()
print("modules:", len(names))
"""


def test_the_engine_imports_and_trains_without_pyside6_installed():
    result = subprocess.run([sys.executable, "-c", _WITHOUT_QT], cwd=ROOT, capture_output=True, text=True,
                            timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr
    assert int(result.stdout.rsplit("modules:", 1)[1]) > 50
