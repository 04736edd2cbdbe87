"""Everything Qt for training, wired together: controller, panels, status readout, frame timer.

Data from the worker only updates buffers and marks views dirty; a frame timer redraws the
dirty views that are on screen, so a burst of updates never turns into a burst of redraws,
and a hidden tab costs nothing. The same tick tells the training thread which pictures are on
screen (:class:`Wishes`).

Redrawing holds Python's GIL, which the training thread needs for every step: each
millisecond the window spends drawing is a millisecond training waits. :class:`FramePacer`
therefore measures the GUI thread's CPU time and stretches the interval between frames
(:data:`FASTEST_FRAME_MS`, about 30 Hz, up to :data:`SLOWEST_FRAME_MS`) to keep the window
within :data:`GUI_BUDGET` of a core while a run trains.

The window embeds a :class:`TrainingUi` (see :func:`install` in ``integration.py``); tests and
the benchmark may use it without the main window.
"""

from __future__ import annotations

import html
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from dlplayground.qt.i18n import QT_TRANSLATE_NOOP

from dlplayground.qt.engine_text import shown
from dlplayground.qt.session import DocumentSession
from dlplayground.qt.runs.records import RunRecord
from dlplayground.qt.training.controller import Phase, TrainingController
from dlplayground.qt.lazy_page import build_when_idle
from dlplayground.qt.training.panel import ModelPanel, TrainingPanel
from dlplayground.qt.training.payloads import Analysis, Progress, RunInfo
from dlplayground.qt.training.status import TrainingStatus, format_duration
from dlplayground.qt.training.worker import STOPPED_BEFORE_START
from dlplayground.qt.i18n import translate

#: the shortest and longest time between two redraws (30 Hz at most, 2 Hz at least)
FASTEST_FRAME_MS = 33
SLOWEST_FRAME_MS = 500
#: where a run starts: 10 Hz, then faster only if the GUI thread stays well within its budget
FIRST_FRAME_MS = 100
#: the share of a core the GUI thread may use while a run trains
GUI_BUDGET = 0.06
#: seconds over which the GUI thread's CPU share is measured
_PACE_WINDOW = 0.5

#: the status bar's summary of a run that ended, by stop reason ({} is the training time)
_SUMMARY = {
    "completed": QT_TRANSLATE_NOOP("ui", "finished in {}"),
    "early_stopping": QT_TRANSLATE_NOOP("ui", "stopped early after {}"),
    "terminated": QT_TRANSLATE_NOOP("ui", "stopped after {}"),
    "non_finite_loss": QT_TRANSLATE_NOOP("ui", "loss not finite after {}"),
    "error": QT_TRANSLATE_NOOP("ui", "failed after {}"),
}

#: the phase shown while a run waits for torch's first import (seconds when cold)
LOADING_ENGINE_TEXT = QT_TRANSLATE_NOOP("ui", "Loading PyTorch…")
_PHASE_TEXT = {
    Phase.IDLE: "",  # between runs the window's one status says whether it can train
    Phase.PREPARING: QT_TRANSLATE_NOOP("ui", "Preparing…"),
    Phase.RUNNING: QT_TRANSLATE_NOOP("ui", "Training"),
    Phase.PAUSED: QT_TRANSLATE_NOOP("ui", "Paused"),
    Phase.STOPPING: "Stopping…",
}


