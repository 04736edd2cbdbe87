"""Hyperparameter sweeps with Optuna (``dlplayground sweep``): TPE sampling, median pruning by epoch.

Each trial copies the project, sets the values Optuna's TPE sampler suggests for the search
space (:mod:`dlplayground.experiments.space`), and trains it. A trainer event handler reports
the metric after every epoch (``trial.report``); when Optuna's ``MedianPruner`` says the trial
is worse than the median of earlier trials at that epoch, the handler stops the trainer and the
trial ends as pruned. The trial's value is the metric of the weights the run ends with. A
trial whose settings the project cannot take (a shape that no longer fits) fails alone; one that
diverges (a non-finite loss) fails as well, with its message as a user attribute.

With a storage (an RDB URL such as ``sqlite:///study.db`` or ``postgresql://...``, or a journal
file ``journal:PATH``), several processes, on one machine or many, work on one study: each
loads it by name and adds its trials. The results are written from the study, so
``trials.csv`` lists every process's trials.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import socket
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from dlplayground.experiments.settings import with_setting
from dlplayground.experiments.space import Dimension
from dlplayground.graph.io import atomic_write_text, dumps_project
from dlplayground.graph.problems import ValidationError
from dlplayground.training.events import Events
from dlplayground.training.runs import final_metrics
from dlplayground.training.setup import prepare_training
from dlplayground.training.trainer import Trainer

#: metrics a sweep may optimise, and whether larger is better
METRICS = {"val_loss": False, "train_loss": False, "val_acc": True, "train_acc": True}
TRIALS_FILE = "trials.csv"
BEST_FILE = "best.dlp.json"
WORKER = f"{socket.gethostname()}:{os.getpid()}"


class SweepError(ValueError):
    """A sweep that cannot run as asked (a metric the project has not, a study that differs)."""


@dataclass(frozen=True)
class TrialResult:
    """A finished trial as the caller sees it (plain values, for progress lines and views)."""

    number: int
    state: str
    value: float | None
    params: dict[str, Any]
    message: str = ""


def open_storage(url: str | None) -> Any:
    """Optuna storage for ``url``: None (in memory), an RDB URL, or ``journal:PATH`` (a journal
    file, safe for several processes on one machine or a shared file system)."""
    if url is None:
        return None
    if url.startswith("journal:"):
        from optuna.storages import JournalStorage
        from optuna.storages.journal import JournalFileBackend

        path = url[len("journal:"):]
        if not path:
            raise SweepError("--storage journal:PATH: give the journal file's path")
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Optuna marks the journal backend experimental
            return JournalStorage(JournalFileBackend(path))
    if "://" not in url:
        raise SweepError(f"--storage {url!r}: expected an Optuna storage URL (sqlite:///study.db, "
                         "postgresql://user@host/db) or journal:PATH")
    return url


class Sweep:
    """One process's share of a study: ``trials`` trials of ``project`` over ``space``.

    Args:
        project: the project (spec JSON dict) every trial starts from.
        space: the checked search space.
        metric: what to optimise (:data:`METRICS`; losses are minimised, accuracies maximised).
        storage, study_name: where the study lives (None: in memory, this process alone).
        base_dir: the folder relative data paths are resolved against.
        epochs: overrides ``training.epochs`` of every trial.
        sampler_seed: seeds the TPE sampler (leave it None when several processes share a study,
            or they suggest the same values).
        on_trial: called with every finished trial's :class:`TrialResult`.
        on_epoch: called with (trial number, trainer) after every epoch.

    Raises:
        SweepError: the metric is unknown or the project does not produce it.
        ProjectFormatError, DataError, TrainingConfigError, ValidationError: the project itself
            (checked once, before any trial).
    """

    def __init__(self, project: Mapping[str, Any], space: Sequence[Dimension], *, metric: str = "val_loss",
                 storage: str | None = None, study_name: str | None = None,
                 base_dir: str | Path | None = None, epochs: int | None = None, sampler_seed: int | None = None,
                 on_trial: Callable[[TrialResult], None] | None = None,
                 on_epoch: Callable[[int, Trainer], None] | None = None) -> None:
        import optuna

        if metric not in METRICS:
            raise SweepError(f"--metric: unknown metric {metric!r} (known: {', '.join(METRICS)})")
        self.project = dict(project)
        self.space = list(space)
        self.metric = metric
        self.base_dir = base_dir
        self.epochs = epochs
        self.on_trial = on_trial
        self.on_epoch = on_epoch
        self._check_metric(prepare_training(self.project, base_dir, epochs=1))
        self._trainer: Trainer | None = None
        self._stopped = False
        optuna.logging.set_verbosity(optuna.logging.WARNING)
        direction = "maximize" if METRICS[metric] else "minimize"
        self.study = _create_study(optuna, storage, study_name, direction, sampler_seed)
        if self.study.direction.name.lower() != direction:
            raise SweepError(f"study {study_name!r} {self.study.direction.name.lower()}s; {metric} must be "
                             f"{direction}d: use another --study")

    def _check_metric(self, setup) -> None:
        if self.metric.startswith("val_") and len(setup.dataset.x_val) == 0:
            raise SweepError(f"--metric {self.metric}: the project has no validation split (data.val_split is 0)")
        if self.metric.endswith("_acc") and not setup.dataset.is_classification:
            raise SweepError(f"--metric {self.metric}: the dataset is a regression task; optimise a loss")

    # -- control (any thread) ------------------------------------------------------------
    def stop(self) -> None:
        """End the sweep: the trial in progress stops after its current step and is pruned."""
        self._stopped = True
        self.study.stop()
        if self._trainer is not None:
            self._trainer.terminate()

    # -- running -------------------------------------------------------------------------
    def run(self, trials: int) -> None:
        """Run ``trials`` trials (fewer when stopped)."""
        if trials < 1:
            raise SweepError(f"--trials must be a positive integer, got {trials}")
        self.study.optimize(self._objective, n_trials=trials, catch=(ValidationError,),
                            callbacks=[self._finished])

    def trial_project(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """The project with a trial's parameter values set."""
        project = self.project
        for dimension in self.space:
            if dimension.name in params:
                project = with_setting(project, dimension.path, params[dimension.name])
        return project

    def _suggest(self, trial) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for d in self.space:
            if d.kind == "float":
                values[d.name] = trial.suggest_float(d.name, d.low, d.high, log=d.log)
            elif d.kind == "int":
                values[d.name] = trial.suggest_int(d.name, d.low, d.high, log=d.log)
            else:
                values[d.name] = trial.suggest_categorical(d.name, d.choices)
        return values

    def _objective(self, trial) -> float:
        import optuna

        trial.set_user_attr("worker", WORKER)  # which process (machine) ran it, in a shared study
        setup = prepare_training(self.trial_project(self._suggest(trial)), self.base_dir, epochs=self.epochs)
        trainer = setup.trainer(keep_gradient_log=False)
        pruned: list[int] = []

        def report(trainer: Trainer) -> None:
            value = getattr(trainer.state.history[-1], self.metric)
            epoch = trainer.state.epoch
            if value is not None and math.isfinite(value):
                trial.report(value, epoch)
                if trial.should_prune():
                    pruned.append(epoch)
                    trainer.terminate()
            if self.on_epoch is not None:
                self.on_epoch(trial.number, trainer)

        trainer.on(Events.EPOCH_COMPLETED, report)
        self._trainer = trainer
        try:
            state = trainer.run()
        finally:
            self._trainer = None
        if pruned or self._stopped and state.stop_reason == "terminated":
            trial.set_user_attr("message", f"pruned at epoch {pruned[0]}" if pruned else "stopped")
            raise optuna.TrialPruned()
        final = final_metrics(trainer)
        value = None if final is None else getattr(final, self.metric)
        if state.stop_reason == "non_finite_loss" or value is None or not math.isfinite(value):
            trial.set_user_attr("message", state.message or f"no {self.metric}")
            return math.nan  # Optuna records a NaN objective as a failed trial
        trial.set_user_attr("stop_reason", state.stop_reason)
        return float(value)

    def _finished(self, study, frozen) -> None:
        if self.on_trial is not None:
            self.on_trial(result_of(frozen))

    # -- results -------------------------------------------------------------------------
    def results(self) -> list[TrialResult]:
        """Every trial of the study (every process's), in order."""
        return [result_of(t) for t in self.study.get_trials(deepcopy=False)]

    def best_project(self) -> dict[str, Any] | None:
        """The project with the best complete trial's values, or None before any completed."""
        try:
            best = self.study.best_trial
        except ValueError:
            return None
        project = self.trial_project(best.params)
        project["name"] = f"{self.project.get('name', 'project')} (best of sweep, trial {best.number})"
        return project

    def write(self, out_dir: str | Path) -> tuple[Path, Path | None]:
        """Write ``trials.csv`` and ``best.dlp.json`` (each atomically); return their paths
        (None for the best project when no trial completed)."""
        out = Path(out_dir)
        trials_path, best_path = out / TRIALS_FILE, out / BEST_FILE
        atomic_write_text(trials_path, trials_csv(self.results(), self.space, self.metric))
        best = self.best_project()
        if best is None:
            return trials_path, None
        atomic_write_text(best_path, dumps_project(best))
        return trials_path, best_path

