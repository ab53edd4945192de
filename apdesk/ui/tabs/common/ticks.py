"""Checklist items ticked in place: a box, the policy's wording (wrapped) and the date done.

Shared by the Annex A page of a placement and the Annex B page of a provider. Clicking the
words ticks the box, as a check box's own text would; the wording wraps, so a long item
never pushes the record wider than its panel.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QWidget

from apdesk.domain.checklists import ChecklistItem
from apdesk.ui import colours

Tick = Callable[[str, bool], None]
DATE_STYLE = f"color: {colours.css(colours.MUTED_TEXT)};"
WIDEST_DATE = "Done 30 Sept 2026"  # the date column keeps this width, ticked or not


class Wording(QLabel):
    def __init__(self, text: str, box: QCheckBox) -> None:
        super().__init__(text)
        self.box = box
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.box.isEnabled() and event.button() == Qt.MouseButton.LeftButton:
            self.box.click()
        super().mouseReleaseEvent(event)


class TickList(QWidget):
    """`boxes` and `dates` by item key; `tick(key, on)` is called when the person ticks.
    With `notes`, each item has a wrapped label under its wording (`notes` by key).
    Ticking changes no row's height, so the rows stay where they are."""

    def __init__(
        self, items: Iterable[ChecklistItem], tick: Tick, *, numbered: bool, notes: bool = False
    ) -> None:
        super().__init__()
        self.boxes: dict[str, QCheckBox] = {}
        self.dates: dict[str, QLabel] = {}
        self.notes: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)  # the section around it has its own
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(8)
        # The column is as wide before the first tick as after it: a date appearing must not
        # narrow the wording, rewrap it and move every row under the pointer.
        grid.setColumnMinimumWidth(2, self.fontMetrics().horizontalAdvance(WIDEST_DATE) + 4)
        step = 2 if notes else 1
        for index, item in enumerate(items):
            row = index * step
            check = QCheckBox()
            check.setAccessibleName(item.text)
            check.clicked.connect(lambda on, key=item.key: tick(key, on))
            when = QLabel()
            when.setStyleSheet(DATE_STYLE)
            when.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            self.boxes[item.key], self.dates[item.key] = check, when
            words = f"{item.key}  {item.text}" if numbered else item.text
            grid.addWidget(check, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(Wording(words, check), row, 1)
            grid.addWidget(when, row, 2)
            if notes:
                note = QLabel()
                note.setWordWrap(True)
                note.setTextFormat(Qt.TextFormat.PlainText)
                note.setAccessibleName(f"What APDesk holds for {item.key}")
                self.notes[item.key] = note
                grid.addWidget(note, row + 1, 1, 1, 2)
