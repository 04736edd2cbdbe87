"""The project panel: the project's name and its ``data`` and ``training`` sections.

Every field is an editor from :mod:`.param_form` bound to one key of a section (dotted keys
reach into ``optimizer``, ``scheduler`` and ``early_stopping``). An edit copies the section,
changes that key, and pushes the whole section as one undo command, so keys this panel does
not know (an optimizer's ``betas``, say) survive untouched. The dataset's own options are a
form generated from ``dlplayground.data.DATASETS[name].schema``.
"""

from __future__ import annotations

import copy
import html
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from dlplayground.qt.i18n import QT_TRANSLATE_NOOP

from dlplayground.data import DATASETS, DEFAULT_DATA
from dlplayground.graph.events import DocumentEvent, SettingsChanged
from dlplayground.graph.params import Param
from dlplayground.qt.data_source_preview import DataTools
from dlplayground.qt.canvas import style
from dlplayground.qt.editor import GraphEditor
from dlplayground.qt.data_preview import DataPreview
from dlplayground.qt.param_form import ParamEditor, guard_wheel, make_editor, param_doc
from dlplayground.qt.engine_text import shown
from dlplayground.qt.session import DocumentSession
from dlplayground.training.config import DEFAULT_TRAINING
from dlplayground.training.schema import (
    EARLY_STOPPING_KEYS,
    OPTIMIZER_OPTIONS as OPTIMIZERS,
    SCHEDULER_PARAMS as SCHEDULERS,
    TRAINING_KEYS,
    default,
    optimizer_default,
    scheduler_defaults,
    section_with,
)

#: the optimiser options this panel offers, by name (which ones each optimiser shows:
#: ``OPTIMIZERS``); defaults, ranges and help all come from the training schema
OPTIMIZER_PARAMS = {name: TRAINING_KEYS[f"optimizer.{name}"] for name in ("lr", "momentum", "weight_decay")}
#: the panel shows "full" (the whole training set) below batch size 1: an unset value here
_BATCH = replace(TRAINING_KEYS["batch_size"], words=(), nullable=True)
#: the training schema's help texts this panel shows, for the translation catalogue (the
#: editors look them up under "param_form"; the schema itself stays English for the CLI)
_SCHEMA_DOCS = (
    QT_TRANSLATE_NOOP("param_form", "What training minimises"),
    QT_TRANSLATE_NOOP("param_form", "How weights are updated from gradients"),
    QT_TRANSLATE_NOOP("param_form", "Learning rate: the size of each step"),
    QT_TRANSLATE_NOOP("param_form", "Keeps a running average of past steps (SGD, RMSprop)"),
    QT_TRANSLATE_NOOP("param_form", "L2 penalty pulling weights towards zero"),
    QT_TRANSLATE_NOOP("param_form", "Samples per step ('full': the whole training set at once)"),
    QT_TRANSLATE_NOOP("param_form", "Passes over the training set"),
    QT_TRANSLATE_NOOP("param_form", "Fixes the initial weights and the batch order"),
    QT_TRANSLATE_NOOP("param_form", "The metric watched"),
    QT_TRANSLATE_NOOP("param_form", "Epochs without improvement before stopping"),
)
TRAINING_FIELDS = (
    ("loss", TRAINING_KEYS["loss"]),
    ("optimizer.type", TRAINING_KEYS["optimizer.type"]),
    ("batch_size", _BATCH),
    ("epochs", TRAINING_KEYS["epochs"]),
    ("seed", TRAINING_KEYS["seed"]),
    # the generative objectives (an autoencoder, VAE or GAN) and their two settings
    ("objective", TRAINING_KEYS["objective"]),
    ("kl_weight", TRAINING_KEYS["kl_weight"]),
    ("latent_dim", TRAINING_KEYS["latent_dim"]),
)
EARLY_STOPPING_FIELDS = tuple((key, TRAINING_KEYS[key]) for key in EARLY_STOPPING_KEYS)
DATA_FIELDS = (
    ("val_split", Param("val_split", "float", 0.2, QT_TRANSLATE_NOOP("param_form", "Fraction of samples held out for validation"), minimum=0.0, maximum=0.9)),
    ("seed", Param("seed", "int", 0, QT_TRANSLATE_NOOP("param_form", "Fixes generation and the train/validation split"), minimum=0, maximum=2**31 - 1)),
)


