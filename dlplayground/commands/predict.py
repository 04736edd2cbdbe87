"""``dlplayground predict MODEL.onnx INPUT.npy [-o OUT.npy]``: run onnxruntime on a batch.

The input must be a plain ``.npy`` array shaped like the model's input, batch dim first
(raw values: an exported model standardises them itself). Classifiers print the top class of
each row; ``-o`` saves the raw output.
"""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import numpy as np

from dlplayground.commands.common import CommandError, writable_output
from dlplayground.graph.io import atomic_write_bytes


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("model", help="ONNX model (.onnx)")
    parser.add_argument("input", help="input batch (.npy, shape [N, *input shape], raw values)")
    parser.add_argument("-o", "--output", metavar="OUT.npy", help="save the model's output here")
    parser.add_argument("--threads", type=int, default=None, help="onnxruntime threads (default: physical cores)")


def run(args: argparse.Namespace) -> int:
    # onnxruntime loads here, not when the CLI builds its parser for another command
    from dlplayground.export.inference import InputShapeError, ModelLoadError, Predictor, load_npy

    if args.output is not None:
        writable_output(args.output)
    try:
        predictor = Predictor(args.model, args.threads)
    except ModelLoadError as exc:
        raise CommandError(str(exc)) from None
    try:
        x = load_npy(args.input)
        output = predictor.run(x)
    except InputShapeError as exc:
        raise CommandError(f"{args.input}: {exc}") from None
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    except Exception as exc:  # onnxruntime's own errors (an index out of range...)
        raise CommandError(f"{args.model}: onnxruntime failed on {args.input}: {str(exc).strip()[:400]}") from None

    info = predictor.info
    print(f"{info.title}: {len(output)} row(s), output {list(output.shape)}")
    top = predictor.top_classes(output)
    if top is not None:
        print("top class per row:")
        width = len(str(len(top) - 1))
        for row, best in enumerate(top):
            index = "" if best.label == str(best.index) else f"index {best.index}, "
            print(f"row {row:>{width}}: {best.label} ({index}p={best.probability:.3f})")
    elif args.output is None:
        with np.printoptions(precision=4, suppress=True, threshold=2000):
            for row, values in enumerate(output):
                print(f"row {row}: {np.array2string(np.asarray(values))}")
    if args.output is not None:
        buffer = io.BytesIO()
        np.save(buffer, output, allow_pickle=False)
        try:
            atomic_write_bytes(Path(args.output), buffer.getvalue())
        except OSError as exc:
            raise CommandError(f"cannot write {args.output}: {exc.strerror or exc}") from None
        print(f"wrote {args.output} ({output.dtype}, shape {list(output.shape)})")
    return 0
