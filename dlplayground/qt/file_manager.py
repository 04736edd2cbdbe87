"""New, Open, Save, Save As, recent files, examples, and the unsaved-changes prompt.

Every path that could lose work (New, Open, an example, a dropped file, closing the window)
goes through :meth:`FileManager.maybe_save`. A file that cannot be opened shows an error naming
the problem and leaves the open project untouched. The dialogs are attributes
(``ask_unsaved``, ``choose_open_path``, ``choose_save_path``, ``show_error``) so tests can
answer them without a person.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from dlplayground.data import anchored
from dlplayground.graph.folders import file_stem
from dlplayground.graph.io import ProjectFormatError, load_project
from dlplayground.qt.dialogs import UnsavedChoice, ask_unsaved
from dlplayground.qt.session import DocumentSession, new_project
from dlplayground.resources import EXAMPLE_SUFFIX, examples_dir

RECENT_KEY = "files/recent"
LAST_DIR_KEY = "files/last_dir"
MAX_RECENT = 10
PROJECT_FILTER = f"dlplayground projects (*{EXAMPLE_SUFFIX} *.json);;All files (*)"


class FileManager(QObject):
    """File operations of the main window over a :class:`DocumentSession`.

    Signals:
        recent_changed(paths): the recent-files list changed.
        opened(path): a project was opened from ``path`` (examples included).
    """

    recent_changed = Signal(list)
    opened = Signal(object)

    def __init__(self, parent: QWidget, session: DocumentSession, settings: QSettings) -> None:
        super().__init__(parent)
        self.window, self.session, self.settings = parent, session, settings
        self.ask_unsaved: Callable[[QWidget, str], UnsavedChoice] = ask_unsaved
        self.choose_open_path: Callable[[], Path | None] = self._choose_open_path
        self.choose_save_path: Callable[[], Path | None] = self._choose_save_path
        self.show_error: Callable[[str, str], None] = self._show_error

    # -- commands --------------------------------------------------------------------
    def new(self) -> bool:
        """Replace the project with a fresh one (after asking about unsaved changes)."""
        if not self.maybe_save():
            return False
        self.session.replace(new_project())
        return True

    def open(self) -> bool:
        """Ask for a project file and open it."""
        if not self.maybe_save():
            return False
        path = self.choose_open_path()
        return self.open_path(path, ask=False) if path is not None else False

    def open_path(self, path: str | Path, ask: bool = True) -> bool:
        """Open ``path``; on a broken file show why and keep the current project. A project
        from the shipped examples opens as a copy, as from the gallery, so Save never
        overwrites it."""
        path = Path(path)
        if _is_shipped_example(path):
            return self.open_example(path, ask=ask)
        if ask and not self.maybe_save():
            return False
        try:
            project = load_project(path)
        except ProjectFormatError as exc:
            self.show_error(self.tr("Cannot open project"), self.tr("{name} could not be opened.\n\n{exc}").format(name=path.name, exc=exc))
            if not path.exists():
                self.remove_recent(path)  # a recent file that is gone: stop offering it
            return False
        self.session.replace(project, path)
        self.add_recent(path)
        self.settings.setValue(LAST_DIR_KEY, str(path.parent))
        self.opened.emit(path)
        return True

    def open_example(self, path: str | Path, ask: bool = True) -> bool:
        """Open an example as an unsaved copy (saving asks where, never overwrites it)."""
        path = Path(path)
        if ask and not self.maybe_save():
            return False
        try:
            project = load_project(path)
        except ProjectFormatError as exc:
            self.show_error(self.tr("Cannot open example"), self.tr("{name} could not be opened.\n\n{exc}").format(name=path.name, exc=exc))
            return False
        if project.data:  # the unsaved copy has no folder: its shipped data is found from the example's
            project.data = anchored(project.data, path.parent)
        self.session.replace(project, None)
        self.opened.emit(path)
        return True

    def save(self) -> bool:
        """Save to the project's file, or ask where if it has none."""
        if self.session.path is None:
            return self.save_as()
        return self._write(self.session.path)

    def save_as(self) -> bool:
        path = self.choose_save_path()
        if path is None:
            return False
        if not path.name.endswith(".json"):
            path = path.with_name(path.name + EXAMPLE_SUFFIX)
        return self._write(path)

    def maybe_save(self) -> bool:
        """True when it is safe to drop the document (saved, discarded, or unmodified)."""
        if not self.session.is_modified:
            return True
        choice = self.ask_unsaved(self.window, self.session.display_name)
        if choice is UnsavedChoice.SAVE:
            return self.save()
        return choice is UnsavedChoice.DISCARD

    def _write(self, path: Path) -> bool:
        try:
            self.session.save(path)
        except OSError as exc:
            self.show_error(self.tr("Cannot save project"), self.tr("{path} could not be written.\n\n{exc}").format(path=path, exc=exc))
            return False
        self.add_recent(path)
        self.settings.setValue(LAST_DIR_KEY, str(path.parent))
        return True

    # -- recent files ----------------------------------------------------------------
    def recent_files(self) -> list[Path]:
        value = self.settings.value(RECENT_KEY, [])
        if isinstance(value, str):  # QSettings returns a lone string for a one-item list
            value = [value]
        return [Path(p) for p in (value or []) if p]

    def add_recent(self, path: Path) -> None:
        path = Path(path).resolve()
        paths = [path] + [p for p in self.recent_files() if p != path]
        self._set_recent(paths[:MAX_RECENT])

    def remove_recent(self, path: Path) -> None:
        resolved = Path(path).resolve()
        self._set_recent([p for p in self.recent_files() if p != resolved])

    def clear_recent(self) -> None:
        self._set_recent([])

    def _set_recent(self, paths: list[Path]) -> None:
        self.settings.setValue(RECENT_KEY, [str(p) for p in paths])
        self.recent_changed.emit(paths)

    # -- dialogs ---------------------------------------------------------------------
    def _start_dir(self) -> str:
        if self.session.path is not None:
            return str(self.session.path.parent)
        return str(self.settings.value(LAST_DIR_KEY, str(Path.home())))

    def _choose_open_path(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open project"), self._start_dir(), PROJECT_FILTER)
        return Path(name) if name else None

    def _choose_save_path(self) -> Path | None:
        suggested = self.session.path or Path(self._start_dir()) / (file_stem(self.session.display_name, "project") + EXAMPLE_SUFFIX)
        name, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save project as"), str(suggested), PROJECT_FILTER)
        return Path(name) if name else None

    def _show_error(self, title: str, message: str) -> None:
        QMessageBox.critical(self.window, title, message)


def _is_shipped_example(path: Path) -> bool:
    folder = examples_dir()
    if folder is None:
        return False
    try:
        return path.resolve().parent == folder.resolve()
    except OSError:
        return False
