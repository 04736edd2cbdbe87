"""The panel below the canvas: the project's problems and the model summary table.

Both follow the session's inference. Activating a problem or a summary row selects its node
on the canvas (through :attr:`SummaryPanel.node_activated`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dlplayground.compile.infer import Inference
from dlplayground.compile.summary import summary_rows
from dlplayground.layers.shapes import fmt
from dlplayground.qt.canvas import style
from dlplayground.qt.session import DocumentSession
from dlplayground.qt.engine_text import kind_name, shown

NODE_ROLE = Qt.ItemDataRole.UserRole


class SummaryPanel(QWidget):
    """Tabs "Problems" and "Summary".

    Signals:
        node_activated(node_id): the user picked a node in either list.
    """

    node_activated = Signal(str)

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)

        self.problems = QTreeWidget()
        self.problems.setHeaderLabels([self.tr("Problem"), self.tr("Nodes")])
        self.problems.setRootIsDecorated(False)
        self.problems.setAlternatingRowColors(True)
        # long messages end in the suggested fix: wrap them rather than cut them off
        self.problems.setWordWrap(True)
        self.problems.setUniformRowHeights(False)
        self.problems.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.problems.header().setStretchLastSection(False)
        self.problems.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.problems.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.problems.itemActivated.connect(lambda item, _col: self._activate(item.data(0, NODE_ROLE)))
        self.no_problems = QLabel(self.tr("No problems: the model can be built and trained."))
        self.no_problems.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_problems.setStyleSheet(f"color: {style.OK.name()}; padding: 12px;")
        problems_page = QWidget()
        problems_layout = QVBoxLayout(problems_page)
        problems_layout.setContentsMargins(0, 0, 0, 0)
        problems_layout.addWidget(self.problems)
        problems_layout.addWidget(self.no_problems)

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Node"), self.tr("Type"), self.tr("Output shape"), self.tr("Parameters")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.cellActivated.connect(lambda row, _col: self._activate(self.table.item(row, 0).data(NODE_ROLE)))
        self.table.cellClicked.connect(lambda row, _col: self._activate(self.table.item(row, 0).data(NODE_ROLE)))
        self.total = QLabel()
        summary_page = QWidget()
        summary_layout = QVBoxLayout(summary_page)
        summary_layout.setContentsMargins(0, 0, 0, 0)
        summary_layout.addWidget(self.table)
        summary_layout.addWidget(self.total)

        self.tabs.addTab(problems_page, self.tr("Problems"))
        self.tabs.addTab(summary_page, self.tr("Summary"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        session.inference_updated.connect(self.update_from)
        self.update_from(session.inference)

    def update_from(self, inference: Inference) -> None:
        """Refill both tabs from ``inference`` (and the session's data problem)."""
        problems = self.session.problems
        self.problems.clear()
        warn = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for problem in problems:
            item = QTreeWidgetItem(self.problems, [self.tr("{kind}: {message}").format(kind=kind_name(problem.kind), message=shown(problem.message)),
                                                  ", ".join(problem.node_ids)])
            item.setIcon(0, warn)
            item.setToolTip(0, shown(problem.message))
            item.setData(0, NODE_ROLE, problem.node_ids[0] if problem.node_ids else None)
        self.problems.setVisible(bool(problems))
        self.no_problems.setVisible(not problems)
        self.tabs.setTabText(0, self.tr("Problems ({count})").format(count=len(problems)) if problems else self.tr("Problems"))

        rows = summary_rows(self.session.graph, inference)
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            cells = [row.node_id, row.type, row.shape, "—" if row.params is None else f"{row.params:,}"]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(NODE_ROLE, row.node_id)
                if column == 3:
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if row.shape == "?":
                    cell.setForeground(QBrush(style.PROBLEM))
                self.table.setItem(index, column, cell)
        shape = inference.output_shape
        output = self.tr(" · output {shape}").format(shape=fmt(shape)) if shape is not None else ""
        self.total.setText(self.tr("  Total parameters: {total_params:,}{output}").format(total_params=inference.total_params, output=output))

    def _activate(self, node_id: str | None) -> None:
        if node_id:
            self.node_activated.emit(node_id)
