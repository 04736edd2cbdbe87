"""The two training panels of the window and the banner that reports how a run went.

:class:`TrainingPanel` holds the run's curves, gradient flow, layer histograms and the runs
list; :class:`ModelPanel` shows what the model does with the data (decision boundary, filters
and feature maps, confusion matrix). Each is a plain widget: the window puts them in docks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QSizePolicy,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dlplayground.qt.training.controller import TrainingController
from dlplayground.qt.lazy_page import LazyPage, deferred

if TYPE_CHECKING:  # each view's module (and pyqtgraph with it) loads when the view is built
    from dlplayground.qt.training.boundary_view import BoundaryView
    from dlplayground.qt.training.confusion_view import ConfusionView
    from dlplayground.qt.training.curves_view import CurvesView
    from dlplayground.qt.training.generative_view import GenerativeView
    from dlplayground.qt.training.gradients_view import GradientsView
    from dlplayground.qt.training.histograms_view import HistogramsView
    from dlplayground.qt.training.images_view import ImagesView
    from dlplayground.qt.training.neurons_view import NeuronsView
    from dlplayground.qt.training.runs_view import RunsView

_VIEWS = "dlplayground.qt.training."

#: what an unbuilt view answers (as a fresh one would): a view nobody has shown or fed yet
#: has nothing to draw, nothing to clear and no layer or node to choose from
_IDLE = {"dirty": False, "clear": lambda: None}
_GRADIENTS_IDLE = {**_IDLE, "flags": {}}
_HISTOGRAMS_IDLE = {**_IDLE, "layer": None, "select_layer": lambda node_id: False}
_IMAGES_IDLE = {**_IDLE, "node": None, "sample": 0, "cam_class": None, "cam_enabled": True,
                "select_node": lambda node_id: False}
#: what a run feeds every view: held by an unbuilt one, built in idle time (not all at Train)
_FED = ("start", "add", "show_analysis")


def _page(module: str, name: str, resting: dict) -> LazyPage:
    """A tab page for the view ``module.name``: built when painted, or in idle time once fed."""
    return LazyPage(deferred(_VIEWS + module, name), resting, _FED)


_BANNER_STYLES = {
    "error": "background:#fdecea; color:#8a1c12; border:1px solid #f5c2bd;",
    "warning": "background:#fff4e0; color:#7a4a00; border:1px solid #f3d19c;",
    "info": "background:#e8f1fd; color:#123e7a; border:1px solid #bcd3f5;",
}


def least_height_for_width(layout: QLayout, width: int) -> int:
    """The least height ``layout`` needs at ``width``: wrapped labels at their height for that
    width, everything else at its minimum.

    Qt's own height-for-width of a layout is its *preferred* height; a scroll area that sizes
    a panel by it makes the panel as tall as its tallest tab would like (plots like to be tall),
    far taller than the dock, as soon as one word-wrapped label is in the layout.
    """
    margins = layout.contentsMargins()
    inner = width - margins.left() - margins.right()
    heights = []
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item.isEmpty():  # hidden
            continue
        widget = item.widget()
        if isinstance(widget, QLabel) and widget.hasHeightForWidth():
            heights.append(widget.heightForWidth(inner))
        elif item.layout() is not None:
            heights.append(least_height_for_width(item.layout(), inner))
        else:
            heights.append(item.minimumSize().height())
    spacing = max(layout.spacing(), 0) * max(len(heights) - 1, 0)
    return sum(heights) + spacing + margins.top() + margins.bottom()


class _FitsItsDock(QWidget):
    """A panel that a resizable scroll area sizes to the dock, scrolling only below its minimum."""

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return max(least_height_for_width(self.layout(), width), self.minimumHeight())


def size_by_current_page(tabs: QTabWidget) -> None:
    """Make ``tabs`` as small as its current page allows, not as its tallest page needs.

    A tab widget's minimum is the largest of its pages' minimums: the gradient flow (two plots)
    made the Curves tab scroll in a 1280x720 window, hiding the learning rate and the epoch
    axis. Pages behind the current one ignore their size; the panel scrolls only while a page
    that needs more room than the dock has is shown.
    """
    def follow(current: int) -> None:
        for index in range(tabs.count()):
            policy = QSizePolicy.Policy.Preferred if index == current else QSizePolicy.Policy.Ignored
            tabs.widget(index).setSizePolicy(policy, policy)
        tabs.updateGeometry()

    tabs.currentChanged.connect(follow)
    follow(tabs.currentIndex())


class Banner(QLabel):
    """A coloured one-paragraph message (hidden when empty); rich text may link to a folder."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.setOpenExternalLinks(True)
        self.level = ""
        self.hide()

    def show_message(self, text: str, level: str = "info", rich: bool = False) -> None:
        """Show ``text`` (plain, or rich text with links when ``rich``) coloured by ``level``."""
        self.level = level
        self.setStyleSheet(f"QLabel {{ {_BANNER_STYLES[level]} border-radius:4px; padding:6px; }}")
        self.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.level = ""
        self.clear()
        self.setToolTip("")
        self.hide()


