"""Parameter schemas: the typed description of a layer's or a dataset's options.

One schema drives three things: validation of hand-written projects, defaults filled in
before building torch modules, and the inspector form the editor generates (spin boxes with
ranges, combo boxes for choices, check boxes). Pure Python, no Qt and no torch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal, Mapping, Sequence

from dlplayground.graph.text import tx

#: the largest magnitude an integer option may have: torch takes its arguments as int64
INT_LIMIT = 2**63 - 1

ParamKind = Literal["int", "float", "bool", "choice", "str", "ints", "shape", "int_or_pair"]


@dataclass(frozen=True)
class Param:
    """One named option with its type, default and allowed range.

    Kinds:
        ``int``/``float``: a number within ``[minimum, maximum]`` (either may be None).
        ``bool``: true or false.
        ``choice``: one of ``choices``.
        ``str``: free text.
        ``int_or_pair``: an int or a two-int list, e.g. a kernel size ``3`` or ``[3, 5]``, or
            one of ``words`` (a convolution's ``padding`` may be ``"same"``).
        ``shape``: a list of ints, at most one ``-1`` (Reshape targets, Input shapes).
        ``ints``: a list of ints (a single int stands for a one-element list).
    """

    name: str
    kind: ParamKind
    default: Any = None
    doc: str = ""
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[Any, ...] = ()
    required: bool = False
    nullable: bool = False
    #: strings an ``int`` or ``int_or_pair`` also takes (``"same"`` for a convolution's padding)
    words: tuple[str, ...] = ()
    #: accepted in project files but not offered in the editor's forms (torch options that make
    #: no difference here, such as ``inplace``)
    hidden: bool = False
    #: the minimum itself is refused (a learning rate must be above 0, however little)
    exclusive_minimum: bool = False

    def check(self, value: Any) -> str | None:
        """Return a message saying why ``value`` is not acceptable, or None if it is."""
        if value is None:
            if self.nullable:
                return None
            return tx("'{name}' must be set", name=self.name)
        if isinstance(value, str) and value in self.words:
            return None
        if self.kind == "bool":
            return None if isinstance(value, bool) else tx("'{name}' must be true or false, got {value}", name=self.name,
                                                                   value=_short(value))
        if self.kind == "choice":
            if value in self.choices:
                return None
            allowed = ", ".join(repr(c) for c in self.choices)
            return tx("'{name}' must be one of {allowed}, got {value}", name=self.name, allowed=allowed,
                      value=_short(value))
        if self.kind == "str":
            return None if isinstance(value, str) else tx("'{name}' must be a string, got {value}", name=self.name,
                                                                  value=_short(value))
        if self.kind == "int":
            if not _is_int(value):
                return tx("'{name}' must be an integer{words}, got {value}", name=self.name, words=self._words(),
                          value=_short(value))
            return self._check_range(value)
        if self.kind == "float":
            if not _is_number(value):
                return tx("'{name}' must be a number, got {value}", name=self.name, value=_short(value))
            if not _is_finite(value):
                # NaN compares false with every bound, so it would pass any range check
                return tx("'{name}' must be a finite number, got {value}", name=self.name, value=_short(value))
            return self._check_range(value)
        if self.kind == "int_or_pair":
            items = value if isinstance(value, (list, tuple)) else [value]
            if not (1 <= len(items) <= 2 and all(_is_int(v) for v in items)):
                return tx("'{name}' must be an integer or a pair of integers{words}, got {value}", name=self.name,
                          words=self._words(), value=_short(value))
            for item in items:
                problem = self._check_range(item)
                if problem:
                    return problem
            return None
        if self.kind == "ints" and _is_int(value):
            return self._check_range(value)  # one int stands for a one-element list, as in torch
        if self.kind in ("ints", "shape"):
            if not isinstance(value, (list, tuple)) or not all(_is_int(v) for v in value):
                return tx("'{name}' must be a list of integers, got {value}", name=self.name, value=_short(value))
            if any(abs(v) > INT_LIMIT for v in value):
                return tx("'{name}' holds an integer too large: {value}", name=self.name, value=_short(list(value)))
            if self.kind == "shape":
                if sum(1 for v in value if v == -1) > 1:
                    return tx("'{name}' may hold at most one -1, got {value}", name=self.name, value=_short(list(value)))
                if any(v == 0 or v < -1 for v in value):
                    return tx("'{name}' entries must be positive (or one -1), got {value}", name=self.name,
                          value=_short(list(value)))
            return None
        raise AssertionError(f"unknown parameter kind {self.kind!r}")  # pragma: no cover

    def _words(self) -> str:
        """The words an integer option also takes, as the messages list them: `` or 'same'``."""
        return "".join(f" or {w!r}" for w in self.words)

    def _check_range(self, value: float) -> str | None:
        if _is_int(value) and abs(value) > INT_LIMIT:
            return tx("'{name}' is too large: {value} (at most {limit})", name=self.name, value=_short(value),
                      limit=INT_LIMIT)
        if self.minimum is not None and self.exclusive_minimum and value <= self.minimum:
            return tx("'{name}' must be > {minimum}, got {value}", name=self.name, minimum=f"{self.minimum:g}",
                      value=_short(value))
        if self.minimum is not None and value < self.minimum:
            return tx("'{name}' must be >= {minimum}, got {value}", name=self.name, minimum=f"{self.minimum:g}",
                      value=_short(value))
        if self.maximum is not None and value > self.maximum:
            return tx("'{name}' must be <= {maximum}, got {value}", name=self.name, maximum=f"{self.maximum:g}",
                      value=_short(value))
        return None


@dataclass(frozen=True)
class ParamSchema:
    """An ordered set of :class:`Param` with validation and default filling."""

    params: tuple[Param, ...] = field(default_factory=tuple)

    def __iter__(self):
        return iter(self.params)

    def __len__(self) -> int:
        return len(self.params)

    def get(self, name: str) -> Param | None:
        for param in self.params:
            if param.name == name:
                return param
        return None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)

    def problems(self, values: Mapping[str, Any]) -> list[str]:
        """Every reason ``values`` is invalid: unknown names, missing required ones, bad values."""
        found: list[str] = []
        for name in values:
            if self.get(name) is None:
                known = ", ".join(self.names) or "none"
                found.append(tx("unknown parameter '{name}' (known: {known})", name=name, known=known))
        for param in self.params:
            if param.name in values:
                message = param.check(values[param.name])
                if message:
                    found.append(message)
            elif param.required:
                found.append(tx("'{name}' is required", name=param.name))
        return found

    def resolve(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Return ``values`` with defaults filled in for every absent parameter."""
        resolved = {p.name: p.default for p in self.params}
        resolved.update(values)
        for param in self.params:
            value = resolved[param.name]
            if param.kind == "float" and isinstance(value, float) and value == 0.0:
                resolved[param.name] = 0.0  # -0.0 is 0 to every range check, but not to numpy's scales
        return resolved


def schema(*params: Param) -> ParamSchema:
    """Build a :class:`ParamSchema` from positional :class:`Param` entries."""
    return ParamSchema(tuple(params))


def as_pair(value: int | Sequence[int]) -> tuple[int, int]:
    """Normalise an ``int_or_pair`` value to a pair."""
    if isinstance(value, int):
        return (value, value)
    return (int(value[0]), int(value[-1]))


def freeze(value: Any) -> Any:
    """A hashable copy of JSON-like params (dicts become sorted item tuples), for cache keys."""
    if isinstance(value, Mapping):
        return tuple(sorted((k, freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v) for v in value)
    return value


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_finite(value: int | float) -> bool:
    """A number that is neither NaN nor infinite, and an int a float can hold."""
    try:
        return math.isfinite(float(value))
    except OverflowError:
        return False


def _short(value: Any, limit: int = 60) -> str:
    """``repr(value)`` cut to ``limit`` characters: a message never quotes a whole hostile value."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return f"an integer of about {int(value.bit_length() * 0.30103)} digits"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
