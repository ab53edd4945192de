"""Form fields that speak the domain's types: dates (typed as people write them, optionally
blank) and enums.

Every field has `value()` and `set_value()` in domain terms (a `date`, an enum member, an
id), so editors read and fill records without converting at each call.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import Any, cast

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_date, format_time, parse_date, parse_time
from apdesk.domain.labels import label
from apdesk.ui.widgets import problem_label, say

PICK_KEYS = (Qt.Key.Key_F4,)  # and Alt+Down, as in a drop-down list


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class DateEdit(QWidget):
    """A date typed as people write it ("1/12/2026", "1 Dec 2026") or picked from a calendar.

    The text is read by `apdesk.domain.formatting.parse_date`, never rolled over: "31/2/2026"
    is refused with the reason under the field. Tab moves to the next field (the calendar
    button takes no focus; F4 or Alt+Down opens it). A blank optional date is `None`; a blank
    required one is refused when read, so no date is ever made up.
    """

    def __init__(self, name: str, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name, self.optional = name, optional
        self.setAccessibleName(name)
        self.line = QLineEdit()
        self.line.setAccessibleName(name)
        self.line.setPlaceholderText("Not set (d/m/yyyy)" if optional else "d/m/yyyy")
        self.line.setMinimumWidth(self.line.fontMetrics().horizontalAdvance("00 Sept 0000") + 24)
        self.line.editingFinished.connect(self.tidy)
        self.line.installEventFilter(self)
        self.pick = QToolButton()
        self.pick.setText("▾")
        self.pick.setToolTip("Pick from a calendar (F4)")
        self.pick.setAccessibleName(f"Pick {name.lower()} from a calendar")
        self.pick.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pick.clicked.connect(self.open_calendar)
        self.problem = problem_label()
        self.problem.setAccessibleName(f"Problem with {name.lower()}")
        self.line.textEdited.connect(lambda _: say(self.problem, ""))  # said again on leaving
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        self.row = row
        row.addWidget(self.line, 1)
        row.addWidget(self.pick)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.problem)
        self.setFocusProxy(self.line)
        self.calendar: QCalendarWidget | None = None

    def text(self) -> str:
        return self.line.text().strip()

    def value(self) -> date | None:
        """The date shown; `InvalidInput` (with the reason) when the text is not one."""
        if not self.text() and self.optional:
            return None
        return parse_date(self.text(), self.name)

    def set_value(self, day: date | None) -> None:
        self.line.setText("" if day is None else format_date(day))
        say(self.problem, "")

    def tracked_value(self) -> str:
        return self.text()

    def tidy(self) -> None:
        """On leaving the field: show the date in house style, or say what is wrong."""
        if not self.text():
            say(self.problem, "")
            return
        try:
            day = parse_date(self.text(), self.name)
        except InvalidInput as exc:
            say(self.problem, str(exc))
        else:
            self.line.setText(format_date(day))
            say(self.problem, "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.line and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt_down = event.key() == Qt.Key.Key_Down and bool(
                event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            if event.key() in PICK_KEYS or alt_down:
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)

    def open_calendar(self) -> None:
        """A calendar under the field, on the date typed (or today when there is none)."""
        try:
            shown = self.value() or date.today()
        except InvalidInput:
            shown = date.today()
        calendar = self.calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setAccessibleName(f"Calendar for {self.name.lower()}")
        calendar.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        calendar.setGridVisible(True)
        calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        calendar.activated.connect(self._picked)
        calendar.clicked.connect(self._picked)
        calendar.move(self.line.mapToGlobal(self.line.rect().bottomLeft()))
        calendar.show()
        calendar.setFocus()

    def _picked(self, day: QDate) -> None:
        self.line.setText(format_date(to_date(day)))
        say(self.problem, "")
        if self.calendar is not None:
            self.calendar.close()
            self.calendar = None
        self.line.setFocus()


class DateTimeEdit(DateEdit):
    """A date (as `DateEdit`) and a time of day typed on the 24-hour clock ("14:05")."""

    def __init__(self, name: str, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(name, optional, parent)
        self.time = QLineEdit()
        self.time.setAccessibleName(f"{name} (time)")
        self.time.setPlaceholderText("hh:mm")
        self.time.setFixedWidth(self.time.fontMetrics().horizontalAdvance("00:00") + 24)
        self.time.editingFinished.connect(self.tidy)
        self.row.addWidget(self.time)

    def value(self) -> datetime | None:
        if not self.text() and not self.time.text().strip() and self.optional:
            return None
        day = parse_date(self.text(), self.name)
        return datetime.combine(day, parse_time(self.time.text(), f"{self.name} (time)"))

    def set_value(self, moment: datetime | None) -> None:  # type: ignore[override]
        super().set_value(None if moment is None else moment.date())
        self.time.setText("" if moment is None else format_time(moment.time()))

    def tracked_value(self) -> str:
        return f"{self.text()} {self.time.text().strip()}"

    def tidy(self) -> None:
        super().tidy()
        typed = self.time.text().strip()
        if self.problem.isHidden() and typed:
            try:
                self.time.setText(format_time(parse_time(typed, f"{self.name} (time)")))
            except InvalidInput as exc:
                say(self.problem, str(exc))

    def _picked(self, day: QDate) -> None:
        super()._picked(day)
        if not self.time.text().strip():
            self.time.setFocus()


def first_date_problem(roots: Sequence[QWidget]) -> tuple[DateEdit, str] | None:
    """The first date field under `roots` whose text is not a date, with the reason."""
    for root in roots:
        for field in root.findChildren(DateEdit):
            try:
                field.value()
            except InvalidInput as exc:
                return field, str(exc)
    return None


def dates_ok(*roots: QWidget) -> bool:
    """Whether every date under `roots` reads; if not, say why under the first one."""
    found = first_date_problem(roots)
    if found is None:
        return True
    field, text = found
    say(field.problem, text)
    field.setFocus()
    return False


class ChoiceCombo(QComboBox):
    """A choice among (value, text) pairs; `value()` gives the chosen value (None if blank).

    With `typed`, part of a name can be typed instead (any case, anywhere in the name): the
    names that contain it drop down to choose from, and on leaving the field the one name that
    matches is chosen. Text that matches nobody, or several, is refused with a note under the
    field and the previous choice is put back.
    """

    def __init__(
        self,
        name: str,
        choices: Iterable[tuple[Any, str]] = (),
        blank: str | None = None,
        parent: QWidget | None = None,
        *,
        typed: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.blank = blank
        self.typed = typed
        self.problem: QLabel | None = None
        if typed:
            self._allow_typing()
        self.set_choices(choices)

    def _allow_typing(self) -> None:
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        edit = self.typing()
        edit.setAccessibleName(self.accessibleName())
        edit.setPlaceholderText(self.blank or f"Type part of a {self.accessibleName().lower()}")
        completer = QCompleter(self.model(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        edit.editingFinished.connect(self.settle_text)
        edit.textEdited.connect(lambda _: self._say(""))
        self.currentIndexChanged.connect(lambda _: self._show_blank())

    def typing(self) -> QLineEdit:
        """The field typed into (a typed choice only)."""
        edit = self.lineEdit()
        assert edit is not None
        return edit

    def _show_blank(self) -> None:
        """The blank choice shows as an empty field with its words as the placeholder."""
        if self.typed and self.blank is not None and self.currentIndex() == 0:
            self.typing().clear()

    def matches(self, text: str) -> list[int]:
        """The choices whose text is `text` (any case), else those that contain it."""
        wanted = text.strip().casefold()
        texts = [self.itemText(i).casefold() for i in range(self.count())]
        exact = [i for i, t in enumerate(texts) if t == wanted]
        if exact:
            return exact[:1]
        return [i for i, t in enumerate(texts) if wanted in t and self._values[i] is not None]

    def settle_text(self) -> None:
        """On leaving the field: choose the one choice the text names, or refuse the text."""
        if not self.typed:
            return
        text = self.typing().text().strip()
        current = self.currentIndex()
        if not text:
            if self.blank is not None:
                self.setCurrentIndex(0)
                self._say("")
            else:
                self._put_back(current)
            return
        if 0 <= current < self.count() and text.casefold() == self.itemText(current).casefold():
            self._say("")
            return
        found = self.matches(text)
        if len(found) == 1:
            self.setCurrentIndex(found[0])
            self.typing().setText(self.itemText(found[0]))
            self._say("")
            return
        what = (self.accessibleName().split() or ["choice"])[0].lower()  # "pupil", "provider"
        self._put_back(current)
        if found:
            self._say(
                f'{len(found)} {what}s match "{text}": type more of the name, or choose one '
                "from the list."
            )
        else:
            self._say(f'No {what} matches "{text}". Choose one from the list.')

    def _put_back(self, index: int) -> None:
        self.typing().setText(self.itemText(index) if 0 <= index < self.count() else "")
        self._show_blank()

    def _say(self, text: str) -> None:
        label = self.problem or (self._problem_label() if text else None)
        if label is not None:
            say(label, text)
        self.setToolTip(text)

    def _problem_label(self) -> QLabel | None:
        """A note under the field, in the form that holds it (made the first time it speaks)."""
        parent = self.parentWidget()
        forms = parent.findChildren(QFormLayout) if parent is not None else []
        for form in forms:
            row, _ = cast(tuple[int, Any], form.getWidgetPosition(self))
            if row >= 0:
                self.problem = problem_label()
                self.problem.setAccessibleName(f"Problem with {self.accessibleName().lower()}")
                form.insertRow(row + 1, "", self.problem)
                return self.problem
        return None

    def set_choices(self, choices: Iterable[tuple[Any, str]]) -> None:
        current = self.value() if self.count() else None
        self.blockSignals(True)
        self.clear()
        self._values: list[Any] = []
        if self.blank is not None:
            self.addItem(self.blank)
            self._values.append(None)
        for value, text in choices:
            self.addItem(text)
            self._values.append(value)
        self.blockSignals(False)
        self.set_value(current)

    def value(self) -> Any:
        """The chosen value; for typed text not yet settled, the one choice it names."""
        index = self.currentIndex()
        if self.typed:
            text = self.typing().text().strip()
            if 0 <= index < self.count() and text.casefold() != self.itemText(index).casefold():
                found = self.matches(text) if text else ([0] if self.blank is not None else [])
                index = found[0] if len(found) == 1 else index
        return self._values[index] if 0 <= index < len(self._values) else None

    def set_value(self, value: Any) -> None:
        index = self._values.index(value) if value in self._values else 0
        self.setCurrentIndex(index if self._values else -1)
        self._show_blank()
        if self.problem is not None:
            say(self.problem, "")


def enum_choices(
    enum_cls: type[StrEnum], only: Sequence[StrEnum] | None = None
) -> list[tuple[StrEnum, str]]:
    return [(member, label(member)) for member in (only or list(enum_cls))]


def section(title: str) -> tuple[QGroupBox, QFormLayout]:
    box = QGroupBox(title)
    box.setAccessibleName(title)
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return box, form
