"""The layer catalogue: one LayerSpec per node type, looked up by type name."""

from dlplayground.layers.catalogue import CATALOGUE, UnknownLayerType, by_category, get_spec, layer_types
from dlplayground.layers.spec import CATEGORIES, LayerSpec, Shape, ShapeError

__all__ = [
    "CATALOGUE", "CATEGORIES", "LayerSpec", "Shape", "ShapeError", "UnknownLayerType",
    "by_category", "get_spec", "layer_types",
]
