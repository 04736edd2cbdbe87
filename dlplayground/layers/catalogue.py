"""The layer catalogue: every node type the playground offers, looked up by type name.

Adding a layer type is one :func:`_register` call here: its options, ports, shape rule and
torch constructor. Constructors import torch lazily so that listing the catalogue (the palette, the
editor's shape inference) never pays for importing torch.
"""

from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

from dlplayground.graph.params import Param, as_pair, schema
from dlplayground.graph.text import tx
from dlplayground.layers import counts, shapes
from dlplayground.layers.spec import CATEGORIES, Constructor, LayerSpec, Shape, ShapeRule

CATALOGUE: dict[str, LayerSpec] = {}


class UnknownLayerType(KeyError):
    pass


def get_spec(type_name: str) -> LayerSpec:
    try:
        return CATALOGUE[type_name]
    except KeyError:
        raise UnknownLayerType(type_name) from None


def layer_types() -> list[str]:
    return list(CATALOGUE)


def by_category() -> dict[str, list[LayerSpec]]:
    groups: dict[str, list[LayerSpec]] = {c: [] for c in CATEGORIES}
    for spec in CATALOGUE.values():
        groups[spec.category].append(spec)
    return groups


def _register(
    type_name: str,
    category: str,
    doc: str,
    params: Sequence[Param],
    shape_rule: ShapeRule,
    factory: Constructor | None,
    *,
    inputs: tuple[int, int | None] = (1, 1),
    key_params: tuple[str, ...] | None = None,
    count: counts.CountRule | None = None,
) -> None:
    assert category in CATEGORIES, category
    assert type_name not in CATALOGUE, type_name
    CATALOGUE[type_name] = LayerSpec(
        type=type_name,
        category=category,
        doc=doc,
        schema=schema(*params),
        shape_rule=shape_rule,
        factory=factory,
        min_inputs=inputs[0],
        max_inputs=inputs[1],
        key_params=key_params if key_params is not None else tuple(p.name for p in params[:2]),
        count=count,
    )


#: torch options accepted for compatibility but never passed on: every node's output is kept
#: (for the plots, and for branches that read it), so nothing may be computed in place
_NOT_PASSED = frozenset({"inplace"})
_INPLACE = Param("inplace", "bool", False, tx("Accepted for compatibility with torch; ignored (outputs are never "
                 "overwritten in place: plots and branches read them)"), hidden=True)

#: where the playground's own modules live (Add, Concat, the recurrent wrappers, ...)
_PLAYGROUND = "dlplayground.layers.modules"


def _torch_layer(class_name: str, size_arg: Callable[[Shape], dict[str, Any]] | None = None,
                 module: str = "torch.nn", rename: Mapping[str, str] | None = None) -> Constructor:
    """A constructor for ``module.class_name(**size_args, **params)``.

    ``size_arg`` maps the first input shape to the size keyword arguments shape inference
    fills in (``in_features`` and the like); ``rename`` maps project param names to
    constructor names where they differ. Params in :data:`_NOT_PASSED` are accepted in project
    files but never reach torch.
    """

    def arguments(inputs: Sequence[Shape], params: Mapping[str, Any]) -> dict[str, Any]:
        kwargs = dict(size_arg(inputs[0])) if size_arg is not None else {}
        kwargs.update({(rename or {}).get(k, k): _tuple(v) for k, v in params.items() if k not in _NOT_PASSED})
        return kwargs

    return Constructor(module, class_name, arguments)


def _tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def _recurrent_layer(class_name: str) -> Constructor:
    def arguments(inputs: Sequence[Shape], params: Mapping[str, Any]) -> dict[str, Any]:
        kwargs = {k: v for k, v in params.items() if k not in ("return", "batch_first")}
        return {"input_size": inputs[0][-1], **kwargs, "return_sequence": params["return"] == "sequence"}

    return Constructor(_PLAYGROUND, class_name, arguments)


P = Param

