"""The data tab's preview: what the dataset holds, before training.

For a file dataset: a Browse button and, for a CSV, a picker of its columns for the target, and
its first rows. For every dataset: the class counts, a scatter of 2-D points (axes named by the
CSV's columns), or a grid of the first images. When the layer feeding the Output has the wrong
number of outputs for the classes, a button sets it (one undo step).

A preview that is not on screen (its dock tabbed behind another) does no work until it is shown,
and its scatter plot (pyqtgraph) is made the first time there are points to draw, so that opening
the window and a project neither loads a dataset here nor imports pyqtgraph.

The dataset is loaded, and the CSV file's first rows read, on a background thread
(:func:`.data_preview_contents.load_contents`; a generated set of a million samples or a large
file takes seconds); the preview says it is loading when that takes more than a moment, and a
load made stale by another change of the data is never shown.
"""

from __future__ import annotations

import csv
import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from dlplayground.qt.i18n import QT_TRANSLATE_NOOP

from dlplayground.data import DATASETS, DEFAULT_DATA, Dataset
from dlplayground.graph.events import DocumentEvent, SettingsChanged
from dlplayground.qt.background import LatestOnly
from dlplayground.qt.canvas import style
from dlplayground.qt.data_preview_contents import (
    PreviewContents,
    data_path,
    grid_picture,
    load_contents,
    read_table_head,
)
from dlplayground.qt.editor import GraphEditor
from dlplayground.qt.param_form import guard_wheel
from dlplayground.qt.session import DocumentSession
from dlplayground.qt.i18n import translate
from dlplayground.qt.engine_text import shown

if TYPE_CHECKING:
    import pyqtgraph as pg

FILE_FILTERS = {"csv": QT_TRANSLATE_NOOP("data_preview", "CSV files (*.csv *.tsv *.txt)"), "npz": QT_TRANSLATE_NOOP("data_preview", "NumPy archives (*.npz)")}
_PLOT_HEIGHT = 190
#: a load that takes longer than this shows the preview's "loading" state (a quicker one, the
#: usual case, changes the preview at once, without a flash of the loading text)
LOADING_SHOWN_AFTER_MS = 150


def data_file(session: DocumentSession) -> Path | None:
    """The data file the project names (resolved against its folder), or None."""
    return data_path(session.project.data or DEFAULT_DATA, session.base_dir)


def feature_names(session: DocumentSession) -> tuple[str, ...] | None:
    """The input columns of a CSV dataset (its header less the target), or None."""
    data = session.project.data or DEFAULT_DATA
    if data.get("name") != "csv":
        return None
    path = data_file(session)
    if path is None or not path.is_file():
        return None
    params = data.get("params") or {}
    try:
        header, _ = read_table_head(path, params.get("delimiter") or ",", rows=0)
    except (OSError, UnicodeDecodeError, csv.Error):
        return None
    return tuple(h for h in header if h != params.get("target"))


def output_fix(session: DocumentSession, dataset: Dataset | None) -> tuple[str, int] | None:
    """``(node_id, classes)`` when the Linear feeding the Output has the wrong number of
    outputs for the classes (a problem is marked on it), else None."""
    if dataset is None or not dataset.is_classification:
        return None
    inference = session.inference
    if not inference.ok or inference.output_id is None:
        return None
    edges = session.graph.in_edges(inference.output_id)
    if not edges:
        return None
    source = edges[0].src
    node = session.graph.node(source)
    if node.type != "Linear":
        return None
    if not any(source in problem.node_ids for problem in session.problems):
        return None
    classes = dataset.num_classes
    if node.params.get("out_features") == classes:
        return None
    return source, classes


