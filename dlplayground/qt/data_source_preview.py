"""The data preview and the Browse button of the Data & Training panel.

The preview loads the dataset on a worker thread (a big folder of images takes a while) with a
busy indicator, then shows a grid of training samples with their labels, the class counts of
both splits, and for CSV-based sets the first rows with pickers for the text/target columns.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Mapping

import numpy as np
from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGridLayout, QHBoxLayout, QLabel,
    QProgressBar, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from dlplayground.data import DataError
from dlplayground.data.preview import Preview, summarise
from dlplayground.qt.runs.threads import thread_started, thread_stopped
from dlplayground.graph.text import message_of
from dlplayground.qt.engine_text import shown

#: datasets whose 'path' is a folder (the others name a file)
FOLDER_SETS = frozenset({"image_folder", "mnist", "fashion_mnist", "cifar10"})
_THUMB = 56


class _Loader(QObject):
    """Loads and summarises the data on its own thread, then ends that thread."""

    loaded = Signal(object)
    failed = Signal(str)

    def __init__(self, section: Mapping[str, Any], base_dir: Path | None) -> None:
        super().__init__()
        self.section, self.base_dir = dict(section), base_dir

    @Slot()
    def run(self) -> None:
        try:
            self.loaded.emit(summarise(self.section, self.base_dir))
        except (DataError, OSError) as exc:
            self.failed.emit(shown(message_of(exc)))  # translated here: a str signal drops the Text
        finally:
            QThread.currentThread().quit()


class _Abandoned:
    """A load whose dialog was closed: it cannot be interrupted, so it finishes on its own thread
    (the window stays responsive) and is waited for only if the application quits first."""

    held: set["_Abandoned"] = set()

    def __init__(self, thread: QThread, loader: _Loader) -> None:
        self.thread, self.loader = thread, loader
        thread.setParent(None)
        _Abandoned.held.add(self)
        thread_started(self)
        thread.finished.connect(self._finished)

    def _finished(self) -> None:
        thread_stopped(self)
        _Abandoned.held.discard(self)

    def shutdown(self) -> None:
        self.thread.wait()


def thumbnail(image: np.ndarray) -> QPixmap:
    """A uint8 [C, H, W] sample (C 1 or 3) as a pixmap scaled to the grid cell."""
    pixels = np.ascontiguousarray(image[0] if image.shape[0] == 1 else image.transpose(1, 2, 0))
    height, width = pixels.shape[:2]
    fmt = QImage.Format.Format_Grayscale8 if pixels.ndim == 2 else QImage.Format.Format_RGB888
    qimage = QImage(pixels.data, width, height, pixels.strides[0], fmt).copy()
    return QPixmap.fromImage(qimage).scaled(_THUMB, _THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                            Qt.TransformationMode.FastTransformation)


class DataPreviewDialog(QDialog):
    """Loads ``section`` off the GUI thread and shows what the model will see.

    Signals:
        columns_chosen(text, target): the user picked columns of a CSV-based set.
    """

    columns_chosen = Signal(str, str)
    shown = Signal()

    def __init__(self, section: Mapping[str, Any], base_dir: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preview: {value}").format(value=section.get('name')))
        self.section = dict(section)
        self.preview: Preview | None = None
        self.error: str | None = None
        self._layout = QVBoxLayout(self)
        self.status = QLabel(self.tr("Loading…"))
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # busy: the loaders report no steps
        self._layout.addWidget(self.status)
        self._layout.addWidget(self.busy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self._buttons = buttons
        self._layout.addStretch(1)  # spare height goes below the preview, not between its parts
        self._layout.addWidget(buttons)

        self._thread = QThread(self)
        self._loader = _Loader(section, base_dir)
        self._loader.moveToThread(self._thread)
        self._thread.started.connect(self._loader.run)
        self._loader.loaded.connect(self._show)
        self._loader.failed.connect(self._fail)
        self._thread.start()

    def done(self, result: int) -> None:
        if self._thread.isRunning():  # closed while loading: never block the window on it
            self._loader.loaded.disconnect(self._show)
            self._loader.failed.disconnect(self._fail)
            _Abandoned(self._thread, self._loader)
        super().done(result)

    def _stop(self) -> None:
        self._thread.wait()  # the loader ends its thread once it has emitted

    @Slot(str)
    def _fail(self, message: str) -> None:
        self._stop()
        self.error = message
        self.busy.hide()
        self.status.setText(message)
        self.status.setWordWrap(True)
        self.shown.emit()

    @Slot(object)
    def _show(self, preview: Preview) -> None:
        self._stop()
        self.preview = preview
        self.busy.hide()
        self.status.setText(self.tr("{name}: input [{value}], {train_count} training and {val_count} validation samples").format(name=preview.name, value=', '.join(map(str, preview.input_shape)), train_count=preview.train_count, val_count=preview.val_count))
        insert = self._layout.count() - 2  # above the stretch and the buttons
        if preview.images is not None and len(preview.images):
            grid_widget = QWidget()
            grid = QGridLayout(grid_widget)
            for i, image in enumerate(preview.images):
                cell = QLabel()
                cell.setPixmap(thumbnail(image))
                cell.setToolTip(preview.labels[i] if i < len(preview.labels) else "")
                caption = QLabel(preview.labels[i] if i < len(preview.labels) else "")
                caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
                grid.addWidget(cell, (i // 8) * 2, i % 8, alignment=Qt.AlignmentFlag.AlignCenter)
                grid.addWidget(caption, (i // 8) * 2 + 1, i % 8)
            self._layout.insertWidget(insert, grid_widget)
            insert += 1
        if preview.counts:
            self.counts = QTableWidget(len(preview.counts), 3)
            self.counts.setHorizontalHeaderLabels(["class", "training", "validation"])
            for row, (name, (train, val)) in enumerate(preview.counts.items()):
                for col, text in enumerate((name, str(train), str(val))):
                    self.counts.setItem(row, col, QTableWidgetItem(text))
            self.counts.verticalHeader().hide()
            self.counts.horizontalHeader().setStretchLastSection(True)
            # as tall as its rows (up to 12 of them), so the samples and CSV rows keep the room
            shown = min(len(preview.counts), 12)
            self.counts.setFixedHeight(self.counts.horizontalHeader().sizeHint().height() + 4
                                       + shown * self.counts.verticalHeader().defaultSectionSize())
            self._layout.insertWidget(insert, self.counts)
            insert += 1
        if preview.header:
            self.rows = QTableWidget(len(preview.rows), len(preview.header))
            self.rows.setHorizontalHeaderLabels(list(preview.header))
            for r, values in enumerate(preview.rows):
                for c, text in enumerate(values[: len(preview.header)]):
                    self.rows.setItem(r, c, QTableWidgetItem(text))
            self._layout.insertWidget(insert, self.rows)
            insert += 1
            self._add_column_picker(preview.header, insert)
        self.shown.emit()

    def _add_column_picker(self, header: tuple[str, ...], at: int) -> None:
        params = self.section.get("params") or {}
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        self.text_combo: QComboBox | None = None
        if self.section.get("name") == "text":
            self.text_combo = QComboBox()
            self.text_combo.addItems(list(header))
            self.text_combo.setCurrentText(params.get("text") or header[0])
            form.addRow(self.tr("text column"), self.text_combo)
        self.target_combo = QComboBox()
        self.target_combo.addItems(list(header))
        self.target_combo.setCurrentText(params.get("target") or header[-1])
        form.addRow(self.tr("target column"), self.target_combo)
        use = QPushButton(self.tr("Use these columns"))
        use.clicked.connect(self._columns_used)
        form.addRow(use)
        self._layout.insertWidget(at, form_widget)

    def _columns_used(self) -> None:
        text = self.text_combo.currentText() if self.text_combo is not None else ""
        self.columns_chosen.emit(text, self.target_combo.currentText())


class DataTools(QWidget):
    """Browse… (a folder or a file for the dataset's 'path') and Preview… buttons.

    Args:
        section: returns the project's current data section.
        base_dir: returns the folder relative paths are resolved against.
        edit: applies ``(dotted data key, value)`` through the panel's undoable edit.
    """

    def __init__(self, section: Callable[[], Mapping[str, Any]], base_dir: Callable[[], "Path | None"],
                 edit: Callable[[str, Any], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._section, self._base_dir, self._edit = section, base_dir, edit
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.setToolTip(self.tr("Choose the dataset's folder or file"))
        self.browse_button.clicked.connect(self.browse)
        self.preview_button = QPushButton(self.tr("Preview…"))
        self.preview_button.setToolTip(self.tr("Load the data and show samples, labels and class counts"))
        self.preview_button.clicked.connect(self.open_preview)
        row.addWidget(self.browse_button)
        row.addWidget(self.preview_button)
        self.dialog: DataPreviewDialog | None = None

    def refresh(self) -> None:
        """Browse makes sense only for datasets with a 'path'; CSV and NPZ files have their own
        Browse in the table preview (qt.data_preview) beside the column picker."""
        from dlplayground.data import DATASETS
        from dlplayground.qt.data_preview import FILE_FILTERS

        name = self._section().get("name", "")
        spec = DATASETS.get(name)
        self.browse_button.setEnabled(spec is not None and spec.schema.get("path") is not None)
        self.browse_button.setVisible(name not in FILE_FILTERS)

    def browse(self) -> None:
        name = self._section().get("name", "")
        start = str(self._base_dir() or Path.home())
        if name in FOLDER_SETS:
            chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose the dataset's folder"), start)
        else:
            chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the data file"), start)
        if chosen:
            self._edit("params.path", self._relative(Path(chosen)))

    def _relative(self, path: Path) -> str:
        base = self._base_dir()
        if base is not None:
            try:
                return path.resolve().relative_to(base.resolve()).as_posix()
            except ValueError:
                pass
        return str(path)

    def open_preview(self) -> DataPreviewDialog:
        self.dialog = DataPreviewDialog(self._section(), self._base_dir(), self)
        self.dialog.columns_chosen.connect(self._columns_chosen)
        self.dialog.show()
        return self.dialog

    def _columns_chosen(self, text: str, target: str) -> None:
        if text:
            self._edit("params.text", text)
        self._edit("params.target", target)
