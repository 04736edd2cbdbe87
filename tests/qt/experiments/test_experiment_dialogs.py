"""The N-way Compare, Sweep and Cross-Validate dialogs, driven on a tiny project."""

from __future__ import annotations

import json
import os

from PySide6.QtCore import Qt

from dlplayground.graph.io import project_from_dict
from dlplayground.qt.experiments import install, open_cv, open_sweep, open_variants
from dlplayground.qt.training.integration import RUNS_ROOT_KEY
from tests.helpers import chain_project

SHOTS = os.environ.get("DLPLAYGROUND_SCREENSHOTS")  # a folder: save the dialogs' pictures there


def tiny(epochs=3):
    return chain_project(("h", "Linear", {"out_features": 8}), ("act", "Tanh", {}),
                         ("head", "Linear", {"out_features": 3}),
                         data={"name": "spiral", "params": {"samples": 150, "classes": 3}, "val_split": 0.2, "seed": 0},
                         training={"loss": "CrossEntropyLoss", "optimizer": {"type": "SGD", "lr": 0.2},
                                   "batch_size": 16, "epochs": epochs, "seed": 0}, name="tiny spiral")


def shoot(dialog, name):
    if SHOTS:
        dialog.grab().save(os.path.join(SHOTS, f"{name}.png"))


def prepared(window, tmp_path):
    window.settings.setValue(RUNS_ROOT_KEY, str(tmp_path / "runs"))
    window.session.replace(project_from_dict(tiny()), None)
    install(window)


def test_the_tools_menu_offers_the_three_dialogs(window, tmp_path):
    prepared(window, tmp_path)
    texts = [a.text() for a in window.menu("Tools").actions()]
    assert {"Compare &Variants…", "Hyperparameter &Sweep…", "Cross-&Validate…"} <= set(texts)


def test_n_way_compare_draws_every_variant_and_fills_the_table(window, qtbot, tmp_path):
    prepared(window, tmp_path)
    dialog = open_variants(window)
    dialog.key_box.setCurrentText("training.batch_size")
    dialog.values_edit.setText("full,16,4")
    with qtbot.waitSignal(dialog.runner.finished, timeout=60_000):
        dialog.start()
    assert dialog.table.rowCount() == 3
    assert [dialog.table.item(r, 0).text() for r in range(3)] == ["full", "16", "4"]
    curves = [item for item in dialog.loss_plot.listDataItems()]
    assert len(curves) == 3 and all(len(c.getData()[0]) == 3 for c in curves)
    assert len(dialog.gradient_plot.listDataItems()) == 3
    assert (dialog.folder / "curves.png").exists() and "Done: 3 variants" in dialog.status.text()
    shoot(dialog, "compare_variants")
    dialog.values_edit.setText("8")
    dialog.start()
    assert "at least two values" in dialog.status.text() and not dialog.runner.busy


def test_sweep_lists_trials_plots_them_and_opens_the_best(window, qtbot, tmp_path):
    prepared(window, tmp_path)
    dialog = open_sweep(window)
    dialog.space_edit.setPlainText(json.dumps({"training.optimizer.lr": {"float": [0.01, 1.0], "log": True},
                                               "training.batch_size": {"choice": ["full", 16]}}))
    dialog.trials_spin.setValue(6)
    dialog.epochs_spin.setValue(2)
    with qtbot.waitSignal(dialog.runner.finished, timeout=90_000):
        dialog.start()
    assert dialog.table.rowCount() == 6 and len(dialog.trials) == 6
    complete = [t for t in dialog.trials if t.state == "complete"]
    assert len(dialog.complete_points.getData()[0]) == len(complete) > 0
    assert len(dialog.slice_points.getData()[0]) == len(complete)
    dialog.slice_box.setCurrentText("training.batch_size")
    assert len(dialog.slice_points.getData()[0]) == len(complete)
    shoot(dialog, "sweep")
    assert dialog.best_button.isEnabled()
    dialog.best_button.click()
    best = dialog.sweep.study.best_trial
    assert window.session.project.training["optimizer"]["lr"] == best.params["training.optimizer.lr"]
    assert "best of sweep" in window.session.project.name


def test_before_a_sweep_the_columns_and_slice_follow_the_space_as_typed(window, tmp_path):
    prepared(window, tmp_path)
    dialog = open_sweep(window)

    def headers():
        return [dialog.table.horizontalHeaderItem(i).text() for i in range(dialog.table.columnCount())]

    assert headers() == ["trial", "state", "val_loss", "training.optimizer.lr", "training.batch_size"]
    dialog.space_edit.setPlainText('{"training.optimizer.momentum": {"float": [0, 0.9]}}')
    dialog.metric_box.setCurrentText("val_acc")
    assert headers() == ["trial", "state", "val_acc", "training.optimizer.momentum"]
    assert [dialog.slice_box.itemText(i) for i in range(dialog.slice_box.count())] == ["training.optimizer.momentum"]
    dialog.space_edit.setPlainText('{"training.optimizer.mom')  # half typed: the columns stay
    assert headers()[-1] == "training.optimizer.momentum"
    assert dialog.height() <= dialog.screen().availableGeometry().height()