class FramePacer:
    """Adapts a frame timer's interval to keep the GUI thread within a CPU budget.

    Args:
        timer: the frame timer (its interval is changed).
        budget: the share of a core (0..1) the GUI thread may use.
    """

    def __init__(self, timer: QTimer, budget: float = GUI_BUDGET, fastest: int = FASTEST_FRAME_MS,
                 slowest: int = SLOWEST_FRAME_MS, first: int = FIRST_FRAME_MS) -> None:
        self.timer, self.budget = timer, budget
        self.fastest, self.slowest = fastest, slowest
        self.interval = float(first)
        self.share = 0.0
        timer.setInterval(first)
        self._mark: tuple[float, float] | None = None
        self._grace_until = 0.0

    def restart(self) -> None:
        """Measure afresh (a run starts; the interval learnt so far is kept).

        The first half second is not measured: setting the views up for a run is a one-off
        cost that says nothing about what a frame costs.
        """
        self._mark = None
        self._grace_until = time.perf_counter() + _PACE_WINDOW

    def tick(self) -> None:
        """Call on every frame (GUI thread): re-measure every half second and adapt."""
        now_cpu, now_wall = time.thread_time(), time.perf_counter()
        if now_wall < self._grace_until:
            return
        if self._mark is None:
            self._mark = (now_cpu, now_wall)
            return
        elapsed = now_wall - self._mark[1]
        if elapsed < _PACE_WINDOW:
            return
        self.share = (now_cpu - self._mark[0]) / elapsed
        self._mark = (now_cpu, now_wall)
        if self.share > self.budget:
            self.interval = min(self.slowest, self.interval * min(2.0, self.share / self.budget))
        elif self.share < 0.5 * self.budget:
            self.interval = max(self.fastest, self.interval / 1.25)
        self.timer.setInterval(round(self.interval))


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
        self.views = [panel.curves, panel.gradients, panel.histograms, model.boundary, model.neurons, model.images,
                      model.confusion, model.generative]
        self._info: RunInfo | None = None
        self._selection: list[str] = []
        #: the last message this side put in the status bar (cleared with the run it is about)
        self.last_message = ""
        self._frame = QTimer(self)
        self._frame.timeout.connect(self._on_frame)
        self.pacer = FramePacer(self._frame)

        controller = self.controller
        controller.phase_changed.connect(self._on_phase)
        controller.run_started.connect(self._on_run_started)
        controller.progressed.connect(self._on_progress)
        controller.analysed.connect(self._on_analysis)
        controller.run_finished.connect(self._on_run_finished)
        controller.run_failed.connect(self._on_run_failed)
        # bound methods, not lambdas: Qt drops a connection when its receiver is destroyed
        controller.runs_changed.connect(self._on_runs_changed)
        session.project_replaced.connect(self.forget_run)
        self.status_message.connect(self._remember_message)
        # connected once each view is built (connecting would build it)
        panel.gradients.when_built(lambda view: view.flags_changed.connect(self.flags_changed))
        panel.histograms.when_built(lambda view: view.layer_chosen.connect(self._on_choice))
        model.images.when_built(lambda view: view.choice_changed.connect(self._on_choice))
        model.confusion.when_built(lambda view: view.compute_requested.connect(controller.request_confusion))
        for tabs in (panel.tabs, model.tabs):
            tabs.currentChanged.connect(self._on_tab_changed)

    # -- the editor's side -------------------------------------------------------------------
    def select_nodes(self, node_ids: list[str]) -> None:
        """Follow the editor's selection: the first selected layer shows in the Layer tab and,
        if it outputs feature maps, in the feature-map view (also for runs started later)."""
        self._selection = list(node_ids)
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
            "confusion_live": model.confusion.isVisible(),
            "neurons": model.neurons.isVisible(),
        }
        current = self.controller.request.wishes
        if any(getattr(current, key) != value for key, value in wishes.items()):
            self.controller.request.update(**wishes)
            self.controller.request_analysis()

    def refresh(self) -> None:
        """Something came into view: tell the training thread, draw what is waiting."""
        self.sync_wishes()
        self._frame.start()

    def build_views_when_idle(self) -> None:
        """Build the views not built yet in the window's idle time, one at a time (each a
        short pause, where building them all as a run starts was one long one)."""
        for page in (*self.views, self.training_panel.runs):
            if not page.built:
                build_when_idle(page)  # type: ignore[arg-type]

    def shutdown(self) -> None:
        """Stop training and the worker thread (the window is closing)."""
        self._frame.stop()
        self.controller.shutdown()

    def _on_choice(self, *_args: object) -> None:
        self.sync_wishes()

    def _on_tab_changed(self, _index: int) -> None:
        self.refresh()

    def _on_runs_changed(self) -> None:
        self.training_panel.runs.set_runs(self.controller.runs)

    def _remember_message(self, text: str) -> None:
        self.last_message = text

    def forget_run(self) -> None:
        """Another project was opened: clear the views of the last run, which was not about it.

        A run still going on stays on screen (it trains its own snapshot and can be stopped);
        the runs list keeps every run of the session.
        """
        if self.controller.busy:
            return
        self._info = None
        for view in self.views:
            view.clear()
        self.status.clear()
        self.training_panel.banner.clear_message()
        self.flags_changed.emit({})

    # -- controller signals -------------------------------------------------------------------
    def _on_phase(self, phase: Phase) -> None:
        # a run started before the background import of torch finished waits for it: say so
        waiting = phase is Phase.PREPARING and not self.controller.engine_ready()
        text = LOADING_ENGINE_TEXT if waiting else _PHASE_TEXT[phase]
        self.status.set_phase(translate("ui", text) if text else "")
        self.status.set_paused(phase is Phase.PAUSED)
        if phase is Phase.PREPARING:
            self.training_panel.banner.clear_message()

    def _on_run_started(self, info: RunInfo) -> None:
        self._info = info
        for view in self.views:
            view.start(info)
        self.select_nodes(self._selection)
        self.status.start(info)
        # show what this run can show, unless the tab the user chose already applies to it
        model = self.model_panel
        generative = info.is_generative  # its own tab; the classifier views do not apply
        applies = {model.generative: generative, model.boundary: info.planar and not generative,
                   model.neurons: info.planar and not generative,
                   model.images: bool(info.spatial_nodes) and not generative,
                   model.confusion: info.is_classification and not generative}
        if not applies[model.tabs.currentWidget()]:
            for view, usable in applies.items():
                if usable:
                    model.tabs.setCurrentWidget(view)
                    break
        self.sync_wishes()
        self.flags_changed.emit({})
        self.status_message.emit(self.tr("Run #{run_id}: {note}").format(run_id=info.run_id, note=info.note))
        self.pacer.restart()
        self._frame.start()

    def _on_progress(self, progress: Progress) -> None:
        if self._info is None or progress.run_id != self._info.run_id:
            return
        panel = self.training_panel
        panel.curves.add(progress)
        panel.gradients.add(progress)
        self.model_panel.generative.add(progress)
        self.status.add(progress)
        if progress.analysis is not None:
            self._on_analysis(progress.analysis)
        if not self._frame.isActive():
            self._frame.start()

    def _on_analysis(self, analysis: Analysis) -> None:
        if self._info is None:  # the views were cleared: pictures of a forgotten run
            return
        self.training_panel.histograms.show_analysis(analysis)
        for view in (self.model_panel.boundary, self.model_panel.neurons, self.model_panel.images,
                     self.model_panel.confusion, self.model_panel.generative):
            view.show_analysis(analysis)
        if not self._frame.isActive():
            self._frame.start()

    def _on_run_finished(self, record: RunRecord) -> None:
        result = record.result
        assert result is not None
        banner = self.training_panel.banner
        folder = result.folder
        # the banner names the run folder and links to it (full path in its tooltip); the
        # status bar, which its indicators share, gets the short form
        where = self.tr(" Saved to {value}.").format(value=_folder_link(folder)) if folder else ""
        short_where = self.tr(" · saved to {name}").format(name=Path(folder).name) if folder else ""
        duration = format_duration(result.seconds)
        message = shown(result.message)  # the trainer's and the stop handlers' words, in the window's language
        if result.stop_reason == "non_finite_loss":
            headline, level = self.tr("Training stopped: {message}.").format(message=message), "error"
        elif result.stop_reason == "error":
            headline, level, where, short_where = self.tr("Training failed: {message}").format(message=message), "error", "", ""
        elif result.stop_reason == "early_stopping":
            headline, level = self.tr("Run #{run_id}: {message}.").format(run_id=record.run_id, message=message), "info"
        elif result.stop_reason == "terminated":
            headline, level = self.tr("Run #{run_id} {message}.").format(run_id=record.run_id, message=message), "info"
        else:
            headline, level = self.tr("Run #{run_id} completed {count} epochs in {duration}.").format(run_id=record.run_id, count=len(result.history), duration=duration), "info"
        if where:
            banner.show_message(html.escape(headline, quote=False) + where, level, rich=True)
        else:
            banner.show_message(headline, level)
        banner.setToolTip(self.tr("Run folder: {folder}").format(folder=folder) if folder else "")
        self.status.finish(translate("ui", _SUMMARY.get(result.stop_reason, "stopped after {}")).format(duration))
        if result.stop_reason == "completed" and folder:
            # the indicators beside the message say the epochs and the time already: a small
            # window keeps room for the folder's name
            self.status_message.emit(self.tr("Run #{run_id} saved to {name}").format(run_id=record.run_id,
                                                                                   name=Path(folder).name))
        else:
            self.status_message.emit(headline.splitlines()[0].rstrip(".") + short_where)
        self.training_panel.runs.select_runs([record.run_id])
        self.sync_wishes()

    def _on_run_failed(self, message: str) -> None:
        if message == STOPPED_BEFORE_START:
            self.training_panel.banner.show_message(self.tr("Training was stopped before its first step."), "info")
            return
        self.training_panel.banner.show_message(self.tr("Cannot train: {message}").format(message=message), "error")
        self.status_message.emit(self.tr("Cannot train: {value}").format(value=message.splitlines()[0]))

    # -- frames -------------------------------------------------------------------------------
    def _on_frame(self) -> None:
        if self.controller.busy:
            self.pacer.tick()
        self.sync_wishes()
        for view in self.views:
            if view.dirty and view.isVisible():  # a hidden view is drawn when it is shown
                view.redraw()
        if not self.controller.busy:
            self._frame.stop()


def _folder_link(folder: Path | str) -> str:
    """The run folder's name as a link that opens it (rich text for the banner)."""
    path = Path(folder)
    url = QUrl.fromLocalFile(str(path)).toString()
    return translate("ui", 'run folder <a href="{value}">{value2}</a>').format(value=html.escape(url), value2=html.escape(path.name))
