"""What the training thread sends the window: plain Python and numpy, never live tensors.

The worker builds these on the training thread and hands them over through queued signals;
the window only reads them. Every array is a copy the training thread no longer touches.
The engine types are imported for type checking only, so that the window can import this
module without paying for torch before anything trains.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from dlplayground.training.analysis import ConfusionMatrix, LayerHistograms, Surface
    from dlplayground.training.generative_pictures import GanField, LatentPoints, Reconstructions, SampleGrid
    from dlplayground.training.gradients import GradientRecord
    from dlplayground.training.image_analysis import FeatureMaps, Filters, GradCam
    from dlplayground.training.neuron_maps import NeuronMaps
    from dlplayground.training.trainer import EpochMetrics


@dataclass(frozen=True)
class RunInfo:
    """What a run is about, sent once when it starts.

    Attributes:
        run_id: a number unique in the session (1, 2, ...).
        name: the project name.
        task: ``classification`` or ``regression``.
        class_names: one per class (classification).
        layer_ids: the parametrised nodes, in execution order (gradient records follow it).
        spatial_nodes: (node id, [C, H, W]) of nodes with image-like outputs.
        first_conv: the first ``Conv2d`` node, or None.
        planar: inputs are 2-D points (a decision boundary can be drawn).
        points, labels: raw training points and their targets (planar sets), for the scatter.
        val_points, val_labels: the same for the validation split.
        images, image_labels: a few raw validation samples (image sets), to pick one from.
        continued: whether the run starts from the previous run's weights.
        note: one line on how the run starts (fresh weights, continued, why not continued).
        device: where the model trains (``cpu``, ``cuda:0``, ``mps``), shown in the status bar.
    """

    run_id: int
    name: str
    task: str
    loss: str
    class_names: tuple[str, ...]
    layer_ids: tuple[str, ...]
    steps_per_epoch: int
    max_epochs: int
    batch_size: int
    train_samples: int
    spatial_nodes: tuple[tuple[str, tuple[int, ...]], ...] = ()
    first_conv: str | None = None
    planar: bool = False
    points: np.ndarray | None = None
    labels: np.ndarray | None = None
    val_points: np.ndarray | None = None
    val_labels: np.ndarray | None = None
    images: np.ndarray | None = None
    image_labels: np.ndarray | None = None
    continued: bool = False
    note: str = ""
    device: str = ""
    #: ``supervised`` or a generative objective (``autoencoder``, ``vae``, ``gan``)
    objective: str = "supervised"
    #: the size of a GAN's noise or a VAE's z (0 otherwise): the inference panel's sliders
    latent_dim: int = 0

    @property
    def is_generative(self) -> bool:
        return self.objective != "supervised"

    @property
    def is_classification(self) -> bool:
        return self.task == "classification"

    @property
    def total_steps(self) -> int:
        return self.steps_per_epoch * self.max_epochs


@dataclass(frozen=True)
class Analysis:
    """Pictures of the model at one moment; a field is None when not asked for or not possible."""

    step: int
    surface: Surface | None = None
    histograms: LayerHistograms | None = None
    filters: Filters | None = None
    features: FeatureMaps | None = None
    cam: GradCam | None = None
    confusion: ConfusionMatrix | None = None
    #: why an asked-for picture could not be made (shown in place of it)
    problems: tuple[str, ...] = ()
    neurons: NeuronMaps | None = None
    #: a generative model's pictures, when it is one
    generative: GenerativeFrame | None = None


@dataclass(frozen=True)
class GenerativeFrame:
    """A generative model's pictures at one moment (those that apply to it; the rest None)."""

    field: GanField | None = None
    samples: SampleGrid | None = None
    reconstructions: Reconstructions | None = None
    latent: LatentPoints | None = None


@dataclass
class Progress:
    """Everything new since the previous update (the worker coalesces them).

    Attributes:
        steps, batch_losses, lrs: every training step since the last update.
        epochs: epoch rows completed since the last update.
        gradients: gradient records logged since the last update.
        analysis: the latest pictures, if any were made since the last update.
        paused: whether the trainer is paused now.
    """

    run_id: int
    epoch: int = 0
    iteration: int = 0
    samples_seen: int = 0
    seconds: float = 0.0
    lr: float = 0.0
    steps: list[int] = field(default_factory=list)
    batch_losses: list[float] = field(default_factory=list)
    lrs: list[float] = field(default_factory=list)
    epochs: list[EpochMetrics] = field(default_factory=list)
    gradients: list[GradientRecord] = field(default_factory=list)
    analysis: Analysis | None = None
    paused: bool = False


@dataclass(frozen=True)
class RunResult:
    """How a run ended.

    Attributes:
        stop_reason: completed, early_stopping, terminated, non_finite_loss or error.
        message: the trainer's explanation (empty for a plain completed run).
        folder: the run folder written, or None if it could not be written.
        history: every epoch's metrics.
        seconds, steps, samples: training time (pauses excluded), steps and samples trained.
    """

    run_id: int
    stop_reason: str
    message: str
    folder: Path | None
    history: tuple[EpochMetrics, ...]
    seconds: float
    steps: int
    samples: int = 0

    @property
    def samples_per_second(self) -> float:
        """Training throughput (pauses excluded)."""
        return self.samples / self.seconds if self.seconds > 0 else float("nan")
