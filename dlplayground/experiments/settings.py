"""Dotted setting paths into a project: what ``--vary`` and a sweep's space change.

A path names one value of a project file: ``training.optimizer.lr``, ``training.batch_size``,
``data.params.noise``, or ``graph.NODE_ID.PARAM`` (a parameter of one node; ``graph.NODE_ID.type``
swaps the node's layer type and drops its parameters, for comparisons of activations).
:func:`check_path` says what is wrong with a path against a given project before anything
trains; :func:`with_setting` returns a copy of the project with the value set. The value is
then checked by the project's own parsers when the run is prepared, which name the key.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any, Mapping

from dlplayground.layers.catalogue import CATALOGUE

#: the keys of a training section a path may set (see docs/project-format.md)
TRAINING_KEYS = ("loss", "optimizer", "batch_size", "epochs", "seed", "scheduler", "early_stopping",
                 "log_every", "device")
DATA_KEYS = ("name", "params", "val_split", "seed")


class SettingError(ValueError):
    """A setting path or value that cannot be applied; the message names the path."""


@dataclass(frozen=True)
class SettingPath:
    """A checked dotted path: ``section`` (graph, training or data) and the keys below it."""

    text: str
    section: str
    keys: tuple[str, ...]

    @property
    def is_node_type(self) -> bool:
        return self.section == "graph" and self.keys[1] == "type"


def check_path(text: str, project: Mapping[str, Any]) -> SettingPath:
    """Parse ``text`` and check it names something ``project`` has (or may have).

    Raises:
        SettingError: naming the path and what is wrong with it (an unknown node, a parameter
            the node's layer type does not take, an unknown training key).
    """
    if not isinstance(text, str) or not text:
        raise SettingError(f"setting path must be a non-empty string, got {text!r}")
    section, *keys = text.split(".")
    if any(not key for key in keys) or not keys:
        raise SettingError(f"{text}: expected dotted keys such as training.optimizer.lr or graph.NODE.PARAM")
    if section == "training":
        if keys[0] not in TRAINING_KEYS:
            raise SettingError(f"{text}: unknown training setting {keys[0]!r} (known: {', '.join(TRAINING_KEYS)})")
    elif section == "data":
        if keys[0] not in DATA_KEYS or (keys[0] == "params") != (len(keys) == 2) or len(keys) > 2:
            raise SettingError(f"{text}: expected data.val_split, data.seed, data.name or data.params.PARAM")
    elif section == "graph":
        if len(keys) != 2:
            raise SettingError(f"{text}: expected graph.NODE_ID.PARAM (one node id, one parameter)")
        node_id, param = keys
        nodes = {n.get("id"): n for n in (project.get("graph") or {}).get("nodes", [])}
        node = nodes.get(node_id)
        if node is None:
            shown = ", ".join(str(n) for n in list(nodes)[:12])
            raise SettingError(f"{text}: the graph has no node {node_id!r} (nodes: {shown})")
        spec = CATALOGUE.get(node.get("type"))
        if param != "type" and spec is not None and spec.schema.get(param) is None:
            takes = ", ".join(spec.schema.names) or "no parameters"
            raise SettingError(f"{text}: a {spec.type} node takes no parameter {param!r} (it takes: {takes})")
    else:
        raise SettingError(f"{text}: a path starts with training, data or graph, not {section!r}")
    return SettingPath(text, section, tuple(keys))


def with_setting(project: Mapping[str, Any], path: SettingPath, value: Any) -> dict[str, Any]:
    """A deep copy of ``project`` with the value at ``path`` set to ``value``."""
    result = copy.deepcopy(dict(project))
    if path.section == "graph":
        node_id, param = path.keys
        node = next(n for n in result["graph"]["nodes"] if n.get("id") == node_id)
        if param == "type":
            if value not in CATALOGUE:
                raise SettingError(f"{path.text}: unknown layer type {value!r}")
            node["type"], node["params"] = value, {}
        else:
            node["params"] = {**(node.get("params") or {}), param: value}
        return result
    target = result.setdefault(path.section, {})
    if not isinstance(target, dict):
        raise SettingError(f"{path.text}: the project's {path.section} section is not an object")
    for key in path.keys[:-1]:
        inner = target.get(key)
        if isinstance(inner, str) and key == "optimizer":
            inner = {"type": inner}  # "optimizer": "Adam" is short for {"type": "Adam"}
        if inner is None:
            inner = {}
        if not isinstance(inner, dict):
            raise SettingError(f"{path.text}: {key!r} holds {inner!r}, not an object")
        target[key] = inner = dict(inner)
        target = inner
    target[path.keys[-1]] = value
    return result


def parse_value(text: str) -> Any:
    """A command-line value as JSON where it is JSON (``32``, ``0.01``, ``true``, ``null``),
    else the text itself (``full``, ``ReLU``)."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def format_value(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)
