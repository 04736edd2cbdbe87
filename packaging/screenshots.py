"""Take the README screenshots of the real window (``assets/screenshots/*.png``).

Run under a real X11 display, e.g. Xvfb (not Qt's offscreen platform)::

    xvfb-run -a -s "-screen 0 1600x1000x24" python packaging/screenshots.py assets/screenshots

It builds the window as the app does (``dlplayground.qt.app.build_window``: every extension
installed), with its settings, data and run folders in a temporary folder so nothing of the
user's is read or written, at a fixed size of 1600x1000, and drives it through its own APIs:

- ``editor.png``: the digits ResNet example with a convolution selected (the Inspector shows it);
- ``training_spiral.png``: the spiral MLP mid-run (paused): curves and the decision boundary;
- ``training_digits.png``: the digits CNN trained: filters, feature maps and Grad-CAM of its
  first convolution, and the gradient flow;
- ``export.png``: File › Export ONNX of the trained digits CNN, verified;
- ``inference.png``: the Inference panel with a digit drawn on its canvas;
- ``compare.png``: Tools › Compare Plain vs Residual on the 20-layer ReLU MLP pair;
- ``import.png``: File › Import ONNX of a ResNet-18-shaped model (exported here with torch.onnx):
  its residual blocks grouped (Edit › Group Blocks), the first stage expanded, the stem frozen,
  a convolution selected (the Inspector shows its trainable box), the minimap in the corner;
- ``data_preview.png``: the Image folder CNN example's data, previewed before training (Data &
  Training › Preview…): a grid of the pictures with their labels and the class counts;
- ``neurons.png``: the spiral MLP paused after thirty presses of the Epoch button: each hidden
  neuron's map over the plane, and the Network shape's +/- buttons in the Inspector;
- ``compare_variants.png``: Tools › Compare Variants… on the spiral MLP: three learning rates
  (the Learning rates lesson's comparison);
- ``sweep.png``: Tools › Hyperparameter Sweep… on the spiral MLP (learning rate and batch size);
- ``gan_ring.png``: the GAN on a ring mid-run (paused): GAN Lab's picture and the GAN's curves;
- ``vae_digits.png``: the digits VAE trained: reconstructions beside inputs, the latent plane;
- ``gan_editor.png``: the digits DCGAN's discriminator tab in the editor.

Pass names to take only some of them: ``... assets/screenshots editor compare``.
``--size 1280x720`` takes them at another window size (run Xvfb with a screen that large: the
window and its dialogs are fitted to the screen as on a user's), ``--language tr`` in Turkish.
"""

from __future__ import annotations

import argparse
import importlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIDTH, HEIGHT = 1600, 1000
SHOTS = ("editor", "training_spiral", "neurons", "training_digits", "export", "inference", "compare", "import",
         "data_preview", "compare_variants", "sweep", "gan_ring", "vae_digits", "gan_editor")

# everything the window would keep (settings, run folders, caches) goes to a temporary folder;
# set before Qt starts, which reads these once
_TEMP = Path(tempfile.mkdtemp(prefix="dlplayground-"))
for _name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
    os.environ[_name] = str(_TEMP / _name.lower())
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")  # a real X11 window (Xvfb), not offscreen

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# torch before PySide6 (as the app arranges it): imported after it, torch's import can be very slow
importlib.import_module("torch")

from PySide6.QtCore import QCoreApplication, QEventLoop, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from dlplayground.qt import app as app_module
from dlplayground.qt import i18n
from dlplayground.qt.dialogs import UnsavedChoice
from dlplayground.qt.training.controller import Phase
from dlplayground.qt.training.integration import RUNS_ROOT_KEY
from dlplayground.resources import examples_dir


