"""The canvas with a tab per network: a GAN's generator and discriminator.

A GAN project has two graphs; the canvas edits one at a time (the session's active network)
and the tabs switch between them. Each tab says what its network maps (``noise [2] -> [2]``,
``[2] -> [1]``) and carries a warning sign while that network, or the fit between the two,
has a problem, so a shape that does not carry over from one network to the other is seen from
either tab. Other projects show no tabs.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabBar, QVBoxLayout, QWidget

from dlplayground.compile.generative import DISCRIMINATOR, objective_name
from dlplayground.compile.infer import Inference
from dlplayground.layers.shapes import fmt
from dlplayground.qt.engine_text import shown
from dlplayground.qt.session import GRAPH, DocumentSession

_NETWORKS = (GRAPH, DISCRIMINATOR)
WARNING = "\u26a0"


class NetworkTabs(QWidget):
    """``canvas`` below a tab bar (Generator, Discriminator) shown for GAN projects."""

    def __init__(self, session: DocumentSession, canvas: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.tabs = QTabBar(self)
        self.tabs.setObjectName("networkTabs")
        self.tabs.addTab(self.tr("Generator"))
        self.tabs.addTab(self.tr("Discriminator"))
        self.tabs.setDocumentMode(True)
        self.tabs.setExpanding(False)
        self.note = QLabel(self)
        self.note.setObjectName("networkNote")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.tabs)
        layout.addWidget(self.note)
        layout.addWidget(canvas, 1)
        self.tabs.currentChanged.connect(self._tab_changed)
        session.project_replaced.connect(self.refresh)
        session.inference_updated.connect(lambda _inference: self.refresh())
        session.document_changed.connect(lambda _event: self.refresh())
        self.refresh()

    @property
    def is_gan(self) -> bool:
        project = self.session.project
        return objective_name(project.training) == "gan" or project.discriminator is not None

    def refresh(self) -> None:
        gan = self.is_gan
        self.tabs.setVisible(gan)
        self.note.setVisible(gan)
        if not gan:
            return
        self.tabs.blockSignals(True)
        self.tabs.setCurrentIndex(_NETWORKS.index(self.session.active_network))
        self.tabs.blockSignals(False)
        checked = self.session.networks
        for index, network in enumerate(_NETWORKS):
            inference = checked.graph if network == GRAPH else checked.discriminator
            troubled = any(p.network == network for p in checked.problems)
            title = self.tr("Generator") if network == GRAPH else self.tr("Discriminator")
            mapping = _mapping(inference, self.tr("noise ") if network == GRAPH else "")
            self.tabs.setTabText(index, f"{WARNING} {title}{mapping}" if troubled else f"{title}{mapping}")
        across = [p.message for p in checked.problems if "generator makes samples" in p.message
                  or "needs [1], one logit" in p.message or "needs a 'discriminator'" in p.message]
        self.note.setText(" ".join(shown(m) for m in across) if across else
                          self.tr("Each step trains the discriminator (real 1, fake 0), then the generator (its "
                                  "fakes labelled 1). The generator's output must be a data sample, the "
                                  "discriminator's one logit."))
        self.note.setStyleSheet("color: #b42318; padding: 2px 6px;" if across else "color: #52606d; padding: 2px 6px;")

    def _tab_changed(self, index: int) -> None:
        self.session.show_network(_NETWORKS[index])


def _mapping(inference: Inference | None, prefix: str) -> str:
    if inference is None or inference.input_id is None:
        return ""
    source = inference.shapes.get(inference.input_id)
    target = inference.output_shape
    if source is None:
        return ""
    return f": {prefix}{fmt(source)} \u2192 {fmt(target) if target is not None else '?'}"
