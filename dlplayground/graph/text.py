"""Engine texts the window can translate: English strings that remember how they were made.

The engine (validation problems, shape errors, the layer catalogue's docs) speaks English, and
the command line prints it as it is. The window shows the same texts in the user's language
without the engine importing Qt: a text made with :func:`tx` is a plain ``str`` (its English
wording, so comparisons, ``str()``, JSON and the CLI see nothing new) that also keeps its
``template`` and its named ``args``. The Qt layer looks the template up in the translation
catalogue and formats the translation with the same arguments (``dlplayground.qt.engine_text``),
translating arguments that are themselves such texts.

``pyside6-lupdate`` collects the templates when given ``-tr-function-alias QT_TR_NOOP+=tx``
(README, "Translations"): so the template must be a string literal (adjacent literals are
joined), with ``{name}`` placeholders, never an f-string.
"""

from __future__ import annotations

from typing import Any, Sequence


class Text(str):
    """An English text (the ``str`` value) with the ``template`` and ``args`` it was formatted from."""

    __slots__ = ("template", "args")
    template: str
    args: dict[str, Any]

    def __new__(cls, template: str, args: dict[str, Any]) -> "Text":
        value = template.format(**args) if args else template
        made = super().__new__(cls, value)
        made.template = template
        made.args = args
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        # rebuilt from the template, not the formatted value (which may hold braces)
        return (Text, (self.template, self.args))


def tx(template: str, /, **args: Any) -> Text:
    """Mark ``template`` translatable and format it with ``args`` (English for everything but the window)."""
    return Text(template, args)


def joined(parts: Sequence[str], separator: str = "; ") -> str:
    """``parts`` joined by ``separator`` ("; " or a newline), each part still translatable where
    it is a :class:`Text` (``separator.join`` would make the whole plain English)."""
    if not parts:
        return ""
    result = parts[0]
    for part in parts[1:]:
        # a structural template, the same in every language: the window finds no translation
        # of it and keeps it as it is, translating the parts
        result = Text("{first}" + separator + "{then}", {"first": result, "then": part})
    return result


def message_of(exc: BaseException) -> str:
    """An exception's message, keeping a :class:`Text` it was raised with (``str(exc)`` would drop it)."""
    if len(exc.args) == 1 and isinstance(exc.args[0], Text):
        return exc.args[0]
    return str(exc)
