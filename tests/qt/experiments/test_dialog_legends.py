"""The comparison dialogs at their smallest default size: one colour key above the plots,
never a legend over the curves, and the key's text is not cut off."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QRectF

from dlplayground.qt.experiments.cv_dialog import CrossValidationDialog
from dlplayground.qt.experiments.variants_dialog import VariantsDialog, colour
from tests.qt.experiments.test_experiment_dialogs import tiny

LAYERS = ("h", "head")


def scene_rect(item) -> QRectF:
    return item.mapRectToScene(item.boundingRect())


def legends_over_data(plot: pg.PlotWidget) -> list[pg.LegendItem]:
    """The legends drawn inside ``plot`` that overlap its data area."""
    data = scene_rect(plot.getPlotItem().getViewBox())
    return [item for item in plot.scene().items() if isinstance(item, pg.LegendItem) and item.isVisible()
            and item.items and scene_rect(item).intersects(data)]


def key_fits(key) -> bool:
    """Every line of the key is on screen: its wrapped height fits the height it was given."""
    return key.isVisible() and key.heightForWidth(key.width()) <= key.height()


@pytest.mark.parametrize("size", [(980, 520), (1400, 900)], ids=["980x520", "1400x900"])
def test_the_variants_share_one_key_above_their_plots(qtbot, tmp_path, size):
    dialog = VariantsDialog(lambda: tiny(), lambda: None, tmp_path / "runs")
    qtbot.addWidget(dialog)
    dialog.runner.start = lambda job, stop=None: None  # the curves are fed below, no training
    dialog.resize(*size)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.key_box.setCurrentText("training.optimizer.lr")
    dialog.values_edit.setText("0.1,0.01,0.001")
    dialog.start()
    for epoch in range(1, 9):
        for index in range(3):
            loss = 1.4 / epoch ** (index + 1) + 0.05 * index
            dialog._on_epoch((index, epoch, loss, loss * 1.1, (LAYERS, np.array([0.3, 1.2]) * 10.0 ** -index)))
    qtbot.wait(50)
    assert dialog.width() <= size[0] and dialog.height() <= size[1]
    for plot in (dialog.loss_plot, dialog.val_plot, dialog.gradient_plot):
        assert not legends_over_data(plot)
        assert not dialog.key.geometry().intersects(plot.geometry())
    assert [label for label, _ in dialog.key.entries] == ["0.1", "0.01", "0.001"]
    assert [c for _, c in dialog.key.entries] == [colour(i) for i in range(3)]
    assert "training.optimizer.lr" in dialog.key.text()
    assert key_fits(dialog.key)


def test_the_folds_share_one_key_above_their_plot(qtbot, tmp_path):
    dialog = CrossValidationDialog(lambda: tiny(), lambda: None, tmp_path / "runs")
    qtbot.addWidget(dialog)
    dialog.runner.start = lambda job, stop=None: None
    dialog.resize(980, 520)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.folds_spin.setValue(5)
    dialog.start()
    for epoch in range(6):
        for fold in range(5):
            dialog._on_posted(("epoch", fold, 1.0 / (epoch + 1) + 0.02 * fold))
    qtbot.wait(50)
    assert not legends_over_data(dialog.plot)
    assert len(dialog.key.entries) == 5 and key_fits(dialog.key)
    assert not dialog.key.geometry().intersects(dialog.plot.geometry())
