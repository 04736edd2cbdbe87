"""Editor speed at scale: load, infer, validate, lay out, edit and open projects of 300 to 10,000 nodes.

Generates realistic ResNet-style projects (a convolutional stem, four stages of residual
blocks with ``Add`` merges and strided 1x1 projections where a stage downsamples, then a
residual MLP head with ``LayerNorm``/``GELU``/``Dropout``) without positions, on the ``shapes``
dataset (``[1, 32, 32]`` images, 3 classes), so every project validates. For each size it times
what a person waits for:

- load: parse and check the JSON, build the document;
- infer: shapes and parameter counts of every node (arithmetic, no torch);
- validate: what ``dlplayground summary`` checks: the dataset's shape, inference, the training
  settings against the model's output;
- layout: the automatic layered layout (a file without positions gets it on open);
- one edit: one parameter changed and the graph re-inferred (the editor does it on every edit);
- open in the window: ``File > Open`` in an offscreen window until the scene holds every node
  and edge (load + layout + inference + scene), and one edit there (re-infer + redraw).

Then it fits the growth exponent k of time ~ nodes^k over the sizes (least squares on
log-log; 1 is linear, 2 quadratic). Targets: every k <= 1.2, and every operation on 3,000 nodes
under 1 s.

    python benchmarks/bench_graph.py [--sizes 300,1000,3000,10000] [--repeats 3] [--no-window]
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dlplayground.compile.infer import infer  # noqa: E402
from dlplayground.data import describe  # noqa: E402
from dlplayground.graph.io import load_project, save_project  # noqa: E402
from dlplayground.graph.layout import layered_layout  # noqa: E402
from dlplayground.training.targets import training_problems  # noqa: E402

#: what is timed per size, in print order
OPERATIONS = ("load", "infer", "validate", "layout", "one edit", "open in window", "edit in window")
#: drawing in the window (after "open in window"): the wrapped auto layout, the whole graph
#: rendered into an offscreen QImage of the window's canvas size (fitted: nodes drawn as blocks),
#: one frame at 100 % (what a pan or zoom step repaints), the minimap's overview, and the sum a
#: person waits for on opening a file without positions: open + first frame
#: what ``timed`` reads: wall time, or with --cpu-time this process's CPU time (on a machine
#: that other work loads, CPU time is the cost of the operation; wall time adds the waiting)
CLOCK = time.perf_counter
OPERATIONS += ("auto layout", "draw fitted", "draw frame 100%", "draw minimap", "open+draw")


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
        gc.collect()  # the previous operation's garbage is not this one's cost
        if setup is not None:
            setup()
        start = CLOCK()
        result = function()
        times.append(CLOCK() - start)
    return statistics.median(times), result


def validate(project: Any, folder: Path) -> list[str]:
    """Every problem ``dlplayground summary`` would list (data shape, graph, training settings)."""
    dataset = describe(project.data, base_dir=folder)
    inference = infer(project.graph, dataset.input_shape)
    problems = [str(p) for p in inference.problems]
    problems += [p.message for p in training_problems(project.training, dataset, project.graph, inference)]
    return problems


def growth_exponent(sizes: list[int], seconds: list[float]) -> float:
    """The slope k of log(seconds) against log(sizes), least squares: time ~ size^k."""
    xs, ys = [math.log(n) for n in sizes], [math.log(max(t, 1e-9)) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def measure_headless(path: Path, repeats: int) -> dict[str, float]:
    folder = path.parent
    times: dict[str, float] = {}
    times["load"], project = timed(lambda: load_project(path), repeats)
    times["infer"], inference = timed(lambda: infer(project.graph, (1, 32, 32)), repeats)
    assert inference.ok, inference.problems[:3]
    times["validate"], problems = timed(lambda: validate(project, folder), repeats)
    assert not problems, problems[:3]  # the generated project is one `train` accepts
    times["layout"], _ = timed(lambda: layered_layout(project.graph), repeats)
    counter = iter(range(10**6))

    def one_edit() -> None:
        project.graph.set_param("classifier", "out_features", 3 + next(counter) % 2)
        infer(project.graph, (1, 32, 32))

    times["one edit"], _ = timed(one_edit, repeats)
    return times


class WindowBench:
    """One offscreen main window reused for every size (as a person reopens files in it)."""

    def __init__(self, folder: Path) -> None:
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from dlplayground.qt.main_window import MainWindow

        self.app = QApplication.instance() or QApplication(sys.argv[:1])
        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        self.window = MainWindow(settings)
        self.window.resize(1400, 850)
        self.window.show()
        self.app.processEvents()

    def measure(self, path: Path, raw: dict[str, Any], repeats: int) -> dict[str, float]:
        window, app = self.window, self.app

        def open_in_window() -> int:
            window.session.undo_stack.setClean()
            assert window.files.open_path(path, ask=False)
            app.processEvents()
            return len(window.scene.node_items) + len(window.scene.edge_items)

        open_s, items = timed(open_in_window, repeats)
        assert items == len(raw["graph"]["nodes"]) + len(raw["graph"]["edges"])
        counter = iter(range(10**6))

        def edit_in_window() -> None:
            window.editor.set_param("classifier", "out_features", 3 + next(counter) % 2)
            app.processEvents()

        edit_s, _ = timed(edit_in_window, repeats)
        window.session.undo_stack.setClean()
        return {"open in window": open_s, "edit in window": edit_s}

    def measure_drawing(self, path: Path, repeats: int, open_s: float) -> dict[str, float]:
        """Auto layout and drawing of the project open in the window (see ``OPERATIONS``)."""
        from PySide6.QtGui import QImage, QPainter

        window, app, view = self.window, self.app, self.window.view
        assert window.files.open_path(path, ask=False)
        app.processEvents()

        def undo_layout() -> None:  # each repeat lays out the graph as opened
            if window.session.undo_stack.canUndo():
                window.session.undo_stack.undo()
            app.processEvents()

        def auto_layout() -> None:
            window.auto_layout()  # View > Auto Layout: wrapped rows, one undo step, edges redrawn
            app.processEvents()

        layout_s, _ = timed(auto_layout, repeats, setup=undo_layout)
        image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)

        def draw() -> None:
            painter = QPainter(image)
            view.render(painter)  # what the viewport paints: background, grid, visible items
            painter.end()

        view.fit_all()
        fitted_s, _ = timed(draw, repeats)
        view.set_zoom(1.0)
        view.centerOn(window.scene.nodes_rect().center())
        frame_s, _ = timed(draw, repeats)
        minimap_s, _ = timed(window.canvas_tools.minimap.render_scene, repeats)
        window.session.undo_stack.setClean()
        return {"auto layout": layout_s, "draw fitted": fitted_s, "draw frame 100%": frame_s,
                "draw minimap": minimap_s, "open+draw": open_s + fitted_s}

    def close(self) -> None:
        self.window.session.undo_stack.setClean()
        self.window.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,1000,3000,10000", help="comma-separated node counts")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-window", action="store_true", help="headless operations only")
    parser.add_argument("--cpu-time", action="store_true", help="time with this process's CPU time, not wall time")
    args = parser.parse_args(argv)
    sizes = [int(n) for n in args.sizes.split(",")]
    if args.cpu_time:
        global CLOCK
        CLOCK = time.process_time

    folder = Path(tempfile.mkdtemp(prefix="bench_graph_"))
    window = None if args.no_window else WindowBench(folder)
    results: dict[int, dict[str, float]] = {}
    for size in sizes:
        raw = generate(size)
        path = folder / f"generated_{size}.dlp.json"
        save_project(raw, path)
        nodes, edges = len(raw["graph"]["nodes"]), len(raw["graph"]["edges"])
        times = measure_headless(path, args.repeats)
        if window is not None:
            times.update(window.measure(path, raw, args.repeats))
            times.update(window.measure_drawing(path, args.repeats, times["open in window"]))
        results[size] = times
        print(f"{nodes:>6,} nodes {edges:>6,} edges: "
              + ", ".join(f"{op} {1000 * t:.1f} ms" for op, t in times.items()), flush=True)
    if window is not None:
        window.close()

    operations = [op for op in OPERATIONS if op in results[sizes[0]]]
    print(f"\nmedian of {args.repeats}, ms; k = growth exponent (time ~ nodes^k; target <= 1.2)")
    print(f"{'operation':<16}" + "".join(f"{n:>10,}" for n in sizes) + "        k")
    failures = []
    for op in operations:
        seconds = [results[n][op] for n in sizes]
        k = growth_exponent(sizes, seconds) if len(sizes) > 1 else float("nan")
        print(f"{op:<16}" + "".join(f"{1000 * t:>10.1f}" for t in seconds) + f"   {k:6.2f}")
        if k > 1.2:
            failures.append(f"{op} grows as nodes^{k:.2f}")
        if 3000 in results and results[3000][op] >= 1.0:
            failures.append(f"{op} of 3,000 nodes takes {results[3000][op]:.2f} s")
    print("targets met" if not failures else "targets missed: " + "; ".join(failures))
    print("torch imported: " + ("yes" if "torch" in sys.modules else "no (shapes and counts are arithmetic)"))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