#: form labels where the key's last part alone would be unclear
LABELS = {"optimizer.type": "optimizer"}


def get_key(section: dict[str, Any], dotted: str, default: Any = None) -> Any:
    value: Any = section
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return default
        value = value[part]
    return value


def set_key(section: dict[str, Any], dotted: str, value: Any) -> dict[str, Any]:
    """A copy of ``section`` with ``dotted`` set (``None`` removes the key)."""
    result = copy.deepcopy(section)
    *parents, last = dotted.split(".")
    target = result
    for part in parents:
        if not isinstance(target.get(part), dict):
            target[part] = {}
        target = target[part]
    if value is None:
        target.pop(last, None)
    else:
        target[last] = value
    return result


class SettingsPanel(QWidget):
    """Edits the project's name, dataset and training settings through undo commands.

    Attributes:
        fields: ``(section, dotted key) -> editor`` for every field shown, the dataset's own
            options (``params.<name>``), the optimizer's and the scheduler's included.
    """

    def __init__(self, session: DocumentSession, editor: GraphEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.editor = session, editor
        self.fields: dict[tuple[str, str], ParamEditor] = {}
        # rows that depend on a choice (dataset, optimizer, scheduler): rebuilt when it changes
        self._dynamic: dict[str, list[tuple[str, str]]] = {"dataset": [], "optimizer": [], "scheduler": []}
        self._shown: dict[str, object] = {"dataset": object(), "optimizer": object(), "scheduler": object()}

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(10)

        name_row = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setToolTip(self.tr("The project's name (the window title and run folders use it)"))
        self.name_edit.editingFinished.connect(self._name_edited)
        name_row.addRow(self.tr("Project name"), self.name_edit)
        layout.addLayout(name_row)

        data_box = QGroupBox(self.tr("Dataset"))
        self._data_layout = QFormLayout(data_box)
        self.dataset_combo = QComboBox()
        group = None
        for spec in DATASETS.values():
            if group is not None and spec.group != group:
                self.dataset_combo.insertSeparator(self.dataset_combo.count())
            group = spec.group
            self.dataset_combo.addItem(spec.name, spec.name)
            self.dataset_combo.setItemData(self.dataset_combo.count() - 1, f"{spec.group}: {spec.doc}",
                                           Qt.ItemDataRole.ToolTipRole)
        self.dataset_combo.activated.connect(self._dataset_chosen)
        self._data_layout.addRow("dataset", self.dataset_combo)
        self.data_info = QLabel()
        self.data_info.setWordWrap(True)
        self._data_layout.addRow(self.data_info)
        # Browse… / Preview… (the dataset's own rows are inserted above them)
        self.data_tools = DataTools(lambda: self._section("data"), lambda: self.session.base_dir,
                                    lambda key, value: self._edited("data", key, value))
        self._data_layout.addRow(self.data_tools)
        for key, param in DATA_FIELDS:
            self._add_field(self._data_layout, "data", key, param)
        # Browse, the column picker, the first rows, class counts, a scatter or image grid
        self.preview = DataPreview(session, editor)
        self._data_layout.addRow(self.preview)
        layout.addWidget(data_box)

        train_box = QGroupBox(self.tr("Training"))
        self._train_layout = QFormLayout(train_box)
        for key, param in TRAINING_FIELDS:
            self._add_field(self._train_layout, "training", key, param)
        self.fields[("training", "batch_size")].widget.setSpecialValueText("full")  # type: ignore[attr-defined]
        layout.addWidget(train_box)

        sched_box = QGroupBox(self.tr("Schedule"))
        self._sched_layout = QFormLayout(sched_box)
        self.scheduler_combo = QComboBox()
        self.scheduler_combo.addItem("none", None)
        for name in SCHEDULERS:
            self.scheduler_combo.addItem(name, name)
        self.scheduler_combo.setToolTip(self.tr("Changes the learning rate as training goes on"))
        self.scheduler_combo.activated.connect(self._scheduler_chosen)
        self._sched_layout.addRow("scheduler", self.scheduler_combo)
        self.early_check = QCheckBox(self.tr("stop when the metric stalls"))
        self.early_check.setToolTip(self.tr("Stop training when the monitored metric has not improved for 'patience' epochs"))
        self.early_check.toggled.connect(self._early_toggled)
        self._sched_layout.addRow(self.tr("early stop"), self.early_check)
        for key, param in EARLY_STOPPING_FIELDS:
            self._add_field(self._sched_layout, "training", key, param)
        layout.addWidget(sched_box)
        layout.addStretch(1)
        for combo in page.findChildren(QComboBox):
            # as narrow as the dock needs, not as wide as the longest entry
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            guard_wheel(combo)  # scrolling the panel never changes the dataset or scheduler

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        session.project_replaced.connect(self.refresh)
        session.document_changed.connect(self._on_document_changed)
        session.inference_updated.connect(self._show_data_info)
        self.refresh()

    # -- building --------------------------------------------------------------------
    def _add_field(self, layout: QFormLayout, section: str, key: str, param: Param, row: int = -1) -> ParamEditor:
        """An editor for ``section[key]`` in ``layout`` (at ``row``; -1: at the end)."""
        editor = make_editor(param)
        editor.edited.connect(lambda value, s=section, k=key: self._edited(s, k, value))
        label = QLabel(LABELS.get(key, key.split(".")[-1]))
        label.setToolTip(param_doc(param))
        layout.insertRow(row, label, editor.widget)
        self.fields[(section, key)] = editor
        return editor

    def _replace_rows(self, group: str, layout: QFormLayout, after: QWidget, section: str,
                      fields: list[tuple[str, Param]]) -> None:
        """Swap the rows of ``group`` for editors of ``fields``, placed right below ``after``."""
        for field in self._dynamic[group]:
            editor = self.fields.pop(field)
            taken = layout.takeRow(editor.widget)
            for item in (taken.labelItem, taken.fieldItem):
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()  # later: one of them may be sending a signal
        position: Any = layout.getWidgetPosition(after)  # (row, role); typed as object by PySide6
        row = position[0]
        self._dynamic[group] = []
        for offset, (key, param) in enumerate(fields, start=1):
            self._add_field(layout, section, key, param, row + offset)
            self._dynamic[group].append((section, key))

    def _show_choice_rows(self, data: dict[str, Any], training: dict[str, Any]) -> None:
        """Rebuild the rows that depend on the dataset, optimizer and scheduler chosen."""
        dataset = data.get("name")
        if dataset != self._shown["dataset"]:
            spec = DATASETS.get(dataset or "")
            fields = [(f"params.{p.name}", p) for p in spec.schema] if spec is not None else []
            self._replace_rows("dataset", self._data_layout, self.data_info, "data", fields)
        optimizer = get_key(training, "optimizer.type")
        if optimizer != self._shown["optimizer"]:
            names = OPTIMIZERS.get(optimizer or "", ("lr",))
            type_editor = self.fields[("training", "optimizer.type")].widget
            self._replace_rows("optimizer", self._train_layout, type_editor, "training",
                               [(f"optimizer.{name}", OPTIMIZER_PARAMS[name]) for name in names])
        scheduler = get_key(training, "scheduler.type")
        if scheduler != self._shown["scheduler"]:
            self._replace_rows("scheduler", self._sched_layout, self.scheduler_combo, "training",
                               [(f"scheduler.{p.name}", p) for p in SCHEDULERS.get(scheduler or "", ())])
        self._shown.update(dataset=dataset, optimizer=optimizer, scheduler=scheduler)

    # -- showing the document --------------------------------------------------------
    def refresh(self) -> None:
        """Show the project's current settings (without reporting edits)."""
        project = self.session.project
        self.name_edit.setText(project.name)
        data = project.data or DEFAULT_DATA
        training = project.training or DEFAULT_TRAINING
        self._show_choice_rows(data, training)
        self.dataset_combo.setCurrentIndex(max(0, self.dataset_combo.findData(data.get("name"))))
        self.scheduler_combo.setCurrentIndex(
            max(0, self.scheduler_combo.findData(get_key(training, "scheduler.type"))))
        early = isinstance(training.get("early_stopping"), dict)
        self.early_check.blockSignals(True)
        self.early_check.setChecked(early)
        self.early_check.blockSignals(False)
        for (section, key), editor in self.fields.items():
            source = data if section == "data" else training
            fallback = (optimizer_default(get_key(training, "optimizer.type"), key.split(".", 1)[1])
                        if key.startswith("optimizer.") and key != "optimizer.type" else editor.param.default)
            value = get_key(source, key, fallback)
            if key == "batch_size" and value == "full":
                value = None
            if key == "val_split":  # "test": the official test split, no fraction to edit here
                editor.widget.setEnabled(value != "test")
                if value == "test":
                    editor.widget.setToolTip(self.tr("Validates on the dataset's official test split (\"val_split\": \"test\")"))
                    continue
            editor.set_value(value)
            if key.startswith("early_stopping."):
                editor.widget.setEnabled(early)
        self.data_tools.refresh()
        self._show_data_info()

    def _show_data_info(self, *_args: object) -> None:
        problem = self.session.data_problem
        if problem:
            self.data_info.setText(self.tr("<span style='color:{value}'>⚠ {value2}</span>").format(value=style.PROBLEM.name(), value2=html.escape(shown(problem))))
            return
        shape = self.session.input_shape
        spec = DATASETS.get((self.session.project.data or DEFAULT_DATA).get("name", ""))
        parts = [self.tr("input [{value}]").format(value=', '.join(str(d) for d in shape)) if shape else self.tr("input unknown")]
        if spec is not None and spec.task:
            parts.append(spec.task)
        self.data_info.setText(self.tr("<span style='color:{value}'>{value2}</span>").format(value=style.TEXT_MUTED.name(), value2=' · '.join(parts)))

    def _on_document_changed(self, event: DocumentEvent) -> None:
        if isinstance(event, SettingsChanged):
            self.refresh()

    # -- edits -----------------------------------------------------------------------
    def _section(self, section: str) -> dict[str, Any]:
        value = getattr(self.session.project, section)
        default = DEFAULT_DATA if section == "data" else DEFAULT_TRAINING
        return copy.deepcopy(value or default)

    def _edited(self, section: str, key: str, value: Any) -> None:
        current = self._section(section)
        if key == "batch_size" and value is None:
            value = "full"
        updated = set_key(current, key, value)
        if key == "optimizer.type":
            allowed = set(OPTIMIZERS.get(value, ())) | {"type"}
            offered = set(OPTIMIZER_PARAMS)
            updated["optimizer"] = {k: v for k, v in updated["optimizer"].items() if k in allowed or k not in offered}
        self.editor.set_settings(section, updated)

    def _dataset_chosen(self, index: int) -> None:
        name = self.dataset_combo.itemData(index)
        current = self._section("data")
        if name is None or current.get("name") == name:
            return
        current["name"] = name
        current["params"] = {}  # the old dataset's options mean nothing to the new one
        self.editor.set_settings("data", current)

    def _scheduler_chosen(self, index: int) -> None:
        name = self.scheduler_combo.itemData(index)
        current = self._section("training")
        if get_key(current, "scheduler.type") == name:
            return
        if name is None:
            current.pop("scheduler", None)
        else:
            current["scheduler"] = {"type": name, **scheduler_defaults(name)}
            if name == "CosineAnnealingLR":  # one half-period over the whole run
                current["scheduler"]["T_max"] = int(current.get("epochs", default("epochs")))
        self.editor.set_settings("training", current)

    def _early_toggled(self, on: bool) -> None:
        current = self._section("training")
        if on:
            current["early_stopping"] = section_with(EARLY_STOPPING_KEYS, "early_stopping.")
        else:
            current.pop("early_stopping", None)
        self.editor.set_settings("training", current)

    def _name_edited(self) -> None:
        name = self.name_edit.text().strip()
        if not name:
            self.name_edit.setText(self.session.project.name)
            return
        self.editor.set_settings("name", name)
