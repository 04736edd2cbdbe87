"""``training.init``: start a run from saved weights (a run folder or a ``.safetensors`` file).

Keys are ``<node id>.<name>`` as in run folders. Parameters the file does not name keep their
fresh initialisation (a new head after an imported body); keys of nodes the graph no longer
has are left unused; a shape that does not fit is an error naming the node.
"""

from __future__ import annotations

from pathlib import Path

from dlplayground.compile.module import GraphModule
from dlplayground.graph.folders import WEIGHTS_FILE
from dlplayground.graph.text import tx
from dlplayground.training.config import TrainingConfigError


def init_path(init: str, base_dir: str | Path | None) -> Path:
    """The weights file ``init`` names, relative paths taken from the project's folder."""
    path = Path(init).expanduser()
    if not path.is_absolute() and base_dir is not None:
        path = Path(base_dir) / path
    if path.is_dir():
        path = path / WEIGHTS_FILE
    return path


def load_init(model: GraphModule, init: str, base_dir: str | Path | None = None) -> int:
    """Load the weights ``init`` names into ``model``; return how many tensors were loaded.

    Raises:
        TrainingConfigError: ``training.init: ...`` for a missing or unreadable file, or a
            tensor whose shape does not fit its node.
    """
    from safetensors import SafetensorError
    from safetensors.torch import load_file

    path = init_path(init, base_dir)
    if not path.is_file():
        raise TrainingConfigError(tx("training.init: {path}: no such weights file (a run folder or a .safetensors "
                                     "file)", path=path))
    try:
        tensors = load_file(str(path))
    except (SafetensorError, OSError, ValueError) as exc:
        raise TrainingConfigError(tx("training.init: {path}: not a readable safetensors file ({error})", path=path,
                                     error=str(exc))) from None
    known = {f"{node_id}.{name}" for node_id, module in model.node_modules() for name in module.state_dict()}
    used = {key: tensor for key, tensor in tensors.items() if key in known}
    try:
        model.load_state_dict_by_node(used, strict=False)
    except ValueError as exc:
        raise TrainingConfigError(tx("training.init: {path}: {error}", path=path, error=str(exc))) from None
    return len(used)
