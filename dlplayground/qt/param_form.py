"""A form generated from a :class:`~dlplayground.graph.params.ParamSchema`.

One editor per parameter kind: spin boxes with the schema's range for ``int`` and ``float``,
a check box for ``bool``, a combo box for ``choice``, and a checked text field for ``str``,
``int_or_pair`` (``3`` or ``3, 5``), ``shape`` and ``ints`` (``1, 8, 8``). Nullable parameters
offer an "auto" state meaning "unset, use the default". The form only reports edits
(:attr:`ParamForm.value_edited`); the caller turns them into undo commands. Text that does not
parse or fails the schema's check is marked red with the reason and not reported.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Mapping

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from dlplayground.graph.params import Param, ParamSchema
from dlplayground.graph.text import Text
from dlplayground.qt.canvas import style
from dlplayground.qt.i18n import translate
from dlplayground.qt.engine_text import shown

INT_LIMIT = 2_147_483_647
AUTO_TEXT = "auto"
_INVALID_STYLE = f"border: 1px solid {style.PROBLEM.name()}; background: #fff1f0;"


class FloatSpinBox(QDoubleSpinBox):
    """A double spin box that shows ``0.001`` and ``1e-05`` as written, not rounded to decimals."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(12)
        self.setStepType(QAbstractSpinBox.StepType.AdaptiveDecimalStepType)

    def textFromValue(self, value: float) -> str:  # noqa: N802 - Qt override
        return f"{value:g}"

    def valueFromText(self, text: str) -> float:  # noqa: N802
        try:
            return float(text)
        except ValueError:
            return self.value()

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        stripped = text.strip()
        if not stripped or stripped in ("-", "+", ".", "-.", "e", "E") or stripped.lower().endswith(("e", "e-", "e+")):
            return QValidator.State.Intermediate, text, pos
        try:
            value = float(stripped)
        except ValueError:
            return QValidator.State.Invalid, text, pos
        if not self.minimum() <= value <= self.maximum():
            return QValidator.State.Intermediate, text, pos
        return QValidator.State.Acceptable, text, pos


class _WheelGuard(QObject):
    """Passes wheel events over an unfocused spin box or combo box on to the scroll area.

    Without it, scrolling a panel changes whatever field passes under the pointer (lr went
    0.005 -> 0.0048 in two notches). A field the user clicked into still takes the wheel.
    """

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget) or watched.hasFocus():
            return False
        area = watched.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is not None:  # handed on directly: Qt does not propagate a synthesised wheel event
            QCoreApplication.sendEvent(area.verticalScrollBar(), event)
        else:
            event.ignore()
        return True


_WHEEL_GUARD: _WheelGuard | None = None


def param_doc(param: Param) -> str:
    """An option's help in the window's language: the layer catalogue marks its docs for translation
    (:func:`~dlplayground.qt.engine_text.shown`); the training schema's are filed under this module."""
    if not param.doc:
        return ""
    return shown(param.doc) if isinstance(param.doc, Text) else translate("param_form", param.doc)


def guard_wheel(widget: QWidget) -> None:
    """Make ``widget`` take wheel events only while it has focus (see :class:`_WheelGuard`)."""
    global _WHEEL_GUARD
    if _WHEEL_GUARD is None:
        _WHEEL_GUARD = _WheelGuard()
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel alone does not give it focus
    widget.installEventFilter(_WHEEL_GUARD)


class ParamEditor(QObject):
    """Adapts one widget to one parameter: ``set_value`` shows, ``edited`` reports."""

    edited = Signal(object)

    def __init__(self, param: Param, widget: QWidget, show: Callable[[Any], None]) -> None:
        super().__init__(widget)
        self.param, self.widget, self._show = param, widget, show

    def set_value(self, value: Any) -> None:
        """Show ``value`` without reporting it as an edit."""
        self.widget.blockSignals(True)
        try:
            self._show(value)
        finally:
            self.widget.blockSignals(False)
        if isinstance(self.widget, QLineEdit):
            _mark(self.widget, None, self.param)


def parse_ints(text: str) -> list[int]:
    """``"1, 8, 8"``, ``"[1, 8, 8]"`` or ``"3x5"`` -> a list of ints; raises ValueError."""
    cleaned = text.strip().strip("[]()")
    if not cleaned:
        return []
    return [int(part) for part in re.split(r"[\s,x×]+", cleaned) if part]


