"""The compare dialog fits a 1280x720 laptop's screen: its least width is at most 900 px (it
was ~1050 px, the budget and buttons beside the two choices), in English and in Turkish, and
at that width no text is cut: labels and buttons whole, every plot's title, axes and colour
bar whole, a long choice told whole in its tooltip; once a comparison starts too (the heat
maps' boxes named the projects, which made the least width 995 px)."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from dlplayground.qt import app as app_module
from dlplayground.qt import i18n
from dlplayground.qt.compare.dialog import CompareDialog
from dlplayground.qt.compare.worker import CompareStarted
from tests.conftest import EXAMPLES
from tests.qt.training.test_views import info

MOST_WIDTH = 900


@pytest.fixture(params=["en", "tr"])
def language(request, qapp):
    app_module.configure_application(qapp)
    translators = i18n.install_translators(qapp, request.param)
    yield request.param
    i18n.remove_translators(qapp, translators)


@pytest.mark.parametrize("started", [False, True], ids=["choosing", "started"])
def test_the_dialog_fits_a_laptop_screen_and_cuts_no_text(qtbot, window, language, started):
    dialog = CompareDialog(window.session, None, window)
    qtbot.addWidget(dialog)
    dialog.select_file(dialog.first_combo, EXAMPLES / "deep_plain_relu_mlp.dlp.json")
    dialog.select_file(dialog.second_combo, EXAMPLES / "deep_residual_relu_mlp.dlp.json")
    if started:  # the boxes' titles and the header change once a comparison starts
        names = ("Deep plain MLP (20 layers, relu)", "Deep residual MLP (20 layers, relu)")
        layers = tuple(f"fc{i}" for i in range(19)) + ("head",)
        dialog._on_started(CompareStarted(tuple(info(name=n, layer_ids=layers) for n in names),  # type: ignore[arg-type]
                                          layers, (), {}))
    least = dialog.minimumSizeHint().width()
    assert least <= MOST_WIDTH, f"{language}: the dialog needs {least} px"
    dialog.resize(least, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(50)
    assert dialog.width() <= MOST_WIDTH
    for widget in [*dialog.findChildren(QLabel), *dialog.findChildren(QAbstractButton)]:
        if not widget.isVisible() or (isinstance(widget, QLabel) and widget.wordWrap()):
            continue
        assert widget.width() >= widget.minimumSizeHint().width(), f"{language}: {widget.text()!r} is cut"
    for view in dialog.findChildren(pg.PlotWidget):
        item = view.getPlotItem()
        assert view.width() >= item.effectiveSizeHint(Qt.SizeHint.MinimumSize).width(), item.titleLabel.text
        shown = QRectF(view.rect())
        for part in (item.titleLabel, item.getAxis("left"), item.getAxis("bottom"),
                     *[child for child in item.childItems() if isinstance(child, pg.ColorBarItem)]):
            rect = view.mapFromScene(part.mapRectToScene(part.rect())).boundingRect()  # its layout box
            assert shown.contains(QRectF(rect)), f"{language}: {item.titleLabel.text}: {type(part).__name__} is cut"
    # a choice longer than its box is told whole in the box's tooltip
    for combo in (dialog.first_combo, dialog.second_combo):
        assert combo.toolTip() == combo.currentText() and combo.currentText()
