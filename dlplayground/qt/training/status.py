"""The status-bar readout of a run: device, epoch, step, speed in samples per second, time left.

Speed is a moving average over the last few updates (training time excludes pauses, so a
pause does not drag the speed down); time left is the remaining steps at the current pace.
The labels change at most :data:`STATUS_INTERVAL` apart: each change repaints the status bar
and the window behind it, which costs the training thread its share of the GIL.
"""

from __future__ import annotations

import math
import time

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from dlplayground.qt.training.payloads import Progress, RunInfo

#: weight of the newest measurement in the speed's moving average
SPEED_SMOOTHING = 0.3
#: seconds between two updates of the labels (a pause or the end shows at once)
STATUS_INTERVAL = 0.25


def format_duration(seconds: float) -> str:
    """``0:42``, ``12:05``, ``1:02:03``."""
    if not math.isfinite(seconds) or seconds < 0:
        return "–"
    whole = int(round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class SpeedMeter:
    """Samples and steps per second from successive (samples, steps, seconds) readings."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.samples_per_second = math.nan
        self.steps_per_second = math.nan
        self._last: tuple[int, int, float] | None = None

    def update(self, samples: int, steps: int, seconds: float) -> None:
        if self._last is not None:
            d_samples, d_steps, d_seconds = samples - self._last[0], steps - self._last[1], seconds - self._last[2]
            if d_seconds > 1e-3 and d_steps > 0:
                for name, value in (("samples_per_second", d_samples / d_seconds),
                                    ("steps_per_second", d_steps / d_seconds)):
                    old = getattr(self, name)
                    setattr(self, name, value if math.isnan(old) else old + SPEED_SMOOTHING * (value - old))
        self._last = (samples, steps, seconds)

    def seconds_left(self, steps_left: int) -> float:
        if math.isnan(self.steps_per_second) or self.steps_per_second <= 0:
            return math.nan
        return steps_left / self.steps_per_second


class TrainingStatus(QWidget):
    """Labels for the status bar: phase · epoch · step · speed · time left."""

    def __init__(self, parent: QWidget | None = None, interval: float = STATUS_INTERVAL) -> None:
        super().__init__(parent)
        self.interval = interval
        self._shown_at = -math.inf
        self._waiting: Progress | None = None
        self.phase = QLabel()
        self.epoch = QLabel()
        self.step = QLabel()
        self.speed = QLabel()
        self.left = QLabel()
        self.device = QLabel()
        self.device.setToolTip(self.tr("Where the model trains (the project's training.device: auto picks CUDA, "
                                       "then Apple's MPS, then the CPU)"))
        self.speed.setToolTip(self.tr("Training samples per second (time spent paused is not counted)"))
        self.left.setToolTip(self.tr("Time left at the current speed"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        for label in (self.phase, self.device, self.epoch, self.step, self.speed, self.left):
            label.setAutoFillBackground(True)  # opaque: a new text does not repaint the window behind
            layout.addWidget(label)
        self._reserve(None)
        self.phase.hide()  # shown while a run is on (set_phase)
        self.device.hide()  # shown once a run says where it trains
        self.meter = SpeedMeter()
        self._info: RunInfo | None = None
        self._paused = False

    def _reserve(self, info: RunInfo | None) -> None:
        """Fixed widths for the run's numbers, which change 20 times a second and must not make
        the bar jump: as wide as the run's largest values (``epoch 20/20``), not the largest any
        run could have, and nothing without a run, so that a small window keeps room for the
        status message beside them."""
        metrics = self.fontMetrics()
        samples: list[tuple[QLabel, str]] = [(self.phase, self.tr("Preparing…")), (self.device, "on cuda:0")]
        if info is not None:
            samples += [(self.epoch, self.tr("epoch {epoch}/{max_epochs}").format(epoch=info.max_epochs,
                                                                                 max_epochs=info.max_epochs)),
                        (self.step, self.tr("step {iteration}/{total_steps}").format(iteration=info.total_steps,
                                                                                     total_steps=info.total_steps)),
                        (self.speed, self.tr("{speed:,.0f} samples/s").format(speed=999_999)),
                        (self.left, self.tr("{value} left").format(value="9:59:59"))]
        for label in (self.epoch, self.step, self.speed, self.left):
            label.setMinimumWidth(0)
        for label, sample in samples:
            label.setMinimumWidth(metrics.horizontalAdvance(sample))

    def start(self, info: RunInfo) -> None:
        self._reserve(info)
        self._info = info
        self._waiting = None
        self._shown_at = -math.inf
        self._paused = False
        self.meter.reset()
        self.device.setText(self.tr("on {device}").format(device=info.device))
        self.device.setVisible(bool(info.device))
        self.epoch.setText(self.tr("epoch 0/{max_epochs}").format(max_epochs=info.max_epochs))
        self.step.setText(self.tr("step 0/{total_steps}").format(total_steps=info.total_steps))
        self.speed.clear()
        self.left.clear()

    def set_phase(self, text: str) -> None:
        self.phase.setText(text)
        self.phase.setVisible(bool(text))

    def set_paused(self, paused: bool) -> None:
        """While paused there is no time left to show (the phase label says "Paused"): a
        forecast would count down, or stand still, for a run that is not moving. The next
        update after resuming shows it again."""
        if paused == self._paused:
            return
        self._paused = paused
        if paused:
            self.left.clear()

    def clear(self) -> None:
        """Forget the run (another project was opened): only the phase stays."""
        self._info, self._waiting, self._paused = None, None, False
        self.meter.reset()
        for label in (self.epoch, self.step, self.speed, self.left):
            label.clear()
        self.device.hide()
        self._reserve(None)

    def add(self, progress: Progress) -> None:
        info = self._info
        if info is None or progress.run_id != info.run_id:
            return
        self.meter.update(progress.samples_seen, progress.iteration, progress.seconds)
        now = time.perf_counter()
        if now - self._shown_at < self.interval and not progress.paused:
            self._waiting = progress  # shown with the next update, or when the run ends
            return
        self._shown_at, self._waiting = now, None
        self._show(progress, info)

    def _show(self, progress: Progress, info: RunInfo) -> None:
        self.epoch.setText(self.tr("epoch {epoch}/{max_epochs}").format(epoch=progress.epoch, max_epochs=info.max_epochs))
        self.step.setText(self.tr("step {iteration}/{total_steps}").format(iteration=progress.iteration, total_steps=info.total_steps))
        speed = self.meter.samples_per_second
        if math.isfinite(speed):
            self.speed.setText(self.tr("{speed:,.0f} samples/s").format(speed=speed))
            if not self._paused:
                left = self.meter.seconds_left(info.total_steps - progress.iteration)
                self.left.setText(self.tr("{value} left").format(value=format_duration(left)))

    def finish(self, summary: str) -> None:
        """The run ended: show its last numbers and ``summary`` (``finished in 0:42``)."""
        self._paused = False
        if self._waiting is not None and self._info is not None:
            self._show(self._waiting, self._info)
            self._waiting = None
        self.left.setText(summary)