# -- Input / Output ------------------------------------------------------------------------
_register(
    "Input", "Input/Output",
    tx("The model's input; its shape comes from the dataset unless 'shape' is set."),
    [P("shape", "shape", None, tx("Per-sample shape without the batch dim, e.g. [1, 8, 8]"), nullable=True)],
    shapes.same, None, inputs=(0, 0), key_params=("shape",),
)
_register(
    "Output", "Input/Output", tx("Marks the model's output (exactly one per project)."),
    [], shapes.same, None,
)

# -- Core ----------------------------------------------------------------------------------
_register(
    "Linear", "Core", tx("Fully connected (dense) layer: y = xW^T + b."),
    [P("out_features", "int", 16, tx("Number of output units"), minimum=1, maximum=1_000_000),
     P("bias", "bool", True, tx("Learn an additive bias"))],
    shapes.linear, _torch_layer("Linear", lambda s: {"in_features": s[-1]}), count=counts.linear,
)
_register(
    "Dropout", "Core", tx("Zeroes random activations with probability p during training (regularisation)."),
    [P("p", "float", 0.5, tx("Probability of zeroing an element"), minimum=0.0, maximum=1.0), _INPLACE],
    shapes.same, _torch_layer("Dropout"), key_params=("p",),
)
_register(
    "Flatten", "Core", tx("Flattens dims start_dim..end_dim into one (dim 0 is the batch)."),
    [P("start_dim", "int", 1, tx("First dim to flatten (counted with the batch dim)")),
     P("end_dim", "int", -1, tx("Last dim to flatten"))],
    shapes.flatten, _torch_layer("Flatten"),
)
_register(
    "Reshape", "Core", tx("Reshapes each sample to 'shape' (one entry may be -1)."),
    [P("shape", "shape", [-1], tx("Target per-sample shape"))],
    shapes.reshape, _torch_layer("Reshape", module=_PLAYGROUND),
)
_register(
    "Transpose", "Core", tx("Reorders each sample's dims: perm lists every dim (with the batch dim 0 first)."),
    [P("perm", "ints", [0, 2, 1], tx("The new order of the dims, counted with the batch dim, which stays first (0)"))],
    shapes.transpose, _torch_layer("Transpose", module=_PLAYGROUND), key_params=("perm",),
)
_register(
    "Identity", "Core", tx("Passes its input through unchanged."),
    [], shapes.same, _torch_layer("Identity"),
)
_register(
    "Embedding", "Core", tx("Looks up a learned vector for each integer token id."),
    [P("num_embeddings", "int", 100, tx("Vocabulary size"), minimum=1),
     P("embedding_dim", "int", 16, tx("Size of each vector"), minimum=1),
     P("padding_idx", "int", None, tx("A token id whose vector stays zero and gets no gradient"), nullable=True),
     P("max_norm", "float", None, tx("Rescale looked-up vectors to at most this norm"), minimum=0.0, nullable=True),
     P("norm_type", "float", 2.0, tx("The p of the p-norm for max_norm"), minimum=0.0),
     P("scale_grad_by_freq", "bool", False, tx("Scale gradients by the inverse frequency of the ids in the batch"))],
    shapes.embedding, _torch_layer("TokenEmbedding", module=_PLAYGROUND), count=counts.embedding,
)

# -- Convolution ---------------------------------------------------------------------------
def _conv_params(kind: str) -> list[Param]:
    return [
        P("out_channels", "int", 8, tx("Number of filters"), minimum=1, maximum=65536),
        P("kernel_size", kind, 3, tx("Filter size (1 gives a 1x1 convolution)"), minimum=1, maximum=64),
        P("stride", kind, 1, tx("Step between filter positions"), minimum=1, maximum=64),
        P("padding", kind, 0, tx("Padding added on each side; 'same' keeps the size (stride 1), 'valid' adds none"),
          minimum=0, maximum=64, words=("same", "valid")),
        P("dilation", kind, 1, tx("Spacing between kernel elements"), minimum=1, maximum=64),
        P("groups", "int", 1, tx("Split channels into groups (depthwise when = channels)"), minimum=1),
        P("bias", "bool", True, tx("Learn an additive bias")),
        P("padding_mode", "choice", "zeros", tx("What the padding holds: zeros, or the input reflected, "
          "replicated or wrapped around"), choices=("zeros", "reflect", "replicate", "circular")),
    ]