class DataPreview(QWidget):
    """The preview below the dataset's settings; follows the project's ``data`` section."""

    def __init__(self, session: DocumentSession, editor: GraphEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.editor = session, editor
        self.dataset: Dataset | None = None
        self.header: list[str] = []
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.setToolTip(self.tr("Choose the data file"))
        self.browse_button.clicked.connect(self.browse)
        self.target_combo = QComboBox()
        self.target_combo.setToolTip(self.tr("The column the network learns to predict"))
        self.target_combo.activated.connect(self._target_chosen)
        guard_wheel(self.target_combo)
        self.target_label = QLabel(self.tr("target column"))
        file_row = QHBoxLayout()
        file_row.setContentsMargins(0, 0, 0, 0)
        file_row.addWidget(self.browse_button)
        file_row.addWidget(self.target_label)
        file_row.addWidget(self.target_combo, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMaximumHeight(150)
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.fix_button = QPushButton()
        self.fix_button.clicked.connect(self.apply_fix)
        self._plot: pg.PlotWidget | None = None  # made with the first scatter (see plot)
        self._legend: pg.LegendItem | None = None
        self._scatters: list[pg.ScatterPlotItem] = []
        self.images = QLabel()
        self.images.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading_label = QLabel(self.tr("Loading the data…"))
        self.loading_label.setObjectName("data_preview_loading")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addLayout(file_row)
        for widget in (self.loading_label, self.message, self.table, self.counts, self.fix_button, self.images):
            self._layout.addWidget(widget)
        for widget in (self.browse_button, self.target_label, self.target_combo, self.message, self.table,
                       self.counts, self.fix_button, self.images, self.loading_label):
            widget.hide()  # until a refresh has something to show in them
        self._fix: tuple[str, int] | None = None
        self._points: tuple[np.ndarray, np.ndarray] | None = None
        self._feature_names: tuple[str, ...] | None = None
        # the dataset loads on a background thread; only the latest load is shown
        self._loader = LatestOnly("data-preview", self)
        self._loader.finished.connect(self._show_contents)
        self._loader.failed.connect(self._load_failed)
        self._loading_timer = QTimer(self)
        self._loading_timer.setSingleShot(True)
        self._loading_timer.setInterval(LOADING_SHOWN_AFTER_MS)
        self._loading_timer.timeout.connect(self._show_loading)
        self._stale = True  # the project's data changed since the last refresh
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)  # one rebuild after a burst of edits
        self._timer.timeout.connect(self.refresh)
        session.project_replaced.connect(self._data_changed)
        session.document_changed.connect(self._on_document_changed)
        session.inference_updated.connect(self._update_fix)

    @property
    def plot(self) -> pg.PlotWidget:
        """The scatter's plot, made (hidden, above the image grid) on first use: pyqtgraph is
        imported only when a preview first has points to draw."""
        if self._plot is None:
            from dlplayground.qt.training import plotting

            self._plot = plotting.plot_widget(self.tr("Data"), left="x₂", bottom="x₁")
            self._plot.setMinimumHeight(_PLOT_HEIGHT)
            self._plot.getPlotItem().setAspectLocked(True)
            self._plot.hide()
            self._legend = plotting.legend(self._plot)
            self._layout.insertWidget(self._layout.indexOf(self.images), self._plot)
        return self._plot

    @property
    def legend(self) -> pg.LegendItem:
        self.plot  # noqa: B018 - makes the legend with the plot
        assert self._legend is not None
        return self._legend

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._stale:
            # after the frame that shows the panel: loading a dataset never delays that paint
            self._timer.start()

    # -- the user's actions ----------------------------------------------------------------
    def browse(self) -> Path | None:
        """Ask for the data file and use it."""
        name = (self.session.project.data or DEFAULT_DATA).get("name", "")
        start = data_file(self.session) or Path(self.session.base_dir or Path.home())
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the data file"), str(start),
                                                self.tr("{value};;All files (*)").format(value=translate("data_preview", FILE_FILTERS.get(name, 'All files (*)'))))
        if not chosen:
            return None
        return self.choose_file(Path(chosen))

    def choose_file(self, path: Path) -> Path:
        """Set the dataset's ``path`` (relative to the project's folder when inside it); a CSV
        whose target is unset or absent gets its last column as the target."""
        base = self.session.base_dir
        shown = path
        if base is not None:
            try:
                shown = path.resolve().relative_to(Path(base).resolve())
            except ValueError:
                shown = path
        data = dict(self.session.project.data or DEFAULT_DATA)
        params = dict(data.get("params") or {})
        params["path"] = shown.as_posix()
        if data.get("name") == "csv":
            try:
                header, _ = read_table_head(path, params.get("delimiter") or ",", rows=0)
            except (OSError, UnicodeDecodeError, csv.Error):
                header = []
            if header and params.get("target") not in header:
                params["target"] = header[-1]  # the usual place of the label; the picker changes it
        data["params"] = params
        self.editor.set_settings("data", data)
        return shown

    def _target_chosen(self, index: int) -> None:
        column = self.target_combo.itemData(index)
        data = dict(self.session.project.data or DEFAULT_DATA)
        params = dict(data.get("params") or {})
        if column is None or params.get("target") == column:
            return
        params["target"] = column
        data["params"] = params
        self.editor.set_settings("data", data)

    def apply_fix(self) -> bool:
        """Set the last Linear's ``out_features`` to the number of classes."""
        if self._fix is None:
            return False
        node_id, classes = self._fix
        return self.editor.set_param(node_id, "out_features", classes)

    # -- following the project -------------------------------------------------------------
    def _on_document_changed(self, event: DocumentEvent) -> None:
        if isinstance(event, SettingsChanged) and event.section == "data":
            self._data_changed()

    def _data_changed(self) -> None:
        self._stale = True
        if self.isVisible():  # a hidden preview refreshes when it is shown
            self._timer.start()

    @property
    def loading(self) -> bool:
        """Whether a load of the dataset is under way whose result this preview will show."""
        return self._loader.busy

    def refresh(self) -> None:
        """Rebuild the preview from the project's data section: at once for what needs no
        loading, in the background for the dataset (see :meth:`_show_contents`)."""
        self._stale = False
        data = dict(self.session.project.data or DEFAULT_DATA)
        name = data.get("name")
        is_file = name in FILE_FILTERS
        self.browse_button.setVisible(is_file)
        self.dataset, self._points = None, None
        self._update_fix()
        spec = DATASETS.get(name) if isinstance(name, str) else None
        if spec is not None and spec.load is not None:
            # real data (thousands of images, a download) is never loaded for this preview:
            # the Preview… button loads it on a worker with a progress indicator
            self._loader.forget()  # a load started for the previous choice is not shown
            self._show_contents(PreviewContents(data, [], []), real=True)
            return
        self._loader.request(load_contents, data, self.session.base_dir)
        self._loading_timer.start()

    def _show_loading(self) -> None:
        """The load takes a while: say so, instead of the last dataset's figures."""
        if not self.loading:
            return
        for widget in (self.message, self.table, self.counts, self.images, self.fix_button):
            widget.hide()
        if self._plot is not None:
            self._plot.hide()
        self.loading_label.show()

    def _load_failed(self, error: object) -> None:
        """A bug, not bad data (that comes as the contents' problem): show its message."""
        data = dict(self.session.project.data or DEFAULT_DATA)
        contents = PreviewContents(data, [], [])
        contents.problem = self.tr("unexpected error: {kind}: {message}").format(kind=type(error).__name__,
                                                                                  message=error)
        self._show_contents(contents)

    def _show_contents(self, contents: PreviewContents, real: bool = False) -> None:
        """Fill the preview from what a load (or, for real data, nothing) produced."""
        self._loading_timer.stop()
        self.loading_label.hide()
        data = contents.data
        self._show_table(data if data.get("name") == "csv" else None, contents)
        self.dataset = contents.dataset
        self._points = None if contents.points is None else (contents.points, contents.targets)
        self._feature_names = contents.feature_names
        if real:
            self.message.setText(self.tr("Real data is loaded when training starts, off the window's thread; "
                                         "<b>Preview…</b> above loads it now and shows samples, labels and class "
                                         "counts."))
            self.message.show()
        else:
            self._show_message(contents.problem)
        self._show_counts(contents.counts)
        self._show_scatter()
        self._show_images(contents)
        self._update_fix()

    def _show_table(self, data: dict[str, Any] | None, contents: PreviewContents) -> None:
        self.header = list(contents.header) if data is not None else []
        rows = contents.rows if data is not None else []
        visible = data is not None
        self.target_label.setVisible(visible)
        self.target_combo.setVisible(visible)
        self.table.setVisible(bool(self.header))
        self.target_combo.clear()
        for column in self.header:
            self.target_combo.addItem(column, column)
        target = ((data or {}).get("params") or {}).get("target")
        index = self.target_combo.findData(target)
        if index < 0 and self.header:
            self.target_combo.insertItem(0, self.tr("(choose a column)"), None)
            index = 0
        self.target_combo.setCurrentIndex(max(index, 0))
        self.target_combo.setEnabled(bool(self.header))
        self.table.setColumnCount(len(self.header))
        self.table.setHorizontalHeaderLabels(self.header)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, cell in enumerate(row[:len(self.header)]):
                self.table.setItem(r, c, QTableWidgetItem(cell))

    def _show_message(self, problem: str | None) -> None:
        if problem is None:
            self.message.clear()
            self.message.hide()
            return
        text = f"⚠ {html.escape(shown(problem), quote=False)}"
        if self.header and "column" not in problem:  # e.g. an empty target: say what there is
            text += self.tr("<br>Columns in the file: ") + ", ".join(html.escape(h, quote=False) for h in self.header)
        self.message.setText(self.tr("<span style='color:{value}'>{text}</span>").format(value=style.PROBLEM.name(), text=text))
        self.message.show()

    def _show_counts(self, counts: np.ndarray | None) -> None:
        dataset = self.dataset
        if dataset is None:
            self.counts.hide()
            return
        total = len(dataset.y_train) + len(dataset.y_val)
        text = self.tr("{total:,} samples ({count:,} training, {count2:,} validation)").format(total=total, count=len(dataset.y_train), count2=len(dataset.y_val))
        if dataset.is_classification and counts is not None:
            text += "<br>" + " · ".join(f"{html.escape(str(n), quote=False)}: {int(c):,}"
                                        for n, c in zip(dataset.class_names, counts))
        self.counts.setText(text)
        self.counts.show()

    def points(self) -> tuple[np.ndarray, np.ndarray] | None:
        """The raw 2-D inputs and their targets (the first ``MAX_POINTS``), when the
        dataset shown is a plane of points."""
        return self._points

    def _show_scatter(self) -> None:
        found = self.points()
        if found is None and self._plot is None:
            return  # nothing drawn, nothing to draw: the plot is not needed yet
        for scatter in self._scatters:
            self.plot.removeItem(scatter)
        self._scatters = []
        self.legend.clear()
        self.plot.setVisible(found is not None)
        if found is None:
            return
        import pyqtgraph as pg

        from dlplayground.qt.training import plotting

        x, y = found
        names = self._feature_names or ("x₁", "x₂")
        item = self.plot.getPlotItem()
        item.setLabel("bottom", names[0] if len(names) > 0 else "x₁")
        item.setLabel("left", names[1] if len(names) > 1 else "x₂")
        dataset = self.dataset
        assert dataset is not None
        if dataset.is_classification:
            for index, name in enumerate(dataset.class_names):
                chosen = y.astype(np.int64) == index
                colour = plotting.palette_colour(index)
                scatter = pg.ScatterPlotItem(x[chosen, 0], x[chosen, 1], size=5, pen=None, brush=colour)
                self.plot.addItem(scatter)
                self.legend.addItem(scatter, str(name))
                self._scatters.append(scatter)
        else:
            values = np.asarray(y, np.float64).reshape(len(y), -1)[:, 0]
            span = float(np.ptp(values)) or 1.0
            colours = pg.colormap.get("CET-D1").map((values - values.min()) / span, mode="qcolor")
            scatter = pg.ScatterPlotItem(x[:, 0], x[:, 1], size=5, pen=None, brush=colours)
            self.plot.addItem(scatter)
            self._scatters.append(scatter)

    def _show_images(self, contents: PreviewContents) -> None:
        dataset = self.dataset
        if dataset is None or contents.grid is None or contents.grid_labels is None:
            self.images.hide()
            self.images.clear()
            return
        self.images.setPixmap(grid_pixmap(contents.grid))
        names = dataset.class_names
        self.images.setToolTip(self.tr("First training images: ") + ", ".join(
            str(names[int(v)]) if dataset.is_classification and int(v) < len(names) else str(v)
            for v in contents.grid_labels))
        self.images.show()

    def _update_fix(self, *_args: object) -> None:
        self._fix = output_fix(self.session, self.dataset)
        if self._fix is None:
            self.fix_button.hide()
            return
        node_id, classes = self._fix
        self.fix_button.setText(self.tr("Fix: set '{node_id}' out_features to {classes} (one per class)").format(node_id=node_id, classes=classes))
        self.fix_button.setToolTip(self.tr("The data has {classes} classes: the layer before the Output needs {classes} outputs").format(classes=classes))
        self.fix_button.show()


def image_grid(samples: np.ndarray, columns: int = 8, scale: int = 4) -> QPixmap:
    """A pixmap of up to ``len(samples)`` images ``[N, C, H, W]`` in rows of ``columns``, each
    stretched to its own range (first channel, grey)."""
    return grid_pixmap(grid_picture(samples, columns), scale)


def grid_pixmap(grid: np.ndarray, scale: int = 4) -> QPixmap:
    """The pixmap of a grey picture from :func:`.data_preview_contents.grid_picture`, ``scale``
    times larger (GUI thread: pixmaps are made there only)."""
    if grid.size == 0:
        return QPixmap()
    image = QImage(grid.data, grid.shape[1], grid.shape[0], grid.shape[1], QImage.Format.Format_Grayscale8).copy()
    return QPixmap.fromImage(image).scaled(grid.shape[1] * scale, grid.shape[0] * scale,
                                           Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation)