# -- helpers -----------------------------------------------------------------------------
def pump(ms: int) -> None:
    """Run the event loop for ``ms`` milliseconds (redraws, queued signals, frame timers)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")
        pump(20)


def save(widget: QWidget, folder: Path, name: str) -> Path:
    """Grab ``widget`` (after letting it repaint) and save it as ``<name>.png``."""
    pump(400)
    pixmap: QPixmap = widget.grab()
    path = folder / f"{name}.png"
    if not pixmap.save(str(path), "PNG", 9):
        raise OSError(f"could not write {path}")
    print(f"  {path}  {pixmap.width()}x{pixmap.height()}  {path.stat().st_size // 1024} KiB", flush=True)
    return path


def fit(window, min_zoom: float) -> None:
    """Fit the graph in view, no smaller than ``min_zoom`` at the README's 1600-pixel width and
    proportionally less in a smaller window (``--size 1280x720``), where the graph is not cut off."""
    window.view.fit_all(min_zoom=min_zoom * min(1.0, WIDTH / 1600))


def example(name: str) -> Path:
    folder = examples_dir()
    assert folder is not None, "no example projects found"
    return folder / f"{name}.dlp.json"


def open_example(window, name: str) -> None:
    if not window.files.open_example(example(name)):
        raise RuntimeError(f"could not open the example {name}")
    pump(300)


def select(window, node_id: str) -> None:
    """Select a node as a click would: the inspector and the training views follow."""
    window.scene.select_nodes([node_id])
    window.scene.selectionChanged.emit()
    window.inspector_dock.raise_()
    pump(100)


def train(window, until_epoch: int | None, timeout: float) -> None:
    """Train the open project; return once ``until_epoch`` epochs are done (None: the end)."""
    controller = window.training.controller
    done: list[int] = [0]

    def progressed(progress) -> None:
        if progress.epochs:
            done[0] = max(done[0], progress.epochs[-1].epoch)

    controller.progressed.connect(progressed)
    try:
        if controller.train() is None:
            raise RuntimeError("a run is already going on")
        if until_epoch is None:
            wait_until(lambda: controller.phase is Phase.IDLE, timeout, "the run to finish")
            record = controller.runs[-1]
            if record.error:
                raise RuntimeError(f"the run failed: {record.error}")
        else:
            wait_until(lambda: done[0] >= until_epoch or controller.phase is Phase.IDLE, timeout,
                       f"{until_epoch} epochs")
    finally:
        controller.progressed.disconnect(progressed)


def stop(window) -> None:
    controller = window.training.controller
    controller.stop()
    wait_until(lambda: controller.phase is Phase.IDLE, 30, "the run to stop")
    pump(200)


# -- the window --------------------------------------------------------------------------
def make_window(runs: Path, language: str = "en"):
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app_module.configure_application(app)
    # any default-constructed QSettings (the window's, the panels') lives in the temporary folder
    settings_dir = _TEMP / "settings"
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(settings_dir))
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(settings_dir))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings().setValue(RUNS_ROOT_KEY, str(runs))
    QSettings().setValue(i18n.LANGUAGE_KEY, language)  # read by build_window, as at a start
    window = app_module.build_window()
    # a screenshot session never asks questions nor shows error boxes
    window.files.ask_unsaved = lambda parent, name: UnsavedChoice.DISCARD
    errors: list[tuple[str, str]] = []
    window.files.show_error = lambda title, message: errors.append((title, message))
    window.screenshot_errors = errors
    screen = window.screen().availableGeometry()
    window.resize(min(WIDTH, screen.width()), min(HEIGHT, screen.height()))
    window.move(0, 0)
    window.show()
    wait_until(lambda: window.isVisible() and window.windowHandle() is not None
               and window.windowHandle().isExposed(), 20, "the window to show")
    pump(500)
    return app, window


# -- the screenshots ---------------------------------------------------------------------
def shot_editor(window, folder: Path) -> None:
    open_example(window, "digits_resnet")
    window.summary_dock.raise_()
    pump(200)
    window.auto_layout()  # View › Auto Layout: the chain wrapped into rows that fit the view
    # zoomed out from the readable 80 % so the residual blocks and their skips show
    fit(window, 0.5)
    window.summary_dock.raise_()
    window.summary_panel.tabs.setCurrentIndex(1)  # Summary: shapes and parameters per layer
    select(window, "b1_conv1")
    save(window, folder, "editor")


def shot_training_spiral(window, folder: Path) -> None:
    open_example(window, "spiral_mlp")
    ui = window.training
    ui.training_panel.tabs.setCurrentWidget(ui.training_panel.curves)
    ui.model_panel.tabs.setCurrentWidget(ui.model_panel.boundary)
    window.scene.clearSelection()
    train(window, until_epoch=35, timeout=300)
    ui.controller.pause()
    wait_until(lambda: ui.controller.phase is Phase.PAUSED, 10, "the pause")
    fit(window, 0.55)  # the docks took height: the whole (short) graph again
    pump(1500)  # the paused run's last progress and its boundary picture
    save(window, folder, "training_spiral")
    stop(window)


def shot_neurons(window, folder: Path) -> None:
    """What TensorFlow Playground users look for: Step/Epoch, the neurons' maps, +/- on the MLP."""
    open_example(window, "spiral_mlp")
    ui = window.training
    ui.training_panel.tabs.setCurrentWidget(ui.training_panel.curves)
    ui.model_panel.tabs.setCurrentWidget(ui.model_panel.neurons)
    window.scene.clearSelection()
    window.inspector_dock.raise_()
    controller = ui.controller
    for _ in range(30):  # thirty presses of Epoch: the run pauses after each
        controller.actions.epoch.trigger()
        wait_until(lambda: controller.phase is Phase.PAUSED, 120, "the epoch to end")
    fit(window, 0.55)
    pump(1500)  # the paused run's maps
    save(window, folder, "neurons")
    stop(window)