_register(
    "Conv1d", "Convolution", tx("1-D convolution over [channels, length]."),
    _conv_params("int"), shapes.conv1d, _torch_layer("Conv1d", lambda s: {"in_channels": s[0]}),
    count=counts.conv(1),
)
_register(
    "Conv2d", "Convolution", tx("2-D convolution over [channels, height, width]; kernel 1 mixes channels only."),
    _conv_params("int_or_pair"), shapes.conv2d, _torch_layer("Conv2d", lambda s: {"in_channels": s[0]}),
    count=counts.conv(2),
)
_register(
    "ConvTranspose2d", "Convolution",
    tx("Transposed 2-D convolution: grows [channels, height, width] (stride 2 doubles the size); "
    "a DCGAN generator's upsampling."),
    [P("out_channels", "int", 8, tx("Number of filters"), minimum=1, maximum=65536),
     P("kernel_size", "int_or_pair", 4, tx("Filter size"), minimum=1, maximum=64),
     P("stride", "int_or_pair", 2, tx("Step between filter positions in the output (2 doubles the size)"),
       minimum=1, maximum=64),
     P("padding", "int_or_pair", 1, tx("Rows and columns cropped from each side of the output"), minimum=0, maximum=64),
     P("output_padding", "int_or_pair", 0, tx("Extra rows and columns on one side (less than the stride)"),
       minimum=0, maximum=63),
     P("bias", "bool", True, tx("Learn an additive bias"))],
    shapes.conv_transpose2d, _torch_layer("ConvTranspose2d", lambda s: {"in_channels": s[0]}),
    count=counts.conv_transpose2d,
)

# -- Pooling -------------------------------------------------------------------------------
def _pool_params(kind: str, maximum: bool) -> list[Param]:
    params = [
        P("kernel_size", kind, 2, tx("Window size"), minimum=1, maximum=64),
        P("stride", kind, None, tx("Step between windows (default: the window size)"), minimum=1, maximum=64, nullable=True),
        P("padding", kind, 0, tx("Padding on each side (at most half the window)"), minimum=0, maximum=32),
    ]
    if maximum:
        params.append(P("dilation", kind, 1, tx("Spacing between window elements"), minimum=1, maximum=64))
    params.append(P("ceil_mode", "bool", False, tx("Round the output size up: a last, partial window is kept")))
    if not maximum:
        params += [
            P("count_include_pad", "bool", True, tx("Count padded zeros in the average")),
            P("divisor_override", "int", None, tx("Divide the window's sum by this instead of its size"),
              minimum=1, nullable=True),
        ]
    return params


_register("MaxPool1d", "Pooling", tx("Maximum over sliding windows along the length."),
          _pool_params("int", True), shapes.pool1d, _torch_layer("MaxPool1d"))
_register("MaxPool2d", "Pooling", tx("Maximum over sliding 2-D windows."),
          _pool_params("int_or_pair", True), shapes.pool2d("MaxPool2d"), _torch_layer("MaxPool2d"))
_register("AvgPool2d", "Pooling", tx("Average over sliding 2-D windows."),
          _pool_params("int_or_pair", False), shapes.pool2d("AvgPool2d"), _torch_layer("AvgPool2d"))
_register(
    "AdaptiveAvgPool2d", "Pooling", tx("Averages each channel down to output_size (1: global average pooling)."),
    [P("output_size", "int_or_pair", 1, tx("Output height and width"), minimum=1, maximum=1024)],
    shapes.adaptive_pool2d, _torch_layer("AdaptiveAvgPool2d"),
)

