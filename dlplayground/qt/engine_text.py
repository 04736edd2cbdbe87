"""The engine's texts in the window's language.

Problems, shape errors, layer docs and palette categories are made in the engine with
:func:`dlplayground.graph.text.tx`: English strings that keep their template and arguments.
Here, at display time, the template is looked up in the translation catalogue (the empty
context, where ``lupdate -tr-function-alias QT_TR_NOOP+=tx`` files them) and the translation is
formatted with the same arguments, each argument that is itself such a text translated first.
A plain string (a node id, a data file's error) is shown as it is.
"""

from __future__ import annotations

from typing import Any

from dlplayground.graph.problems import Problem, ProblemKind
from dlplayground.graph.text import Text
from dlplayground.qt.i18n import QT_TRANSLATE_NOOP, translate

#: the context lupdate gives texts marked with ``tx`` (``QT_TR_NOOP`` outside a Qt class)
ENGINE_CONTEXT = ""

#: why a run stopped (the trainer's ``stop_reason`` codes), in words
STOP_REASONS = {
    "completed": QT_TRANSLATE_NOOP("engine_text", "completed"),
    "early_stopping": QT_TRANSLATE_NOOP("engine_text", "stopped early"),
    "terminated": QT_TRANSLATE_NOOP("engine_text", "stopped"),
    "non_finite_loss": QT_TRANSLATE_NOOP("engine_text", "loss not finite"),
    "error": QT_TRANSLATE_NOOP("engine_text", "failed"),
}


def shown(text: Any) -> str:
    """``text`` as the window shows it: translated when the engine marked it, else unchanged."""
    if not isinstance(text, Text):
        return str(text)
    template = translate(ENGINE_CONTEXT, text.template)
    if not text.args:
        return template
    args = {name: shown(value) if isinstance(value, Text) else value for name, value in text.args.items()}
    try:
        return template.format(**args)
    except (KeyError, IndexError, ValueError):
        # a translation that lost a placeholder (the tests refuse one): the English still informs
        return str(text)


def stop_text(reason: str | None) -> str:
    """Why a run stopped, in the window's language (an unknown code as it is)."""
    return translate("engine_text", STOP_REASONS[reason]) if reason in STOP_REASONS else (reason or "")


def kind_name(kind: ProblemKind) -> str:
    """A problem kind's name in the window's language."""
    names = {
        ProblemKind.CYCLE: translate("engine_text", "cycle"),
        ProblemKind.UNKNOWN_TYPE: translate("engine_text", "unknown type"),
        ProblemKind.BAD_PARAM: translate("engine_text", "bad parameter"),
        ProblemKind.MISSING_INPUT: translate("engine_text", "missing input"),
        ProblemKind.EXTRA_INPUT: translate("engine_text", "extra input"),
        ProblemKind.SHAPE_MISMATCH: translate("engine_text", "shape mismatch"),
        ProblemKind.DISCONNECTED: translate("engine_text", "disconnected"),
        ProblemKind.NO_INPUT: translate("engine_text", "no input"),
        ProblemKind.NO_OUTPUT: translate("engine_text", "no output"),
        ProblemKind.TOO_MANY_MARKERS: translate("engine_text", "too many Input/Output nodes"),
        ProblemKind.BAD_SETTINGS: translate("engine_text", "bad settings"),
    }
    return names.get(kind, kind.value)


def problem_line(problem: Problem) -> str:
    """One problem as a line of the window: what kind, where, what to do (``str(problem)`` translated)."""
    where = ", ".join(problem.node_ids)
    line = translate("engine_text", "{kind}: {message}").format(kind=kind_name(problem.kind),
                                                                 message=shown(problem.message))
    if where:
        line = "[{where}] {line}".format(where=where, line=line)
    if problem.network != "graph":
        line = "{network}: {line}".format(network=problem.network, line=line)
    return line