def format_ints(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def make_editor(param: Param, parent: QWidget | None = None) -> ParamEditor:
    """The editor widget for ``param``, set up with its range, choices and doc."""
    tip = param_doc(param)
    if param.minimum is not None or param.maximum is not None:
        low = "" if param.minimum is None else f"{param.minimum:g}"
        high = "" if param.maximum is None else f"{param.maximum:g}"
        tip += f" (range {low}..{high})"
    if param.kind == "bool":
        box = QCheckBox(parent)
        editor = ParamEditor(param, box, lambda v: box.setChecked(bool(v)))
        box.toggled.connect(lambda on: editor.edited.emit(bool(on)))
    elif param.kind == "choice":
        combo = QComboBox(parent)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        if param.nullable:
            combo.addItem(AUTO_TEXT, None)
        for choice in param.choices:
            combo.addItem(str(choice), choice)
        editor = ParamEditor(param, combo, lambda v: combo.setCurrentIndex(max(0, combo.findData(v))))
        combo.activated.connect(lambda index: editor.edited.emit(combo.itemData(index)))
    elif param.kind == "int" and not param.words and (not param.nullable or param.minimum is not None):
        editor = _int_editor(param, parent)
    elif param.kind == "float" and not param.nullable:
        spin = FloatSpinBox(parent)
        spin.setRange(-1e12 if param.minimum is None else param.minimum, 1e12 if param.maximum is None else param.maximum)
        spin.setKeyboardTracking(False)
        editor = ParamEditor(param, spin, lambda v: spin.setValue(float(v if v is not None else 0.0)))
        spin.valueChanged.connect(lambda v: editor.edited.emit(float(v)))
    else:
        editor = _text_editor(param, parent)
    editor.widget.setToolTip(tip)
    if isinstance(editor.widget, (QAbstractSpinBox, QComboBox)):
        guard_wheel(editor.widget)
    editor.widget.setMinimumWidth(72)  # not the width of the largest allowed value: docks are narrow
    return editor


def _int_editor(param: Param, parent: QWidget | None) -> ParamEditor:
    spin = QSpinBox(parent)
    low = -INT_LIMIT if param.minimum is None else int(param.minimum)
    high = INT_LIMIT if param.maximum is None else int(param.maximum)
    auto = None
    if param.nullable:
        auto = low - 1  # the value below the range reads "auto" and means unset
        spin.setSpecialValueText(AUTO_TEXT)
        low = auto
    spin.setRange(low, high)
    spin.setKeyboardTracking(False)
    spin.setAccelerated(True)
    editor = ParamEditor(param, spin, lambda v: spin.setValue(auto if v is None and auto is not None else int(v or 0)))
    spin.valueChanged.connect(lambda v: editor.edited.emit(None if v == auto else int(v)))
    return editor


def _text_editor(param: Param, parent: QWidget | None) -> ParamEditor:
    line = QLineEdit(parent)
    if param.nullable:
        line.setPlaceholderText(AUTO_TEXT)
    elif param.kind in ("int", "int_or_pair"):
        example = "e.g. 3" + (" or 3, 5" if param.kind == "int_or_pair" else "")
        line.setPlaceholderText(example + "".join(f" or {w}" for w in param.words))
    elif param.kind in ("shape", "ints"):
        line.setPlaceholderText(translate("param_form", "e.g. 1, 8, 8"))
    editor = ParamEditor(param, line, lambda v: line.setText(format_ints(v) if param.kind != "str" else (v or "")))

    def finished() -> None:
        try:
            value = _parse_text(param, line.text())
        except ValueError as exc:
            _mark(line, str(exc), param)
            return
        message = param.check(value)
        _mark(line, message, param)
        if message is None:
            editor.edited.emit(value)

    line.editingFinished.connect(finished)
    return editor


def _parse_text(param: Param, text: str) -> Any:
    if not text.strip():
        return None if param.nullable or param.kind != "str" else ""
    if param.kind == "str":
        return text
    if param.kind == "float":
        return float(text)
    if text.strip() in param.words:
        return text.strip()
    try:
        numbers = parse_ints(text)
    except ValueError:
        raise ValueError(translate("param_form", "'{name}' takes whole numbers separated by commas, got {text!r}").format(name=param.name, text=text)) from None
    if param.kind == "int":
        if len(numbers) != 1:
            raise ValueError(translate("param_form", "'{name}' takes one whole number, got {text!r}").format(name=param.name, text=text))
        return numbers[0]
    if param.kind == "int_or_pair" and len(numbers) == 1:
        return numbers[0]
    return numbers


def _mark(line: QLineEdit, message: str | None, param: Param) -> None:
    line.setStyleSheet(_INVALID_STYLE if message else "")
    line.setToolTip(shown(message) if message else param_doc(param))


class ParamForm(QWidget):
    """Editors for every parameter of a schema, in a two-column form.

    Signals:
        value_edited(name, value): the user changed one parameter (None: unset it).
    """

    value_edited = Signal(str, object)

    def __init__(self, schema: ParamSchema, values: Mapping[str, Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.schema = schema
        self.editors: dict[str, ParamEditor] = {}
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for param in schema:
            if param.hidden:
                continue
            editor = make_editor(param, self)
            editor.edited.connect(lambda value, name=param.name: self.value_edited.emit(name, value))
            label = QLabel(param.name, self)
            label.setToolTip(param_doc(param))
            layout.addRow(label, editor.widget)
            self.editors[param.name] = editor
        if not self.editors:
            layout.addRow(QLabel(self.tr("No parameters."), self))
        self.set_values(values or {})

    def set_values(self, values: Mapping[str, Any]) -> None:
        """Show ``values`` (defaults for absent ones) without emitting edits."""
        resolved = self.schema.resolve(values)
        for name, editor in self.editors.items():
            editor.set_value(resolved.get(name))
