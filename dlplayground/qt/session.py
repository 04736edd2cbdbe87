"""The document session: the open project, its undo stack, its file and its inferred shapes.

Views observe the session and never hold state of their own that the document lacks. Edits go
through :meth:`DocumentSession.push` as undo commands. After each structural change the
session re-runs shape inference (coalesced: a compound command re-infers once) and emits
:attr:`DocumentSession.inference_updated`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from dlplayground.compile.generative import DISCRIMINATOR, NetworkCheck, infer_networks
from dlplayground.compile.infer import Inference
from dlplayground.data import DEFAULT_DATA, DataError, DatasetInfo, describe
from dlplayground.graph.bursts import paused_gc
from dlplayground.graph.document import Graph, Node, Project
from dlplayground.graph.events import STRUCTURAL_EVENTS, DocumentEvent, SettingsChanged
from dlplayground.graph.io import load_project, project_to_dict, save_project
from dlplayground.graph.layout import missing_positions
from dlplayground.graph.problems import Problem, ProblemKind
from dlplayground.layers.spec import Shape
from dlplayground.qt.runs.records import RunRecords
from dlplayground.training.config import DEFAULT_TRAINING
from dlplayground.training.targets import training_problems
from dlplayground.graph.text import message_of, tx

#: the project's own graph (a GAN's generator)
GRAPH = "graph"


def new_project(name: str = "Untitled") -> Project:
    """A fresh project: an Input and an Output to connect, the default dataset and training."""
    graph = Graph([Node("x", "Input", pos=(0.0, 0.0)), Node("y", "Output", pos=(660.0, 0.0))])
    return Project(name=name, graph=graph, data=json.loads(json.dumps(DEFAULT_DATA)),
                   training=json.loads(json.dumps(DEFAULT_TRAINING)))


class DocumentSession(QObject):
    """Owns the open :class:`Project`, its ``QUndoStack``, its file path and its inference.

    Signals:
        project_replaced: a different project was opened or created (views rebuild).
        document_changed(event): the document emitted an event (see ``graph/events.py``).
        inference_updated(inference): shapes, parameter counts and problems were re-inferred.
        file_changed(path): the project's file changed (None: not saved yet).
        modified_changed(modified): the document became modified or clean.
    """

    project_replaced = Signal()
    #: the canvas now shows the other network of a GAN (``graph`` or ``discriminator``)
    network_switched = Signal(str)
    document_changed = Signal(object)
    inference_updated = Signal(object)
    file_changed = Signal(object)
    modified_changed = Signal(bool)

    def __init__(self, project: Project | None = None, path: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: every training run of this window's session (the views that list or use runs read it)
        self.runs = RunRecords(self)
        self._undo = QUndoStack(self)
        self._undo.cleanChanged.connect(self._clean_changed)
        # a finished command (push, undo, redo) re-infers at once; events between them only
        # mark the inference stale, so a compound command costs one inference
        self._undo.indexChanged.connect(self._index_changed)
        self._stale_timer = QTimer(self, singleShot=True, interval=0)
        self._stale_timer.timeout.connect(self.refresh_inference)
        self._project = project or new_project()
        self._path = Path(path) if path is not None else None
        self._stale = True
        self._data_key: str | None = None
        self._input_shape: Shape | None = None
        self._data_problem: str | None = None
        self._data_info: DatasetInfo | None = None
        self._training_problems: list[Problem] = []
        self._inference = Inference((), None, None)
        #: the network the canvas edits: ``graph`` (a GAN's generator) or ``discriminator``
        self._active = GRAPH
        self._networks = NetworkCheck(self._inference, None, [])
        self._prepare(self._project)
        self._subscribe(self._project)
        self.refresh_inference()

    # -- state -----------------------------------------------------------------------
    @property
    def project(self) -> Project:
        return self._project

    @property
    def graph(self) -> Graph:
        """The graph the canvas edits: the project's, or a GAN's discriminator when that is shown."""
        if self._active == DISCRIMINATOR and self._project.discriminator is not None:
            return self._project.discriminator
        return self._project.graph

    @property
    def active_network(self) -> str:
        """``graph`` or ``discriminator`` (see :meth:`show_network`)."""
        return self._active if self._project.discriminator is not None else GRAPH

    def show_network(self, network: str) -> None:
        """Edit the project's graph (``graph``, a GAN's generator) or its ``discriminator``."""
        if network not in (GRAPH, DISCRIMINATOR):
            raise ValueError(f"unknown network {network!r}")
        if network == DISCRIMINATOR and self._project.discriminator is None:
            self._project.discriminator = Graph([Node("sample", "Input", pos=(0.0, 0.0)),
                                                 Node("logit", "Output", pos=(660.0, 0.0))])
            self._project.discriminator.subscribe(self._on_event)
            self._stale = True
        if network == self._active:
            return
        self._active = network
        self._stale = True
        self.refresh_inference(announce=False)
        self.network_switched.emit(network)
        self.inference_updated.emit(self.inference)

    @property
    def networks(self) -> NetworkCheck:
        """Both networks of a GAN inferred and checked against each other and the data (for
        other projects, the graph alone)."""
        self.inference  # noqa: B018
        return self._networks

    @property
    def undo_stack(self) -> QUndoStack:
        return self._undo

    @property
    def path(self) -> Path | None:
        """The project's file, or None while it has never been saved."""
        return self._path

    @property
    def base_dir(self) -> Path | None:
        """The folder relative data paths are resolved against (the project file's folder)."""
        return self._path.parent if self._path is not None else None

    @property
    def is_modified(self) -> bool:
        return not self._undo.isClean()

    @property
    def display_name(self) -> str:
        return self._project.name or (self._path.name if self._path else "Untitled")

    @property
    def inference(self) -> Inference:
        """The current inference (re-run first if an edit made it stale)."""
        if self._stale:
            self.refresh_inference()
        return self._inference

    @property
    def input_shape(self) -> Shape | None:
        """The dataset's per-sample shape, or None when the data section has a problem."""
        self.inference  # noqa: B018 - make sure the dataset was described after the last edit
        return self._input_shape

    @property
    def data_problem(self) -> str | None:
        """Why the dataset cannot be described (a bad name, a missing file), or None."""
        self.inference  # noqa: B018
        return self._data_problem

    @property
    def dataset_info(self) -> DatasetInfo | None:
        """What the dataset is (task, classes), or None when the data section has a problem."""
        self.inference  # noqa: B018
        return self._data_info

    @property
    def problems(self) -> list[Problem]:
        """Everything wrong with the project: the dataset's problem first, then the graph's,
        then a loss that does not fit the model's output (what training would refuse)."""
        self.inference  # noqa: B018
        # the shown network's problems, then those across networks that name no node of it
        found = [p for p in self._networks.problems if p.network == self.active_network or not p.node_ids]
        if self._data_problem:
            found.insert(0, Problem(ProblemKind.BAD_SETTINGS, tx("data: {problem}", problem=self._data_problem)))
        found += self._training_problems
        return found

    def snapshot(self) -> dict[str, Any]:
        """A plain JSON copy of the project (what training and export read, never the document)."""
        return project_to_dict(self._project)

    # -- edits -----------------------------------------------------------------------
    def push(self, command: QUndoCommand) -> None:
        """Run ``command`` and put it on the undo stack."""
        self._undo.push(command)

    def replace(self, project: Project, path: Path | None = None) -> None:
        """Show another project: clears the undo stack and marks the document clean."""
        with paused_gc():  # views build thousands of items for a large graph here
            self._replace(project, path)

    def _replace(self, project: Project, path: Path | None) -> None:
        for graph in (self._project.graph, self._project.discriminator):
            if graph is not None:
                graph.unsubscribe(self._on_event)
        self._prepare(project)
        self._project = project
        self._active = GRAPH
        self._path = Path(path) if path is not None else None
        self._data_key = None
        self._stale = True
        self._subscribe(project)
        self._undo.clear()
        self._undo.setClean()
        self.refresh_inference(announce=False)
        self.project_replaced.emit()
        self.inference_updated.emit(self._inference)
        self.file_changed.emit(self._path)
        self.modified_changed.emit(False)

    def open(self, path: str | Path) -> None:
        """Load a project file; raises ``ProjectFormatError`` (nothing changes) if it is broken."""
        path = Path(path)
        project = load_project(path)
        self.replace(project, path)

    def save(self, path: str | Path | None = None) -> Path:
        """Write the project atomically to ``path`` (default: its file) and mark it clean.

        Raises:
            ValueError: no path given and the project was never saved.
            OSError: the file cannot be written (the document is unchanged).
        """
        target = Path(path) if path is not None else self._path
        if target is None:
            raise ValueError("the project has no file yet: choose where to save it")
        save_project(self._project, target)
        changed = target != self._path
        self._path = target
        self._data_key = None  # relative data paths now resolve against the new folder
        self._stale = True
        self._undo.setClean()
        if changed:
            self.file_changed.emit(self._path)
        self.refresh_inference()
        return target

    # -- inference -------------------------------------------------------------------
    def refresh_inference(self, announce: bool = True) -> None:
        """Re-infer shapes if an edit made them stale, then emit ``inference_updated``."""
        if not self._stale:
            return
        self._stale = False
        self._stale_timer.stop()
        self._describe_data()
        project = self._project
        self._networks = infer_networks(project.graph, project.discriminator, project.training, self._input_shape)
        checked = self._networks
        self._inference = (checked.discriminator if self.active_network == DISCRIMINATOR and checked.discriminator
                           else checked.graph)
        self._training_problems = training_problems(self._project.training, self._data_info, self._project.graph,
                                                    self._inference, check_torch_names=False)
        if announce:
            self.inference_updated.emit(self._inference)

    def _describe_data(self) -> None:
        """Ask the dataset for its sample shape, only when the data section or folder changed."""
        key = json.dumps([self._project.data, str(self.base_dir)], sort_keys=True, default=str)
        if key == self._data_key:
            return
        self._data_key = key
        try:
            info = describe(self._project.data or DEFAULT_DATA, self.base_dir)
        except (DataError, OSError) as exc:
            self._input_shape, self._data_problem, self._data_info = None, message_of(exc), None
        else:
            self._input_shape, self._data_problem, self._data_info = info.input_shape, None, info

    def _clean_changed(self, clean: bool) -> None:
        self.modified_changed.emit(not clean)

    def _index_changed(self, _index: int) -> None:
        self.refresh_inference()

    def _on_event(self, event: DocumentEvent) -> None:
        if isinstance(event, STRUCTURAL_EVENTS):
            if isinstance(event, SettingsChanged) and event.section == "data":
                self._data_key = None
            self._stale = True
            self._stale_timer.start()
        self.document_changed.emit(event)

    def _subscribe(self, project: Project) -> None:
        for graph in (project.graph, project.discriminator):
            if graph is not None:
                graph.subscribe(self._on_event)

    @staticmethod
    def _prepare(project: Project) -> None:
        """Give nodes without a position one (hand-written files may have none)."""
        for graph in (project.graph, project.discriminator):
            if graph is not None:
                for node_id, pos in missing_positions(graph).items():
                    graph.move_node(node_id, pos)
