"""The school's calendar page: its terms and its closures, with the checks they must pass.

School days are the weekdays inside a term, less closures and bank holidays, so a term with
its days the wrong way round, or two terms sharing days, would silently change every count
of school days. `calendar_problem` says plainly what is wrong before anything is saved.
Rows are small frozen values that keep the stored ids, so the service updates an edited
term in place; the dialog turns them back into `Term` and `Closure` to save.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from apdesk.domain.entities import Closure, Term
from apdesk.domain.formatting import format_date
from apdesk.ui.forms import DateEdit, section
from apdesk.ui.models import ROW_ROLE, Column
from apdesk.ui.tabs.common.children import ChildDialog, ChildList, Field
from apdesk.ui.widgets import line_edit, note_label

TERM_LENGTH = timedelta(weeks=7)  # a first guess at a new term's last day; the person edits it
CALENDAR_NOTE = (
    "APDesk counts school days as the weekdays inside these terms, less the closures below "
    "and bank holidays in England. Until a term is entered, every weekday counts. The "
    "governors' termly report covers one of these terms."
)


@dataclass(frozen=True)
class TermRow:
    name: str
    start: date
    end: date
    school_id: int | None = None
    id: int | None = None

    @property
    def span(self) -> str:
        return f"{self.name} ({format_date(self.start)} to {format_date(self.end)})"


@dataclass(frozen=True)
class ClosureRow:
    on: date
    reason: str = ""
    school_id: int | None = None
    id: int | None = None


TERM_COLUMNS: tuple[Column[TermRow], ...] = (
    Column("Term", lambda t: t.name),
    Column("First day", lambda t: format_date(t.start), sort_key=lambda t: t.start),
    Column("Last day", lambda t: format_date(t.end), sort_key=lambda t: t.end),
)
TERM_FIELDS: tuple[Field, ...] = (
    ("name", "&Name", lambda: line_edit("Name", "for example Autumn 2026")),
    ("start", "&First day", lambda: DateEdit("First day")),
    ("end", "&Last day", lambda: DateEdit("Last day")),
)
CLOSURE_COLUMNS: tuple[Column[ClosureRow], ...] = (
    Column("Date", lambda c: format_date(c.on), sort_key=lambda c: c.on),
    Column("Reason", lambda c: c.reason),
)
CLOSURE_FIELDS: tuple[Field, ...] = (
    ("on", "&Date", lambda: DateEdit("Date")),
    ("reason", "&Reason", lambda: line_edit("Reason", "for example INSET day")),
)


def term_problem(terms: Sequence[TermRow]) -> str:
    """What is wrong with the terms, in a sentence, or "" when they are fine."""
    seen: set[str] = set()
    for term in terms:
        name = term.name.strip()
        if not name:
            return "Every term needs a name, for example Autumn 2026."
        if term.end <= term.start:
            return (
                f"{term.span}: the last day must come after the first day. "
                "Check the dates of this term."
            )
        if name.lower() in seen:
            return f"Two terms are called {name}. Give each term its own name."
        seen.add(name.lower())
    for earlier, later in pairwise(sorted(terms, key=lambda t: t.start)):
        if later.start <= earlier.end:
            return (
                f"{earlier.span} and {later.span} overlap. A day can be in only one term: "
                "change the dates so they do not share any days."
            )
    return ""


def closure_problem(closures: Sequence[ClosureRow]) -> str:
    days = [c.on for c in closures]
    for day in sorted(days):
        if days.count(day) > 1:
            return f"{format_date(day)} is listed as a closure twice. Remove one of them."
    return ""


class DatedList(ChildList):
    """A `ChildList` kept in date order, whose Add starts from sensible dates.

    Its row editor opens without blocking (the answer comes back through `accepted`), so the
    window's lock closes it like any other dialog.
    """

    def __init__(
        self,
        noun: str,
        columns: Sequence[Column[Any]],
        fields: Sequence[Field],
        make: Callable[..., Any],
        *,
        blank: Callable[[Sequence[Any]], Any],
        order: Callable[[Any], date],
    ) -> None:
        super().__init__(noun, columns, fields, make)
        self.blank, self.order = blank, order

    def set_rows(self, rows: Sequence[Any]) -> None:
        super().set_rows(sorted(rows, key=self.order))

    def add(self) -> None:
        if self.editable:
            self.open_editor(f"Add {self.noun}", self.blank(self.model.rows), None)

    def edit(self) -> None:
        index = self.view.currentIndex()
        if index.isValid() and self.editable:
            self.open_editor(f"Edit {self.noun}", index.data(ROW_ROLE), index.row())

    def open_editor(self, title: str, record: Any, replacing: int | None) -> ChildDialog:
        dialog = ChildDialog(title, self.fields, self, record)
        dialog.setAccessibleName(title)
        dialog.accepted.connect(
            lambda: self.put(dataclasses.replace(record, **dialog.values()), replacing)
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def put(self, row: Any, replacing: int | None = None) -> None:
        rows = list(self.model.rows)
        if replacing is None:
            rows.append(row)
        else:
            rows[replacing] = row
        self.set_rows(rows)
        self.changed.emit()


class CalendarPage(QWidget):
    """The terms and closures, editable when the person may change the school's details."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.terms = DatedList(
            "term",
            TERM_COLUMNS,
            TERM_FIELDS,
            TermRow,
            blank=self._blank_term,
            order=lambda t: t.start,
        )
        self.closures = DatedList(
            "closure",
            CLOSURE_COLUMNS,
            CLOSURE_FIELDS,
            ClosureRow,
            blank=lambda _: ClosureRow(self.today),
            order=lambda c: c.on,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(note_label(CALENDAR_NOTE))
        for title, child in (
            ("Terms", self.terms),
            ("Closures (INSET days and other days the school is shut)", self.closures),
        ):
            box, form = section(title)
            form.addRow(child)
            layout.addWidget(box, 1)

    def _blank_term(self, rows: Sequence[TermRow]) -> TermRow:
        """A new term starts the day after the last one ends (or today), for the person to edit."""
        start = max((t.end for t in rows), default=self.today - timedelta(days=1))
        start += timedelta(days=1)
        return TermRow("", start, start + TERM_LENGTH)

    def fill(self, terms: Sequence[Term], closures: Sequence[Closure]) -> None:
        self.terms.set_rows([TermRow(t.name, t.start, t.end, t.school_id, t.id) for t in terms])
        self.closures.set_rows([ClosureRow(c.on, c.reason, c.school_id, c.id) for c in closures])

    def set_editable(self, editable: bool) -> None:
        self.terms.set_editable(editable)
        self.closures.set_editable(editable)

    def problem(self) -> str:
        return term_problem(self.terms.model.rows) or closure_problem(self.closures.model.rows)

    def saved_terms(self) -> list[Term]:
        """The terms as they should be stored: one left out is removed by the service."""
        return [
            Term(t.name.strip(), t.start, t.end, t.school_id, t.id) for t in self.terms.model.rows
        ]

    def saved_closures(self) -> list[Closure]:
        return [
            Closure(c.on, c.reason.strip(), c.school_id, c.id) for c in self.closures.model.rows
        ]
