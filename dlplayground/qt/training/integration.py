"""Plug live training into the main window through its public panel API.

:func:`install_training` adds the Train menu and toolbar actions, the Training and Model view
docks, the status-bar readout, makes the Layer and feature-map views follow the editor's
selection, badges nodes whose gradients vanish or explode, and stops the worker thread when
the window closes.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox
from dlplayground.qt.i18n import QT_TRANSLATE_NOOP

from dlplayground.qt.data_preview import feature_names
from dlplayground.qt.engine import after_first_paint, when_loaded_in_background
from dlplayground.qt.main_window import MainWindow
from dlplayground.qt.training import colours
from dlplayground.qt.train_gate import TrainGate
from dlplayground.qt.training.controller import Phase, default_runs_root
from dlplayground.qt.training.ui import TrainingUi
from dlplayground.qt.i18n import translate

#: QSettings key of the folder run folders are written under
RUNS_ROOT_KEY = "training/runs_root"

_BADGES = {
    "vanishing": (colours.VANISHING_COLOUR, QT_TRANSLATE_NOOP("integration", "Vanishing gradients: this layer's gradient norm is far below the last "
                                             "layer's, so it barely learns (see the Gradients tab).")),
    "exploding": (colours.EXPLODING_COLOUR, QT_TRANSLATE_NOOP("integration", "Exploding gradients: this layer's gradient norm is far above the last "
                                             "layer's, or not finite (see the Gradients tab).")),
}


def runs_root(window: MainWindow) -> Path:
    """The window's runs folder: the ``training/runs_root`` setting, else the app data folder."""
    configured = window.settings.value(RUNS_ROOT_KEY)
    return Path(str(configured)) if configured else default_runs_root()


def install_training(window: MainWindow, root: Path | None = None) -> TrainingUi:
    """Add training to ``window``; returns the :class:`TrainingUi` (kept as ``window.training``).

    Args:
        window: the main window.
        root: where run folders go (default: :func:`runs_root`).
    """
    ui = TrainingUi(window.session, root if root is not None else runs_root(window), window)
    controller = ui.controller
    for index, action in enumerate(controller.actions.all):
        window.add_action("Train", action, toolbar=True)
        if index == len(controller.actions.all) - 2:
            window.menu("Train").addSeparator()  # Reset weights stands apart from run control
    ui.training_panel.show_buttons(False)  # the toolbar has them
    # Train only for a project that can be trained; after the controller's own phase update
    gate = TrainGate(window.session, controller.actions.train, lambda: controller.phase is Phase.IDLE, ui)
    controller.phase_changed.connect(gate.update)
    # below the canvas, so the graph keeps the window's width: the model view beside the
    # problems, the training curves as a tab of the problems (split first: Qt adds a dock split
    # from a tabbed one as another tab)
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    model_dock = window.add_panel(ui.model_panel, translate("integration", "Model view"), bottom, "model_view", scrollable=True)
    window.splitDockWidget(window.summary_dock, model_dock, Qt.Orientation.Horizontal)
    training_dock = window.add_panel(ui.training_panel, translate("integration", "Training"), bottom, "training",
                                     tabify_with=window.summary_dock, scrollable=True)
    window.summary_dock.raise_()
    window.statusBar().addPermanentWidget(ui.status)
    ui.training_dock, ui.model_dock = training_dock, model_dock

    link = _WindowLink(window, ui)
    for dock in (training_dock, model_dock):
        dock.visibilityChanged.connect(link.refresh_views)
    controller.phase_changed.connect(link.show_busy)
    ui.flags_changed.connect(link.show_flags)
    ui.status_message.connect(window.show_message)
    window.scene.selectionChanged.connect(link.follow_selection)
    window.closing.connect(link.close)
    window.close_guards.append(link.may_close)
    controller.run_started.connect(link.show_docks)
    controller.run_started.connect(link.follow_run)
    controller.run_started.connect(link.name_axes)
    window.session.project_replaced.connect(link.forget_run)
    window.training = ui
    ui.window_link = link
    after_first_paint(window, controller.warm_up)  # the training process loads torch meanwhile
    # once the window is settled (the engine loaded in the background), build the views behind
    # the tabs in idle time, one short pause each, so that the first run starts without them
    when_loaded_in_background(link.build_views)
    return ui