def _create_study(optuna: Any, storage: str | None, study_name: str | None, direction: str,
                  sampler_seed: int | None) -> Any:
    """Create the study or load it when another process made it first.

    Processes started together on a new database race to create its tables; the loser's
    insert fails (an IntegrityError from SQLAlchemy) though the tables are then there, so a few
    retries settle it.
    """
    for attempt in range(5):
        try:
            return optuna.create_study(
                storage=open_storage(storage), study_name=study_name, load_if_exists=True, direction=direction,
                sampler=optuna.samplers.TPESampler(seed=sampler_seed), pruner=optuna.pruners.MedianPruner())
        except ValueError as exc:  # an existing study optimised the other way
            raise SweepError(f"study {study_name!r}: {exc}") from None
        except Exception as exc:
            if not type(exc).__module__.startswith("sqlalchemy") or attempt == 4:
                raise
            time.sleep(0.2 * (attempt + 1))
    raise AssertionError("unreachable")


def result_of(frozen) -> TrialResult:
    value = frozen.value if frozen.values else None
    message = str(frozen.user_attrs.get("message", ""))
    if frozen.state.name == "FAIL" and not message:
        message = str(frozen.system_attrs.get("fail_reason", ""))[:200]
    return TrialResult(frozen.number, frozen.state.name.lower(), value, dict(frozen.params), message)


def trials_csv(results: Sequence[TrialResult], space: Sequence[Dimension], metric: str) -> str:
    """One row per trial: number, state, the metric, then every parameter of the space."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    names = [d.name for d in space]
    writer.writerow(["number", "state", metric, *names])
    for result in results:
        value = "" if result.value is None else repr(float(result.value))
        writer.writerow([result.number, result.state, value,
                         *(_cell(result.params[n]) if n in result.params else "" for n in names)])
    return stream.getvalue()


def _cell(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        return repr(value)
    return json.dumps(value)
