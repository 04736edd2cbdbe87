"""Fixtures for the training UI tests: small projects in a session, run folders in tmp."""

from __future__ import annotations

import pytest

from dlplayground.graph.io import project_from_dict
from dlplayground.qt.session import DocumentSession
from dlplayground.qt.training.ui import TrainingUi
from tests.training.conftest import spiral_mlp


def session_for(project: dict) -> DocumentSession:
    return DocumentSession(project_from_dict(project))


@pytest.fixture
def make_ui(qtbot, tmp_path):
    """``make_ui(project) -> TrainingUi`` shown in a host widget; shut down after the test."""
    made: list[tuple[TrainingUi, object]] = []

    def make(project: dict | None = None) -> TrainingUi:
        from PySide6.QtWidgets import QHBoxLayout, QWidget

        ui = TrainingUi(session_for(project or spiral_mlp(samples=200, epochs=3)), tmp_path / "runs")
        host = QWidget()
        layout = QHBoxLayout(host)
        layout.addWidget(ui.training_panel)
        layout.addWidget(ui.model_panel)
        ui.setParent(host)
        qtbot.addWidget(host)
        host.resize(1200, 700)
        host.show()
        made.append((ui, host))  # the host owns the ui: keep it alive for the test
        return ui

    yield make
    for ui, _host in made:
        ui.shutdown()