def shot_training_digits(window, folder: Path) -> None:
    open_example(window, "digits_cnn")
    ui = window.training
    select(window, "conv1")
    ui.model_panel.tabs.setCurrentWidget(ui.model_panel.images)
    ui.training_panel.tabs.setCurrentWidget(ui.training_panel.gradients)
    train(window, until_epoch=None, timeout=400)
    ui.model_panel.tabs.setCurrentWidget(ui.model_panel.images)
    ui.refresh()
    fit(window, 0.45)
    pump(2000)  # the last run's pictures, redrawn from its model
    save(window, folder, "training_digits")


def shot_export(window, folder: Path, work: Path) -> None:
    """File › Export ONNX of the open (trained) digits CNN; the dialog after verification."""
    dialog = window.onnx.export()
    if dialog is None:
        raise RuntimeError("Export ONNX is disabled: " + window.onnx.export_action.toolTip())
    dialog.path_edit.setText(str(work / "digits_cnn.onnx"))
    reports: list = []
    failures: list[str] = []
    dialog.exported.connect(reports.append)
    dialog.export_failed.connect(failures.append)
    dialog.start_export()
    wait_until(lambda: (reports or failures) and not dialog.running, 180, "the ONNX export")
    if failures:
        raise RuntimeError(f"the export failed: {failures[0]}")
    # wide enough for the weights' path on one line, and as tall as its content at that width
    width = 800
    layout = dialog.layout()
    height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else dialog.sizeHint().height()
    dialog.resize(width, max(height, dialog.minimumSizeHint().height()))
    pump(300)
    save(dialog, folder, "export")
    dialog.close()
    pump(200)


def draw_two(canvas: QWidget) -> None:
    """Draw a "2" with the mouse on the canvas, as a user would."""
    side = min(canvas.width(), canvas.height()) - 2
    left, top = (canvas.width() - side) / 2, (canvas.height() - side) / 2

    def at(x: float, y: float) -> QPoint:
        return QPoint(round(left + x * side), round(top + y * side))

    # the top arc, the diagonal down to the bottom left, the base
    points = [(0.30, 0.30), (0.36, 0.20), (0.46, 0.15), (0.57, 0.16), (0.65, 0.22), (0.68, 0.32),
              (0.65, 0.43), (0.57, 0.54), (0.47, 0.64), (0.38, 0.73), (0.30, 0.82), (0.42, 0.82),
              (0.55, 0.82), (0.70, 0.82)]
    QTest.mousePress(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(*points[0]))
    previous = points[0]
    for point in points[1:]:
        for step in range(1, 5):  # several moves per segment: a smooth stroke
            t = step / 4
            x, y = previous[0] + (point[0] - previous[0]) * t, previous[1] + (point[1] - previous[1]) * t
            QTest.mouseMove(canvas, at(x, y), 5)
        previous = point
    QTest.mouseRelease(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at(*points[-1]))


def shot_inference(window, folder: Path) -> None:
    panel = window.onnx.panel
    if panel.predictor is None:
        raise RuntimeError("no model in the Inference panel (export the digits CNN first)")
    window.onnx.dock.show()
    window.onnx.dock.raise_()
    panel.sources.setCurrentIndex(1)  # Draw a digit
    pump(300)
    panel.canvas.clear()
    draw_two(panel.canvas)
    pump(300)
    print(f"  inference: {panel.prediction_label.text()}", flush=True)
    save(window, folder, "inference")


def shot_compare(window, folder: Path, epochs: int = 15) -> None:
    from dlplayground.qt.compare import open_compare

    open_example(window, "deep_plain_relu_mlp")
    dialog = open_compare(window, example("deep_plain_relu_mlp"), example("deep_residual_relu_mlp"))
    screen = window.screen().availableGeometry()
    dialog.resize(min(WIDTH, screen.width()) - 100, min(HEIGHT, screen.height()) - 60)
    dialog.move(50, 30)
    dialog.epochs.setValue(epochs)
    wait_until(lambda: dialog.choice_ok, 30, "the compare dialog's checks")
    if not dialog.train():
        raise RuntimeError(f"the comparison did not start: {dialog.banner.text()}")
    if not dialog.wait_until_idle(timeout=400):
        raise TimeoutError("the comparison did not finish in time")
    dialog.redraw()
    save(dialog, folder, "compare")
    dialog.close()
    pump(200)


