"""``dlplayground export PROJECT --weights FILE -o MODEL.onnx``: export, then verify.

Exit 0 when the ONNX model matches PyTorch, 1 when the verification fails (the file is kept
for inspection), 2 when the project, the weights or the export itself are unusable.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dlplayground.commands.common import CommandError, load_checked, user_errors, writable_output
from dlplayground.data import load_dataset
from dlplayground.export.opsets import DEFAULT_OPSET, MIN_OPSET


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Export to ONNX (raw inputs, any batch size), run the ONNX checker and compare "
                          "onnxruntime with PyTorch on validation samples at batch 1 and a larger batch.")
    parser.add_argument("project", help="project file (.dlp.json)")
    parser.add_argument("--weights", metavar="FILE",
                        help="trained weights (.safetensors, or a run folder holding weights.safetensors); "
                             "without it the model is exported with fresh, untrained weights")
    parser.add_argument("-o", "--output", metavar="MODEL.onnx", required=True, help="the ONNX file to write")
    parser.add_argument("--opset", type=int, default=DEFAULT_OPSET,
                        help=f"ONNX opset to write (at least {MIN_OPSET}, default {DEFAULT_OPSET})")
    parser.add_argument("--threads", type=int, default=None, help="onnxruntime threads (default: physical cores)")
    parser.add_argument("--part", choices=("decoder",), default=None,
                        help="export one part of the network: 'decoder' is a VAE's part after its Reparameterize "
                             "node, taking z (a GAN always exports its generator)")


def run(args: argparse.Namespace) -> int:
    # torch and onnx load here, not when the CLI builds its parser for another command
    from dlplayground.export.exporter import ExportError
    from dlplayground.export.pipeline import export_project

    writable_output(args.output, "ONNX file")
    checked = load_checked(args.project)
    weights = Path(args.weights) if args.weights else None
    with user_errors(checked.path):
        dataset = load_dataset(checked.project.data, base_dir=checked.path.parent)
    if weights is None:
        print("warning: no --weights given: exporting freshly initialised, untrained weights", file=sys.stderr)
    try:
        report = export_project(checked.project, args.output, dataset=dataset, weights=weights,
                                opset=args.opset, threads=args.threads, part=args.part)
    except ExportError as exc:
        raise CommandError(f"{args.project}: {exc}") from None
    for line in report.lines():
        print(line)
    return 0 if report.ok else 1

