"""Plug ONNX into the main window through its public API: File › Export ONNX… and the Inference dock.

:func:`install_onnx` adds

- File › Export ONNX… (Ctrl+E): the export dialog over a snapshot of the open project, with the
  weights of the latest finished run of this project (see :mod:`.run_weights`) or, when there is
  none, fresh weights that the dialog flags. While a run trains, the dialog says that its weights
  are not the ones exported and how to get them; when a run ends while the dialog is open, the
  dialog takes the weights it now finds. Disabled while the project has problems. A model that
  passes verification is loaded into the Inference panel at once, and the dialog says so.
- The Inference dock, tabbed with the training extension's Model view when it is there (else on
  the right), whose dataset samples follow the open project (:class:`.DatasetFeed`).

When the window closes, a running export is allowed to finish (its thread must not die with the
window) and the data thread ends.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget
from dlplayground.qt.i18n import QT_TRANSLATE_NOOP

from dlplayground.data import Dataset
from dlplayground.graph.folders import file_stem
from dlplayground.qt.main_window import MainWindow
from dlplayground.qt.onnx.dataset_feed import DatasetFeed
from dlplayground.qt.onnx.run_weights import WeightsChoice, choose_weights
from dlplayground.qt.i18n import translate
from dlplayground.qt.engine_text import problem_line

if TYPE_CHECKING:
    from dlplayground.export.pipeline import ExportReport
    from dlplayground.qt.lazy_page import LazyPage
    from dlplayground.qt.onnx.export_dialog import ExportDialog
    from dlplayground.qt.onnx.inference_panel import InferencePanel

#: window setting: the folder of the last export (proposed for projects that were never saved)
EXPORT_DIR_KEY = "onnx/export_dir"
SHORTCUT = "Ctrl+E"
#: the training extension's model-view dock (``add_panel`` names docks ``dock_<object name>``)
MODEL_VIEW_DOCK = "dock_model_view"
READY_TIP = QT_TRANSLATE_NOOP("integration", "Export the model to ONNX and check that onnxruntime computes what PyTorch computes")


def install_onnx(window: MainWindow) -> "OnnxUi":
    """Add the export action and the Inference dock to ``window``; kept as ``window.onnx``."""
    ui = OnnxUi(window)
    window.onnx = ui  # type: ignore[attr-defined]
    return ui


class OnnxUi(QObject):
    """The window's ONNX side: the export action, its dialog, the Inference panel and its data.

    Attributes:
        export_action: File › Export ONNX…
        panel, dock: the Inference panel and its dock.
        feed: the open project's dataset, loaded in the background.
        dialog: the latest export dialog (None before the first export).
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.dialog: ExportDialog | None = None
        self._closed = False
        self._watched_runs: QObject | None = None  # the session's runs, once followed
        self._data_message = False  # the panel's status line shows a data problem

        self.export_action = QAction(self.tr("Export &ONNX…"), window)
        self.export_action.setObjectName("action_export_onnx")
        self.export_action.setShortcut(QKeySequence(SHORTCUT))
        self.export_action.triggered.connect(self.export)
        self._add_to_file_menu()
        window.addAction(self.export_action)  # the shortcut works with the menu bar hidden too
        window.actions["export_onnx"] = self.export_action

        self.dock, self._panel_page = self._add_dock()

        self.feed = DatasetFeed(self.session, self)
        self.feed.dataset_loaded.connect(self._dataset_loaded)
        self.feed.dataset_failed.connect(self._dataset_failed)
        self.session.inference_updated.connect(self.update_action)
        window.closing.connect(self.shutdown)
        self.update_action()
        self.feed.schedule()

    # -- building ------------------------------------------------------------------------
    def _add_to_file_menu(self) -> None:
        """After File › Export Diagram as SVG…, with the other exports (else at the end)."""
        menu = self.window.menu("File")
        actions = menu.actions()
        anchor = self.window.actions.get("export_svg")
        position = actions.index(anchor) + 1 if anchor in actions else len(actions)
        if position < len(actions):
            menu.insertAction(actions[position], self.export_action)
        else:
            menu.addAction(self.export_action)

    @property
    def panel(self) -> "InferencePanel":
        """The Inference panel (built when first needed: it starts behind the model view)."""
        return self._panel_page.view()

    @staticmethod
    def _make_panel() -> "InferencePanel":
        from dlplayground.qt.onnx.inference_panel import InferencePanel

        panel = InferencePanel()
        panel.setObjectName("inference_panel")
        return panel

    def _add_dock(self) -> tuple[QDockWidget, "LazyPage"]:
        # scrollable: below its minimum size (about 410 x 300 side by side) the panel scrolls
        # rather than forcing that size on the docks it shares an area with
        model_dock = self.window.findChild(QDockWidget, MODEL_VIEW_DOCK)
        if model_dock is None:
            return self.window.add_lazy_panel(self._make_panel, self.tr("Inference"), Qt.DockWidgetArea.RightDockWidgetArea,
                                              "inference", scrollable=True)
        dock, page = self.window.add_lazy_panel(self._make_panel, self.tr("Inference"),
                                                  self.window.dockWidgetArea(model_dock), "inference", scrollable=True)
        # split first, then tabify: tabified straight away, Qt merges the pair into the tab group
        # beside the model view (Problems, Training) and the bottom area loses its two columns
        self.window.splitDockWidget(model_dock, dock, Qt.Orientation.Vertical)
        self.window.tabifyDockWidget(model_dock, dock)
        model_dock.raise_()  # the model view stays in front until a model is exported
        return dock, page

    # -- the export action ---------------------------------------------------------------
    def update_action(self, *_args: object) -> None:
        """Enable Export ONNX only for a valid project; the tip says what is wrong otherwise."""
        problems = self.session.problems
        if problems:
            count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
            tip = self.tr("Fix the project's {count} before exporting it to ONNX (first: {value})").format(count=count, value=problem_line(problems[0]))
        else:
            tip = translate("integration", READY_TIP)
        self.export_action.setEnabled(not problems)
        self.export_action.setStatusTip(tip)
        self.export_action.setToolTip(tip)

    def weights_choice(self, project: dict[str, Any] | None = None) -> WeightsChoice:
        """The weights an export of ``project`` (default: the open project) would use now."""
        runs: list[Any] = list(self.session.runs)
        return choose_weights(runs, project if project is not None else self.session.snapshot())

    def default_path(self) -> Path:
        """``<project stem>.onnx`` next to the project file, else in the last export folder."""
        path = self.session.path
        if path is not None:
            return path.with_name(f"{path.name.removesuffix('.json').removesuffix('.dlp')}.onnx")
        folder = self.window.settings.value(EXPORT_DIR_KEY)
        return Path(str(folder) if folder else Path.home()) / f"{file_stem(self.session.display_name)}.onnx"

    def export(self) -> "ExportDialog | None":
        """Show the export dialog for the open project (the running one, if an export runs).

        Returns:
            The dialog, or None when the project has problems (the status bar says so).
        """
        if self._closed:
            return None
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            if self.dialog.running:
                self._show(self.dialog)
                return self.dialog
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = None
        problems = self.session.problems
        if problems:
            self.window.show_message(self.tr("⚠ Cannot export: {value}").format(value=problem_line(problems[0])))
            return None
        from dlplayground.qt.onnx.export_dialog import ExportDialog

        snapshot = self.session.snapshot()
        choice = self.weights_choice()
        run = choice.weights
        dataset = self.feed.dataset_for(snapshot.get("data"), self.session.base_dir)
        dialog = ExportDialog(snapshot, run.path if run else None, dataset, self.window,
                              base_dir=self.session.base_dir, default_path=self.default_path(),
                              weights_note=choice.note, weights_warning=choice.warning)
        dialog.setObjectName("export_onnx_dialog")
        dialog.exported.connect(self._exported)
        self.dialog = dialog
        self._follow_runs()
        self._show(dialog)
        return dialog

    def _follow_runs(self) -> None:
        """Update an open dialog's weights when a run starts or ends (connected once)."""
        runs = self.session.runs
        if runs is self._watched_runs:
            return
        runs.changed.connect(self.refresh_dialog_weights)
        self._watched_runs = runs

    def refresh_dialog_weights(self) -> None:
        """Give the open export dialog the weights it would choose now (not during its export)."""
        dialog = self.dialog
        if self._closed or dialog is None or not shiboken6.isValid(dialog) or dialog.running:
            return
        choice = self.weights_choice(dialog.project)
        dialog.set_weights(choice.weights.path if choice.weights else None, choice.note, choice.warning)

    @staticmethod
    def _show(dialog: "ExportDialog") -> None:
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _exported(self, report: "ExportReport") -> None:
        """A verified model goes straight into the Inference panel; a failed one does not."""
        if self._closed:
            return
        self.window.settings.setValue(EXPORT_DIR_KEY, str(report.path.parent))
        if not report.ok:
            self.window.show_message(self.tr("⚠ {name} failed verification: not loaded into the Inference panel").format(name=report.path.name))
            return
        if not self.panel.load_model(report.path):
            self.window.show_message(self.tr("⚠ {name} was exported, but the Inference panel cannot load it").format(name=report.path.name))
            return
        self.dock.show()
        self.dock.raise_()
        dialog = self.dialog
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.stage_label.setText(self.tr("{value} Loaded into the Inference panel.").format(value=dialog.stage_label.text()))
        self.window.show_message(self.tr("Exported {name}: loaded into the Inference panel").format(name=report.path.name))

    # -- the dataset -----------------------------------------------------------------------
    def _dataset_loaded(self, dataset: Dataset) -> None:
        self.panel.set_dataset(dataset)
        if self._data_message:
            self._data_message = False
            self.panel.show_message("")

    def _dataset_failed(self, message: str) -> None:
        self.panel.set_dataset(None)
        self._data_message = True
        self.panel.show_message(self.tr("No samples from the project's dataset: {message}").format(message=message), error=True)

    # -- closing ---------------------------------------------------------------------------
    def shutdown(self) -> None:
        """The window is closing: let a running export finish, close its dialog, end the data thread."""
        self._closed = True
        if self.dialog is not None and shiboken6.isValid(self.dialog):
            self.dialog.shutdown()
        self.dialog = None
        self.feed.shutdown()