def resnet_onnx(path: Path) -> Path:
    """A ResNet-18-shaped model (stem, four stages of two basic blocks, head) as ONNX."""
    import torch
    from torch import nn

    class Block(nn.Module):
        def __init__(self, cin: int, cout: int, stride: int) -> None:
            super().__init__()
            self.body = nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(),
                                      nn.Conv2d(cout, cout, 3, 1, 1, bias=False), nn.BatchNorm2d(cout))
            self.down = (nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))
                         if stride != 1 or cin != cout else nn.Identity())

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            return torch.relu(self.body(x) + self.down(x))

    width, layers, cin = 16, [], 16  # one channel in, three classes out: the "shapes" images
    for index, cout in enumerate((width, 2 * width, 4 * width, 8 * width)):
        layers += [Block(cin, cout, 1 if index == 0 else 2), Block(cout, cout, 1)]
        cin = cout
    model = nn.Sequential(nn.Conv2d(1, width, 3, 1, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(), *layers,
                          nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, 3)).eval()
    torch.onnx.export(model, (torch.randn(1, 1, 32, 32),), str(path), dynamo=False, opset_version=13,
                      input_names=["image"], output_names=["logits"], dynamic_axes={"image": {0: "N"}})
    return path


def shot_import(window, folder: Path, work: Path) -> None:
    from PySide6.QtCore import QPointF

    from dlplayground.qt.onnx.import_action import install_import

    tool = getattr(window, "onnx_import", None) or install_import(window)
    model = resnet_onnx(work / "resnet18_small.onnx")
    if not tool.import_file(model, work / "resnet18_small.dlp.json", show_errors=False):
        raise RuntimeError(f"the import failed: {tool.last_error}")
    pump(300)
    window.editor.set_settings("data", {"name": "shapes", "params": {"size": 32}, "val_split": 0.2, "seed": 0})
    window.canvas_tools.group_blocks()
    groups = window.editor.groups.groups()
    first_two = list(groups)[:2]
    window.editor.groups.set_collapsed(first_two, False)
    # fine-tuning: the stem and the first residual block keep their pretrained weights
    first_block = groups[first_two[0]].members
    stem = [n.id for n in window.session.graph.nodes if n.type == "Conv2d"][:1]
    window.editor.set_trainable(stem + [m for m in first_block if window.session.graph.node(m).type == "Conv2d"], False)
    window.auto_layout()
    fit(window, 0.6)
    window.view.centerOn(window.scene.node_items[stem[0]].scenePos() + QPointF(560, 150))
    window.inspector_dock.raise_()
    select(window, stem[0])
    window.canvas_tools.minimap.render_scene()
    save(window, folder, "import")


def shot_data_preview(window, folder: Path) -> None:
    open_example(window, "image_folder_cnn")
    window.settings_dock.show()
    window.settings_dock.raise_()
    dialog = window.settings_panel.data_tools.open_preview()
    wait_until(lambda: dialog.preview is not None or dialog.error is not None, 60, "the data preview")
    if dialog.error is not None:
        raise RuntimeError(f"the data preview failed: {dialog.error}")
    dialog.resize(760, 540)
    dialog.move(80, 40)
    pump(400)
    save(dialog, folder, "data_preview")


def _run_dialog(dialog, timeout: float, what: str) -> None:
    """Start an experiment dialog and wait until its runner is done."""
    dialog.start()
    if not dialog.runner.busy:
        raise RuntimeError(f"{what} did not start: {dialog.status.text()}")
    wait_until(lambda: not dialog.runner.busy, timeout, what)
    print(f"  {dialog.status.text()}", flush=True)


def shot_compare_variants(window, folder: Path) -> None:
    from dlplayground.qt.experiments import open_variants

    open_example(window, "spiral_mlp")
    dialog = open_variants(window)
    dialog.resize(WIDTH - 300, HEIGHT - 200)
    dialog.move(150, 100)
    dialog.key_box.setCurrentText("training.optimizer.lr")
    dialog.values_edit.setText("0.1,0.01,0.001")
    dialog.epochs_spin.setValue(20)
    _run_dialog(dialog, 600, "the variants")
    save(dialog, folder, "compare_variants")
    dialog.close()
    pump(200)


