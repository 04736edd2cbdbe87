"""Every tab label of the window is drawn whole, in English and in Turkish: the dots of the
"Ü" of "Üretici" were cut off (Fusion gives an unselected tab's label a box shorter than a
line of its font, and QPainter clips text that does not fit its box)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QStyle, QStyleOptionTab, QTabBar

from dlplayground.qt import app as app_module
from dlplayground.qt import i18n
from dlplayground.qt.app_style import label_box
from tests.qt.conftest import full_window


@pytest.fixture(params=["en", "tr"])
def language(request, qapp):
    app_module.configure_application(qapp)  # the application's style, as the app sets it
    translators = i18n.install_translators(qapp, request.param) if request.param != "en" else []
    yield request.param
    i18n.remove_translators(qapp, translators)


def clipped_labels(bar: QTabBar) -> list[str]:
    """The labels of ``bar`` whose tops or bottoms its style would cut: a box shorter than the
    font's line (the painter then clips to it), or letters reaching above or below the tab."""
    cut = []
    for index in range(bar.count()):
        option = QStyleOptionTab()
        bar.initStyleOption(option, index)
        box = bar.style().subElementRect(QStyle.SubElement.SE_TabBarTabText, option, bar)
        metrics = option.fontMetrics
        text = option.text.replace("&&", "&")
        letters = metrics.tightBoundingRect(text)
        # drawn centred in the box: the line's top, then the baseline one ascent below it
        baseline = box.top() + (box.height() - metrics.height()) // 2 + metrics.ascent()
        tab = bar.tabRect(index)
        if box.height() < metrics.height() or baseline + letters.top() < tab.top() \
                or baseline + letters.bottom() > tab.bottom():
            cut.append(text)
    return cut


def test_no_tab_label_of_the_window_is_cut(qtbot, settings, language):
    window = full_window(qtbot, settings, (1280, 720))
    panel = window.training.model_panel
    panel.tabs.setCurrentIndex(0)  # "Generative" (Üretici) unselected: the case that was cut
    bars = [bar for bar in window.findChildren(QTabBar) if bar.isVisible() and bar.count()]
    assert panel.tabs.tabBar() in bars and len(bars) >= 3  # the docks' tab bars too
    for bar in bars:
        assert not clipped_labels(bar), [bar.tabText(i) for i in range(bar.count())]
    if language == "tr":
        assert panel.tabs.tabText(panel.tabs.indexOf(panel.generative)) == "Üretici"


def test_the_label_box_grows_to_a_line_around_its_centre():
    assert label_box(QRect(10, 8, 40, 12), 14) == QRect(10, 7, 40, 14)
    assert label_box(QRect(10, 6, 40, 14), 14) == QRect(10, 6, 40, 14)  # tall enough: unchanged
    assert label_box(QRect(8, 10, 12, 40), 15, vertical=True) == QRect(7, 10, 15, 40)