class TrainingPanel(_FitsItsDock):
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
        # built when first painted, or in idle time once a run feeds them: the training dock
        # starts tabbed behind another, and the tabs behind the first are hidden
        self.curves: CurvesView = _page("curves_view", "CurvesView", _IDLE)  # type: ignore[assignment]
        self.gradients: GradientsView = _page(  # type: ignore[assignment]
            "gradients_view", "GradientsView", _GRADIENTS_IDLE)
        self.histograms: HistogramsView = _page(  # type: ignore[assignment]
            "histograms_view", "HistogramsView", _HISTOGRAMS_IDLE)
        self.runs: RunsView = LazyPage(deferred(_VIEWS + "runs_view", "RunsView"), _IDLE)  # type: ignore[assignment]
        self.tabs = QTabWidget()
        self.tabs.addTab(self.curves, self.tr("Curves"))
        self.tabs.addTab(self.gradients, self.tr("Gradients"))
        self.tabs.addTab(self.histograms, self.tr("Layer"))
        self.tabs.addTab(self.runs, self.tr("Runs"))
        size_by_current_page(self.tabs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)  # tight: the curves and a one-line banner fit a 1280x720 window
        layout.addWidget(self.buttons)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)

    def show_buttons(self, visible: bool) -> None:
        """Show the Train/Pause/... buttons (hidden when the window's toolbar has them)."""
        self.buttons.setVisible(visible)


class ModelPanel(_FitsItsDock):
    """The Decision boundary / Filters & feature maps / Confusion matrix tabs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # the current tab is built once the dock first paints, the others when raised or, once
        # a run feeds them, in idle time
        self.boundary: BoundaryView = _page("boundary_view", "BoundaryView", _IDLE)  # type: ignore[assignment]
        self.neurons: NeuronsView = _page("neurons_view", "NeuronsView", _IDLE)  # type: ignore[assignment]
        self.images: ImagesView = _page("images_view", "ImagesView", _IMAGES_IDLE)  # type: ignore[assignment]
        self.confusion: ConfusionView = _page("confusion_view", "ConfusionView", _IDLE)  # type: ignore[assignment]
        self.generative: GenerativeView = _page(  # type: ignore[assignment]
            "generative_view", "GenerativeView", _IDLE)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.boundary, self.tr("Boundary"))
        self.tabs.addTab(self.neurons, self.tr("Neurons"))
        self.tabs.addTab(self.images, self.tr("Filters && maps"))
        self.tabs.addTab(self.confusion, self.tr("Confusion"))
        self.tabs.addTab(self.generative, self.tr("Generative"))
        for index, tip in enumerate((self.tr("The decision boundary of a 2-D dataset"),
                                     self.tr("What each hidden neuron computes over the plane of a 2-D dataset"), self.tr("The first convolution's filters, "
                                     "a sample's feature maps and Grad-CAM"), self.tr("The confusion matrix on the "
                                     "validation set"),
                                     self.tr("An autoencoder's, VAE's or GAN's samples and curves, live"))):
            self.tabs.setTabToolTip(index, tip)
        size_by_current_page(self.tabs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
