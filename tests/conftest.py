"""Shared test set-up: Qt runs offscreen, torch uses one thread (the suite runs on 2 cores)."""

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# one torch thread per test process: the suite runs on 2 cores, often beside a GUI thread
os.environ.setdefault("OMP_NUM_THREADS", "1")
# window tests train on a thread of the test process (what they patch reaches the trainer, and
# no window starts a training process of its own); tests/qt/training/test_process_worker.py
# trains in the training process, as the app does
os.environ.setdefault("DLPLAYGROUND_TRAINING", "thread")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "assets" / "examples"
