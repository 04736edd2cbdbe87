"""Cold start: from launching a process to a visible main window, and to a first trained epoch.

Each measurement is a fresh Python process (nothing imported yet, as when a user starts the
app), timed from just before it is spawned to the moment it reports the milestone:

- ``window``: the main window with the spiral example open is shown and has painted (with the
  split inside that process: imports, ``build_window()``, opening the project);
- ``window + epoch``: the same, then Train, until the first epoch's metrics reach the window;
- ``cli epoch``: ``dlplayground train spiral_mlp --epochs 1`` runs to completion (it also
  writes its run folder).

and the baselines the targets compare with:

- ``bare window``: a plain PySide6 ``QMainWindow`` shown and painted, after loading the project
  and inferring its shapes (the project's own work) in the same process;
- ``summary``: ``dlplayground summary spiral_mlp`` (never imports torch);
- ``import torch``: ``python -c "import torch"``; with the epoch's own seconds (``summary.json``)
  it is the floor of the CLI's first epoch that the target names;
- ``torch + optimiser``: ``import torch`` and one ``torch.optim.Adam`` step, which in torch 2.13
  imports ``torch._dynamo`` (every optimiser does, in ``add_param_group`` and ``step``): what a
  hand-written training script pays before its first step. The CLI's optimisers skip that
  import (``dlplayground/training/optimizers.py``), so its first epoch comes sooner than such a
  script's.

All are interleaved over the repeats and the medians printed, then the targets: window visible
< 2 s and <= 1.3x the bare window; summary < 1 s; build_window() < 0.5 s; CLI first epoch <= 1.2x (import torch + the
epoch). Settings and run folders go to a temporary home, so the user's own are neither read nor
changed.

The package's modules are compiled to bytecode first (``compileall``), as an installed package
is by pip and a bundle by PyInstaller: where ``PYTHONDONTWRITEBYTECODE`` is set, a source tree
is otherwise compiled anew by every process, which is not what a user's start pays.

The packaged app (``packaging/build.sh`` builds ``dist/dlplayground/``) is timed against this
environment when it exists (``--bundle PATH`` names another executable, ``--no-bundle`` skips
it): both open the spiral example with ``--smoke-test``, interleaved with the rest, from spawning
the process to the ``first frame`` it prints (target: bundle <= 1.2x the venv). The bundle's
build time is printed: a bundle older than the code it is compared with says little.

    python benchmarks/bench_startup.py [--repeats 5] [--bundle PATH | --no-bundle]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPIRAL = ROOT / "assets" / "examples" / "spiral_mlp.dlp.json"
DEFAULT_BUNDLE = ROOT / "dist" / "dlplayground" / "dlplayground"

CHILD = r"""
import sys, time
begun = time.perf_counter()
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from dlplayground.qt.app import build_window

def report(milestone):
    print(milestone, repr(time.time()), flush=True)

def split(name, since):
    print("split", name, repr(time.perf_counter() - since), flush=True)
    return time.perf_counter()

mode, project = sys.argv[1], Path(sys.argv[2])
mark = split("imports", begun)
window = build_window()
mark = split("build_window()", mark)
window.files.open_path(project, ask=False)
mark = split("open project", mark)
window.show()
# as the app's main does: torch loads in the background once the first frame is on screen
# (the training process, which the training extension starts then, loads its own)
from dlplayground.qt.engine import load_engine_after_first_paint
load_engine_after_first_paint(window)

def visible():
    report("visible")
    if mode == "window":
        finish()
    else:
        window.training.controller.train()

def progressed(progress):
    if progress.epochs and not reported:
        reported.append(True)
        report("epoch")
        window.training.controller.stop()

def phase_changed(phase):
    # close once the stopped run has ended: closing during a run would ask what to do with it
    if reported and not window.training.controller.busy:
        QTimer.singleShot(0, finish)

def finish():
    window.session.undo_stack.setClean()
    window.close()
    QApplication.instance().quit()

