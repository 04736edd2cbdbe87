"""The compare window: pick two projects (or one and its residual twin), train both, watch.

Both runs train on the same data split, seed, initial weights of shared layers and batch order
(:class:`~dlplayground.training.compare.Comparison`). The window shows their loss and accuracy
curves overlaid, the gradient norm of every layer of both at the same step, and each run's
gradient-flow heat map (layers x steps, as in the live Gradients tab).

The choice is checked as soon as it changes (:mod:`.checks`): what is wrong with A or B shows
next to it, and Train both stays disabled until both can train.
"""

from __future__ import annotations

import html
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from dlplayground.graph.io import ProjectFormatError, load_project, project_to_dict
from dlplayground.qt.compare.checks import (
    SideCheck,
    check_first,
    check_second,
    check_twin,
)
from dlplayground.qt.compare.controller import CompareController
from dlplayground.qt.compare.views import (
    RUN_COLOURS,
    RUN_NAMES,
    CompareCurves,
    DepthProfile,
    FlowHeatmap,
    shared_levels,
)
from dlplayground.qt.compare.worker import CompareFinished, CompareOrder, CompareStarted
from dlplayground.qt.engine_text import shown, stop_text
from dlplayground.qt.screen_fit import fit_to_screen
from dlplayground.qt.session import DocumentSession
from dlplayground.qt.training.panel import Banner
from dlplayground.qt.training.payloads import Progress, RunResult
from dlplayground.qt.training.ui import FramePacer
from dlplayground.resources import list_examples
from dlplayground.training.schema import default
from dlplayground.qt.canvas import style

#: the example the window offers first when the open project is empty
DEFAULT_EXAMPLE = "deep_plain_mlp.dlp.json"
_PROBLEM_STYLE = f"color: {style.PROBLEM.name()}"
_NOTE_STYLE = "color: #52606d"


@dataclass(frozen=True)
class Source:
    """Where a side's project comes from: the open project, a file, the twin, or "browse"."""

    kind: str
    path: Path | None = None


CURRENT, FILE, TWIN, BROWSE = "current", "file", "twin", "browse"


