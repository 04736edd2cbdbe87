"""The graphs of the generative objectives, checked without torch.

A VAE's graph holds one ``Reparameterize`` node (mu at port 0, logvar at port 1); its decoder is
the part after that node, which :func:`decoder_graph` cuts out with an Input of shape ``[D]`` in
the node's place (same id, so the trained weights' keys still fit). A GAN has two graphs: the
generator (noise ``[latent_dim]`` to a data sample) and the discriminator (a data sample to one
logit); :func:`check_gan` infers both and checks them against each other and the data, so the
editor, ``summary`` and training report the same problems.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable, Mapping

from dlplayground.compile.infer import Inference, infer
from dlplayground.graph.document import Edge, Graph, Node
from dlplayground.graph.problems import Problem, ProblemKind, ValidationError
from dlplayground.graph.text import tx
from dlplayground.graph.validate import INPUT_TYPE
from dlplayground.layers.shapes import fmt
from dlplayground.layers.spec import Shape

REPARAMETERIZE = "Reparameterize"
DISCRIMINATOR = "discriminator"


@dataclass(frozen=True)
class VaeTaps:
    """The Reparameterize node of a VAE and the nodes feeding its mu and logvar ports."""

    node: str
    mu: str
    logvar: str


def vae_taps(graph: Graph) -> VaeTaps:
    """Find the one Reparameterize node and its two sources.

    Raises:
        ValidationError: none, several, or one without both ports connected.
    """
    found = [n.id for n in graph.nodes if n.type == REPARAMETERIZE]
    if len(found) != 1:
        message = (tx("a VAE needs one Reparameterize node (mu at port 0, logvar at port 1); the graph has none")
                   if not found else
                   tx("a VAE holds exactly one Reparameterize node, the graph has {count}", count=len(found)))
        raise ValidationError([Problem(ProblemKind.BAD_SETTINGS, message, tuple(found))])
    node = found[0]
    ports = {e.dst_port: e.src for e in graph.in_edges(node)}
    if set(ports) != {0, 1}:
        raise ValidationError([Problem(
            ProblemKind.MISSING_INPUT,
            tx("Reparameterize needs mu at port 0 and logvar at port 1, has port(s) {ports}", ports=sorted(ports)),
            (node,))])
    return VaeTaps(node, ports[0], ports[1])


def decoder_graph(graph: Graph, inference: Inference) -> Graph:
    """The part of a VAE after its Reparameterize node, taking ``z`` (shape ``[D]``).

    The Reparameterize node becomes an Input of that shape with the same id; every other node
    and edge downstream is kept as it is (one pass over the edges).

    Raises:
        ValidationError: no single Reparameterize, or a decoder node that also reads a node
            before it (a skip connection from the encoder cannot run from ``z`` alone).
    """
    taps = vae_taps(graph)
    z_shape = inference.shapes.get(taps.node)
    if z_shape is None:
        raise ValidationError(inference.problems or [Problem(
            ProblemKind.SHAPE_MISMATCH, tx("the shape of z is unknown"), (taps.node,))])
    kept: set[str] = set()
    frontier = [taps.node]
    while frontier:
        for edge in graph.out_edges(frontier.pop()):
            if edge.dst not in kept:
                kept.add(edge.dst)
                frontier.append(edge.dst)
    inside = kept | {taps.node}
    foreign = [(e.src, e.dst) for node_id in kept for e in graph.in_edges(node_id) if e.src not in inside]
    if foreign:
        src, dst = foreign[0]
        raise ValidationError([Problem(
            ProblemKind.BAD_SETTINGS,
            tx("the decoder (after Reparameterize '{node}') reads '{src}', which comes before it: "
               "'{dst}' cannot run from z alone", node=taps.node, src=src, dst=dst), (dst, src))])
    old = graph.node(taps.node)
    nodes = [Node(taps.node, INPUT_TYPE, {"shape": list(z_shape)}, old.pos)]
    nodes += [n.copy() for n in graph.nodes if n.id in kept]
    edges = [Edge(e.src, e.dst, e.dst_port, e.extra) for e in graph.edges if e.dst in kept]
    return Graph(nodes, edges)


def latent_dim(training: Mapping[str, Any] | None, generator: Graph) -> int | None:
    """A GAN's noise size: ``training.latent_dim``, else the generator Input's 1-D ``shape``."""
    value = (training or {}).get("latent_dim")
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    for node in generator.nodes:
        shape = node.params.get("shape") if node.type == INPUT_TYPE else None
        if isinstance(shape, list) and len(shape) == 1 and isinstance(shape[0], int) and shape[0] >= 1:
            return int(shape[0])
    return None


@dataclass
class NetworkCheck:
    """A project's network(s) inferred (a GAN's generator as ``graph``), and every problem across them."""

    graph: Inference
    discriminator: Inference | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_gan(generator: Graph, discriminator: Graph | None, data_shape: Shape | None,
              noise: int | None, count_params: bool = True) -> NetworkCheck:
    """Infer the generator from noise ``[noise]`` and the discriminator from a data sample, and
    check that the generator's output is a data sample and the discriminator's output ``[1]``.

    Problems found in the discriminator carry ``network="discriminator"``.
    """
    problems: list[Problem] = []
    if noise is None:
        inputs = [n.id for n in generator.nodes if n.type == INPUT_TYPE]
        problems.append(Problem(ProblemKind.BAD_SETTINGS, tx("a GAN needs its noise size: set training.latent_dim "
                                                             "(or the generator Input's shape)"), tuple(inputs)))
    gen = infer(generator, (noise,) if noise else None, count_params)
    problems += gen.problems
    if discriminator is None:
        problems.append(Problem(ProblemKind.BAD_SETTINGS, tx("a GAN needs a 'discriminator' section: a second "
                                                             "graph from a data sample to one logit")))
        return NetworkCheck(gen, None, problems)
    fake = gen.output_shape
    # without data (a project still being drawn), the discriminator takes what the generator makes
    disc = infer(discriminator, data_shape if data_shape is not None else fake, count_params)
    problems += [replace(p, network=DISCRIMINATOR) for p in disc.problems]
    if fake is not None and data_shape is not None and tuple(fake) != tuple(data_shape):
        problems.append(_output_problem(
            generator, gen, lambda source: tx("the generator makes samples of shape {fake} but the data's are "
                                              "{data}: make '{source}' output {data}", fake=fmt(fake),
                                              data=fmt(data_shape), source=source)))
    logit = disc.output_shape
    if logit is not None and tuple(logit) != (1,):
        problems.append(_output_problem(
            discriminator, disc, lambda source: tx("the discriminator outputs {shape} per sample but needs [1], "
                                                   "one logit (real or fake): change '{source}'", shape=fmt(logit),
                                                   source=source), DISCRIMINATOR))
    return NetworkCheck(gen, disc, problems)


def _output_problem(graph: Graph, inference: Inference, text: Callable[[str], str],
                    network: str = "graph") -> Problem:
    """A wrong output shape, pinned on the node feeding the Output (``text`` names it)."""
    source = _feeding_output(graph, inference)
    return Problem(ProblemKind.SHAPE_MISMATCH, text(source), (source,), network)


def _feeding_output(graph: Graph, inference: Inference) -> str:
    assert inference.output_id is not None
    edges = graph.in_edges(inference.output_id)
    return edges[0].src if edges else inference.output_id


#: the objectives whose output reconstructs the input (``training.objective``)
RECONSTRUCTING = ("autoencoder", "vae")


def objective_name(training: Mapping[str, Any] | None) -> str:
    """``training.objective`` as written (``supervised`` when absent; the settings check
    reports a value that is not an objective)."""
    value = (training or {}).get("objective", "supervised") if isinstance(training, Mapping) else "supervised"
    return value if isinstance(value, str) else "supervised"


def infer_networks(graph: Graph, discriminator: Graph | None, training: Mapping[str, Any] | None,
                   data_shape: Shape | None, count_params: bool = True) -> NetworkCheck:
    """Infer a project's network(s) as its objective reads them and collect every problem.

    A GAN's generator takes noise and its discriminator a data sample (:func:`check_gan`); any
    other graph takes a data sample, and an autoencoder's or VAE's must give back its shape, a
    VAE's through one Reparameterize node. The editor, ``summary``, ``export`` and training all
    check a project through this.
    """
    objective = objective_name(training)
    if objective == "gan":
        return check_gan(graph, discriminator, data_shape, latent_dim(training, graph), count_params)
    inference = infer(graph, data_shape, count_params)
    problems = list(inference.problems)
    if objective in RECONSTRUCTING:
        problems += reconstruction_problems(objective, graph, inference, data_shape)
    return NetworkCheck(inference, None, problems)


def reconstruction_problems(objective: str, graph: Graph, inference: Inference,
                            data_shape: Shape | None) -> list[Problem]:
    """An autoencoder's or VAE's output must have its input's shape; a VAE needs one
    Reparameterize node with both ports connected."""
    problems: list[Problem] = []
    if objective == "vae":
        try:
            vae_taps(graph)
        except ValidationError as exc:
            problems += exc.problems
    output = inference.output_shape
    if output is not None and data_shape is not None and tuple(output) != tuple(data_shape):
        problems.append(_output_problem(
            graph, inference, lambda source: tx("the {objective} reconstructs its input: it outputs {shape} per "
                                                "sample but the input is {data}: make '{source}' output {data}",
                                                objective=objective, shape=fmt(output), data=fmt(data_shape),
                                                source=source)))
    return problems