reported = []
window.training.controller.progressed.connect(progressed)
window.training.controller.phase_changed.connect(phase_changed)
QTimer.singleShot(0, visible)  # runs once the show and first paint events are processed
QApplication.instance().exec()
"""


BARE = r"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from dlplayground.compile.infer import infer
from dlplayground.data import describe
from dlplayground.graph.io import load_project

app = QApplication([sys.argv[0]])
project = load_project(sys.argv[1])
infer(project.graph, describe(project.data, None).input_shape)
window = QMainWindow()
window.resize(1200, 800)
window.show()

def visible():
    print("visible", repr(time.time()), flush=True)
    app.quit()

QTimer.singleShot(0, visible)
app.exec()
"""


OPTIMISER_STEP = r"""
import torch
weight = torch.zeros(1, requires_grad=True)
weight.grad = torch.ones(1)
torch.optim.Adam([weight]).step()
"""


def time_child(code: str, home: Path, *args: str) -> float:
    """Seconds from spawning ``python -c code args`` to its "visible" line (or to its exit)."""
    started = time.time()
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                            env=child_env(home), cwd=home, timeout=300)
    ended = time.time()
    if result.returncode != 0:
        raise RuntimeError(f"child failed ({result.returncode}):\n{result.stderr}")
    for line in result.stdout.splitlines():
        if line.startswith("visible "):
            return float(line.split()[1]) - started
    return ended - started


def time_summary(home: Path) -> float:
    started = time.time()
    subprocess.run([sys.executable, "-m", "dlplayground", "summary", str(SPIRAL)], check=True,
                   capture_output=True, env=child_env(home), cwd=home, timeout=300)
    return time.time() - started


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
               XDG_DATA_HOME=str(home / "data"))
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def time_window(mode: str, home: Path) -> dict[str, float]:
    started = time.time()
    result = subprocess.run([sys.executable, "-c", CHILD, mode, str(SPIRAL)], capture_output=True, text=True,
                            env=child_env(home), cwd=home, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"window child failed ({result.returncode}):\n{result.stderr}")
    times = {}
    for line in result.stdout.splitlines():
        milestone, _, stamp = line.partition(" ")
        if milestone in ("visible", "epoch"):
            times[milestone] = float(stamp) - started
        elif milestone == "split":  # seconds inside the process: imports, build_window(), open
            name, _, seconds = stamp.rpartition(" ")
            times[name] = float(seconds)
    return times


