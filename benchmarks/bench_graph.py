"""Editor speed on a large graph: load, lay out, infer, and open a 300-node project.

Generates a realistic 300-node ResNet-style project (a convolutional stem, four stages of
residual blocks with ``Add`` merges and strided 1x1 projections where a stage downsamples,
then a residual MLP head with ``LayerNorm``/``GELU``/``Dropout``) without positions, saves it,
and times what a person waits for:

- load: parse and check the JSON, build the document;
- layout: the automatic layered layout (a file without positions gets it on open);
- infer: shapes and parameter counts of every node, cold (nothing cached) and after a
  one-parameter edit (what the editor re-runs on every edit);
- open in the window: ``File > Open`` in an offscreen window until the scene holds every node
  and edge (load + layout + inference + scene).

Importing torch (once per process, for parameter counting on the meta device) is timed
separately. Target: open + infer under 1 s.

    python benchmarks/bench_graph.py [--nodes 300] [--repeats 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dlplayground.compile.infer import count_parameters, infer  # noqa: E402
from dlplayground.graph.io import load_project, save_project  # noqa: E402
from dlplayground.graph.layout import layered_layout  # noqa: E402


def generate(target_nodes: int = 300) -> dict[str, Any]:
    """A project dict of about ``target_nodes`` nodes: residual CNN stages and a residual MLP head."""
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []

    def add(node_id: str, type_name: str, params: dict[str, Any] | None = None, *sources: str) -> str:
        nodes.append({"id": node_id, "type": type_name, "params": params or {}})
        for port, src in enumerate(sources):
            edge = {"src": src, "dst": node_id}
            if port:
                edge["dst_port"] = port
            edges.append(edge)
        return node_id

    last = add("x", "Input", {"shape": [1, 32, 32]})
    last = add("stem", "Conv2d", {"out_channels": 16, "kernel_size": 3, "padding": 1}, last)
    last = add("stem_bn", "BatchNorm2d", {}, last)
    last = add("stem_relu", "ReLU", {}, last)
    head_nodes = 4 + 8 * 6 + 3  # pooling and flatten, six MLP blocks, the classifier and Output
    widths = (16, 32, 64, 128)
    blocks_per_stage = max(1, (target_nodes - len(nodes) - head_nodes) // (7 * len(widths)))
    channels = 16
    for stage, width in enumerate(widths):
        block = 0
        last_stage = stage == len(widths) - 1
        # the last stage takes whatever whole blocks still fit the budget
        while block < blocks_per_stage or (last_stage and len(nodes) + 7 <= target_nodes - head_nodes):
            b = f"s{stage}b{block}"
            downsample = block == 0 and stage > 0
            conv1 = add(f"{b}_conv1", "Conv2d", {"out_channels": width, "kernel_size": 3, "padding": 1,
                                                 "stride": 2 if downsample else 1}, last)
            bn1 = add(f"{b}_bn1", "BatchNorm2d", {}, conv1)
            relu1 = add(f"{b}_relu1", "ReLU", {}, bn1)
            conv2 = add(f"{b}_conv2", "Conv2d", {"out_channels": width, "kernel_size": 3, "padding": 1}, relu1)
            bn2 = add(f"{b}_bn2", "BatchNorm2d", {}, conv2)
            skip = last
            if downsample or width != channels:
                skip = add(f"{b}_proj", "Conv2d", {"out_channels": width, "kernel_size": 1,
                                                   "stride": 2 if downsample else 1}, last)
            merged = add(f"{b}_add", "Add", {}, bn2, skip)
            last = add(f"{b}_out", "ReLU", {}, merged)
            channels = width
            block += 1
    for index in range(target_nodes - head_nodes - len(nodes)):  # top up to the exact size
        last = add(f"drop{index}", "Dropout", {"p": 0.1}, last)
    last = add("gap", "AdaptiveAvgPool2d", {"output_size": 1}, last)
    last = add("flat", "Flatten", {}, last)
    last = add("head_drop", "Dropout", {"p": 0.2}, last)
    last = add("head_in", "Linear", {"out_features": 96}, last)
    for block in range(6):
        h = f"mlp{block}"
        norm = add(f"{h}_ln", "LayerNorm", {}, last)
        fc1 = add(f"{h}_fc1", "Linear", {"out_features": 192}, norm)
        act = add(f"{h}_gelu", "GELU", {}, fc1)
        drop = add(f"{h}_drop", "Dropout", {"p": 0.1}, act)
        fc2 = add(f"{h}_fc2", "Linear", {"out_features": 96}, drop)
        merged = add(f"{h}_add", "Add", {}, fc2, last)
        last = add(f"{h}_act", "Tanh" if block % 2 else "LeakyReLU", {}, merged)
        last = add(f"{h}_norm", "Identity", {}, last)
    last = add("head_ln", "LayerNorm", {}, last)
    last = add("classifier", "Linear", {"out_features": 3}, last)
    add("y", "Output", {}, last)
    return {
        "format": "dlplayground/project", "version": 1, "name": f"Generated ResNet ({len(nodes)} nodes)",
        "graph": {"nodes": nodes, "edges": edges},
        "data": {"name": "shapes", "params": {"size": 32}, "val_split": 0.2, "seed": 0},
        "training": {"loss": "CrossEntropyLoss", "optimizer": {"type": "Adam", "lr": 0.001},
                     "batch_size": 64, "epochs": 10, "seed": 0},
    }


def timed(function: Callable[[], Any], repeats: int, setup: Callable[[], Any] | None = None) -> tuple[float, Any]:
    """Median seconds of ``repeats`` calls (``setup`` runs untimed before each) and the last result."""
    times, result = [], None
    for _ in range(repeats):
        if setup is not None:
            setup()
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)

    raw = generate(args.nodes)
    folder = Path(tempfile.mkdtemp(prefix="bench_graph_"))
    path = folder / "generated.dlp.json"
    save_project(raw, path)
    print(f"{raw['name']}: {len(raw['graph']['nodes'])} nodes, {len(raw['graph']['edges'])} edges, "
          f"{sum(n['type'] == 'Add' for n in raw['graph']['nodes'])} residual Adds, no positions")

    start = time.perf_counter()
    import torch  # noqa: F401 - what the first parameter count pays once per process

    print(f"  import torch (once per process)      {1000 * (time.perf_counter() - start):8.1f} ms")
    load_s, project = timed(lambda: load_project(path), args.repeats)
    layout_s, _ = timed(lambda: layered_layout(project.graph), args.repeats)
    shapes_s, _ = timed(lambda: infer(project.graph, (3, 32, 32), count_params=False), args.repeats)
    cold_s, inference = timed(lambda: infer(project.graph, (3, 32, 32)), args.repeats, count_parameters.cache_clear)
    assert inference.ok, inference.problems[:3]
    project.graph.set_param("classifier", "out_features", 12)
    edit_s, _ = timed(lambda: infer(project.graph, (3, 32, 32)), args.repeats)
    print(f"  load (parse + check + build)         {1000 * load_s:8.1f} ms")
    print(f"  layered layout                       {1000 * layout_s:8.1f} ms")
    print(f"  infer shapes only                    {1000 * shapes_s:8.1f} ms")
    print(f"  infer shapes + params (cold cache)   {1000 * cold_s:8.1f} ms   "
          f"({inference.total_params:,} parameters)")
    print(f"  re-infer after a one-param edit      {1000 * edit_s:8.1f} ms")

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from dlplayground.qt.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    window.resize(1400, 850)
    window.show()
    app.processEvents()

    def open_in_window() -> int:
        assert window.files.open_path(path, ask=False)
        app.processEvents()
        return len(window.scene.node_items) + len(window.scene.edge_items)

    open_s, items = timed(open_in_window, args.repeats, count_parameters.cache_clear)
    assert items == len(raw["graph"]["nodes"]) + len(raw["graph"]["edges"])
    window.session.undo_stack.setClean()

    def edit_in_window() -> None:
        window.editor.set_param("classifier", "out_features", 10 + edit_in_window.count % 5)
        edit_in_window.count += 1
        app.processEvents()

    edit_in_window.count = 0
    window_edit_s, _ = timed(edit_in_window, args.repeats)
    window.session.undo_stack.setClean()
    window.close()
    print(f"  open in the window (cold cache)      {1000 * open_s:8.1f} ms   "
          f"(load + layout + infer + {items} scene items)")
    print(f"  edit in the window (re-infer + redraw labels) {1000 * window_edit_s:6.1f} ms")
    verdict = "ok" if open_s < 1.0 else "TOO SLOW"
    print(f"target: open + infer < 1000 ms -> {1000 * open_s:.0f} ms {verdict}")
    return 0 if open_s < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