class CompareDialog(QDialog):
    """Plain vs residual, side by side.

    Args:
        session: the window's open project (offered as "the open project"); None offers none.
        runs_root: where both run folders of each comparison go (None: none are written).
    """

    def __init__(self, session: DocumentSession | None = None, runs_root: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare plain vs residual"))
        self.setObjectName("CompareDialog")
        self.session = session
        self.runs_root = runs_root
        self.controller = CompareController(self)
        self.names = ("", "")
        self.results: tuple[RunResult, RunResult] | None = None
        self._first_record: list[Any] = [None, None]
        self._last_record: list[Any] = [None, None]
        self._latest: list[Progress | None] = [None, None]
        self._run_dir: Path | None = None
        self.checks = (SideCheck(), SideCheck())

        self.first_combo = QComboBox()
        self.second_combo = QComboBox()
        for combo in (self.first_combo, self.second_combo):
            combo.setMinimumContentsLength(28)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            # a narrow dialog cuts a long choice short: its tooltip says it whole
            combo.currentTextChanged.connect(combo.setToolTip)
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 100_000)
        self.epochs.setToolTip(self.tr("The budget of both runs"))
        self.train_button = QPushButton(self.tr("Train both"))
        self.pause_button = QPushButton(self.tr("Pause"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.banner = Banner()
        self.header = QLabel()
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        # what is wrong with each side (or, for the twin, what it adds), under its choice
        self.check_labels = (QLabel(), QLabel())
        for label in self.check_labels:
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.hide()
        self.status = QLabel(self.tr("Pick two projects, or one and its residual twin, and press Train both."))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.curves = CompareCurves()
        self.depth = DepthProfile()
        self.heatmaps = (FlowHeatmap(), FlowHeatmap())
        self.heat_boxes = (QGroupBox("A"), QGroupBox("B"))
        for view, box in zip(self.heatmaps, self.heat_boxes):
            inner = QVBoxLayout(box)
            inner.setContentsMargins(2, 2, 2, 2)
            inner.addWidget(view)
        self._build_layout()
        self._fill_sources()

        self.first_combo.activated.connect(lambda _: self._source_chosen(self.first_combo))
        self.second_combo.activated.connect(lambda _: self._source_chosen(self.second_combo))
        self.first_combo.currentIndexChanged.connect(self._first_changed)
        self.first_combo.currentIndexChanged.connect(self.check_choice)
        self.second_combo.currentIndexChanged.connect(self.check_choice)
        if session is not None:  # an edit of the open project can make it (or its twin) valid or not
            session.inference_updated.connect(self._project_edited)
        self.train_button.clicked.connect(self.train)
        self.pause_button.clicked.connect(self._toggle_pause)
        self.stop_button.clicked.connect(self.controller.stop)
        self.controller.comparison_started.connect(self._on_started)
        self.controller.progressed.connect(self._on_progress)
        self.controller.comparison_finished.connect(self._on_finished)
        self.controller.comparison_failed.connect(self._on_failed)
        self.controller.busy_changed.connect(self._update_buttons)
        self.controller.paused_changed.connect(self._update_buttons)
        self.frame_timer = QTimer(self)
        self.frame_timer.timeout.connect(self.redraw)  # started when shown
        # as in the main window: drawing holds the GIL, so the frame rate adapts to keep the
        # GUI thread's share of the CPU small and the two trainings near their headless speed
        self.pacer = FramePacer(self.frame_timer)
        self._first_changed()
        self.check_choice()
        fit_to_screen(self, QSize(1400, 900))  # Pause and Stop stay on a 1280x720 screen

    def _build_layout(self) -> None:
        controls = QGridLayout()
        controls.setVerticalSpacing(2)
        controls.addWidget(QLabel(self.tr("<b style='color:{value}'>A</b> (reference):").format(value=RUN_COLOURS[0])), 0, 0)
        controls.addWidget(self.first_combo, 0, 1)
        controls.addWidget(QLabel(self.tr("<b style='color:{value}'>B</b>:").format(value=RUN_COLOURS[1])), 0, 2)
        controls.addWidget(self.second_combo, 0, 3)
        controls.addWidget(self.check_labels[0], 1, 1)
        controls.addWidget(self.check_labels[1], 1, 3)
        controls.setColumnStretch(1, 1)
        controls.setColumnStretch(3, 1)
        # the budget and the buttons on a row of their own, under the choices: beside them, the
        # dialog's least width was ~1050 px, more than a 1280x720 laptop's screen leaves it
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("Epochs:")))
        buttons.addWidget(self.epochs)
        for button in (self.train_button, self.pause_button, self.stop_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        controls.addLayout(buttons, 2, 0, 1, 4)

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.curves)
        top.addWidget(self.depth)
        top.setSizes([2000, 1000])  # proportions: loss and accuracy take two thirds, depth one
        bottom = QSplitter(Qt.Orientation.Horizontal)
        for box in self.heat_boxes:
            bottom.addWidget(box)
        plots = QSplitter(Qt.Orientation.Vertical)
        plots.addWidget(top)
        plots.addWidget(bottom)
        plots.setStretchFactor(0, 1)
        plots.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.banner)
        layout.addWidget(self.header)
        layout.addWidget(plots, 1)
        layout.addWidget(self.status)

    # -- choosing the projects -----------------------------------------------------------
    def _fill_sources(self) -> None:
        examples = list_examples()
        if self.session is not None:
            self.first_combo.addItem(self.tr("The open project ({display_name})").format(display_name=self.session.display_name), Source(CURRENT))
        self.second_combo.addItem(self.tr("Residual twin of A (made now)"), Source(TWIN))
        for example in examples:
            for combo in (self.first_combo, self.second_combo):
                combo.addItem(self.tr("Example: {name}").format(name=example.name), Source(FILE, example.path))
                combo.setItemData(combo.count() - 1, example.description, Qt.ItemDataRole.ToolTipRole)
        for combo in (self.first_combo, self.second_combo):
            combo.addItem(self.tr("Other file…"), Source(BROWSE))
        use_current = self.session is not None and len(self.session.graph) > 0
        if not use_current:
            self.select_file(self.first_combo, next((e.path for e in examples if e.path.name == DEFAULT_EXAMPLE), None))

    def select_file(self, combo: QComboBox, path: Path | None) -> None:
        """Choose ``path`` in ``combo`` (added to it if it is not listed yet)."""
        if path is None:
            return
        path = Path(path)
        for index in range(combo.count()):
            source = combo.itemData(index)
            if source.kind == FILE and source.path is not None and source.path.resolve() == path.resolve():
                combo.setCurrentIndex(index)
                return
        combo.insertItem(combo.count() - 1, path.name, Source(FILE, path))
        combo.setCurrentIndex(combo.count() - 2)

    def select_current_project(self) -> None:
        """Compare the window's open project (A) with its residual twin (B)."""
        index = _index_of(self.first_combo, CURRENT)
        if index >= 0:
            self.first_combo.setCurrentIndex(index)
        self.select_twin()

    def select_twin(self) -> None:
        """Make B the residual twin of A."""
        self.second_combo.setCurrentIndex(_index_of(self.second_combo, TWIN))

    def _source_chosen(self, combo: QComboBox) -> None:
        if combo.currentData().kind != BROWSE:
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a project"), "", self.tr("Projects (*.dlp.json *.json)"))
        if path:
            self.select_file(combo, Path(path))
        else:
            combo.setCurrentIndex(0)

    def _first_changed(self, _index: int = 0) -> None:
        """Offer A's own epoch budget."""
        try:
            project, _ = self._load(self.first_combo.currentData())
        except (ProjectFormatError, ValueError):
            return
        # a project without the key trains the schema's default, which is what is offered
        epochs = (project.get("training") or {}).get("epochs", default("epochs"))
        if isinstance(epochs, int) and not isinstance(epochs, bool) and epochs > 0:
            self.epochs.setValue(epochs)

    # -- checking the choice ---------------------------------------------------------------
    def check_choice(self, *_: object) -> bool:
        """Check A and B now; show what is wrong next to each, and allow Train both only if nothing is.

        A change of choice also clears the error of an earlier failed start: it was about
        another choice.

        Returns:
            Whether both sides can train.
        """
        if self.controller.busy:
            return False
        first = self._check_first()
        if not first.ok and self.second_combo.currentData().kind == TWIN:
            second = SideCheck(self.tr("The residual twin is made from A: choose a valid A first."))
        else:
            second = self._check_second(first)
        self.checks = (first, second)
        for check, label in zip(self.checks, self.check_labels):
            text = f"⚠ {check.problem}" if check.problem else check.note
            label.setText(text)
            label.setToolTip(text)
            label.setStyleSheet(_PROBLEM_STYLE if check.problem else _NOTE_STYLE)
            label.setVisible(bool(text))
        if self.banner.level == "error":
            self.banner.clear_message()
        self._update_buttons()
        return self.choice_ok

    @property
    def choice_ok(self) -> bool:
        """Whether the checks of A and B found nothing that would stop them training."""
        return all(check.ok for check in self.checks)

    def _check_first(self) -> SideCheck:
        source = self.first_combo.currentData()
        try:
            project, base_dir = self._load(source)
        except (ProjectFormatError, ValueError, OSError) as exc:
            return SideCheck(self.tr("A cannot be loaded: {exc}").format(exc=exc))
        return check_first(project, base_dir)

    def _check_second(self, first: SideCheck) -> SideCheck:
        source = self.second_combo.currentData()
        if source is not None and source.kind == TWIN:
            return check_twin(self._load(self.first_combo.currentData())[0], first.input_shape)
        try:
            project, _ = self._load(source)
        except (ProjectFormatError, ValueError, OSError) as exc:
            return SideCheck(self.tr("B cannot be loaded: {exc}").format(exc=exc))
        return check_second(project, first.input_shape) if first.ok else SideCheck()

    def _project_edited(self, *_: object) -> None:
        """The open project changed: check again if A is the open project."""
        if self.first_combo.currentData().kind == CURRENT:
            self.check_choice()

    def _load(self, source: Source | None) -> tuple[dict[str, Any], Path | None]:
        if source is None or source.kind in (TWIN, BROWSE):
            raise ValueError(self.tr("no project chosen"))
        if source.kind == CURRENT:
            assert self.session is not None
            return self.session.snapshot(), self.session.base_dir
        assert source.path is not None
        return project_to_dict(load_project(source.path)), source.path.parent

    # -- running -------------------------------------------------------------------------
    def train(self) -> bool:
        """Start training both projects; False when it cannot start (the banner says why)."""
        if self.controller.busy or not self.check_choice():
            return False
        try:
            first, base_dir = self._load(self.first_combo.currentData())
            second_source = self.second_combo.currentData()
            second = None if second_source.kind == TWIN else self._load(second_source)[0]
        except (ProjectFormatError, ValueError) as exc:
            self.banner.show_message(self.tr("Cannot load the projects: {exc}").format(exc=exc), "error")
            return False
        self.banner.clear_message()
        self.results = None
        self._first_record, self._last_record, self._latest = [None, None], [None, None], [None, None]
        self._run_dir = None
        if self.runs_root is not None:
            from dlplayground.graph.folders import default_run_dir

            self._run_dir = default_run_dir(f"compare-{first.get('name', 'run')}", self.runs_root)
        self.status.setText(self.tr("Preparing both runs…"))
        return self.controller.start(CompareOrder(first, second, base_dir, self.epochs.value(), self._run_dir))

    def _toggle_pause(self) -> None:
        if self.controller.paused:
            self.controller.resume()
        else:
            self.controller.pause()

    def _update_buttons(self, *_: object) -> None:
        busy = self.controller.busy
        self.train_button.setEnabled(not busy and self.choice_ok)
        problems = [check.problem for check in self.checks if check.problem]
        self.train_button.setToolTip("\n".join(problems) if problems and not busy else
                                     self.tr("Train A and B side by side on the same data, seed and batches"))
        self.pause_button.setEnabled(busy)
        self.pause_button.setText(self.tr("Resume") if self.controller.paused else self.tr("Pause"))
        self.stop_button.setEnabled(busy)
        for widget in (self.first_combo, self.second_combo, self.epochs):
            widget.setEnabled(not busy)

    def _on_started(self, started: CompareStarted) -> None:
        infos = started.runs
        self.names = (infos[0].name, infos[1].name)
        # the boxes say A and B (the header above names the projects, the tooltips too): a
        # project's name in a box's title made it the dialog's least width (995 px)
        labels = RUN_NAMES
        self.pacer.restart()
        self.curves.start(infos)
        self.depth.start(infos, started.layer_types[0])
        for view, box, info, label in zip(self.heatmaps, self.heat_boxes, infos, labels):
            view.start(info)
            box.setTitle(self.tr("{label} — gradient flow (layers × steps)").format(label=label))
            box.setToolTip(info.name)
        shared = len(started.shared)
        extra = sorted(set(infos[1].layer_ids) - set(infos[0].layer_ids))
        parts = [self.tr("<b style='color:{value}'>{value2}</b>: {value3} ({count} trainable layers)").format(value=RUN_COLOURS[i], value2=RUN_NAMES[i], value3=html.escape(self.names[i]), count=len(infos[i].layer_ids)) for i in range(2)]
        notes = [self.tr("same data split, seed and batch order; {shared} shared layer(s) start from the same weights").format(shared=shared),
                 self.tr("curves: solid training, dashed validation, faint per-batch loss"),
                 self.tr("both heat maps share one colour scale")]
        if extra:
            notes.append(self.tr("only in B: {value}").format(value=', '.join(extra)))
        if started.differing:
            notes.append(self.tr("same ids but other shapes (own weights): {value}").format(value=', '.join(started.differing)))
        self.header.setText(" &nbsp;·&nbsp; ".join(parts) + "<br><small>" + "; ".join(notes) + "</small>")
        self.status.setText(self.tr("Training both, one step of each in turn…"))

    def _on_progress(self, first: Progress, second: Progress) -> None:
        for run, progress in enumerate((first, second)):
            self.curves.add(run, progress)
            self.depth.add(run, progress)
            self.heatmaps[run].add(progress)
            if progress.gradients:
                if self._first_record[run] is None:
                    self._first_record[run] = progress.gradients[0]
                self._last_record[run] = progress.gradients[-1]
            self._latest[run] = progress
        latest = self._latest[1] or self._latest[0]
        if latest is not None and self.controller.busy:
            paused = " — " + self.tr("paused") if latest.paused else ""
            self.status.setText(self.tr("Epoch {epoch} of {value}, step {iteration}{paused}").format(epoch=latest.epoch, value=self.epochs.value(), iteration=latest.iteration, paused=paused))

    def _on_finished(self, finished: CompareFinished) -> None:
        self.results = finished.results
        lines = [self._result_line(run, result) for run, result in enumerate(finished.results)]
        if self._run_dir is not None and any(r.folder is not None for r in finished.results):
            lines.append(self.tr("Run folders: {run_dir}").format(run_dir=self._run_dir))
        self.status.setText("\n".join(lines))
        self.redraw()

    def _result_line(self, run: int, result: RunResult) -> str:
        last = result.history[-1] if result.history else None
        parts = [f"{RUN_NAMES[run]} ({self.names[run]}):"]
        if last is not None:
            parts.append(self.tr("train loss {train_loss:.4f}").format(train_loss=last.train_loss))
            if last.val_acc is not None:
                parts.append(self.tr("val acc {val_acc:.3f}").format(val_acc=last.val_acc))
        first, final = self._first_record[run], self._last_record[run]
        if first is not None and final is not None:
            parts.append(self.tr("gradient ratio first/last layer {value:.1e} (step {step}) → {value2:.1e} (step {step2})").format(value=first.ratio_first_to_last(), step=first.step, value2=final.ratio_first_to_last(), step2=final.step))
        reason = stop_text(result.stop_reason)
        parts.append(f"[{reason}: {shown(result.message)}]" if result.message else f"[{reason}]")
        return " ".join(parts[:1]) + " " + ", ".join(parts[1:-1]) + " " + parts[-1]

    def _on_failed(self, message: str) -> None:
        self.banner.show_message(message, "error")
        self.status.setText(self.tr("The comparison did not start."))

    # -- drawing and closing -------------------------------------------------------------
    def redraw(self) -> None:
        """Push new points to the plots (the frame timer calls this; cheap when nothing changed)."""
        self.pacer.tick()
        self.curves.redraw()
        self.depth.redraw()
        if any(view.dirty for view in self.heatmaps):
            # one colour scale for both maps: side by side, the same colour means the same norm
            levels = shared_levels(*(view.log_norms() for view in self.heatmaps if len(view.norms)))
            for view in self.heatmaps:
                view.redraw(levels)

    def wait_until_idle(self, timeout: float = 30.0) -> bool:
        """Process events until the comparison has ended (scripts and screenshots)."""
        from PySide6.QtCore import QCoreApplication

        deadline = time.monotonic() + timeout
        while self.controller.busy and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.01)
        QCoreApplication.processEvents()
        return not self.controller.busy

    def shutdown(self) -> None:
        self.frame_timer.stop()
        self.controller.shutdown()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        self.frame_timer.start()
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.shutdown()
        super().closeEvent(event)

    def done(self, result: int) -> None:  # Esc or the window's close: stop the runs first
        self.shutdown()
        super().done(result)


def _index_of(combo: QComboBox, kind: str) -> int:
    return next((i for i in range(combo.count()) if combo.itemData(i).kind == kind), -1)

