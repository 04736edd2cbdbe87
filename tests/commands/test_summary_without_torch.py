"""`dlplayground summary` is arithmetic: shapes, parameter counts and every settings check
run without importing torch (issue 20: the CLI answers in well under a second)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "assets" / "examples"

#: runs the CLI's main in-process, then reports whether torch was ever imported
PROBE = """
import sys
from dlplayground.cli import main
code = main(sys.argv[1:])
print("TORCH-LOADED" if "torch" in sys.modules else "TORCH-ABSENT", code)
"""


def run_summary(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", PROBE, "summary", str(path)], capture_output=True,
                          text=True, cwd=ROOT, timeout=120)


def test_summary_of_the_spiral_and_the_cnn_leaves_torch_unloaded():
    for name, total in (("spiral_mlp", "4,547"), ("sine_gru", None), ("digits_cnn", None)):
        result = run_summary(EXAMPLES / f"{name}.dlp.json")
        assert result.returncode == 0, result.stderr
        assert "TORCH-ABSENT 0" in result.stdout, (name, result.stdout)
        assert "Total parameters:" in result.stdout
        if total:
            assert f"Total parameters: {total}" in result.stdout


def test_a_misspelt_optimiser_argument_is_still_refused_without_torch(tmp_path):
    raw = json.loads((EXAMPLES / "spiral_mlp.dlp.json").read_text())
    raw["training"]["optimizer"] = {"type": "Adam", "lr": 0.01, "betaz": [0.9, 0.99]}
    raw["training"]["scheduler"] = {"type": "StepLR", "step": 3}
    path = tmp_path / "typo.dlp.json"
    path.write_text(json.dumps(raw))
    result = run_summary(path)
    assert "TORCH-ABSENT 2" in result.stdout, result.stdout + result.stderr
    assert "training.optimizer: Adam takes no argument(s) betaz" in result.stderr
    assert "training.scheduler: StepLR takes no argument(s) step" in result.stderr
