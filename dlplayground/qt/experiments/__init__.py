"""Experiments in the window: N-way comparisons of variants, Optuna sweeps, cross-validation.

:func:`install` (called by the window's extension loader) adds, through the window's public API,
Tools › Compare Variants…, Tools › Hyperparameter Sweep… and Tools › Cross-Validate…; each
dialog works on a snapshot of the open project taken when it starts.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from dlplayground.qt.main_window import MainWindow
from dlplayground.qt.i18n import translate

__all__ = ["install", "open_variants", "open_sweep", "open_cv", "open_lessons", "start_lesson"]


def install(window: MainWindow) -> None:
    for key, text, tip, opener in (
        ("compare_variants", translate("__init__", "Compare &Variants…"), translate("__init__", "Train variants of the open project along one setting, side by side"),
         open_variants),
        ("sweep", translate("__init__", "Hyperparameter &Sweep…"), translate("__init__", "Search the open project's settings with Optuna"), open_sweep),
        ("cross_validate", translate("__init__", "Cross-&Validate…"), translate("__init__", "k-fold cross-validation of the open project"), open_cv),
        ("lessons", translate("__init__", "&Lessons…"), translate("__init__", "One comparison per topic of the course notes, with what to watch"), open_lessons),
    ):
        action = QAction(text, window)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False, o=opener: o(window))
        window.add_action("Tools", action)
        window.actions[key] = action
    window.closing.connect(lambda: _close_dialogs(window))


def _dialog(window: MainWindow, name: str, make):
    """The window's dialog called ``name`` (its object name), made on first use."""
    dialog = window.findChild(QDialog, name)
    if dialog is None or not shiboken6.isValid(dialog):
        dialog = make()
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog


def open_variants(window: MainWindow):
    from dlplayground.qt.experiments.variants_dialog import VariantsDialog
    from dlplayground.qt.training.integration import runs_root

    session = window.session
    return _dialog(window, "variants_dialog",
                   lambda: VariantsDialog(session.snapshot, lambda: session.base_dir, runs_root(window), window))


def open_sweep(window: MainWindow):
    from dlplayground.graph.io import project_from_dict
    from dlplayground.qt.experiments.sweep_dialog import SweepDialog

    session = window.session

    def open_best(project) -> None:
        if window.files.maybe_save():
            session.replace(project_from_dict(project), None)
            window.show_message(translate("__init__", "Opened {value}; save it to keep it").format(value=project.get('name')))

    def make():
        dialog = SweepDialog(session.snapshot, lambda: session.base_dir, window)
        dialog.open_project_requested.connect(open_best)
        return dialog

    return _dialog(window, "sweep_dialog", make)


def open_cv(window: MainWindow):
    from dlplayground.qt.experiments.cv_dialog import CrossValidationDialog
    from dlplayground.qt.training.integration import runs_root

    session = window.session
    return _dialog(window, "cv_dialog", lambda: CrossValidationDialog(
        session.snapshot, lambda: session.base_dir, runs_root(window), window))


def open_lessons(window: MainWindow):
    from dlplayground.qt.experiments.lessons_dialog import LessonsDialog

    return _dialog(window, "lessons_dialog", lambda: LessonsDialog(lambda lesson: start_lesson(window, lesson), window))


def start_lesson(window: MainWindow, lesson):
    """Open the lesson's example in the window and start its comparison; returns the dialog
    that runs it (None when the example is missing or the user kept unsaved changes)."""
    from dlplayground.resources import examples_dir

    folder = examples_dir()
    path = None if folder is None else folder / lesson.example
    if path is None or not path.exists():
        window.show_message(translate("__init__", "The example {example} is not installed").format(example=lesson.example))
        return None
    if lesson.pair is not None:
        from dlplayground.qt.compare import open_compare

        if not window.files.open_example(path):
            return None
        dialog = open_compare(window, path, path.with_name(lesson.pair))
        if lesson.epochs:
            dialog.epochs.setValue(lesson.epochs)
        dialog.train()
        return dialog
    if lesson.view is not None:
        return _train_with_view(window, path, lesson.view)
    if not window.files.open_example(path):
        return None
    dialog = open_variants(window)
    key, values = lesson.vary
    dialog.key_box.setCurrentText(key)
    dialog.values_edit.setText(values)
    dialog.epochs_spin.setValue(lesson.epochs or 0)
    dialog.start()
    return dialog


def _train_with_view(window: MainWindow, path, view: str):
    """Open the example, show the Model view's ``view`` tab and start training it in the
    window; returns the training UI (None without one, or when the example was not opened)."""
    training = getattr(window, "training", None)
    if training is None:
        window.show_message(translate("__init__", "Training is not available in this window"))
        return None
    if not window.files.open_example(path):
        return None
    tabs = {"filters": training.model_panel.images, "generative": training.model_panel.generative}
    training.model_panel.tabs.setCurrentWidget(tabs[view])
    dock = getattr(training, "model_dock", None)
    if dock is not None:
        dock.show()
        dock.raise_()
    training.controller.train()
    return training


def _close_dialogs(window: MainWindow) -> None:
    for name in ("variants_dialog", "sweep_dialog", "cv_dialog", "lessons_dialog"):
        dialog = window.findChild(QDialog, name)
        if dialog is not None and shiboken6.isValid(dialog):
            if hasattr(dialog, "shutdown"):  # the gallery runs nothing itself
                dialog.shutdown()
            dialog.close()