# -- Normalisation -------------------------------------------------------------------------
def _layer_norm_arguments(inputs: Sequence[Shape], params: Mapping[str, Any]) -> dict[str, Any]:
    shape = params["normalized_shape"]
    if shape is None:
        shape = inputs[0][-1]
    return {"normalized_shape": _tuple(shape), **{k: v for k, v in params.items() if k != "normalized_shape"}}



_BN_PARAMS = [
    P("eps", "float", 1e-5, tx("Added to the variance for stability"), minimum=0.0),
    P("momentum", "float", 0.1, tx("Running statistics update rate"), minimum=0.0, maximum=1.0),
    P("affine", "bool", True, tx("Learn a scale and shift")),
    P("track_running_stats", "bool", True, tx("Keep running statistics for evaluation (off: use the batch's)")),
]
_register("BatchNorm1d", "Normalisation", tx("Normalises each feature over the batch."),
          _BN_PARAMS, shapes.batchnorm1d, _torch_layer("BatchNorm1d", lambda s: {"num_features": s[0]}),
          key_params=(), count=counts.batch_norm)
_register("BatchNorm2d", "Normalisation", tx("Normalises each channel over the batch and positions."),
          _BN_PARAMS, shapes.batchnorm2d, _torch_layer("BatchNorm2d", lambda s: {"num_features": s[0]}),
          key_params=(), count=counts.batch_norm)
_register(
    "LayerNorm", "Normalisation", tx("Normalises each sample over its last dim."),
    [P("normalized_shape", "ints", None, tx("The trailing dims to normalise over (default: the last dim)"),
       nullable=True),
     P("eps", "float", 1e-5, tx("Added to the variance for stability"), minimum=0.0),
     P("elementwise_affine", "bool", True, tx("Learn a scale and shift")),
     P("bias", "bool", True, tx("Learn the shift too (with elementwise_affine)"))],
    shapes.layer_norm, Constructor("torch.nn", "LayerNorm", _layer_norm_arguments), key_params=(),
    count=counts.layer_norm,
)
_register(
    "LocalResponseNorm", "Normalisation", tx("Normalises across neighbouring channels (AlexNet-style)."),
    [P("size", "int", 5, tx("Number of neighbouring channels"), minimum=1),
     P("alpha", "float", 1e-4, tx("Scale"), minimum=0.0),
     P("beta", "float", 0.75, tx("Exponent"), minimum=0.0),
     P("k", "float", 1.0, tx("Additive constant"), minimum=0.0)],
    shapes.at_least_rank("LocalResponseNorm", 2, "[channels, ...]"), _torch_layer("LocalResponseNorm"),
    key_params=("size",),
)

# -- Activations ---------------------------------------------------------------------------
_register("ReLU", "Activation", tx("max(0, x): cheap, keeps gradients alive for positive inputs."),
          [_INPLACE], shapes.same, _torch_layer("ReLU"), key_params=())
_register("LeakyReLU", "Activation", tx("x for x > 0, slope * x otherwise: no dead units."),
          [P("negative_slope", "float", 0.01, tx("Slope for negative inputs"), minimum=0.0, maximum=1.0), _INPLACE],
          shapes.same, _torch_layer("LeakyReLU"), key_params=("negative_slope",))
_register("ELU", "Activation", tx("x for x > 0, alpha * (exp(x) - 1) otherwise."),
          [P("alpha", "float", 1.0, tx("Saturation value for negative inputs"), minimum=0.0), _INPLACE],
          shapes.same, _torch_layer("ELU"), key_params=("alpha",))
_register("GELU", "Activation", tx("Gaussian error linear unit, smooth ReLU used in transformers."),
          [P("approximate", "choice", "none", tx("Exact or tanh approximation"), choices=("none", "tanh"))],
          shapes.same, _torch_layer("GELU"), key_params=())
