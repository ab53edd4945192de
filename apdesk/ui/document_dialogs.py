"""The small dialogs that come before a document: which placements, which term, your password.

Each dialog only gathers a choice; the document itself is made by a service on the worker.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from apdesk.domain.annex_b_evidence import LineEvidence
from apdesk.domain.entities import Term
from apdesk.domain.enums import PlacementStatus
from apdesk.services.placements import PlacementRow
from apdesk.ui.forms import ChoiceCombo
from apdesk.ui.models import CheckableRowModel, Column
from apdesk.ui.tabs.common.base import fit_columns, make_table
from apdesk.ui.widgets import line_edit, note_label, ok_cancel, problem_label, say, text_edit

LIVE = (PlacementStatus.AUTHORISED, PlacementStatus.ACTIVE)
PICKER_COLUMNS: tuple[Column[PlacementRow], ...] = (
    Column("Pupil", lambda r: r.pupil),
    Column("Status", lambda r: r.status),
    Column("Provider", lambda r: r.provider),
    Column("Starts", lambda r: r.start_date),
    Column("Reason", lambda r: r.reason),
)


class PlacementPicker(QDialog):
    """Tick the placements to write to parents about; one PDF holds all the letters."""

    def __init__(self, rows: Sequence[PlacementRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Letters for chosen placements")
        self.setAccessibleName("Letters for chosen placements")
        self.resize(880, 500)
        self.model: CheckableRowModel[PlacementRow] = CheckableRowModel(PICKER_COLUMNS, self)
        self.model.set_rows(rows)
        self.view = make_table("Placements to write about")
        self.view.setSortingEnabled(False)
        self.view.setModel(self.model)
        fit_columns(self.view)
        self.view.selectionModel().currentChanged.connect(self._keep_on_box)
        self.problem = problem_label()
        layout = QVBoxLayout(self)
        layout.addWidget(
            note_label(
                "Tick each placement whose parents should get a letter (click its box, or "
                "press Space on its line). An off-site direction gets the notice the "
                "regulations require instead."
            )
        )
        layout.addWidget(self.view, 1)
        layout.addLayout(self._quick_choices())
        layout.addWidget(self.problem)
        layout.addWidget(ok_cancel(self, "&Make the letters"))

    def _quick_choices(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, wanted in (
            ("Tick &proposed", lambda r: r.state is PlacementStatus.PROPOSED),
            ("Tick &live", lambda r: r.state in LIVE),
            ("&Clear", lambda r: False),
        ):
            button = QPushButton(text)
            button.setAccessibleName(text.replace("&", ""))
            button.clicked.connect(lambda _=False, w=wanted: self.model.tick_where(w))
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _keep_on_box(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """Keep the current cell on the tick box, so Space ticks whichever line is chosen."""
        if current.isValid() and current.column() != 0:
            self.view.setCurrentIndex(current.siblingAtColumn(0))

    def show_first_ticked(self) -> None:
        """Put the line cursor (and the view) on the first ticked line: Space then unticks
        the pupil chosen, not whoever happens to be first in the list."""
        model = self.model
        first = next((n for n, row in enumerate(model.rows) if row in model.ticked_rows()), None)
        if first is not None:
            index = model.index(first, 0)
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def chosen_ids(self) -> list[int]:
        return [row.id for row in self.model.ticked_rows()]

    def title(self) -> str:
        """The viewer's title and the file's name: the pupil for one letter, else how many."""
        ticked = self.model.ticked_rows()
        if len(ticked) == 1:
            return f"Letter to parents - {ticked[0].pupil}"
        return f"Letters to parents - {len(ticked)} placements"

    def accept(self) -> None:
        if not self.chosen_ids():
            say(self.problem, "Tick at least one placement.")
            return
        super().accept()


def current_term(terms: Sequence[Term], today: date) -> Term | None:
    """The term today falls in, else the latest that has started, else the first."""
    started = [t for t in terms if t.start <= today]
    inside = [t for t in started if today <= t.end]
    if inside:
        return inside[0]
    if started:
        return max(started, key=lambda t: t.start)
    return terms[0] if terms else None


class GovernorsReportDialog(QDialog):
    """Choose the term and, optionally, write the plans for next term."""

    def __init__(self, terms: Sequence[Term], today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Governors' report")
        self.setAccessibleName("Governors' report")
        self.setMinimumWidth(520)
        self.term = ChoiceCombo("Term", [(t.name, t.name) for t in terms])
        chosen = current_term(terms, today)
        self.term.set_value(chosen.name if chosen else None)
        self.plans = text_edit("Plans for next term", "Optional: what the school plans next", 5)
        form = QFormLayout()
        form.addRow("&Term", self.term)
        form.addRow("&Plans", self.plans)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note_label(
                "The report counts placements, attendance, reviews, incidents and provider "
                "compliance for the term. It names no pupil."
            )
        )
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self, "&Make the report"))

    def chosen(self) -> tuple[str, str]:
        return str(self.term.value() or ""), self.plans.toPlainText().strip()


class SignDialog(QDialog):
    """The Headteacher's password again, to open their signing key for this one signature."""

    def __init__(
        self,
        provider: str,
        signer: str,
        parent: QWidget | None = None,
        against: Sequence[LineEvidence] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sign Annex B")
        self.setAccessibleName("Sign Annex B")
        self.setMinimumWidth(460)
        self.password = line_edit("Your password", password=True)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note_label(
                f"You are signing the Annex B compliance checklist for {provider} as "
                f"{signer}, Headteacher, with today's date. Your digital signature shows "
                "anyone who checks the file that it has not been changed since."
            )
        )
        self.reasons: dict[str, QPlainTextEdit] = {}
        if against:
            layout.addWidget(
                note_label(
                    "APDesk's own records contradict these ticked lines. Write why each is "
                    "ticked; the reasons are printed on the signed copy."
                )
            )
            layout.addWidget(self._reasons_area(against), 1)
        form = QFormLayout()
        form.addRow("Your &password", self.password)
        layout.addLayout(form)
        self.problem = problem_label()
        layout.addWidget(self.problem)
        layout.addWidget(ok_cancel(self, "&Sign"))
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def _reasons_area(self, against: Sequence[LineEvidence]) -> QScrollArea:
        """Each contradicted line and a box for its reason, scrolling when they are many: a
        lapsed provider's 2.1 alone names every lapsed check, and squeezed into the screen's
        height its words were cut off."""
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 0, 0)
        for line in against:
            column.addWidget(note_label(f"{line.key}: " + " ".join(line.contradictions)))
            box = QPlainTextEdit()
            box.setAccessibleName(f"Reason for {line.key}")
            box.setFixedHeight(48)
            self.reasons[line.key] = box
            column.addWidget(box)
        column.addStretch(1)
        area = QScrollArea()
        area.setWidget(inner)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setAccessibleName("Contradicted lines and their reasons")
        area.setMinimumHeight(160)
        return area

    def given_reasons(self) -> dict[str, str]:
        return {key: box.toPlainText().strip() for key, box in self.reasons.items()}

    def accept(self) -> None:
        """Sign only with every reason written and the password typed; else say which."""
        blank = [key for key, text in self.given_reasons().items() if not text]
        if blank:
            if len(blank) == 1:
                say(self.problem, f"Write why line {blank[0]} is ticked.")
            else:
                keys = ", ".join(blank[:-1]) + " and " + blank[-1]
                say(self.problem, f"Write why lines {keys} are ticked.")
            self.reasons[blank[0]].setFocus(Qt.FocusReason.OtherFocusReason)
        elif not self.password.text():
            say(self.problem, "Type your password to sign.")
            self.password.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            super().accept()