class _WindowLink(QObject):
    """The window's side of the wiring, as bound methods (Qt drops them with their receiver).

    The window's scene may already be gone while the window is being destroyed, so every
    slot checks that what it touches still exists.
    """

    def __init__(self, window: MainWindow, ui: TrainingUi) -> None:
        super().__init__(ui)
        self.window, self.ui = window, ui
        self.badged: set[str] = set()
        self.sized = False
        #: whether the run the views show trained the open project (another one may have been
        #: opened since; its nodes may share ids with the run's but are not what was trained)
        self.run_is_open_project = True

    def _alive(self) -> bool:
        return shiboken6.isValid(self.window) and shiboken6.isValid(self.window.scene)

    def show_busy(self, phase: Phase) -> None:
        """The status bar says "ready to train" only while no run is under way."""
        if self._alive():
            self.window.set_model_busy(phase is not Phase.IDLE)

    def follow_selection(self) -> None:
        if self._alive():
            self.ui.select_nodes(self.window.selected_node_ids())

    def follow_run(self, _info: object = None) -> None:
        self.run_is_open_project = True

    def name_axes(self, _info: object = None) -> None:
        """The boundary plot's axes carry the CSV's column names."""
        if self._alive():
            self.ui.model_panel.boundary.set_axis_names(feature_names(self.window.session))

    def forget_run(self) -> None:
        """Another project was opened: the running or last run's flags are not about its nodes."""
        self.run_is_open_project = False
        self.badged = set()  # the scene was rebuilt, and the badges with it
        if not self._alive() or self.ui.controller.busy:
            return
        # the tab that can show something: the boundary for 2-D points, else filters and maps
        tabs, panel = self.ui.model_panel.tabs, self.ui.model_panel
        planar = self.window.session.input_shape == (2,)
        if planar and tabs.currentWidget() is panel.images:
            tabs.setCurrentWidget(panel.boundary)
        elif not planar and tabs.currentWidget() is panel.boundary:
            tabs.setCurrentWidget(panel.images)
        status_bar = self.window.statusBar()
        if self.ui.last_message and status_bar.currentMessage() == self.ui.last_message:
            status_bar.clearMessage()  # "Run #2 completed …" is not about this project

    def show_flags(self, flags: dict[str, str]) -> None:
        """Badge the flagged nodes; clear the badges this link put on nodes no longer flagged."""
        if not self._alive() or not self.run_is_open_project:
            return
        for node_id in self.badged - set(flags):
            item = self.window.node_item(node_id)
            if item is not None:
                item.clear_badge()
        self.badged = {node_id for node_id, flag in flags.items()
                       if self.window.set_node_badge(node_id, flag, _BADGES[flag][0], translate("integration", _BADGES[flag][1]))}

    def build_views(self) -> None:
        if shiboken6.isValid(self.ui):
            self.ui.build_views_when_idle()

    def refresh_views(self, _visible: bool = True) -> None:
        if shiboken6.isValid(self.ui):
            self.ui.refresh()

    def show_docks(self, _info: object = None) -> None:
        """A run started: make sure its docks are on screen, and the first time give them
        about half the window's height, shared side by side."""
        if not self._alive():
            return
        for dock in (self.ui.training_dock, self.ui.model_dock):
            dock.show()
            dock.raise_()
        if not self.sized:
            self.sized = True
            width, height = self.window.width(), self.window.height()
            self.window.resizeDocks([self.ui.training_dock], [height * 52 // 100], Qt.Orientation.Vertical)
            self.window.resizeDocks([self.ui.training_dock, self.ui.model_dock],
                                    [width // 2, width // 2], Qt.Orientation.Horizontal)

    def may_close(self) -> bool:
        """Closing during a run: ask first, with the run paused meanwhile (it used to go on
        behind the unsaved-changes prompt). Yes: the close stops it; Cancel: it goes on."""
        controller = self.ui.controller
        if controller.phase is Phase.IDLE:
            return True
        paused_here = controller.phase is Phase.RUNNING
        if paused_here:
            controller.pause()
        if self.ask_stop_run():
            return True
        if paused_here and controller.phase is Phase.PAUSED:
            controller.resume()
        return False

    def ask_stop_run(self) -> bool:
        """Whether to stop the run and close (tests replace this)."""
        answer = QMessageBox.question(
            self.window, self.tr("Training is running"),
            self.tr("A training run is going on. Stop it and close the window?\n\n"
            "Its run folder is saved with what it has learnt so far."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def close(self) -> None:
        """The window is closing: stop training and stop listening to the scene."""
        if self._alive():
            self.window.scene.selectionChanged.disconnect(self.follow_selection)
        self.ui.shutdown()