_register("Sigmoid", "Activation", tx("1 / (1 + exp(-x)): squashes to (0, 1); saturates, so gradients vanish."),
          [], shapes.same, _torch_layer("Sigmoid"))
_register("Tanh", "Activation", tx("Squashes to (-1, 1), zero-centred; saturates for large |x|."),
          [], shapes.same, _torch_layer("Tanh"))
_register("Softmax", "Activation", tx("Turns scores into probabilities along dim (not before CrossEntropyLoss)."),
          [P("dim", "int", -1, tx("Dim to normalise over (counted with the batch dim)"))],
          shapes.softmax, _torch_layer("Softmax"))

# -- Recurrent -----------------------------------------------------------------------------
def _recurrent_params(kind: str) -> list[Param]:
    params = [
        P("hidden_size", "int", 32, tx("Size of the hidden state"), minimum=1, maximum=65536),
        P("num_layers", "int", 1, tx("Stacked recurrent layers"), minimum=1, maximum=64),
        P("return", "choice", "last", tx("Output the last step [N, H] or the whole sequence [N, T, H]"),
          choices=("last", "sequence")),
        P("bidirectional", "bool", False, tx("Also read the sequence backwards")),
        P("dropout", "float", 0.0, tx("Dropout between stacked layers"), minimum=0.0, maximum=1.0),
        P("bias", "bool", True, tx("Learn biases")),
        P("batch_first", "choice", True, tx("Always true here: tensors are [batch, time, features]"), choices=(True,),
          hidden=True),
    ]
    if kind == "RNN":
        params.append(P("nonlinearity", "choice", "tanh", tx("Activation of the cell"), choices=("tanh", "relu")))
    if kind == "LSTM":
        params.append(P("proj_size", "int", 0, tx("Project the hidden state down to this size (0: no projection)"),
                        minimum=0, maximum=65536))
    return params


_register("RNN", "Recurrent", tx("Elman recurrent layer over [time, features]."),
          _recurrent_params("RNN"), shapes.recurrent("RNN"), _recurrent_layer("RNN"),
          count=counts.recurrent("RNN"))
_register("LSTM", "Recurrent", tx("Long short-term memory: gated, keeps gradients over long sequences."),
          _recurrent_params("LSTM"), shapes.recurrent("LSTM"), _recurrent_layer("LSTM"),
          count=counts.recurrent("LSTM"))
_register("GRU", "Recurrent", tx("Gated recurrent unit: a lighter LSTM."),
          _recurrent_params("GRU"), shapes.recurrent("GRU"), _recurrent_layer("GRU"),
          count=counts.recurrent("GRU"))

# -- Merge ---------------------------------------------------------------------------------
_register("Add", "Merge", tx("Element-wise sum of 2+ inputs of equal shape: the residual merge."),
          [], shapes.add, _torch_layer("Add", module=_PLAYGROUND), inputs=(2, None))
_register("Concat", "Merge", tx("Joins 2+ inputs along dim (counted with the batch dim), in port order."),
          [P("dim", "int", 1, tx("Dim to join along (1: channels or features)"))],
          shapes.concat, _torch_layer("Concat", module=_PLAYGROUND), inputs=(2, None))

# -- Generative ----------------------------------------------------------------------------
_register("Reparameterize", "Generative",
          tx("A VAE's sampling step: z = mu + exp(logvar / 2) * eps while training, mu in evaluation "
          "(mu at port 0, logvar at port 1)."),
          [], shapes.reparameterize, _torch_layer("Reparameterize", module=_PLAYGROUND), inputs=(2, 2))

#: the names of a node type's input ports, where they have names (shown on the node in the editor)
PORT_NAMES: dict[str, tuple[str, ...]] = {"Reparameterize": ("mu", "logvar")}

__all__ = ["CATALOGUE", "PORT_NAMES", "UnknownLayerType", "as_pair", "by_category", "get_spec", "layer_types"]
