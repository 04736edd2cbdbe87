"""Item 1 of the first-hour issue: the window and its dialogs fit 1280x720 and 1920x1080."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QWidget

from dlplayground.qt.main_window import PREFERRED_SIZE, MainWindow
from dlplayground.qt.screen_fit import FRAME_MARGIN_Y, fit_to_screen, fitted_size

SCREENS = [QRect(0, 0, 1280, 720), QRect(0, 0, 1920, 1080)]


def inside(widget: QWidget, window: QWidget) -> bool:
    """Whether ``widget`` lies wholly within ``window``'s client area."""
    top_left = widget.mapTo(window, QPoint(0, 0))
    return QRect(top_left, widget.size()).intersected(window.rect()) == QRect(top_left, widget.size())


@pytest.mark.parametrize("screen", SCREENS, ids=["1280x720", "1920x1080"])
def test_the_window_fits_the_screen_with_its_docks_and_status_bar(qtbot, settings, screen):
    window = MainWindow(settings)
    qtbot.addWidget(window)
    size = fit_to_screen(window, QSize(*PREFERRED_SIZE), screen)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)
    assert size.width() <= screen.width() and size.height() + FRAME_MARGIN_Y <= screen.height()
    assert window.width() <= screen.width() and window.height() <= screen.height() - FRAME_MARGIN_Y + 1
    for widget in (window.statusBar(), window.inspector_dock, window.palette_dock, window.summary_dock):
        assert widget.isVisible() and inside(widget, window), widget.objectName()
    # the canvas keeps a usable share of the height even on the small screen
    assert window.centralWidget().height() >= 0.45 * window.height()
    if screen.width() >= PREFERRED_SIZE[0]:
        assert window.size() == QSize(*PREFERRED_SIZE)  # a big screen gets the preferred size


def test_the_last_geometry_is_restored(qtbot, settings):
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(700, 520)  # within the offscreen screen (800x800): restoring clamps to it
    qtbot.wait(20)
    first.close()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    assert second.size() == QSize(700, 520)


def test_fitted_size_never_exceeds_the_screen():
    assert fitted_size(QSize(1400, 900), QRect(0, 0, 1280, 720)).height() <= 720 - FRAME_MARGIN_Y
    assert fitted_size(QSize(500, 400), QRect(0, 0, 1920, 1080)) == QSize(500, 400)


@pytest.mark.parametrize("screen", SCREENS, ids=["1280x720", "1920x1080"])
def test_the_compare_dialog_shows_pause_and_stop_on_the_screen(qtbot, window, screen):
    from dlplayground.qt.compare.dialog import CompareDialog

    dialog = CompareDialog(window.session, None, window)
    qtbot.addWidget(dialog)
    fit_to_screen(dialog, QSize(1400, 900), screen)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.height() <= screen.height() - FRAME_MARGIN_Y + 1
    assert dialog.minimumSizeHint().height() <= dialog.height()
    for button in (dialog.train_button, dialog.pause_button, dialog.stop_button):
        assert inside(button, dialog)


@pytest.mark.parametrize("screen", SCREENS, ids=["1280x720", "1920x1080"])
def test_the_examples_dialog_fits(qtbot, window, screen):
    from dlplayground.qt.dialogs import ExamplesDialog

    dialog = ExamplesDialog(window)
    qtbot.addWidget(dialog)
    fit_to_screen(dialog, QSize(560, 420), screen)
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