def time_first_frame(command: list[str], project: Path, home: Path, bare_env: bool = False) -> float:
    """Seconds from spawning ``command --smoke-test project`` to the ``first frame`` it prints.

    With ``bare_env`` (a bundle) no ``PYTHON*`` variable reaches the child: nothing from this
    environment may stand in for what the bundle carries."""
    env = child_env(home)
    if bare_env:
        env = {key: value for key, value in env.items() if not key.startswith("PYTHON")}
    started = time.time()
    result = subprocess.run([*command, "--smoke-test", str(project)], capture_output=True, text=True, env=env,
                            cwd=home, timeout=300)
    if result.returncode != 0 or "smoke test ok" not in result.stdout:
        raise RuntimeError(f"{command[0]} --smoke-test failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    for line in result.stdout.splitlines():
        if line.startswith("first frame "):
            return float(line.split()[2]) - started
    raise RuntimeError(f"{command[0]} printed no 'first frame' line:\n{result.stdout}")


def bundle_project(bundle: Path) -> Path:
    """The bundle's own copy of the spiral example (what a user of the bundle opens)."""
    copy = bundle.resolve().parent / "_internal" / "assets" / "examples" / SPIRAL.name
    return copy if copy.is_file() else SPIRAL


def time_cli_epoch(home: Path) -> float:
    started = time.time()
    subprocess.run([sys.executable, "-m", "dlplayground", "train", str(SPIRAL), "--epochs", "1", "--quiet",
                    "--out", str(home / "cli-run")], check=True, capture_output=True, env=child_env(home), cwd=home,
                   timeout=300)
    return time.time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--bundle", type=Path, help="the packaged app's executable, timed against this venv's "
                        f"(default: {DEFAULT_BUNDLE.relative_to(ROOT)} when it exists)")
    parser.add_argument("--no-bundle", action="store_true", help="do not time the packaged app")
    args = parser.parse_args()
    if args.no_bundle:
        args.bundle = None
    elif args.bundle is None and DEFAULT_BUNDLE.is_file():
        args.bundle = DEFAULT_BUNDLE
    if args.bundle is not None and not (args.bundle.is_file() and os.access(args.bundle, os.X_OK)):
        parser.error(f"--bundle {args.bundle}: not an executable file (build it with packaging/build.sh)")
    # bytecode as an installed package has it (see the module's docstring)
    compileall.compile_dir(ROOT / "dlplayground", quiet=1)
    results: dict[str, list[float]] = {"window visible": [], "  imports": [], "  build_window()": [],
                                       "  open project": [], "window + first epoch": [], "cli first epoch": [],
                                       "bare window + project": [], "summary": [], "import torch": [],
                                       "torch + optimiser": [], "epoch itself": []}
    if args.bundle is not None:
        results.update({"venv --smoke-test": [], "bundle --smoke-test": []})
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        time_window("window", home)  # warm the file cache once; every measured run starts a new process
        for _ in range(args.repeats):
            window = time_window("window", home)
            results["window visible"].append(window["visible"])
            for name in ("imports", "build_window()", "open project"):
                results[f"  {name}"].append(window[name])
            results["window + first epoch"].append(time_window("epoch", home)["epoch"])
            results["cli first epoch"].append(time_cli_epoch(home))
            summary = json.loads((home / "cli-run" / "summary.json").read_text())
            results["epoch itself"].append(float(summary["seconds"]))
            results["bare window + project"].append(time_child(BARE, home, str(SPIRAL)))
            results["summary"].append(time_summary(home))
            results["import torch"].append(time_child("import torch", home))
            results["torch + optimiser"].append(time_child(OPTIMISER_STEP, home))
            if args.bundle is not None:
                results["venv --smoke-test"].append(
                    time_first_frame([sys.executable, "-m", "dlplayground"], SPIRAL, home))
                results["bundle --smoke-test"].append(
                    time_first_frame([str(args.bundle.resolve())], bundle_project(args.bundle), home, bare_env=True))
    print(f"cold start, {args.repeats} runs each, spiral_mlp example, medians (min-max):")
    if args.bundle is not None:
        built = time.strftime("%Y-%m-%d %H:%M", time.localtime(args.bundle.stat().st_mtime))
        shown = args.bundle.resolve()
        shown = shown.relative_to(ROOT) if shown.is_relative_to(ROOT) else shown
        print(f"  (bundle: {shown}, built {built}; venv and bundle with --smoke-test, to the first frame)")
    else:
        print("  (no bundle timed: packaging/build.sh builds dist/dlplayground/)")
    medians = {}
    for name, values in results.items():
        medians[name] = statistics.median(values)
        print(f"  {name:<24}{medians[name]:7.2f} s   ({min(values):.2f}-{max(values):.2f})")
    window, bare = medians["window visible"], medians["bare window + project"]
    floor = medians["import torch"] + medians["epoch itself"]
    checks = [
        (f"window visible {window:.2f} s < 2 s", window < 2.0),
        (f"window / bare window + project {window / bare:.2f} <= 1.3", window / bare <= 1.3),
        (f"summary {medians['summary']:.2f} s < 1 s", medians["summary"] < 1.0),
        (f"build_window() {medians['  build_window()']:.2f} s < 0.5 s", medians["  build_window()"] < 0.5),
        (f"cli first epoch / (import torch + epoch) {medians['cli first epoch'] / floor:.2f} <= 1.2",
         medians["cli first epoch"] / floor <= 1.2),
    ]
    if args.bundle is not None:
        ratio = medians["bundle --smoke-test"] / medians["venv --smoke-test"]
        checks.append((f"bundle / venv window {ratio:.2f} <= 1.2", ratio <= 1.2))
    for text, ok in checks:
        print(f"target: {text} -> {'met' if ok else 'MISSED'}")
    script_floor = medians["torch + optimiser"] + medians["epoch itself"]
    print(f"(no target) cli first epoch / (torch + optimiser + epoch) {medians['cli first epoch'] / script_floor:.2f}: "
          f"a hand-written torch script's first optimiser step imports torch's compiler "
          f"({medians['torch + optimiser'] - medians['import torch']:.2f} s); the CLI's optimisers do not "
          f"(dlplayground/training/optimizers.py)")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
