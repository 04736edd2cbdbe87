"""The inspector: the selected node's id, shapes, parameter count, problems and parameters.

The parameter form is generated from the layer's schema; each edit becomes an undo command
through the editor, and shapes re-infer at once. Undo and redo update the form in place.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from dlplayground.qt.i18n import QT_TRANSLATE_NOOP

from dlplayground.graph.events import DocumentEvent, NodeExtraChanged, NodeParamsChanged, NodeRemoved
from dlplayground.graph.problems import problems_by_node
from dlplayground.layers.catalogue import CATALOGUE
from dlplayground.layers.shapes import fmt
from dlplayground.qt.canvas import style
from dlplayground.qt.editor import GraphEditor
from dlplayground.qt.param_form import ParamForm
from dlplayground.qt.session import DocumentSession
from dlplayground.qt.undo_keys import let_window_undo
from dlplayground.qt.i18n import translate
from dlplayground.qt.mlp_shape import MlpShapeWidget
from dlplayground.qt.engine_text import shown

_HINT = (
    QT_TRANSLATE_NOOP("inspector", "<p><b>No node selected.</b></p>"
    "<p>Drag layers from the palette onto the canvas. Drag from a node's output port (right) "
    "to another node to connect them.</p>"
    "<p>Select a node to edit its parameters here; select a chain of layers and use "
    "<i>Edit › Wrap in Residual Block</i> to add a skip connection.</p>")
)

class InspectorWidget(QWidget):
    """Shows and edits the node selected on the canvas."""

    def __init__(self, session: DocumentSession, editor: GraphEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.editor = session, editor
        self.node_id: str | None = None
        self.form: ParamForm | None = None
        self.id_edit: QLineEdit | None = None
        self._info: dict[str, QLabel] = {}
        self._problems: QLabel | None = None
        self.trainable_box: QCheckBox | None = None
        self.mlp_shape: MlpShapeWidget | None = None

        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._scroll)
        session.document_changed.connect(self._on_document_changed)
        session.inference_updated.connect(self._refresh_info)
        session.project_replaced.connect(self.clear)
        self.show_nodes([])

    def show_nodes(self, node_ids: list[str]) -> None:
        """Show one node's editor, a summary of several, or a hint for none."""
        node_ids = [n for n in node_ids if self.session.graph.has_node(n)]
        self.node_id = node_ids[0] if len(node_ids) == 1 else None
        self.form, self.id_edit, self._info, self._problems = None, None, {}, None
        self.trainable_box = None
        self.mlp_shape = None
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        if self.node_id is not None:
            self._build_node_page(layout, self.node_id)
        elif node_ids:
            label = QLabel(self.tr("<p><b>{count} nodes selected.</b></p><p>Copy, duplicate or delete them together, or wrap a selected chain in a residual block (<i>Edit › Wrap in Residual Block</i>).</p>").format(count=len(node_ids)), page)
            label.setWordWrap(True)
            layout.addWidget(label)
        else:
            self.mlp_shape = MlpShapeWidget(self.session, self.editor, page)  # only for a simple MLP
            layout.addWidget(self.mlp_shape)
            label = QLabel(translate("inspector", _HINT), page)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            layout.addWidget(label)
        layout.addStretch(1)
        let_window_undo(page)  # Ctrl+Z undoes the project's last edit with a field focused
        old = self._scroll.takeWidget()
        if old is not None:
            old.deleteLater()  # later: this may run inside a signal of one of its widgets
        self._scroll.setWidget(page)

    def _build_node_page(self, layout: QVBoxLayout, node_id: str) -> None:
        node = self.session.graph.node(node_id)
        spec = CATALOGUE.get(node.type)
        colour = style.category_colour(node.type).name()
        title = QLabel(self.tr("<span style='color:{colour}; font-size:15pt'>■</span> <span style='font-size:13pt; font-weight:600'>{value}</span>").format(colour=colour, value=html.escape(node.type)))
        layout.addWidget(title)
        doc = QLabel(html.escape(shown(spec.doc)) if spec else self.tr("Unknown layer type: it cannot be built."))
        doc.setWordWrap(True)
        doc.setStyleSheet(f"color: {style.TEXT_MUTED.name()};")
        layout.addWidget(doc)

        facts = QFormLayout()
        facts.setContentsMargins(0, 4, 0, 4)
        self.id_edit = QLineEdit(node_id)
        self.id_edit.setToolTip(self.tr("The node's id: names its weights, gradients and ONNX node"))
        self.id_edit.editingFinished.connect(self._rename)
        facts.addRow(self.tr("id"), self.id_edit)
        shown_keys = {"inputs": self.tr("inputs"), "output": self.tr("output"), "parameters": self.tr("parameters")}
        for key, heading in shown_keys.items():
            label = QLabel("")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            facts.addRow(heading, label)
            self._info[key] = label
        self.trainable_box = QCheckBox(self.tr("train its weights"))
        self.trainable_box.setChecked(node.extra.get("trainable", True) is not False)
        self.trainable_box.setToolTip(self.tr("Unchecked: the node is frozen (\"trainable\": false): training leaves "
                                              "its weights as they are, e.g. the pretrained weights an imported "
                                              "model starts from (training.init)"))
        self.trainable_box.toggled.connect(self._trainable_toggled)
        facts.addRow(self.tr("trainable"), self.trainable_box)
        layout.addLayout(facts)

        self._problems = QLabel("")
        self._problems.setWordWrap(True)
        self._problems.setTextFormat(Qt.TextFormat.RichText)  # escaped text: never "&#x27;" on screen
        self._problems.setStyleSheet(f"color: {style.PROBLEM.name()};")
        layout.addWidget(self._problems)

        if spec is not None:
            group = QGroupBox(self.tr("Parameters"))
            inner = QVBoxLayout(group)
            self.form = ParamForm(spec.schema, node.params, group)
            self.form.value_edited.connect(self._param_edited)
            inner.addWidget(self.form)
            layout.addWidget(group)
        self._refresh_info()

    def clear(self) -> None:
        """Show the hint for no selection."""
        self.show_nodes([])

    def _refresh_info(self, *_args: object) -> None:
        if self.node_id is None or not self._info or not self.session.graph.has_node(self.node_id):
            return
        inference = self.session.inference
        shape = inference.shapes.get(self.node_id)
        inputs = inference.input_shapes.get(self.node_id)
        count = inference.param_counts.get(self.node_id)
        self._info["inputs"].setText(" + ".join(fmt(s) for s in inputs) if inputs else "—")
        self._info["output"].setText(fmt(shape) if shape is not None else self.tr("unknown"))
        self._info["parameters"].setText(f"{count:,}" if count is not None else "—")
        if self.trainable_box is not None:  # a layer without weights has nothing to freeze
            frozen = self.session.graph.node(self.node_id).extra.get("trainable", True) is False
            self.trainable_box.setEnabled(count != 0 or frozen)  # unknown (None): may have weights
        problems = problems_by_node(self.session.problems).get(self.node_id, [])
        if self._problems is not None:
            self._problems.setText("<br>".join(f"⚠ {html.escape(shown(p.message), quote=False)}" for p in problems))
            self._problems.setVisible(bool(problems))

    def _param_edited(self, name: str, value: object) -> None:
        if self.node_id is not None:
            self.editor.set_param(self.node_id, name, value)

    def _trainable_toggled(self, checked: bool) -> None:
        if self.node_id is not None:
            self.editor.set_trainable([self.node_id], checked)

    def _rename(self) -> None:
        if self.node_id is None or self.id_edit is None:
            return
        new_id = self.id_edit.text().strip()
        old_id = self.node_id
        if new_id == old_id:
            return
        if not self.editor.rename_node(old_id, new_id):
            self.id_edit.setText(old_id)

    def _on_document_changed(self, event: DocumentEvent) -> None:
        if self.node_id is None:
            return
        if isinstance(event, NodeParamsChanged) and event.node_id == self.node_id and self.form is not None:
            self.form.set_values(event.new)
        elif (isinstance(event, NodeExtraChanged) and event.node_id == self.node_id and event.key == "trainable"
              and self.trainable_box is not None):
            self.trainable_box.blockSignals(True)  # undo/redo shows the state; it is no new edit
            self.trainable_box.setChecked(event.new is not False)
            self.trainable_box.blockSignals(False)
        elif isinstance(event, NodeRemoved) and event.node_id == self.node_id:
            self.show_nodes([])
