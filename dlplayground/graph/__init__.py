"""The project document: nodes, edges, params, positions, events, validation and file I/O.

Pure Python: no Qt and no torch, so every other package can build on it.
"""

from dlplayground.graph.document import DocumentError, Edge, Graph, Node, Project
from dlplayground.graph.io import (
    ProjectFormatError,
    dumps_project,
    load_project,
    project_from_dict,
    project_to_dict,
    save_project,
)
from dlplayground.graph.problems import Problem, ProblemKind, ValidationError

__all__ = [
    "DocumentError", "Edge", "Graph", "Node", "Problem", "ProblemKind", "Project",
    "ProjectFormatError", "ValidationError", "dumps_project", "load_project",
    "project_from_dict", "project_to_dict", "save_project",
]
