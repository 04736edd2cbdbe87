"""``dlplayground import MODEL.onnx -o PROJECT.dlp.json``: an ONNX model becomes a project.

The weights go to a ``.safetensors`` file beside the project (``training.init`` names it).
Exit 0 when the imported project reproduces the model under onnxruntime, 1 when it does not
(nothing written), 2 when the model cannot be read or holds operators the catalogue lacks
(each listed with its ONNX node name, op type and position; nothing written).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from dlplayground.commands.common import CommandError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Map an ONNX model (any opset from 6 on) onto the layer catalogue; write the project "
                          "and its weights (a .safetensors beside it, named by training.init), after checking "
                          "that the project reproduces the model's outputs under onnxruntime.")
    parser.add_argument("model", help="ONNX model (.onnx)")
    parser.add_argument("-o", "--output", metavar="PROJECT.dlp.json", required=True, help="the project to write")
    parser.add_argument("--name", help="the project's name (default: the model file's stem)")


def weights_name(project_path: Path) -> str:
    """``resnet.dlp.json`` -> ``resnet.safetensors``."""
    stem = project_path.name
    for suffix in (".dlp.json", ".json"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return f"{stem or 'weights'}.safetensors"


def run(args: argparse.Namespace) -> int:
    # onnx, onnxruntime and torch load here, not when the CLI builds its parser
    from dlplayground.onnx_import import OnnxImportError, UnmappedOperators, import_model, write_import

    model_path, project_path = Path(args.model), Path(args.output)
    name = args.name or model_path.stem
    try:
        result = import_model(model_path, name=name, weights_file=weights_name(project_path))
    except UnmappedOperators as exc:
        raise CommandError(f"{model_path}: {exc}") from None
    except OnnxImportError as exc:
        raise CommandError(f"{model_path}: {exc}" if str(model_path) not in str(exc) else str(exc)) from None
    comparison = result.comparison
    opset = result.prepared.opset
    upgraded = f" (upgraded from opset {result.source_opset})" if result.source_opset != opset else ""
    print(f"{model_path}: opset {opset}{upgraded}, {result.imported.layer_count} layers, "
          f"{len(result.imported.weights)} weight tensors")
    print(f"compared with onnxruntime on {comparison.samples} random samples: max abs difference "
          f"{comparison.max_abs:.3g}, relative {comparison.relative:.3g}")
    if not comparison.ok:
        raise CommandError(f"{model_path}: the imported project does not reproduce the model (relative "
                           f"difference {comparison.relative:.3g}); nothing written", exit_code=1)
    weights_path = write_import(result, project_path)
    print(f"wrote {project_path} and {weights_path}")
    return 0
