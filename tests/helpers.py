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


def _chain_graph(layers: list[tuple[str, str, dict[str, Any]]], input_id: str, output_id: str) -> dict[str, Any]:
    nodes = [{"id": input_id, "type": "Input"}] + [{"id": i, "type": t, "params": p} for i, t, p in layers]
    nodes.append({"id": output_id, "type": "Output"})
    return {"nodes": nodes, "edges": [{"src": a["id"], "dst": b["id"]} for a, b in zip(nodes, nodes[1:])]}


def gan_ring_project(samples: int = 1000, epochs: int = 40, hidden: int = 64, seed: int = 0,
                     latent_dim: int = 2) -> dict[str, Any]:
    """A GAN on the 2-D ring: MLP generator (noise -> point) and discriminator (point -> logit)."""
    def mlp(prefix: str, out: int) -> list[tuple[str, str, dict[str, Any]]]:
        return [(f"{prefix}1", "Linear", {"out_features": hidden}), (f"{prefix}a1", "LeakyReLU", {"negative_slope": 0.2}),
                (f"{prefix}2", "Linear", {"out_features": hidden}), (f"{prefix}a2", "LeakyReLU", {"negative_slope": 0.2}),
                (f"{prefix}3", "Linear", {"out_features": out})]

    return {
        "format": "dlplayground/project", "version": 1, "name": "GAN ring",
        "graph": _chain_graph(mlp("g", 2), "z", "fake"),
        "discriminator": _chain_graph(mlp("d", 1), "sample", "logit"),
        "data": {"name": "ring", "params": {"samples": samples, "noise": 0.1}, "val_split": 0.1, "seed": 0},
        "training": {"objective": "gan", "latent_dim": latent_dim,
                     "optimizer": {"type": "Adam", "lr": 0.002, "betas": [0.5, 0.999]},
                     "batch_size": 64, "epochs": epochs, "seed": seed},
    }


def vae_digits_project(latent: int = 2, epochs: int = 4, objective: str = "vae") -> dict[str, Any]:
    """A dense VAE (or, with ``objective="autoencoder"``, a plain autoencoder) on the 8x8 digits."""
    encoder = [{"id": "x", "type": "Input"}, {"id": "flat", "type": "Flatten"},
               {"id": "enc", "type": "Linear", "params": {"out_features": 32}}, {"id": "act", "type": "ReLU"},
               {"id": "mu", "type": "Linear", "params": {"out_features": latent}}]
    decoder = [{"id": "dec", "type": "Linear", "params": {"out_features": 32}}, {"id": "dact", "type": "ReLU"},
               {"id": "out", "type": "Linear", "params": {"out_features": 64}},
               {"id": "img", "type": "Reshape", "params": {"shape": [1, 8, 8]}}, {"id": "y", "type": "Output"}]
    chain = ["x", "flat", "enc", "act", "mu"]
    edges = [{"src": a, "dst": b} for a, b in zip(chain, chain[1:])]
    nodes = encoder + decoder
    if objective == "vae":
        nodes += [{"id": "logvar", "type": "Linear", "params": {"out_features": latent}},
                  {"id": "z", "type": "Reparameterize"}]
        edges += [{"src": "act", "dst": "logvar"}, {"src": "mu", "dst": "z", "dst_port": 0},
                  {"src": "logvar", "dst": "z", "dst_port": 1}, {"src": "z", "dst": "dec"}]
    else:
        edges.append({"src": "mu", "dst": "dec"})
    tail = ["dec", "dact", "out", "img", "y"]
    edges += [{"src": a, "dst": b} for a, b in zip(tail, tail[1:])]
    return {
        "format": "dlplayground/project", "version": 1, "name": f"digits {objective}",
        "graph": {"nodes": nodes, "edges": edges},
        "data": {"name": "digits", "val_split": 0.2, "seed": 0},
        "training": {"objective": objective, "loss": "MSELoss", "optimizer": {"type": "Adam", "lr": 0.003},
                     "batch_size": 64, "epochs": epochs, "seed": 0},
    }
