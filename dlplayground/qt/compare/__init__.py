"""Plain vs residual in the window: the compare dialog, "make residual twin", the preset examples.

:func:`install` (called by the window's extension loader) adds, through the window's public API:

- Tools › Compare Plain vs Residual…: the compare dialog, with the open project as A and its
  residual twin as B;
- Tools › Make Residual Twin: replace the open project by its twin (an unsaved new project);
- File › Plain vs Residual Examples: the deep plain presets and their twins, to open.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox

from dlplayground.qt.main_window import MainWindow
from dlplayground.qt.i18n import translate

__all__ = ["install", "open_compare", "make_twin_of_open_project"]


def install(window: MainWindow) -> None:
    """Add the compare actions and the presets menu to ``window``."""
    compare = QAction(translate("__init__", "&Compare Plain vs Residual…"), window)
    compare.setStatusTip(translate("__init__", "Train the open project and its residual twin (or another project) side by side"))
    compare.triggered.connect(lambda _checked=False: open_compare(window))
    twin = QAction(translate("__init__", "Make &Residual Twin"), window)
    twin.setStatusTip(translate("__init__", "Replace the open project by the same network with identity skips around every two layers"))
    twin.triggered.connect(lambda _checked=False: make_twin_of_open_project(window))
    window.add_action("Tools", compare)
    window.add_action("Tools", twin)
    window.actions["compare_residual"] = compare
    window.actions["make_residual_twin"] = twin
    _add_presets_menu(window)
    window.closing.connect(lambda: _close_dialog(window))


def open_compare(window: MainWindow, first: Path | None = None, second: Path | None = None):
    """Show the window's compare dialog (one per window), optionally with chosen projects.

    Args:
        first: a project file for A (default: the open project, or the first deep preset).
        second: a project file for B (default: A's residual twin).

    Returns:
        The :class:`~dlplayground.qt.compare.dialog.CompareDialog`.
    """
    from dlplayground.qt.compare.dialog import CompareDialog
    from dlplayground.qt.training.integration import runs_root

    dialog = getattr(window, "compare_dialog", None)
    if dialog is None or not shiboken6.isValid(dialog):
        dialog = CompareDialog(window.session, runs_root(window), window)
        window.compare_dialog = dialog
    if not dialog.controller.busy:
        if first is not None:
            dialog.select_file(dialog.first_combo, first)
        elif len(window.session.graph):
            dialog.select_current_project()
        if second is not None:
            dialog.select_file(dialog.second_combo, second)
        else:
            dialog.select_twin()
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def make_twin_of_open_project(window: MainWindow) -> bool:
    """Replace the open project by its residual twin (after asking about unsaved changes)."""
    from dlplayground.compile.residual import TwinError, make_residual_twin
    from dlplayground.graph.io import project_from_dict

    session = window.session
    try:
        twin = make_residual_twin(session.snapshot(), session.input_shape)
    except TwinError as exc:
        QMessageBox.information(window, translate("__init__", "No residual twin"), translate("__init__", "No residual twin can be made of this project:\n\n{exc}").format(exc=exc))
        return False
    if not window.files.maybe_save():
        return False
    session.replace(project_from_dict(twin), None)
    adds = sum(1 for node in twin["graph"]["nodes"] if node["type"] == "Add")
    window.show_message(translate("__init__", "Made the residual twin: {adds} skip connection(s); save it to keep it").format(adds=adds))
    return True


def _add_presets_menu(window: MainWindow) -> None:
    """File › Plain vs Residual Examples, filled when first opened: reading the examples for
    its entries is work the window's first frame need not wait for."""
    from dlplayground.resources import examples_dir

    if examples_dir() is None:
        return
    menu = QMenu(translate("__init__", "Plain vs &Residual Examples"), window)
    menu.setObjectName("menu_residual_examples")
    menu.aboutToShow.connect(lambda: menu.isEmpty() and _fill_presets_menu(window, menu))
    file_menu = window.menu("File")
    actions = file_menu.actions()
    examples = window.actions.get("examples")
    after = actions.index(examples) + 1 if examples in actions else len(actions)
    if after < len(actions):
        file_menu.insertMenu(actions[after], menu)
    else:
        file_menu.addMenu(menu)


def _fill_presets_menu(window: MainWindow, menu: QMenu) -> None:
    """Each plain example beside its residual twin, and an entry comparing the two."""
    from dlplayground.experiments.presets import EXTENSION, PAIRS
    from dlplayground.resources import examples_dir, list_examples

    folder = examples_dir()
    by_name = {example.path.name: example for example in list_examples(folder)} if folder is not None else {}
    for plain_stem, (twin_stem, _) in PAIRS.items():
        pair = [by_name.get(stem + EXTENSION) for stem in (plain_stem, twin_stem)]
        if None in pair:
            continue
        for example in pair:
            action = menu.addAction(example.name)
            action.setStatusTip(example.description)
            action.triggered.connect(lambda _checked=False, p=example.path: window.files.open_example(p))
        compare = menu.addAction(translate("__init__", "Compare the two ({value})…").format(value=pair[0].name.split('(')[-1].rstrip(')')))
        compare.triggered.connect(lambda _checked=False, a=pair[0].path, b=pair[1].path: open_compare(window, a, b))
        menu.addSeparator()
    if menu.isEmpty():
        menu.addAction(translate("__init__", "No example pairs in this installation")).setEnabled(False)


def _close_dialog(window: MainWindow) -> None:
    dialog = getattr(window, "compare_dialog", None)
    if dialog is not None and shiboken6.isValid(dialog):
        dialog.shutdown()
        dialog.close()
