"""What the catalogue knows about one layer type: parameters, ports, shape rule, constructor."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

from dlplayground.graph.params import ParamSchema

if TYPE_CHECKING:
    import torch.nn

Shape = tuple[int, ...]
ShapeRule = Callable[[Sequence[Shape], Mapping[str, Any]], Shape]
Arguments = Callable[[Sequence[Shape], Mapping[str, Any]], dict[str, Any]]

CATEGORIES = (
    "Input/Output",
    "Core",
    "Convolution",
    "Pooling",
    "Normalisation",
    "Activation",
    "Recurrent",
    "Merge",
    "Generative",
)


class ShapeError(ValueError):
    """The inputs a layer receives do not fit it; the message says what it expected."""


@dataclass(frozen=True)
class Constructor:
    """How a layer's torch module is made: ``<module>.<class_name>(**arguments(inputs, params))``.

    Kept as data rather than a closure so that the same call can be both run (the model
    builder) and written out as source (the training-script export). Calling it builds the
    module; torch is imported only then.
    """

    module: str
    class_name: str
    arguments: Arguments

    def __call__(self, inputs: Sequence[Shape], params: Mapping[str, Any]) -> "torch.nn.Module":
        cls = getattr(importlib.import_module(self.module), self.class_name)
        return cls(**self.arguments(inputs, params))


@dataclass(frozen=True)
class LayerSpec:
    """One layer type of the catalogue.

    Attributes:
        type: the type name used in project files (the ``torch.nn`` class name where one exists).
        category: palette group, one of :data:`CATEGORIES`.
        doc: one line for tooltips.
        schema: constructor options, with defaults and ranges; input sizes are not listed, shape
            inference fills them in.
        shape_rule: per-sample input shapes (no batch dim) and resolved params -> output shape;
            raises :class:`ShapeError`.
        factory: input shapes and resolved params -> a ``torch.nn.Module``; None for the
            Input/Output markers, which pass tensors through.
        min_inputs, max_inputs: how many incoming edges the node takes (None: no upper bound).
        key_params: parameters shown on the node in the editor.
        count: input shapes and resolved params -> trainable parameters of the module, as
            arithmetic (no torch); None for layers without parameters.
    """

    type: str
    category: str
    doc: str
    schema: ParamSchema
    shape_rule: ShapeRule
    factory: Constructor | None
    min_inputs: int = 1
    max_inputs: int | None = 1
    key_params: tuple[str, ...] = ()
    count: Callable[[Sequence[Shape], Mapping[str, Any]], int] | None = None

    @property
    def multi_input(self) -> bool:
        return self.max_inputs is None or self.max_inputs > 1

    @property
    def has_output(self) -> bool:
        return self.type != "Output"
