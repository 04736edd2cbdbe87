"""The two training panels of the window and the banner that reports how a run went.

:class:`TrainingPanel` holds the run's curves, gradient flow, layer histograms and the runs
list; :class:`ModelPanel` shows what the model does with the data (decision boundary, filters
and feature maps, confusion matrix). Each is a plain widget: the window puts them in docks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QToolButton, QVBoxLayout, QWidget

from dlplayground.qt.training.boundary_view import BoundaryView
from dlplayground.qt.training.confusion_view import ConfusionView
from dlplayground.qt.training.controller import TrainingController
from dlplayground.qt.training.curves_view import CurvesView
from dlplayground.qt.training.gradients_view import GradientsView
from dlplayground.qt.training.histograms_view import HistogramsView
from dlplayground.qt.training.images_view import ImagesView
from dlplayground.qt.training.runs_view import RunsView

_BANNER_STYLES = {
    "error": "background:#fdecea; color:#8a1c12; border:1px solid #f5c2bd;",
    "warning": "background:#fff4e0; color:#7a4a00; border:1px solid #f3d19c;",
    "info": "background:#e8f1fd; color:#123e7a; border:1px solid #bcd3f5;",
}


class Banner(QLabel):
    """A coloured one-paragraph message (hidden when empty)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.level = ""
        self.hide()

    def show_message(self, text: str, level: str = "info") -> None:
        self.level = level
        self.setStyleSheet(f"QLabel {{ {_BANNER_STYLES[level]} border-radius:4px; padding:6px; }}")
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.level = ""
        self.clear()
        self.hide()


class TrainingPanel(QWidget):
    """Controls, banner and the Curves / Gradients / Layer / Runs tabs."""

    def __init__(self, controller: TrainingController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons = QWidget()
        buttons = QHBoxLayout(self.buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        for action in controller.actions.all:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.banner = Banner()
        self.curves = CurvesView()
        self.gradients = GradientsView()
        self.histograms = HistogramsView()
        self.runs = RunsView()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.curves, "Curves")
        self.tabs.addTab(self.gradients, "Gradients")
        self.tabs.addTab(self.histograms, "Layer")
        self.tabs.addTab(self.runs, "Runs")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.buttons)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)

    def show_buttons(self, visible: bool) -> None:
        """Show the Train/Pause/... buttons (hidden when the window's toolbar has them)."""
        self.buttons.setVisible(visible)


class ModelPanel(QWidget):
    """The Decision boundary / Filters & feature maps / Confusion matrix tabs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.boundary = BoundaryView()
        self.images = ImagesView()
        self.confusion = ConfusionView()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.boundary, "Boundary")
        self.tabs.addTab(self.images, "Filters && maps")
        self.tabs.addTab(self.confusion, "Confusion")
        for index, tip in enumerate(("The decision boundary of a 2-D dataset", "The first convolution's filters, "
                                     "a sample's feature maps and Grad-CAM", "The confusion matrix on the "
                                     "validation set")):
            self.tabs.setTabToolTip(index, tip)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
