"""Every header and label of the Compare Variants and Cross-Validate dialogs goes through the
translator, and no header is cut: table headers, the epoch box's "project's", the folds box's prefix, the plots'
titles and axes, "n/a" cells, the stop reasons and the metrics of the summary line (some were
plain English literals that no translation could reach)."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QLabel

from dlplayground.experiments.cv import FoldRow
from dlplayground.experiments.variants import VariantRow
from dlplayground.qt.experiments.cv_dialog import CrossValidationDialog
from dlplayground.qt.experiments.variants_dialog import VariantsDialog

OPEN, CLOSE = "\u2039", "\u203a"


def pseudo(source: str) -> str:
    """A pseudo-translation: the text between ‹ and ›, a third longer (as translations often are)."""
    return f"{OPEN}{source}{'~' * (len(source) // 3)}{CLOSE}"


class MarkingTranslator(QTranslator):
    """Translates every text into its :func:`pseudo` form: what it does not reach stays bare."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D401 - Qt override
        return pseudo(source) if source else ""

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


@pytest.fixture
def marked(qapp):
    translator = MarkingTranslator()
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def is_marked(text: str) -> bool:
    return text.startswith(OPEN) and CLOSE in text


def headers(table) -> list[str]:
    return [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]


def assert_headers_whole(table) -> None:
    """Every header is as wide as its text (a translation is often longer than the English)."""
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    for column in range(table.columnCount()):
        text = table.horizontalHeaderItem(column).text()
        assert header.sectionSize(column) >= metrics.horizontalAdvance(text), f"{text!r} is cut"


def plot_texts(plot) -> list[str]:
    item = plot.getPlotItem()
    return [item.titleLabel.text, item.getAxis("left").labelText, item.getAxis("bottom").labelText]


def shown_labels(dialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel) if label.text() and not label.buddy()
            and label.isVisibleTo(dialog) and label.parent() is dialog]


def test_the_variants_dialog_translates_every_header_and_label(qtbot, marked, tmp_path):
    dialog = VariantsDialog(lambda: {}, lambda: None, tmp_path)
    qtbot.addWidget(dialog)
    texts = [*headers(dialog.table), dialog.epochs_spin.specialValueText(), *shown_labels(dialog)]
    assert_headers_whole(dialog.table)
    for plot in (dialog.loss_plot, dialog.val_plot, dialog.gradient_plot):
        texts += plot_texts(plot)
    dialog._on_finished(([VariantRow("v0", "full", 99, 0.5, None, None, None, 3, 30, 1.5, 1.0, 2, "early_stopping")],
                         tmp_path, type("Comparison", (), {"differing": ()})()))
    texts += [dialog.table.item(0, 2).text(), dialog.table.item(0, 3).text(), dialog.table.item(0, 8).text()]
    bare = [text for text in texts if not is_marked(text)]
    assert not bare, f"not translated: {bare}"


def test_the_cross_validation_dialog_translates_every_header_and_label(qtbot, marked, tmp_path):
    dialog = CrossValidationDialog(lambda: {}, lambda: None, tmp_path)
    qtbot.addWidget(dialog)
    texts = [*headers(dialog.table), dialog.folds_spin.prefix(), *shown_labels(dialog), *plot_texts(dialog.plot)]
    assert_headers_whole(dialog.table)
    dialog._on_posted(("fold", FoldRow(1, 80, 20, 0.5, 0.6, None, None, 3, 1.0, "completed")))
    assert_headers_whole(dialog.table)
    texts += [dialog.table.item(0, 5).text(), dialog.table.item(0, 6).text()]
    bare = [text for text in texts if not is_marked(text)]
    assert not bare, f"not translated: {bare}"
    # the summary names each metric as its column does
    dialog._on_finished(([], {"train_loss": {"mean": 0.5, "std": 0.1}, "train_acc": {"mean": None, "std": None}},
                         tmp_path))
    assert f"{pseudo('train loss')} 0.5000 ± 0.1000" in dialog.status.text()


def test_lupdate_finds_every_header_of_both_tables_and_every_stop_reason(tmp_path):
    """translate() of a bare literal reaches no catalogue: lupdate files only marked texts."""
    from dlplayground.qt import engine_text
    from dlplayground.qt.experiments import cv_dialog, variants_dialog
    from tests.qt.firsthour.test_translation import _messages, _tool

    ts = tmp_path / "found.ts"
    subprocess.run([_tool("pyside6-lupdate"), variants_dialog.__file__, cv_dialog.__file__, engine_text.__file__,
                    "-locations", "none",
                    "-ts", str(ts)], check=True, capture_output=True, timeout=120)
    sources = {m.find("source").text for m in _messages(ts)}
    wanted = {*variants_dialog.COLUMNS, *cv_dialog.COLUMNS, *engine_text.STOP_REASONS.values(),
              variants_dialog.NOT_AVAILABLE}
    assert wanted <= sources, f"not filed for translation: {wanted - sources}"
