"""Start the window: ``dlplayground [PROJECT]`` and the ``dlplayground-gui`` entry point.

``--smoke-test`` opens the project (or the first example), shows the window, lets the event
loop run for a moment, prints ``smoke test ok: <name>, <N> nodes`` and exits 0: a quick check
that a packaged build starts, without a person at the screen. It also prints
``first frame <seconds since the epoch>`` once the window has been shown and painted, so that a
benchmark can time a start from outside the process (``benchmarks/bench_startup.py --bundle``).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from pathlib import Path
from typing import Sequence

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from dlplayground import __version__
from dlplayground.qt import i18n
from dlplayground.qt.app_style import PlaygroundStyle
from dlplayground.qt.engine import load_engine_after_first_paint
from dlplayground.qt.main_window import MainWindow, app_icon
from dlplayground.resources import list_examples

#: packages that add panels and menus to the window; each may define ``install(window)``
EXTENSIONS = ("dlplayground.qt.training", "dlplayground.qt.onnx", "dlplayground.qt.compare",
              "dlplayground.qt.experiments")
ORGANISATION = "dlplayground"
APPLICATION = "dlplayground"
SMOKE_TEST_MS = 500
#: seconds a smoke test waits for the training process to load torch (a cold bundle is slow)
SMOKE_TRAINING_S = 120
#: the translators installed by :func:`build_window` (None until then; [] for English)
_translators: list | None = None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dlplayground", description="Open the dlplayground window.")
    parser.add_argument("project", nargs="?", help="a project file (.dlp.json) to open")
    parser.add_argument("--smoke-test", action="store_true",
                        help="open the project (or the first example), show the window briefly, report and exit")
    return parser


def configure_application(app: QApplication) -> None:
    """Names for ``QSettings``, the icon and a consistent style on every platform."""
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    app.setApplicationDisplayName("dlplayground")
    app.setDesktopFileName("dlplayground")
    icon = app_icon()
    if not icon.isNull():
        app.setWindowIcon(icon)
    app.setStyle(PlaygroundStyle())  # Fusion, with tab labels that keep their accents


def install_extensions(window: MainWindow, names: Sequence[str] = EXTENSIONS) -> list[str]:
    """Let each extension package plug its panels, menus and actions into ``window``.

    A package that is absent from this build is skipped; one without an ``install`` function
    adds nothing. Returns the packages that installed themselves.
    """
    installed = []
    for name in names:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        install = getattr(module, "install", None)
        if callable(install):
            install(window)
            installed.append(name)
    return installed


def build_window() -> MainWindow:
    """The application (created if needed) and a main window with every extension installed."""
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "dlplayground"])
    configure_application(app)  # type: ignore[arg-type]
    global _translators
    if _translators is None:  # once per process: texts are read as the widgets are built
        _translators = i18n.install_translators(app, i18n.chosen_language(QSettings()))  # type: ignore[arg-type]
    window = MainWindow()
    install_extensions(window)
    window.restore_layout()  # the extensions' docks exist now
    return window


def _await_training_process(window: MainWindow) -> bool:
    """Wait until the window's training process has loaded torch (the smoke test's proof that
    a packaged app can start it); True at once where there is none to wait for."""
    from dlplayground.qt.training.controller import trains_in_child_process

    training = getattr(window, "training", None)  # installed by the training extension
    if training is None or not trains_in_child_process():
        return True
    controller = training.controller
    controller.warm_up()  # already started if the first frame was painted
    deadline = time.monotonic() + SMOKE_TRAINING_S
    while not controller.engine_ready() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.05)
    return bool(controller.engine_ready())


def has_display() -> bool:
    """Whether Qt can open a window here (Linux/BSD need an X11 or Wayland display)."""
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith(("linux", "freebsd")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the window; returns the process exit status."""
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    if not has_display():
        if not args.smoke_test:
            print("error: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset).\n"
                  "Train headless with `dlplayground train PROJECT`, or set QT_QPA_PLATFORM=offscreen.",
                  file=sys.stderr)
            return 2
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a smoke test needs no screen
    window = build_window()
    app = QApplication.instance()

    project = Path(args.project) if args.project else None
    if project is None and args.smoke_test:
        examples = list_examples()
        if not examples:
            print("smoke test failed: no example projects found", file=sys.stderr)
            return 1
        opened = window.files.open_example(examples[0].path)
    elif project is not None:
        if args.smoke_test:
            window.files.show_error = lambda title, message: print(f"{title}: {message}", file=sys.stderr)
        opened = window.files.open_path(project, ask=False)
    else:
        opened = True
    window.show()

    if args.smoke_test:
        loop = QEventLoop()
        # a zero timer runs once the show and first paint events have been processed
        QTimer.singleShot(0, lambda: print(f"first frame {time.time()!r}", flush=True))
        QTimer.singleShot(SMOKE_TEST_MS, loop.quit)
        loop.exec()
        name, count = window.session.display_name, len(window.session.graph)
        training_ready = _await_training_process(window)
        window.session.undo_stack.setClean()  # nothing to save after a smoke test
        window.close()
        if not opened:
            print(f"smoke test failed: could not open {project}", file=sys.stderr)
            return 1
        if not training_ready:
            print("smoke test failed: the training process did not load PyTorch", file=sys.stderr)
            return 1
        print(f"smoke test ok: {name}, {count} nodes")
        return 0
    load_engine_after_first_paint(window)  # torch for Train, once the first frame is on screen
    return app.exec()  # type: ignore[union-attr]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