def test_a_bad_space_is_reported_in_the_dialog(window, tmp_path):
    prepared(window, tmp_path)
    dialog = open_sweep(window)
    dialog.space_edit.setPlainText('{"graph.h.units": {"int": [1, 4]}}')
    dialog.start()
    assert "takes no parameter 'units'" in dialog.status.text() and not dialog.runner.busy
    dialog.space_edit.setPlainText("[" * 100_000)  # deeper than the JSON parser's recursion goes
    dialog.start()
    assert "nested more than" in dialog.status.text() and not dialog.runner.busy


def test_cross_validation_shows_one_row_per_fold_and_the_spread(window, qtbot, tmp_path):
    prepared(window, tmp_path)
    dialog = open_cv(window)
    dialog.folds_spin.setValue(3)
    with qtbot.waitSignal(dialog.runner.finished, timeout=60_000):
        dialog.start()
    assert dialog.table.rowCount() == 3 and len(dialog.plot.listDataItems()) == 3
    assert "val loss" in dialog.status.text() and "±" in dialog.status.text()
    shoot(dialog, "cross_validation")


def test_every_lesson_fits_its_example():
    from dlplayground.experiments.lessons import LESSONS
    from dlplayground.experiments.settings import parse_value
    from dlplayground.experiments.variants import variant_projects
    from dlplayground.resources import examples_dir
    from dlplayground.training.setup import prepare_training

    folder = examples_dir()
    for lesson in LESSONS:
        project = json.loads((folder / lesson.example).read_text())
        if lesson.pair:
            assert (folder / lesson.pair).exists(), lesson.title
            continue
        if lesson.view:  # trains the example itself
            assert lesson.vary is None and lesson.view in ("filters", "generative"), lesson.title
            prepare_training(project, folder, epochs=1)
            continue
        key, values = lesson.vary
        variants, _ = variant_projects(project, key, [parse_value(v) for v in values.split(",")])
        for variant in variants:  # every variant is a project that trains (graph, settings, data)
            variant["data"]["params"] = {**variant["data"].get("params", {}),
                                         **({"samples": 60} if variant["data"]["name"] != "digits" else {})}
            prepare_training(variant, folder, epochs=1)


def test_a_lesson_opens_its_project_and_starts_the_comparison(window, qtbot, tmp_path):
    from dlplayground.experiments.lessons import LESSONS, UPCOMING
    from dlplayground.qt.experiments import open_lessons

    prepared(window, tmp_path)
    dialog = open_lessons(window)
    assert dialog.list.count() == len(LESSONS) + len(UPCOMING)
    dialog.list.setCurrentRow(2)
    assert "What to watch" in dialog.text.text() and "training.batch_size" in dialog.text.text()
    shoot(dialog, "lessons")
    dialog.start_selected()
    variants = window.findChild(type(open_variants(window)), "variants_dialog")
    assert variants.runner.busy and window.session.project.name.startswith("Spiral")
    assert variants.key_box.currentText() == "training.batch_size"
    variants.runner.shutdown()


def test_the_gallery_covers_the_course_topics_and_shows_the_ones_to_come(window):
    from dlplayground.experiments.lessons import LESSONS, UPCOMING
    from dlplayground.qt.experiments import open_lessons

    titles = " | ".join(lesson.title for lesson in LESSONS).lower()
    for topic in ("residual", "1x1", "pooling", "dropout", "under-fitting", "stochastic", "momentum", "rmsprop",
                  "adam", "activations", "vanishing", "batch normalisation", "local response", "rnn", "lstm",
                  "gru", "filters", "feature maps", "grad-cam", "autoencoder", "vae", "gan"):
        assert topic in titles, topic
    dialog = open_lessons(window)
    upcoming = [dialog.list.item(i) for i in range(len(LESSONS), dialog.list.count())]
    assert [item.text() for item in upcoming] == [f"{title} (to come)" for title, _ in UPCOMING]
    assert all(not item.flags() & Qt.ItemFlag.ItemIsEnabled for item in upcoming)
    dialog.close()


def test_the_filters_lesson_trains_the_cnn_with_the_filters_view_open(window, qtbot, tmp_path):
    from dlplayground.experiments.lessons import LESSONS
    from dlplayground.qt.experiments import start_lesson
    from dlplayground.qt.training.integration import install_training

    prepared(window, tmp_path)
    install_training(window, tmp_path / "runs")
    lesson = next(lesson for lesson in LESSONS if lesson.view == "filters")
    training = start_lesson(window, lesson)
    assert training is window.training and window.session.project.name.lower().startswith("digits")
    assert training.model_panel.tabs.currentWidget() is training.model_panel.images
    with qtbot.waitSignal(training.controller.run_started, timeout=60_000):
        pass
    assert training.model_panel.tabs.currentWidget() is training.model_panel.images
    training.controller.stop()


def test_the_gan_lesson_trains_the_ring_gan_with_the_generative_view_open(window, qtbot, tmp_path):
    from dlplayground.experiments.lessons import LESSONS
    from dlplayground.qt.experiments import start_lesson
    from dlplayground.qt.training.integration import install_training

    prepared(window, tmp_path)
    install_training(window, tmp_path / "runs")
    lesson = next(lesson for lesson in LESSONS if "GAN" in lesson.title)
    training = start_lesson(window, lesson)
    assert training is window.training and window.session.project.training.get("objective") == "gan"
    with qtbot.waitSignal(training.controller.run_started, timeout=60_000):
        pass
    assert training.model_panel.tabs.currentWidget() is training.model_panel.generative
    training.controller.stop()
