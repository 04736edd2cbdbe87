"""+/- buttons for the layers and neurons of a simple MLP, as TensorFlow Playground has them.

A *simple MLP* is one chain ``Input -> (Linear -> activation/Dropout...)* -> Linear -> Output``:
every node has at most one input and one output, and only Linear, activation and Dropout
layers sit between Input and Output. Its *hidden layers* are the Linears but the last (the
output layer, sized to the classes) with the nodes that follow each up to the next Linear.

:func:`find_mlp` recognises such a graph, :func:`plan_add_layer` and
:func:`plan_remove_layer` say what one click changes (nodes, edges, moves), and
:class:`MlpShapeWidget` shows the buttons; each click is one undo step.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QToolButton, QWidget

from dlplayground.graph.document import Edge, Graph, Node
from dlplayground.graph.events import DocumentEvent, NodeMoved
from dlplayground.layers.catalogue import CATALOGUE
from dlplayground.qt.commands import AddEdgeCommand, delete_command, insert_command
from dlplayground.qt.editor import GraphEditor
from dlplayground.qt.session import DocumentSession

#: the widths a new hidden layer and a new network's first hidden layer get
DEFAULT_WIDTH = 8
DEFAULT_ACTIVATION = "ReLU"
#: the most hidden layers and neurons the buttons go to (TensorFlow Playground stops at 6 and 8;
#: ours trains on the CPU in a second or two per epoch well beyond that)
MAX_LAYERS, MAX_NEURONS = 8, 512
#: the column spacing of a chain laid out without positions
DEFAULT_SPACING = 160.0


def _between(spec_type: str) -> bool:
    spec = CATALOGUE.get(spec_type)
    return spec is not None and (spec.category == "Activation" or spec_type == "Dropout")


@dataclass
class HiddenLayer:
    linear: str
    followers: list[str] = field(default_factory=list)  # its activation (and Dropout), in order

    @property
    def tail(self) -> str:
        return self.followers[-1] if self.followers else self.linear


@dataclass
class MlpChain:
    input: str
    hidden: list[HiddenLayer]
    output_layer: str  # the last Linear
    output: str

    def tail_before_output_layer(self) -> str:
        return self.hidden[-1].tail if self.hidden else self.input


def find_mlp(graph: Graph) -> MlpChain | None:
    """The graph as a simple MLP, or None if it is anything else (linear in its size)."""
    inputs = [n for n in graph.nodes if n.type == "Input"]
    if len(inputs) != 1 or len(graph) < 3:
        return None
    chain = [inputs[0].id]
    while True:
        out = graph.out_edges(chain[-1])
        if not out:
            break
        if len(out) != 1 or len(graph.in_edges(out[0].dst)) != 1:
            return None
        chain.append(out[0].dst)
    if len(chain) != len(graph) or graph.node(chain[-1]).type != "Output":
        return None
    middle = [graph.node(node_id) for node_id in chain[1:-1]]
    if not middle or middle[-1].type != "Linear" or middle[0].type != "Linear":
        return None
    hidden: list[HiddenLayer] = []
    for node in middle[:-1]:
        if node.type == "Linear":
            hidden.append(HiddenLayer(node.id))
        elif _between(node.type):
            hidden[-1].followers.append(node.id)
        else:
            return None
    return MlpChain(chain[0], hidden, middle[-1].id, chain[-1])


def width_of(graph: Graph, linear_id: str) -> int:
    """A Linear's ``out_features`` (its schema's default when unset)."""
    node = graph.node(linear_id)
    return int(CATALOGUE["Linear"].schema.resolve(node.params)["out_features"])


@dataclass
class LayerPlan:
    """What one click changes: nodes and edges to add or remove, and nodes to move."""

    nodes: list[Node]
    edges: list[Edge]
    removed_nodes: list[str]
    removed_edges: list[Edge]
    moves: dict[str, tuple[float, float]]


def _spacing(graph: Graph, chain: MlpChain) -> float:
    a, b = graph.node(chain.tail_before_output_layer()).pos, graph.node(chain.output_layer).pos
    if a is not None and b is not None and abs(b[0] - a[0]) > 40:
        return abs(b[0] - a[0])
    return DEFAULT_SPACING


def _shift(graph: Graph, ids: list[str], dx: float) -> dict[str, tuple[float, float]]:
    return {i: (pos[0] + dx, pos[1]) for i in ids if (pos := graph.node(i).pos) is not None}


def plan_add_layer(graph: Graph, chain: MlpChain) -> LayerPlan:
    """A hidden layer before the output layer, as wide as the last one, with its activation."""
    if chain.hidden:
        last = chain.hidden[-1]
        width = width_of(graph, last.linear)
        activation = next((graph.node(f).type for f in last.followers if graph.node(f).type != "Dropout"),
                          None)
    else:
        width, activation = DEFAULT_WIDTH, DEFAULT_ACTIVATION
    tail = chain.tail_before_output_layer()
    spacing = _spacing(graph, chain)
    at = graph.node(tail).pos or (0.0, 0.0)
    linear = Node(graph.unique_id("linear"), "Linear", {"out_features": width}, (at[0] + spacing, at[1]))
    nodes = [linear]
    if activation is not None:
        act_id = graph.unique_id(activation.lower())  # another base than the Linear's: no clash
        nodes.append(Node(act_id, activation, {}, (at[0] + 2 * spacing, at[1])))
    removed = [e for e in graph.out_edges(tail)]
    ids = [tail] + [n.id for n in nodes] + [chain.output_layer]
    edges = [Edge(a, b) for a, b in zip(ids, ids[1:])]
    moves = _shift(graph, [chain.output_layer, chain.output], spacing * len(nodes))
    return LayerPlan(nodes, edges, [], removed, moves)


def plan_remove_layer(graph: Graph, chain: MlpChain) -> LayerPlan | None:
    """Remove the last hidden layer (its Linear and what follows it); None if there is none."""
    if not chain.hidden:
        return None
    last = chain.hidden[-1]
    doomed = [last.linear, *last.followers]
    before = chain.hidden[-2].tail if len(chain.hidden) > 1 else chain.input
    spacing = _spacing(graph, chain)
    moves = _shift(graph, [chain.output_layer, chain.output], -spacing * len(doomed))
    return LayerPlan([], [Edge(before, chain.output_layer)], doomed, [], moves)


class MlpShapeWidget(QGroupBox):
    """Hidden layers: − N +, and per hidden layer: − width +; hidden unless the graph is a simple MLP."""

    def __init__(self, session: DocumentSession, editor: GraphEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Network shape"))
        self.session, self.editor = session, editor
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(8, 4, 8, 4)
        self.buttons: dict[str, QToolButton] = {}
        self.chain: MlpChain | None = None
        session.document_changed.connect(self._document_changed)
        self.refresh()

    def _document_changed(self, event: DocumentEvent) -> None:
        # the chain depends on the nodes, their params and the edges, never on positions: an
        # auto layout moves every node, and finding the chain again per move would make it
        # quadratic in the graph's size
        if not isinstance(event, NodeMoved):
            self.refresh()

    def refresh(self) -> None:
        graph = self.session.graph
        self.chain = find_mlp(graph)
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.buttons = {}
        self.setVisible(self.chain is not None)
        if self.chain is None:
            return
        layers = len(self.chain.hidden)
        self._row(0, self.tr("Hidden layers"), str(layers), "layers", layers > 0, layers < MAX_LAYERS)
        for index, layer in enumerate(self.chain.hidden, start=1):
            width = width_of(graph, layer.linear)
            kind = next((graph.node(f).type for f in layer.followers), "")
            name = f"{layer.linear} ({kind})" if kind else layer.linear
            self._row(index, name, self.tr("{width} neurons").format(width=width), layer.linear,
                      width > 1, width < MAX_NEURONS)

    def _row(self, row: int, name: str, value: str, key: str, can_remove: bool, can_add: bool) -> None:
        self.grid.addWidget(QLabel(name), row, 0)
        minus, plus = QToolButton(), QToolButton()
        minus.setText("−")
        plus.setText("+")
        for button, delta, enabled in ((minus, -1, can_remove), (plus, +1, can_add)):
            button.setEnabled(enabled)
            button.setAutoRaise(False)
            button.clicked.connect(lambda _checked=False, k=key, d=delta: self.change(k, d))
        if key == "layers":
            minus.setToolTip(self.tr("Remove a hidden layer"))
            plus.setToolTip(self.tr("Add a hidden layer"))
        else:
            minus.setToolTip(self.tr("Remove a neuron from {key}").format(key=key))
            plus.setToolTip(self.tr("Add a neuron to {key}").format(key=key))
        count = QLabel(value)
        count.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grid.addWidget(minus, row, 1)
        self.grid.addWidget(count, row, 2)
        self.grid.addWidget(plus, row, 3)
        self.buttons[f"{key}-"] = minus
        self.buttons[f"{key}+"] = plus

    def change(self, key: str, delta: int) -> bool:
        """One click: a hidden layer (``key == "layers"``) or a neuron of Linear ``key``, ±1."""
        chain = find_mlp(self.session.graph)
        if chain is None:
            return False
        graph = self.session.graph
        if key != "layers":
            width = width_of(graph, key)
            new = min(MAX_NEURONS, max(1, width + delta))
            return new != width and self.editor.set_param(key, "out_features", new)
        plan = plan_add_layer(graph, chain) if delta > 0 else plan_remove_layer(graph, chain)
        if plan is None or (delta > 0 and len(chain.hidden) >= MAX_LAYERS):
            return False
        text = self.tr("Add a hidden layer") if delta > 0 else self.tr("Remove a hidden layer")
        stack = self.session.undo_stack
        stack.beginMacro(text)  # one undo step: the nodes and edges, and the nodes made room for
        try:
            if plan.removed_nodes:
                self.session.push(delete_command(graph, plan.removed_nodes))
                for edge in plan.edges:
                    self.session.push(AddEdgeCommand(graph, edge))
            else:
                self.session.push(insert_command(graph, text, plan.nodes, plan.edges, plan.removed_edges))
            if plan.moves:
                self.editor.move_nodes(plan.moves, text)
        finally:
            stack.endMacro()
        return True
