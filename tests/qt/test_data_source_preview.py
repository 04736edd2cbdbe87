"""The data preview: loads off the GUI thread, shows samples, labels, class counts and CSV rows;
Browse and the column picker edit the project through the panel."""

import pytest

from dlplayground.data.preview import summarise
from dlplayground.qt.data_source_preview import DataPreviewDialog, DataTools
from tests.data.realdata_files import write_image_folder, write_mnist, write_text_csv


def test_summary_of_an_image_set_counts_classes(tmp_path):
    write_mnist(tmp_path, n_train=60, n_test=10)
    preview = summarise({"name": "mnist", "params": {"path": str(tmp_path)}, "val_split": "test"}, None)
    # the first 3 training samples of each of the 10 classes, class after class
    assert preview.images.shape == (30, 1, 28, 28) and len(preview.labels) == 30
    assert preview.labels == tuple(str(d) for d in range(10) for _ in range(3))
    assert sum(t for t, _ in preview.counts.values()) == 60 and sum(v for _, v in preview.counts.values()) == 10


def test_preview_dialog_shows_a_grid_of_images(qtbot, tmp_path):
    write_image_folder(tmp_path, per_class=5)
    dialog = DataPreviewDialog({"name": "image_folder", "params": {"path": str(tmp_path)}}, None)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.shown, timeout=20000):
        dialog.show()
    assert dialog.preview is not None and dialog.preview.counts.keys() == {"cats", "dogs"}
    assert dialog.counts.rowCount() == 2 and "training and" in dialog.status.text()


def test_preview_of_text_offers_columns_and_reports_errors(qtbot, tmp_path):
    path = write_text_csv(tmp_path / "r.csv")
    dialog = DataPreviewDialog({"name": "text", "params": {"path": str(path), "text": "review", "target": "label"}},
                               None)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.shown, timeout=20000):
        dialog.show()
    assert dialog.rows.columnCount() == 2 and dialog.rows.item(0, 0).text().startswith("awful")
    with qtbot.waitSignal(dialog.columns_chosen) as chosen:
        dialog._columns_used()
    assert chosen.args == ["review", "label"]
    bad = DataPreviewDialog({"name": "mnist", "params": {"path": str(tmp_path / "none")}}, None)
    qtbot.addWidget(bad)
    with qtbot.waitSignal(bad.shown, timeout=20000):
        bad.show()
    assert "folder not found" in bad.error


def test_browse_sets_a_relative_path(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    (tmp_path / "pics").mkdir()
    edits = []
    tools = DataTools(lambda: {"name": "image_folder"}, lambda: tmp_path, lambda k, v: edits.append((k, v)))
    qtbot.addWidget(tools)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path / "pics"))
    tools.browse()
    assert edits == [("params.path", "pics")]


def test_the_window_opens_the_image_folder_example_and_previews_it_off_the_gui_thread(qtbot, window, monkeypatch):
    import threading

    import dlplayground.data.preview as preview_module
    from dlplayground.qt import data_preview_contents
    from tests.qt.conftest import open_example

    # the data tab never loads real data for its preview (the Preview… button does, on a worker)
    loads = []
    monkeypatch.setattr(data_preview_contents, "load_dataset", lambda *a: loads.append(a))
    open_example(window, "image_folder_cnn.dlp.json")
    window.settings_dock.raise_()
    assert window.session.data_problem is None  # the shipped pictures are found from the unsaved copy
    assert window.session.input_shape == (3, 32, 32)
    panel = window.settings_panel
    offered = {panel.dataset_combo.itemData(i) for i in range(panel.dataset_combo.count())}
    assert {"image_folder", "mnist", "fashion_mnist", "cifar10", "text"} <= offered
    qtbot.waitUntil(lambda: "Preview…" in panel.preview.message.text(), timeout=3000)
    assert panel.data_tools.browse_button.isVisible() and panel.data_tools.browse_button.isEnabled()
    threads = []
    real_summarise = preview_module.summarise
    monkeypatch.setattr("dlplayground.qt.data_source_preview.summarise",
                        lambda *a: threads.append(threading.current_thread()) or real_summarise(*a))
    dialog = panel.data_tools.open_preview()
    qtbot.addWidget(dialog)
    assert dialog.busy.isVisible()  # the progress indicator while the worker loads
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=20000)
    assert threads and threads[0] is not threading.main_thread()
    assert set(dialog.preview.counts) == {"circle", "square", "triangle"} and dialog.preview.images.shape[1:] == (3, 32, 32)
    assert not dialog.busy.isVisible()
    dialog.close()
    assert loads == [] and not panel.preview.loading


@pytest.mark.parametrize("name, folder", [("mnist", True), ("fashion_mnist", True), ("cifar10", True),
                                          ("image_folder", True), ("text", False)])
def test_browse_asks_for_a_folder_or_a_file(qtbot, tmp_path, monkeypatch, name, folder):
    from PySide6.QtWidgets import QFileDialog

    asked = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda *a, **k: asked.append("folder") or str(tmp_path / "d"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (asked.append("file") or str(tmp_path / "r.csv"), ""))
    edits = []
    tools = DataTools(lambda: {"name": name}, lambda: tmp_path, lambda k, v: edits.append((k, v)))
    qtbot.addWidget(tools)
    tools.refresh()
    assert tools.browse_button.isEnabled()
    tools.browse()
    assert asked == ["folder" if folder else "file"]
    assert edits == [("params.path", "d" if folder else "r.csv")]


def test_closing_the_preview_while_it_loads_does_not_block_the_window(qtbot, monkeypatch):
    import threading
    import time

    from dlplayground.qt import data_source_preview

    release = threading.Event()

    def slow_summarise(section, base_dir):
        release.wait(10)
        raise data_source_preview.DataError("finished after the dialog closed")

    monkeypatch.setattr(data_source_preview, "summarise", slow_summarise)
    dialog = DataPreviewDialog({"name": "mnist", "params": {"path": "m"}}, None)
    qtbot.addWidget(dialog)
    dialog.show()
    started = time.monotonic()
    dialog.close()
    assert time.monotonic() - started < 2 and dialog.preview is None and dialog.error is None
    assert len(data_source_preview._Abandoned.held) == 1
    release.set()
    qtbot.waitUntil(lambda: not data_source_preview._Abandoned.held, timeout=10000)
    assert dialog.error is None  # its result went nowhere
