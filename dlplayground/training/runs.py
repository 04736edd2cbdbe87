"""Run folders: what a training run leaves on disk (see ``docs/cli.md``).

The recorder streams ``metrics.csv`` and ``gradients.csv`` into a hidden ``.DIR.partial-PID-*``
folder while the run goes on, writes the weights and ``summary.json`` when it ends, then
renames the folder to DIR. A folder named DIR is therefore always complete. A run that fails
(an error, a full disk) removes its unfinished folder; one killed outright (SIGKILL) leaves it,
marked by an ``UNFINISHED.txt`` inside, and the next run for DIR removes it.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import math
import shutil
from pathlib import Path
from typing import Any, Mapping

import torch
from safetensors.torch import save_file

from dlplayground import __version__
from dlplayground.compile.module import GraphModule
from dlplayground.graph.folders import (
    FILE_MODE,
    GRADIENTS_FILE,
    METRICS_FILE,
    PROJECT_FILE,
    RUN_FOLDER,
    SUMMARY_FILE,
    WEIGHTS_FILE,
    check_replaceable,
    default_run_dir,  # noqa: F401 - re-exported: dlplayground.training.default_run_dir
    partial_dir,
    publish_dir,
)
from dlplayground.graph.io import atomic_write_text, dumps_project
from dlplayground.graph.text import tx
from dlplayground.training.events import Events
from dlplayground.training.trainer import EpochMetrics, Trainer

GRADIENT_COLUMNS = ("step", "layer", "grad_norm", "weight_norm")


def metric_columns(classification: bool, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """``metrics.csv``'s columns; ``extra`` are a generative objective's (``recon_loss, kl``...)."""
    accuracy = ("train_acc", "val_acc") if classification else ()
    return ("epoch", "train_loss", "val_loss", *accuracy, *extra, "lr", "seconds")


class RunRecorder:
    """Records one trainer's run into a run folder.

    Args:
        out_dir: the run folder to create. An earlier run folder there is replaced once the run
            is complete; any other existing folder is refused (:class:`FolderInUse`) up front.
        project: the project snapshot as trained (written as ``project.json``).
    """

    def __init__(self, out_dir: str | Path, project: Mapping[str, Any]) -> None:
        self.out_dir = check_replaceable(out_dir, RUN_FOLDER)
        self.project = dict(project)
        self.out_dir.parent.mkdir(parents=True, exist_ok=True)
        self._partial = partial_dir(self.out_dir)
        self._metrics: io.TextIOWrapper | None = None
        self._metrics_writer: Any = None
        self._gradients = (self._partial / GRADIENTS_FILE).open("w", newline="", encoding="utf-8")
        self._gradients_writer = csv.writer(self._gradients)
        self._gradients_writer.writerow(GRADIENT_COLUMNS)
        self.finished_dir: Path | None = None
        #: the loss of the run's first step
        self.first_loss: float | None = None

    @property
    def folder_in_progress(self) -> Path:
        """The hidden folder the run is written into until it is complete (other handlers that
        add files to the run folder, such as TensorBoard's, write there)."""
        return self._partial

    def attach(self, trainer: Trainer) -> "RunRecorder":
        columns = metric_columns(trainer.is_classification, extra_columns(trainer))
        self._metrics = (self._partial / METRICS_FILE).open("w", newline="", encoding="utf-8")
        self._metrics_writer = csv.DictWriter(self._metrics, columns, extrasaction="ignore")
        self._metrics_writer.writeheader()
        trainer.on(Events.GRADIENTS_LOGGED, self._on_gradients)
        trainer.on(Events.EPOCH_COMPLETED, self._on_epoch)
        trainer.on(Events.COMPLETED, self._on_completed)
        trainer.on(Events.ITERATION_COMPLETED, self._on_step)
        return self

    def _on_step(self, trainer: Trainer) -> None:
        if self.first_loss is None:  # where the loss started, for the divergence warning
            self.first_loss = float(trainer.state.batch_loss)

    def _on_gradients(self, trainer: Trainer) -> None:
        record = trainer.state.gradients
        assert record is not None
        for node_id, grad, weight in zip(record.node_ids, record.grad_norms, record.weight_norms):
            self._gradients_writer.writerow((record.step, node_id, _number(grad), _number(weight)))

    def _on_epoch(self, trainer: Trainer) -> None:
        metrics = trainer.state.history[-1]
        self._metrics_writer.writerow({k: _number(v) for k, v in metrics.as_dict().items()})
        assert self._metrics is not None
        self._metrics.flush()
        self._gradients.flush()

    def _on_completed(self, trainer: Trainer) -> None:
        for stream in (self._metrics, self._gradients):
            if stream is not None:
                stream.close()
        state = trainer.state
        if state.stop_reason == "error":
            shutil.rmtree(self._partial, ignore_errors=True)
            return
        try:
            self._write_results(trainer)
        except Exception as exc:  # a full disk: safetensors raises its own error type, not OSError
            shutil.rmtree(self._partial, ignore_errors=True)
            state.stop_reason = "error"
            state.message = tx("could not write the run folder {folder}: {error}", folder=self.out_dir,
                               error=write_failure(exc))
            state.error = exc
        except BaseException:
            shutil.rmtree(self._partial, ignore_errors=True)
            raise

    def _write_results(self, trainer: Trainer) -> None:
        weights = {k: v.detach().cpu().contiguous() for k, v in run_weights(trainer).items()}
        save_file(weights, str(self._partial / WEIGHTS_FILE),
                  metadata={"format": "dlplayground/weights", "project": str(self.project.get("name", ""))})
        (self._partial / WEIGHTS_FILE).chmod(FILE_MODE)  # safetensors writes it private
        atomic_write_text(self._partial / PROJECT_FILE, dumps_project(self.project))
        atomic_write_text(self._partial / SUMMARY_FILE, json.dumps(summary(trainer, self.first_loss), indent=2) + "\n")
        self._publish()

    def _publish(self) -> None:
        self.finished_dir = publish_dir(self._partial, self.out_dir, RUN_FOLDER)


def extra_columns(trainer: Trainer) -> tuple[str, ...]:
    """The objective's own metrics (a VAE's ``recon_loss, kl``; a GAN's ``d_loss, g_loss, d_real, d_fake``)."""
    return tuple(trainer.objective.columns)


def run_weights(trainer: Trainer) -> dict[str, torch.Tensor]:
    """What ``weights.safetensors`` holds: the model's tensors keyed ``<node id>.<name>``, and
    those of the objective's other networks (a GAN's discriminator) prefixed with their role."""
    weights = dict(trainer.model.state_dict_by_node())
    for role, network in trainer.objective.networks.items():
        if network is not trainer.model and isinstance(network, GraphModule):
            weights.update({f"{role}.{key}": tensor for key, tensor in network.state_dict_by_node().items()})
    return weights


def write_failure(exc: BaseException) -> str:
    """What went wrong writing a file, in words: a full disk is named as such."""
    text = str(exc)
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "StorageFull" in text or "code: 28" in text:
        return "the disk is full (no space left on device)"
    if isinstance(exc, OSError):
        return exc.strerror or text
    return text[:200]


def final_metrics(trainer: Trainer) -> EpochMetrics | None:
    """The metrics of the weights the run ends with: the last epoch's, or the best epoch's when
    early stopping put the best weights back."""
    state = trainer.state
    early = trainer.config.early_stopping
    if (state.stop_reason == "early_stopping" and early is not None and early.restore_best
            and state.best_epoch is not None):
        return state.history[state.best_epoch - 1]
    return state.last


def summary(trainer: Trainer, first_loss: float | None = None) -> dict[str, Any]:
    """The ``summary.json`` content: epochs, seconds and the final metrics (those of the saved
    weights; accuracies are null for regression), plus how the run ended."""
    state = trainer.state
    final_epoch = final_metrics(trainer)
    keys = ("train_loss", "val_loss", "train_acc", "val_acc", *extra_columns(trainer))
    values = final_epoch.as_dict() if final_epoch is not None else {}
    return {
        "epochs": len(state.history),
        "seconds": round(state.seconds, 3),
        "final": {k: _json_number(values.get(k)) for k in keys},
        "final_epoch": final_epoch.epoch if final_epoch is not None else None,
        "stop_reason": state.stop_reason,
        "message": state.message,
        "best_epoch": state.best_epoch,
        "steps": state.iteration,
        "device": str(trainer.device),
        "threads": torch.get_num_threads(),
        # data-parallel runs: how many processes shared each batch, and how they talked
        "ranks": trainer.parallel.world_size,
        "backend": trainer.parallel.backend,
        "dlplayground": __version__,
        "warnings": [w for w in (divergence_warning(trainer, first_loss),) if w],
    }


#: a final training loss this many times the first epoch's means the run diverged
DIVERGENCE_FACTOR = 10.0


def divergence_warning(trainer: Trainer, first_loss: float | None = None) -> str | None:
    """A warning when the training loss ended far above where it started (the first batch's
    loss when known, else the first epoch's): the run "succeeded" but learnt nothing, a
    learning rate far too high, typically."""
    history = trainer.state.history
    if not history or (first_loss is None and len(history) < 2):
        return None
    start = first_loss if first_loss is not None else history[0].train_loss
    where = "the first step" if first_loss is not None else "epoch 1"
    last = history[-1].train_loss
    if start is None or last is None or not (math.isfinite(start) and math.isfinite(last)):
        return None
    if last > DIVERGENCE_FACTOR * max(start, 1e-12):
        return (f"warning: the training loss rose from {start:.4g} ({where}) to {last:.4g} (epoch "
                f"{len(history)}): training diverged; the learning rate ({trainer.config.lr:g}) may be too high")
    return None


def _number(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(float(value)) if math.isfinite(value) else str(float(value))
    return value


def _json_number(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value
