"""Cold start: from launching a process to a visible main window, and to a first trained epoch.

Each measurement is a fresh Python process (nothing imported yet, as when a user starts the
app), timed from just before it is spawned to the moment it reports the milestone:

- ``window``: the main window with the spiral example open is shown and has painted;
- ``window + epoch``: the same, then Train, until the first epoch's metrics reach the window;
- ``cli epoch``: ``dlplayground train spiral_mlp --epochs 1`` runs to completion (it also
  writes its run folder).

The three are interleaved over the repeats and the medians printed. Settings and run folders
go to a temporary home, so the user's own are neither read nor changed.

    python benchmarks/bench_startup.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPIRAL = ROOT / "assets" / "examples" / "spiral_mlp.dlp.json"

CHILD = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from dlplayground.qt.app import build_window

mode, project = sys.argv[1], Path(sys.argv[2])
window = build_window()
window.files.open_path(project, ask=False)
window.show()

def report(milestone):
    print(milestone, repr(time.time()), flush=True)

def visible():
    report("visible")
    if mode == "window":
        finish()
    else:
        window.training.controller.train()

def progressed(progress):
    if progress.epochs:
        report("epoch")
        window.training.controller.stop()
        QTimer.singleShot(0, finish)

def finish():
    window.session.undo_stack.setClean()
    window.close()
    QApplication.instance().quit()

window.training.controller.progressed.connect(progressed)
QTimer.singleShot(0, visible)  # runs once the show and first paint events are processed
QApplication.instance().exec()
"""


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
    return times


def time_cli_epoch(home: Path) -> float:
    started = time.time()
    subprocess.run([sys.executable, "-m", "dlplayground", "train", str(SPIRAL), "--epochs", "1", "--quiet",
                    "--out", str(home / "cli-run")], check=True, capture_output=True, env=child_env(home), cwd=home,
                   timeout=300)
    return time.time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    results: dict[str, list[float]] = {"window visible": [], "window + first epoch": [], "cli first epoch": []}
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        time_window("window", home)  # warm the file cache once; every measured run starts a new process
        for _ in range(args.repeats):
            results["window visible"].append(time_window("window", home)["visible"])
            results["window + first epoch"].append(time_window("epoch", home)["epoch"])
            results["cli first epoch"].append(time_cli_epoch(home))
    print(f"cold start, {args.repeats} runs each, spiral_mlp example, medians (min-max):")
    for name, values in results.items():
        print(f"  {name:<22}{statistics.median(values):7.2f} s   ({min(values):.2f}-{max(values):.2f})")


if __name__ == "__main__":
    main()
