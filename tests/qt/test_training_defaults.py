"""No training default is stated twice: the Data & Training panel shows, for a project without a
key, exactly what the parser trains with."""

from __future__ import annotations

import copy

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QSpinBox

from dlplayground.training.config import DEFAULT_TRAINING, parse_training
from dlplayground.training.schema import OPTIMIZER_OPTIONS, SCHEDULER_PARAMS, TRAINING_KEYS


def shown(editor):
    """The value an editor shows, as the panel would write it (None: unset)."""
    widget = editor.widget
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QSpinBox):
        special = widget.specialValueText() and widget.value() == widget.minimum()
        return None if special else widget.value()
    if isinstance(widget, QDoubleSpinBox):
        return widget.value()
    raise AssertionError(f"no reader for {type(widget).__name__}")


def parsed(config, key):
    """What the parser made of ``key`` (its default when the project lacks it)."""
    top = {"loss": config.loss, "optimizer.type": config.optimizer, "batch_size": config.batch_size,
           "epochs": config.epochs, "seed": config.seed}
    if key in top:
        return top[key]
    group, name = key.split(".")
    if group == "optimizer":
        return config.optimizer_args[name]
    if group == "scheduler":
        return config.scheduler_args[name]
    return getattr(config.early_stopping, name)


def without(key):
    """The default training section with ``key`` removed, and the context the key needs."""
    section = copy.deepcopy(DEFAULT_TRAINING)
    group, _, name = key.rpartition(".")
    target = section[group] if group in ("optimizer",) else section
    if group == "early_stopping":
        section["early_stopping"] = {}
        return section
    if group == "scheduler":
        return section  # the scheduler is chosen by the caller
    target.pop(name, None)
    return section


def panel_cases():
    cases = [(key, None, None) for key in ("loss", "optimizer.type", "batch_size", "epochs", "seed")]
    cases += [(f"optimizer.{o}", optimizer, None) for optimizer, options in OPTIMIZER_OPTIONS.items() for o in options]
    cases += [(f"early_stopping.{k}", None, None) for k in ("monitor", "patience")]
    cases += [(f"scheduler.{p.name}", None, name) for name, params in SCHEDULER_PARAMS.items() for p in params]
    return cases


@pytest.mark.parametrize("key, optimizer, scheduler", panel_cases())
def test_the_panel_shows_the_parsed_default_of_every_missing_key(window, key, optimizer, scheduler):
    section = without(key)
    if optimizer is not None:
        section["optimizer"] = {"type": optimizer}
    if scheduler is not None:
        section["scheduler"] = {"type": scheduler}
    window.editor.set_settings("training", section)
    panel = window.settings_panel
    editor = panel.fields[("training", key)]
    expected = parsed(parse_training(section), key)
    assert shown(editor) == pytest.approx(expected) if isinstance(expected, float) else shown(editor) == expected


def test_every_key_the_panel_edits_is_in_the_schema(window):
    keys = {key for section, key in window.settings_panel.fields if section == "training"}
    assert keys <= set(TRAINING_KEYS) | {f"scheduler.{p.name}" for ps in SCHEDULER_PARAMS.values() for p in ps}
    # the default the parser uses is the schema's, including the one that once drifted
    assert parse_training({}).epochs == TRAINING_KEYS["epochs"].default == 50
