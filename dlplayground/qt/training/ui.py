"""Everything Qt for training, wired together: controller, panels, status readout, frame timer.

Data from the worker only updates buffers and marks views dirty; a frame timer redraws the
dirty views that are on screen, at most :data:`FRAME_INTERVAL_MS` apart (about 30 Hz), so a
burst of updates never turns into a burst of redraws, and a hidden tab costs nothing. The
same tick tells the training thread which pictures are on screen (:class:`Wishes`).

The window embeds a :class:`TrainingUi` (see :func:`install` in ``integration.py``); tests and
the benchmark may use it without the main window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from dlplayground.qt.session import DocumentSession
from dlplayground.qt.training.controller import Phase, RunRecord, TrainingController
from dlplayground.qt.training.panel import ModelPanel, TrainingPanel
from dlplayground.qt.training.payloads import Analysis, Progress, RunInfo
from dlplayground.qt.training.status import TrainingStatus, format_duration

#: milliseconds between two redraws of the plots (about 30 frames a second at most)
FRAME_INTERVAL_MS = 33

_PHASE_TEXT = {
    Phase.IDLE: "Ready to train",
    Phase.PREPARING: "Preparing…",
    Phase.RUNNING: "Training",
    Phase.PAUSED: "Paused",
    Phase.STOPPING: "Stopping…",
}


class TrainingUi(QObject):
    """The training side of the window.

    Args:
        session: the open project.
        runs_root: where run folders go (default: the application data folder).

    Signals:
        flags_changed(dict): node id -> ``vanishing``/``exploding`` (the editor badges nodes).
        status_message(str): a one-line message for the window's status bar.
    """

    flags_changed = Signal(dict)
    status_message = Signal(str)

    def __init__(self, session: DocumentSession, runs_root: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = TrainingController(session, runs_root, self)
        self.training_panel = TrainingPanel(self.controller)
        self.model_panel = ModelPanel()
        self.status = TrainingStatus()
        panel, model = self.training_panel, self.model_panel
        self.views = [panel.curves, panel.gradients, panel.histograms, model.boundary, model.images, model.confusion]
        self._info: RunInfo | None = None
        self._frame = QTimer(self)
        self._frame.setInterval(FRAME_INTERVAL_MS)
        self._frame.timeout.connect(self._on_frame)

        controller = self.controller
        controller.phase_changed.connect(self._on_phase)
        controller.run_started.connect(self._on_run_started)
        controller.progressed.connect(self._on_progress)
        controller.analysed.connect(self._on_analysis)
        controller.run_finished.connect(self._on_run_finished)
        controller.run_failed.connect(self._on_run_failed)
        controller.runs_changed.connect(lambda: panel.runs.set_runs(controller.runs))
        panel.gradients.flags_changed.connect(self.flags_changed)
        panel.histograms.layer_chosen.connect(lambda _id: self.sync_wishes())
        model.images.choice_changed.connect(self.sync_wishes)
        model.confusion.compute_requested.connect(controller.request_confusion)
        for tabs in (panel.tabs, model.tabs):
            tabs.currentChanged.connect(lambda _index: self.refresh())

    # -- the editor's side -------------------------------------------------------------------
    def select_nodes(self, node_ids: list[str]) -> None:
        """Follow the editor's selection: the first selected layer shows in the Layer tab and,
        if it outputs feature maps, in the feature-map view."""
        for node_id in node_ids:
            shown = self.training_panel.histograms.select_layer(node_id)
            shown = self.model_panel.images.select_node(node_id) or shown
            if shown:
                return

    def sync_wishes(self) -> None:
        """Tell the training thread which pictures are on screen now."""
        panel, model = self.training_panel, self.model_panel
        histograms = panel.histograms
        wishes = {
            "surface": model.boundary.isVisible(),
            "histogram_layer": histograms.layer if histograms.isVisible() else None,
            "images": model.images.isVisible(),
            "feature_node": model.images.node,
            "sample": model.images.sample,
            "cam": model.images.cam_enabled,
            "cam_class": model.images.cam_class,
        }
        current = self.controller.request.wishes
        if any(getattr(current, key) != value for key, value in wishes.items()):
            self.controller.request.update(**wishes)
            self.controller.request_analysis()

    def refresh(self) -> None:
        """Something came into view: tell the training thread, draw what is waiting."""
        self.sync_wishes()
        self._frame.start()

    def shutdown(self) -> None:
        """Stop training and the worker thread (the window is closing)."""
        self._frame.stop()
        self.controller.shutdown()

    # -- controller signals -------------------------------------------------------------------
    def _on_phase(self, phase: Phase) -> None:
        self.status.set_phase(_PHASE_TEXT[phase])
        if phase is Phase.PREPARING:
            self.training_panel.banner.clear_message()

    def _on_run_started(self, info: RunInfo) -> None:
        self._info = info
        for view in self.views:
            view.start(info)
        self.status.start(info)
        tabs = self.model_panel.tabs
        if info.planar:
            tabs.setCurrentWidget(self.model_panel.boundary)
        elif info.spatial_nodes:
            tabs.setCurrentWidget(self.model_panel.images)
        elif info.is_classification:
            tabs.setCurrentWidget(self.model_panel.confusion)
        self.sync_wishes()
        self.flags_changed.emit({})
        self.status_message.emit(f"Run #{info.run_id}: {info.note}")
        self._frame.start()

    def _on_progress(self, progress: Progress) -> None:
        if self._info is None or progress.run_id != self._info.run_id:
            return
        panel = self.training_panel
        panel.curves.add(progress)
        panel.gradients.add(progress)
        self.status.add(progress)
        if progress.analysis is not None:
            self._on_analysis(progress.analysis)
        if not self._frame.isActive():
            self._frame.start()

    def _on_analysis(self, analysis: Analysis) -> None:
        self.training_panel.histograms.show_analysis(analysis)
        for view in (self.model_panel.boundary, self.model_panel.images, self.model_panel.confusion):
            view.show_analysis(analysis)
        if not self._frame.isActive():
            self._frame.start()

    def _on_run_finished(self, record: RunRecord) -> None:
        result = record.result
        assert result is not None
        banner = self.training_panel.banner
        where = f" Saved to {result.folder}." if result.folder else ""
        duration = format_duration(result.seconds)
        if result.stop_reason == "non_finite_loss":
            banner.show_message(f"Training stopped: {result.message}.{where}", "error")
        elif result.stop_reason == "error":
            banner.show_message(f"Training failed: {result.message}", "error")
        elif result.stop_reason == "early_stopping":
            banner.show_message(f"Run #{record.run_id}: {result.message}.{where}", "info")
        elif result.stop_reason == "terminated":
            banner.show_message(f"Run #{record.run_id} {result.message}.{where}", "info")
        else:
            banner.show_message(f"Run #{record.run_id} completed {len(result.history)} epochs in {duration}."
                                f"{where}", "info")
        self.status.finish(f"finished in {duration}")
        self.status_message.emit(banner.text())
        self.training_panel.runs.select_runs([record.run_id])
        self.sync_wishes()

    def _on_run_failed(self, message: str) -> None:
        self.training_panel.banner.show_message(f"Cannot train: {message}", "error")
        self.status_message.emit(f"Cannot train: {message.splitlines()[0]}")

    # -- frames -------------------------------------------------------------------------------
    def _on_frame(self) -> None:
        self.sync_wishes()
        for view in self.views:
            if view.dirty and view.isVisible():  # a hidden view is drawn when it is shown
                view.redraw()
        if not self.controller.busy:
            self._frame.stop()
