"""The Lessons gallery: pick a topic, and the window opens its project and starts its comparison."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget,
)

from dlplayground.experiments.lessons import LESSONS, UPCOMING, Lesson


class LessonsDialog(QDialog):
    """The list of lessons and what to watch in each; Start calls ``start(lesson)``."""

    def __init__(self, start: Callable[[Lesson], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Lessons"))
        self.setObjectName("lessons_dialog")
        self.resize(820, 460)
        self._start = start
        self.list = QListWidget()
        for lesson in LESSONS:
            item = QListWidgetItem(lesson.title)
            item.setData(Qt.ItemDataRole.UserRole, lesson)
            self.list.addItem(item)
        for title, waits_for in UPCOMING:  # listed, not startable: the gap stays visible
            item = QListWidgetItem(f"{title} (to come)")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            item.setToolTip(self.tr("No lesson yet: {value}").format(value=waits_for))
            self.list.addItem(item)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.start_button = QPushButton(self.tr("Open and Start"))
        self.start_button.clicked.connect(self.start_selected)
        self.list.currentItemChanged.connect(lambda item, _old: self._show(item))
        self.list.itemDoubleClicked.connect(lambda _item: self.start_selected())
        right = QVBoxLayout()
        right.addWidget(self.text, 1)
        right.addWidget(self.start_button)
        layout = QHBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(right, 2)
        self.list.setCurrentRow(0)

    def selected(self) -> Lesson | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _show(self, item: QListWidgetItem | None) -> None:
        lesson = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        if lesson is None:
            return
        if lesson.vary:
            how = f"Compares {lesson.vary[0]} = {lesson.vary[1].replace(',', ', ')}"
        elif lesson.pair:
            how = self.tr("Compares {example} with {pair}, side by side").format(example=lesson.example,
                                                                                pair=lesson.pair)
        elif lesson.view == "generative":
            how = self.tr("Trains it in the window with the Generative view open")
        else:
            how = self.tr("Trains it in the window with the Filters &amp; maps view open")
        self.text.setText(self.tr("<h3>{title}</h3><p><b>Project:</b> {example}<br><b>{how}</b>{value}</p>"
                                  "<p><b>What to watch:</b> {watch}</p>").format(
            title=lesson.title, example=lesson.example, how=how,
            value=f' ({lesson.epochs} epochs)' if lesson.epochs else '', watch=lesson.watch))

    def start_selected(self) -> None:
        lesson = self.selected()
        if lesson is not None:
            self._start(lesson)
