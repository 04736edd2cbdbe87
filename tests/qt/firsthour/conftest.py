"""Fixtures of the first-hour tests: the training UI host of the training tests."""

from tests.qt.training.conftest import make_ui  # noqa: F401 (a fixture, shared)
