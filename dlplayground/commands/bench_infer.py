"""``dlplayground bench-infer MODEL.onnx|PROJECT``: onnxruntime vs PyTorch eager latency.

Times both engines side by side at batch 1 and 64 (by default) with the same thread count
and prints the medians and the speed-up. A project is exported in memory first; an ``.onnx``
file written by the playground brings its project, from which the PyTorch twin is rebuilt.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from dlplayground.commands.common import CommandError, load_checked, user_errors
from dlplayground.export.opsets import DEFAULT_OPSET


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", help="an ONNX model (.onnx) or a project (.dlp.json)")
    parser.add_argument("--weights", metavar="FILE", help="trained weights for a project (latency does not need them)")
    parser.add_argument("--opset", type=int, default=DEFAULT_OPSET, help="opset for a project's export")
    parser.add_argument("--threads", type=int, default=None,
                        help="threads for both engines (default: physical cores)")
    parser.add_argument("--repeats", type=int, default=50, help="interleaved repetitions (default 50)")
    parser.add_argument("--batch", type=int, nargs="+", default=[1, 64], metavar="N",
                        help="batch sizes (default: 1 64)")


def run(args: argparse.Namespace) -> int:
    # torch and onnxruntime load here, not when the CLI builds its parser for another command
    from dlplayground.export.bench import benchmark
    from dlplayground.export.exporter import ExportError
    from dlplayground.export.inference import ModelLoadError
    from dlplayground.export.runtime import default_threads
    from dlplayground.export.subjects import subject_from_onnx, subject_from_project

    if args.threads is not None and args.threads < 1:
        raise CommandError(f"--threads must be at least 1, got {args.threads}")
    if args.repeats < 1 or any(b < 1 for b in args.batch):
        raise CommandError("--repeats and --batch sizes must be at least 1")
    threads = args.threads or default_threads()
    try:
        if args.source.endswith(".onnx"):
            from dlplayground.onnx_import import torch_twin

            subject = subject_from_onnx(args.source, threads, twin=torch_twin)
        else:
            checked = load_checked(args.source)
            with user_errors(checked.path):
                subject = subject_from_project(checked.project, checked.path.parent,
                                               Path(args.weights) if args.weights else None, args.opset, threads)
    except (ModelLoadError, ExportError) as exc:
        raise CommandError(str(exc)) from None
    batches = tuple(args.batch)
    if subject.fixed_batch is not None and batches != (subject.fixed_batch,):
        print(f"note: the model accepts batches of {subject.fixed_batch} only: timing that batch size")
        batches = (subject.fixed_batch,)
    result = benchmark(subject.session, subject.eager, subject.samples, batches, args.repeats,
                       threads, subject.title)
    for line in result.lines():
        print(line)
    if subject.note:
        print(f"note: {subject.note}")
    return 0
