"""Small builders for test projects written as plain spec JSON (not with the editor)."""

from __future__ import annotations

from typing import Any


def chain_project(*layers: tuple[str, str, dict[str, Any]], data: dict | None = None,
                  training: dict | None = None, name: str = "test") -> dict[str, Any]:
    """A project dict: Input -> layers... -> Output, each layer given as (id, type, params)."""
    nodes = [{"id": "x", "type": "Input"}]
    nodes += [{"id": i, "type": t, "params": p} for i, t, p in layers]
    nodes.append({"id": "y", "type": "Output"})
    edges = [{"src": a["id"], "dst": b["id"]} for a, b in zip(nodes, nodes[1:])]
    return {
        "format": "dlplayground/project",
        "version": 1,
        "name": name,
        "graph": {"nodes": nodes, "edges": edges},
        "data": data or {"name": "spiral", "params": {"samples": 200, "classes": 3}, "val_split": 0.2, "seed": 0},
        "training": training or {"loss": "CrossEntropyLoss", "optimizer": {"type": "Adam", "lr": 0.01},
                                 "batch_size": 32, "epochs": 2, "seed": 0},
    }
