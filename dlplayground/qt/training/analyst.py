"""Making the pictures of the model the window wishes for, on the training thread.

The training thread reads a copy of the window's :class:`Wishes` between two steps and makes
the pictures with :class:`Analyst`. Only what a visible view needs is made, so a hidden tab
costs nothing.
"""

from __future__ import annotations

import numpy as np

from dlplayground.compile.module import GraphModule
from dlplayground.data.dataset import Dataset
from dlplayground.graph.text import message_of
from dlplayground.qt.engine_text import shown
from dlplayground.qt.i18n import translate
from dlplayground.qt.training.payloads import Analysis
from dlplayground.qt.training.view_request import Wishes
from dlplayground.training import analysis, image_analysis, neuron_maps


class Analyst:
    """Makes the :class:`Analysis` pictures of one model (training thread only).

    Args:
        model, dataset, loss: what trains.
        layer_ids: the parametrised nodes (histograms are only offered for these).
        spatial: the nodes with ``[C, H, W]`` outputs.
        first_conv: the first ``Conv2d`` node, or None.
    """

    def __init__(self, model: GraphModule, dataset: Dataset, loss: str, layer_ids: tuple[str, ...],
                 spatial: tuple[str, ...], first_conv: str | None) -> None:
        self.model, self.dataset, self.loss = model, dataset, loss
        self.layer_ids = layer_ids
        self.spatial = spatial
        self.first_conv = first_conv
        self.planar = analysis.is_planar(dataset)
        self._bounds = analysis.plane_bounds(dataset) if self.planar else None
        self._neuron_nodes = neuron_maps.neuron_nodes(model) if self.planar else []

    def analyse(self, wishes: Wishes, step: int, final: bool = False, with_confusion: bool = False) -> Analysis:
        """The pictures ``wishes`` ask for; ``final`` or ``with_confusion`` add the confusion
        matrix of a classifier.

        A picture that cannot be made is left out and its reason listed in ``problems`` (in the
        window's language: ``translate`` is thread-safe), so a failed picture never stops training.
        """
        problems: list[str] = []
        model, dataset = self.model, self.dataset

        def attempt(what: str, make):
            try:
                return make()
            except (ValueError, KeyError, RuntimeError, IndexError) as exc:
                problems.append(f"{what}: {shown(message_of(exc))}")
                return None

        surface = histograms = filters = features = cam = confusion = None
        if self.planar and wishes.surface:
            surface = attempt(translate("Analyst", "decision boundary"), lambda: analysis.decision_surface(
                model, dataset, self.loss, bounds=self._bounds))
        if wishes.histogram_layer in self.layer_ids:
            histograms = attempt(translate("Analyst", "histograms"), lambda: analysis.layer_histograms(
                model, wishes.histogram_layer, step))
        if wishes.images and self.first_conv is not None:
            filters = attempt(translate("Analyst", "filters"), lambda: image_analysis.conv_filters(model, self.first_conv))
        node = wishes.feature_node if wishes.feature_node in self.spatial else None
        if wishes.images and node is not None and len(dataset.x_val):
            index = int(np.clip(wishes.sample, 0, len(dataset.x_val) - 1))
            sample = dataset.x_val[index]
            features = attempt(translate("Analyst", "feature maps"), lambda: image_analysis.feature_maps(model, sample, node, index))
            if wishes.cam and dataset.is_classification:
                cam = attempt(translate("Analyst", "Grad-CAM"), lambda: image_analysis.grad_cam(
                    model, sample, node, wishes.cam_class, index))
        if dataset.is_classification and (final or with_confusion or wishes.confusion):
            confusion = attempt(translate("Analyst", "confusion matrix"), lambda: analysis.confusion_matrix(model, dataset, self.loss))
        neurons = None
        if self.planar and wishes.neurons and self._neuron_nodes:
            neurons = attempt(translate("Analyst", "neuron maps"), lambda: neuron_maps.neuron_maps(
                model, dataset, self._neuron_nodes, bounds=self._bounds))
        return Analysis(step, surface, histograms, filters, features, cam, confusion, tuple(problems), neurons)