def shot_sweep(window, folder: Path) -> None:
    import json

    from dlplayground.qt.experiments import open_sweep

    open_example(window, "spiral_mlp")
    dialog = open_sweep(window)
    dialog.resize(WIDTH - 300, HEIGHT - 100)
    dialog.move(150, 50)
    dialog.space_edit.setPlainText(json.dumps({"training.optimizer.lr": {"float": [0.0003, 0.3], "log": True},
                                               "training.batch_size": {"choice": [16, 64, "full"]}}))
    dialog.trials_spin.setValue(12)
    dialog.epochs_spin.setValue(6)
    _run_dialog(dialog, 900, "the sweep")
    save(dialog, folder, "sweep")
    dialog.close()
    pump(200)


def shot_gan_ring(window, folder: Path) -> None:
    open_example(window, "gan_ring")
    ui = window.training
    ui.model_panel.tabs.setCurrentWidget(ui.model_panel.generative)
    ui.training_panel.tabs.setCurrentWidget(ui.training_panel.curves)
    window.scene.clearSelection()
    train(window, until_epoch=20, timeout=400)
    ui.controller.pause()
    wait_until(lambda: ui.controller.phase is Phase.PAUSED, 10, "the pause")
    fit(window, 0.5)
    pump(1500)  # the paused run's last picture
    save(window, folder, "gan_ring")
    stop(window)


def shot_vae_digits(window, folder: Path) -> None:
    open_example(window, "digits_vae")
    ui = window.training
    ui.model_panel.tabs.setCurrentWidget(ui.model_panel.generative)
    ui.training_panel.tabs.setCurrentWidget(ui.training_panel.curves)
    window.scene.clearSelection()
    train(window, until_epoch=None, timeout=400)
    fit(window, 0.45)
    pump(1500)
    save(window, folder, "vae_digits")


def shot_gan_editor(window, folder: Path) -> None:
    open_example(window, "digits_dcgan")
    window.network_tabs.tabs.setCurrentIndex(1)  # the discriminator
    window.summary_dock.raise_()
    window.summary_panel.tabs.setCurrentIndex(1)
    fit(window, 0.55)
    select(window, "conv1")
    save(window, folder, "gan_editor")


def main(argv: list[str] | None = None) -> int:
    global WIDTH, HEIGHT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write the PNG files")
    parser.add_argument("shots", nargs="*", help=f"which to take (default: all): {', '.join(SHOTS)}")
    parser.add_argument("--size", default=f"{WIDTH}x{HEIGHT}", help="the window's size, WIDTHxHEIGHT")
    parser.add_argument("--language", default="en", choices=sorted(i18n.LANGUAGES), help="the interface's language")
    args = parser.parse_intermixed_args(argv)
    try:
        WIDTH, HEIGHT = (int(v) for v in args.size.lower().split("x"))
    except ValueError:
        parser.error(f"--size takes WIDTHxHEIGHT, e.g. 1280x720, not {args.size!r}")
    unknown = set(args.shots) - set(SHOTS)
    if unknown:
        parser.error(f"unknown screenshot(s): {', '.join(sorted(unknown))}")
    wanted = set(args.shots or SHOTS)
    if "inference" in wanted:
        wanted.add("export")  # the Inference panel shows the exported model
    if {"export", "inference"} & wanted:
        wanted.add("training_digits")  # they need the trained digits model
    folder: Path = args.folder
    folder.mkdir(parents=True, exist_ok=True)
    work = _TEMP / "work"
    work.mkdir(parents=True, exist_ok=True)
    _app, window = make_window(_TEMP / "runs", args.language)
    print(f"platform {QGuiApplication.platformName()}, window {window.width()}x{window.height()}, "
          f"temporary folder {_TEMP}", flush=True)
    try:
        for name in SHOTS:
            if name not in wanted:
                continue
            started = time.monotonic()
            print(f"{name}…", flush=True)
            if name in ("export", "import"):
                globals()[f"shot_{name}"](window, folder, work)
            else:
                globals()[f"shot_{name}"](window, folder)
            print(f"  ({time.monotonic() - started:.0f} s)", flush=True)
        if window.screenshot_errors:
            print(f"errors shown by the window: {window.screenshot_errors}", file=sys.stderr)
    finally:
        window.session.undo_stack.setClean()
        window.close()
        QCoreApplication.processEvents()
        shutil.rmtree(_TEMP, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
