"""A data file's error reaches the window as the loader's translatable text, not a frozen English str.

The catalogue is stood in for by a small table, so these tests check the plumbing (the Text the
loader raised survives the session, the problems list and the settings panel) whatever the
shipped .ts holds.
"""

from __future__ import annotations

import pytest

from dlplayground.graph.text import Text
from dlplayground.qt import engine_text

CATALOGUE = {"file not found: {path}": "dosya bulunamadı: {path}", "data: {problem}": "veri: {problem}"}


@pytest.fixture
def catalogue(monkeypatch):
    monkeypatch.setattr(engine_text, "translate", lambda context, text: CATALOGUE.get(text, text))


def test_a_missing_data_file_reads_translated_in_the_panel_and_the_problems(window, catalogue):
    window.editor.set_settings("data", {"name": "csv", "params": {"path": "missing.csv", "target": "y"}})
    problem = window.session.data_problem
    assert isinstance(problem, Text) and problem.template == "file not found: {path}"
    assert problem.startswith("file not found: ")  # the English the command line prints is unchanged
    assert "dosya bulunamadı: " in window.settings_panel.data_info.text()
    line = engine_text.problem_line(window.session.problems[0])
    assert line.endswith("veri: dosya bulunamadı: " + str(problem.args["path"])), line
