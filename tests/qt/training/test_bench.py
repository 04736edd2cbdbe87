"""The training-UI benchmark script runs end to end and reports every figure it promises."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.qt.conftest import ROOT


def test_the_benchmark_reports_throughput_and_stalls():
    script = ROOT / "benchmarks" / "bench_training_ui.py"
    result = subprocess.run([sys.executable, str(script), "--rounds", "1", "--warmup", "0", "--epochs", "20",
                             "--samples", "0"],
                            cwd=ROOT, capture_output=True, text=True, timeout=180,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert re.search(r"ratio window/headless \(median of rounds\): \d+\.\d{3}", out)
    assert re.search(r"p50 [\d.]+ ms, p99 [\d.]+ ms, max [\d.]+ ms", out)
    assert "targets met" in out or "TARGET MISSED" in out
    assert "QThread: Destroyed" not in result.stderr and "Fatal" not in result.stderr
