"""Form fields that speak the domain's types: dates (UK format, optionally blank) and enums.

Every field has `value()` and `set_value()` in domain terms (a `date`, an enum member, an
id), so editors read and fill records without converting at each call.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QWidget,
)

from apdesk.domain.labels import label

UK_DATE = "d MMM yyyy"
UK_DATETIME = "d MMM yyyy HH:mm"
_BLANK = QDate(1900, 1, 1)


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class DateEdit(QDateEdit):
    """A date typed or picked from a calendar; optional ones show "Not set" when blank."""

    def __init__(self, name: str, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setDisplayFormat(UK_DATE)
        self.setCalendarPopup(True)
        self.optional = optional
        if optional:
            self.setMinimumDate(_BLANK)
            self.setSpecialValueText("Not set")
            self.setDate(_BLANK)

    def value(self) -> date | None:
        if self.optional and self.date() == _BLANK:
            return None
        return to_date(self.date())

    def set_value(self, day: date | None) -> None:
        if day is None:
            self.setDate(_BLANK if self.optional else QDate.currentDate())
        else:
            self.setDate(QDate(day.year, day.month, day.day))


class DateTimeEdit(QDateTimeEdit):
    """A date and time; optional ones show "Not set" when blank."""

    def __init__(self, name: str, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setDisplayFormat(UK_DATETIME)
        self.setCalendarPopup(True)
        self.optional = optional
        if optional:
            self.setMinimumDateTime(QDateTime(_BLANK, QTime(0, 0)))
            self.setSpecialValueText("Not set")
            self.setDateTime(QDateTime(_BLANK, QTime(0, 0)))

    def value(self) -> datetime | None:
        moment = self.dateTime()
        if self.optional and moment.date() == _BLANK:
            return None
        t = moment.time()
        return datetime.combine(to_date(moment.date()), time(t.hour(), t.minute()))

    def set_value(self, moment: datetime | None) -> None:
        if moment is None:
            self.setDateTime(QDateTime(_BLANK, QTime(0, 0)))
            return
        self.setDateTime(
            QDateTime(
                QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)
            )
        )


class ChoiceCombo(QComboBox):
    """A choice among (value, text) pairs; `value()` gives the chosen value (None if blank)."""

    def __init__(
        self,
        name: str,
        choices: Iterable[tuple[Any, str]] = (),
        blank: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.blank = blank
        self.set_choices(choices)

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
        index = self.currentIndex()
        return self._values[index] if 0 <= index < len(self._values) else None

    def set_value(self, value: Any) -> None:
        index = self._values.index(value) if value in self._values else 0
        self.setCurrentIndex(index if self._values else -1)


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
