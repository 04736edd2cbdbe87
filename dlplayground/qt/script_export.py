"""File › Export Training Script…: the open project as a standalone PyTorch script.

Asks for a folder, then writes ``train.py``, ``data.npz`` and ``project.json`` into it (see
:mod:`dlplayground.codegen.script`), asking first when that would replace files of an earlier
export. Writing takes a fraction of a second (the dataset is prepared as for training), so it runs
on the GUI thread under a wait cursor. torch is imported only when the user exports.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox
from dlplayground.qt.i18n import QT_TRANSLATE_NOOP
from dlplayground.qt.i18n import translate
from dlplayground.qt.engine_text import problem_line

if TYPE_CHECKING:
    from dlplayground.qt.main_window import MainWindow

TITLE = QT_TRANSLATE_NOOP("script_export", "Export training script")
TIP = QT_TRANSLATE_NOOP("script_export", "Write the project as a standalone PyTorch training script (train.py) with its data, to train anywhere")


def ask_and_export(window: "MainWindow") -> Path | None:
    """Ask for a folder and export into it; return the script written, or None."""
    problems = window.session.problems
    if problems:
        window.show_message(translate("script_export", "⚠ Cannot export a training script: {value}").format(value=problem_line(problems[0])))
        return None
    start = window.session.base_dir or Path.home()
    chosen = QFileDialog.getExistingDirectory(window, translate("script_export", "{TITLE}: choose a folder").format(TITLE=translate("script_export", TITLE)), str(start))
    if not chosen:
        return None
    folder = Path(chosen)
    from dlplayground.codegen.script import WRITTEN_FILES

    existing = [name for name in WRITTEN_FILES if (folder / name).exists()]
    if existing:
        answer = QMessageBox.question(
            window, translate("script_export", TITLE), translate("script_export", "{folder} already holds {value}. Replace them?").format(folder=folder, value=', '.join(existing)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return None
    return export_into(window, folder)


def export_into(window: "MainWindow", folder: Path) -> Path | None:
    """Write the script for the open project into ``folder``; errors are shown, not raised."""
    from dlplayground.codegen.script import SCRIPT_FILE, export_project_script
    from dlplayground.graph.problems import ValidationError

    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        result, _ = export_project_script(window.session.snapshot(), window.session.base_dir, folder)
    except OSError as exc:
        failure = translate("script_export", "{folder} could not be written.\n\n{exc}").format(folder=folder, exc=exc)
    except (ValidationError, ValueError) as exc:  # the engine's errors about a project are ValueErrors
        failure = str(exc)
    else:
        failure = None
    finally:
        QGuiApplication.restoreOverrideCursor()
    if failure is not None:
        window.files.show_error(translate("script_export", "Cannot export a training script"), failure)
        return None
    window.show_message(translate("script_export", "Training script written to {script}: run it with python {SCRIPT_FILE}").format(script=result.script, SCRIPT_FILE=SCRIPT_FILE))
    return result.script
