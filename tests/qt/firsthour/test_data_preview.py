"""Item 8: the CSV workflow (Browse, column picker, first rows, class counts, scatter with the
columns' names, the class-count fix) and previews of the built-in datasets."""

from __future__ import annotations

import pytest

from tests.qt.conftest import open_example


def write_csv(path, classes=3, rows=60):
    lines = ["width,height,kind"]
    for i in range(rows):
        lines.append(f"{i % 7 * 0.5},{i % 5 * 0.25 - 1},{i % classes}")
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
def test_browse_picks_a_csv_shows_its_rows_columns_counts_and_a_named_scatter(qtbot, window, tmp_path, size):
    window.resize(*size)
    open_example(window, "spiral_mlp.dlp.json")
    window.settings_dock.raise_()
    preview = window.settings_panel.preview
    window.editor.set_settings("data", {"name": "csv", "params": {}})
    qtbot.waitUntil(lambda: preview.browse_button.isVisible(), timeout=3000)
    csv_path = write_csv(tmp_path / "points.csv", classes=4)
    chosen = preview.choose_file(csv_path)  # what Browse does with the file the user picked
    assert chosen == csv_path or chosen.name == "points.csv"
    data = window.session.project.data
    assert data["params"]["target"] == "kind"  # the last column until the user picks another
    qtbot.waitUntil(lambda: preview.dataset is not None, timeout=3000)
    assert [preview.target_combo.itemText(i) for i in range(preview.target_combo.count())] == ["width", "height", "kind"]
    assert preview.table.columnCount() == 3 and preview.table.rowCount() == 5
    assert preview.table.item(0, 2).text() == "0"
    assert "0: 15" in preview.counts.text() and "3: 15" in preview.counts.text()
    assert preview.plot.isVisible()
    item = preview.plot.getPlotItem()
    assert item.getAxis("bottom").labelText == "width" and item.getAxis("left").labelText == "height"
    # 4 classes against the spiral's 3 outputs: a one-click fix on the last Linear
    qtbot.waitUntil(lambda: preview.fix_button.isVisible(), timeout=3000)
    assert "out_features to 4" in preview.fix_button.text()
    assert preview.apply_fix()
    linear = [n for n in window.session.graph.nodes if n.type == "Linear"][-1]
    assert linear.params["out_features"] == 4
    qtbot.waitUntil(lambda: not preview.fix_button.isVisible(), timeout=3000)
    assert not window.session.problems


def test_an_empty_target_lists_the_columns_and_the_picker_sets_it(qtbot, window, tmp_path):
    open_example(window, "spiral_mlp.dlp.json")
    window.settings_dock.raise_()
    preview = window.settings_panel.preview
    write_csv(tmp_path / "points.csv")
    window.editor.set_settings("data", {"name": "csv", "params": {"path": str(tmp_path / "points.csv")}})
    qtbot.waitUntil(lambda: preview.message.isVisible(), timeout=3000)
    assert "width, height, kind" in preview.message.text()
    index = preview.target_combo.findData("kind")
    preview.target_combo.setCurrentIndex(index)
    preview.target_combo.activated.emit(index)
    assert window.session.project.data["params"]["target"] == "kind"
    qtbot.waitUntil(lambda: preview.dataset is not None, timeout=3000)


def test_images_show_as_a_grid_and_the_spiral_as_points_before_training(qtbot, window):
    open_example(window, "digits_cnn.dlp.json")
    window.settings_dock.raise_()
    preview = window.settings_panel.preview
    qtbot.waitUntil(lambda: preview.dataset is not None and preview.dataset.name == "digits", timeout=5000)
    assert preview.images.isVisible() and not preview.images.pixmap().isNull()
    assert not preview.plot.isVisible() and not preview.browse_button.isVisible()
    assert preview.counts.text().count(":") >= 10  # a count per digit
    open_example(window, "spiral_mlp.dlp.json")
    qtbot.waitUntil(lambda: preview.dataset is not None and preview.dataset.name == "spiral", timeout=5000)
    assert preview.plot.isVisible() and not preview.images.isVisible()
    assert preview.points() is not None and preview.points()[0].shape[1] == 2
