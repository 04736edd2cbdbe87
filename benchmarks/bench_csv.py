"""Large tabular files: loading a 100 MB CSV through the ``csv`` and ``text`` datasets.

Writes a numeric CSV of about 100 MB (20 float features and an integer class per row) and a
text CSV of about 100 MB (quoted reviews with commas, and a label), then times, each in a fresh
interpreter that reports wall and CPU seconds (on a busy machine the CPU time is what the read
costs) and its peak resident memory above its baseline:

- the ``csv`` dataset's reader (numpy's C reader, with a progress bar after one second), on
  numeric labels and on text labels (features and labels then read in two passes);
- the reader it replaced (``csv.reader`` into Python lists of floats, then one array), kept here
  as the reference;
- the ``text`` dataset's reader, tokenizer and vocabulary on the text CSV.

    python benchmarks/bench_csv.py [--mb 100] [--repeats 1] [--only text]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

_MEASURE = """
import json, sys, time
from pathlib import Path

def status(key):
    line = next(l for l in Path("/proc/self/status").read_text().splitlines() if l.startswith(key))
    return int(line.split()[1])

which, path = sys.argv[1], sys.argv[2]
import numpy as np
from dlplayground.data import load_dataset
Path("/proc/self/clear_refs").write_text("5")
base = status("VmRSS:")
started, cpu = time.perf_counter(), time.process_time()
if which in ("current", "current_text_labels"):
    data = load_dataset({"name": "csv", "params": {"path": path, "target": "label"}, "val_split": 0.2})
    rows = len(data.y_train) + len(data.y_val)
elif which == "text":
    data = load_dataset({"name": "text", "params": {"path": path, "text": "review", "target": "label"},
                         "val_split": 0.2})
    rows = len(data.y_train) + len(data.y_val)
else:  # the reader before numpy's: every row through csv.reader into lists of Python floats
    import csv
    with open(path, newline="", encoding="utf-8-sig") as stream:
        table = list(csv.reader(stream))
    header, body = table[0], table[1:]
    target = header.index("label")
    features, labels = [], []
    for row in body:
        features.append([float(c) for i, c in enumerate(row) if i != target])
        labels.append(row[target].strip())
    x = np.asarray(features, np.float32)
    rows = len(x)
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "cpu": time.process_time() - cpu, "above_mb": (status("VmHWM:") - base) / 1024, "rows": rows}))
"""


def write_numeric(path: Path, megabytes: float, text_labels: bool = False) -> None:
    rng = np.random.default_rng(0)
    header = ",".join([f"f{i}" for i in range(20)] + ["label"]) + "\n"
    with path.open("w") as out:
        out.write(header)
        while out.tell() < megabytes * 1e6:
            block = rng.normal(size=(20_000, 20))
            labels = rng.integers(0, 5, 20_000)
            names = [f"kind {k}" if text_labels else str(k) for k in labels]
            lines = "\n".join(",".join(f"{v:.5f}" for v in row) + f",{k}" for row, k in zip(block, names))
            out.write(lines + "\n")


def write_text(path: Path, megabytes: float) -> None:
    rng = np.random.default_rng(1)
    words = np.array("the a film story plot was great awful boring lovely and but though actor music ending "
                     "slow fun clever dull script scene moving weak".split())
    with path.open("w") as out:
        out.write("id,review,label\n")
        row = 0
        while out.tell() < megabytes * 1e6:
            chunk = []
            for _ in range(10_000):
                text = " ".join(rng.choice(words, 30)).replace(" and ", ", and ")
                chunk.append(f'{row},"{text} ""quoted""",{"pos" if row % 2 else "neg"}')
                row += 1
            out.write("\n".join(chunk) + "\n")


def measure(which: str, path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _MEASURE, which, str(path)], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=100.0)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--only", choices=("current", "current_text_labels", "before", "text"),
                        help="time one reader only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        numeric, text = Path(tmp) / "numeric.csv", Path(tmp) / "text.csv"
        labelled = Path(tmp) / "labelled.csv"
        wanted = {args.only} if args.only else {"current", "current_text_labels", "before", "text"}
        if wanted & {"current", "before"}:
            write_numeric(numeric, args.mb)
        if "current_text_labels" in wanted:
            write_numeric(labelled, args.mb, text_labels=True)
        if "text" in wanted:
            write_text(text, args.mb)
        for label, which, path in (("csv dataset, numpy's C reader (current)", "current", numeric),
                                   ("csv dataset, text labels ('kind 3')", "current_text_labels", labelled),
                                   ("csv.reader into Python lists (before)", "before", numeric),
                                   ("text dataset: read, tokenize, vocabulary", "text", text)):
            if which not in wanted:
                continue
            best = min((measure(which, path) for _ in range(args.repeats)), key=lambda r: r["seconds"])
            size = path.stat().st_size / 1e6
            print(f"{label:<42} {size:6.1f} MB, {best['rows']:>9,} rows: {best['seconds']:6.2f} s "
                  f"({best['cpu']:5.2f} s CPU), peak memory +{best['above_mb']:.0f} MB")


if __name__ == "__main__":
    main()
