"""``dlplayground experiment compare PROJECT --vary KEY=V1,V2,...``: N variants side by side."""

from __future__ import annotations

import argparse
import shlex
import signal
import sys
import time
from pathlib import Path

from dlplayground.commands.common import CommandError, user_errors
from dlplayground.graph.io import load_project, project_to_dict


def parse_vary(text: str) -> tuple[str, list]:
    """``KEY=V1,V2,...`` -> (KEY, [values]); values are JSON where they are JSON, else text."""
    from dlplayground.experiments.settings import parse_value

    key, sep, values = text.partition("=")
    if not sep or not key.strip() or not values.strip():
        raise CommandError(f"--vary {text!r}: expected KEY=V1,V2,... such as training.batch_size=full,32,1")
    parts = [v.strip() for v in values.split(",")]
    if any(not v for v in parts):
        raise CommandError(f"--vary {text!r}: an empty value between commas")
    return key.strip(), [parse_value(v) for v in parts]


def compare_variants_command(args: argparse.Namespace) -> int:
    from dlplayground.experiments.settings import SettingError
    from dlplayground.experiments.variants import compare_variants

    key, values = parse_vary(args.vary)
    path = Path(args.project)
    with user_errors(path):
        project = project_to_dict(load_project(path))
    out = Path(args.out) if args.out else Path("runs") / (
        f"compare-{project.get('name', 'run')}-{key}-{time.strftime('%Y%m%d-%H%M%S')}".replace(" ", "-"))
    command = "dlplayground " + shlex.join(sys.argv[1:]) if sys.argv[1:2] == ["experiment"] else ""

    def report(index: int, trainer) -> None:
        if not args.quiet:
            last = trainer.state.history[-1]
            acc = "" if last.val_acc is None else f"  val acc {last.val_acc:.3f}"
            print(f"epoch {trainer.state.epoch:>3}  {key}={_shown(values[index])}: loss {last.train_loss:.4f}{acc}",
                  flush=True)

    previous = signal.getsignal(signal.SIGINT)

    def started(comparison) -> None:
        signal.signal(signal.SIGINT, lambda *_: comparison.terminate())

    try:
        with user_errors(path):
            try:
                rows, folder, comparison = compare_variants(
                    project, key, values, out, path.parent, epochs=args.epochs, seed=args.seed,
                    command=command, on_epoch=report, on_start=started)
            except SettingError as exc:
                raise CommandError(f"{path}: {exc}") from None
    finally:
        signal.signal(signal.SIGINT, previous)
    if comparison.differing:
        print(f"layers whose shapes differ between variants (own initial weights): {', '.join(comparison.differing)}")
    print(f"comparison folder: {folder}")
    print((folder / "table.md").read_text(encoding="utf-8"))
    return 1 if any(row.stop_reason == "non_finite_loss" for row in rows) else 0


def _shown(value) -> str:
    from dlplayground.experiments.settings import format_value

    return format_value(value)
