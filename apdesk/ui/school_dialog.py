"""The school's details and calendar, changed after set-up (Headteacher and Administrator).

`open_school_dialog(ctx, parent)` reads the school on the worker and opens the dialog over
`parent`. The Details page holds what heads every letter; the Calendar page holds the terms
and closures that decide which days are school days; the Policy page the AP policy's version
and dates (Headteacher only, saved with the rest) and the checklist wording in force; the
Records kept page how long records are kept (Headteacher only). The form checks the dates
before anything is sent; `save_school` saves on the worker. Opened by someone without
`Permission.EDIT_SCHOOL`, everything is shown read-only and there is no Save button.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from apdesk.domain import complaints as complaint_rules
from apdesk.domain.entities import School
from apdesk.domain.enums import SchoolType
from apdesk.domain.errors import InvalidInput
from apdesk.domain.identifiers import validate_ofsted_urn
from apdesk.domain.labels import label
from apdesk.domain.permissions import Permission
from apdesk.domain.policy_wording import PolicyWording, shipped_wording
from apdesk.domain.reviews import MAX_WEEKS, MIN_WEEKS, ReviewIntervals
from apdesk.services import policy as policy_service
from apdesk.services import retention as retention_service
from apdesk.services import school as school_service
from apdesk.ui.context import UiContext
from apdesk.ui.document_view import open_when_unlocked
from apdesk.ui.forms import section
from apdesk.ui.policy_page import PolicyPage
from apdesk.ui.retention_page import RetentionPage
from apdesk.ui.school_calendar import CalendarPage
from apdesk.ui.widgets import line_edit, note_label, problem_label, say, text_edit

TITLE = "School details and calendar"
READ_ONLY_NOTE = (
    "Only the Headteacher or an Administrator can change the school's details and calendar."
)
Field = QLineEdit | QPlainTextEdit
#: (attribute, label, accessible name, placeholder, lines: 0 for a one-line field), by section.
SECTIONS: tuple[tuple[str, tuple[tuple[str, str, str, str, int], ...]], ...] = (
    (
        "School",
        (
            ("name", "School &name", "School name", "", 0),
            ("address", "&Address", "School address", "", 3),
            ("urn", "&URN", "School URN", "six digits, from Get Information About Schools", 0),
            ("local_authority", "&Local authority", "Local authority", "", 0),
            ("phone", "&Phone", "School phone", "", 0),
            ("email", "&Email", "School email", "", 0),
        ),
    ),
    (
        "People",
        (
            ("headteacher", "&Headteacher", "Headteacher", "", 0),
            ("dsl", "&DSL", "Designated Safeguarding Lead", "", 0),
            ("dsl_phone", "DSL p&hone", "DSL phone", "", 0),
            ("dsl_email", "DSL e&mail", "DSL email", "", 0),
            ("deputy_dsl", "De&puty DSL", "Deputy DSL", "", 0),
        ),
    ),
    (
        "Complaints",
        (
            (
                "complaint_route",
                "&Complaint route",
                "Complaint route",
                "How parents raise a complaint",
                2,
            ),
        ),
    ),
)


def open_school_dialog(ctx: UiContext, parent: QWidget) -> None:
    """Read the school on the worker, then open its dialog over `parent`."""
    svc, actor = ctx.services, ctx.actor
    ctx.run(
        lambda: (school_service.get_school(svc, actor), policy_service.current_wording(svc, actor)),
        lambda got: _show(ctx, got[0], parent, got[1]),
        parent=parent,
        label="Opening the school's details…",
    )


def _show(
    ctx: UiContext, school: School | None, parent: QWidget, wording: PolicyWording | None = None
) -> SchoolDialog:
    dialog = SchoolDialog(ctx, school or School(""), parent, wording)
    dialog.finished.connect(dialog.deleteLater)
    open_when_unlocked(parent, dialog)
    return dialog


class SchoolDialog(QDialog):
    """Details and Calendar pages; `saved` carries the stored `School` after a save."""

    saved = Signal(object)

    def __init__(
        self,
        ctx: UiContext,
        school: School,
        parent: QWidget | None = None,
        wording: PolicyWording | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editable = ctx.may(Permission.EDIT_SCHOOL)
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.resize(680, 640)
        self.fields: dict[str, Field] = {}
        self.calendar = CalendarPage(ctx.clock.today())
        self.pages = QTabWidget()
        self.pages.setAccessibleName("School")
        # The details are taller than a 1280x720 screen leaves: they scroll, so Save and
        # Cancel stay on screen.
        self.pages.addTab(self._scrolling(self._details_page()), "Details")
        self.pages.addTab(self.calendar, "Calendar")
        self.policy = PolicyPage(ctx, wording or shipped_wording())
        self.pages.addTab(self.policy, "Policy")
        self.retention = RetentionPage(ctx)
        self.pages.addTab(self.retention, "Records kept")
        self.problem = problem_label()
        self.buttons = self._buttons()
        layout = QVBoxLayout(self)
        if not self.editable:
            layout.addWidget(note_label(READ_ONLY_NOTE))
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.fill(school)
        self._set_editable(self.editable)

    def _details_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        for title, rows in SECTIONS:
            box, form = section(title)
            for attribute, text, name, placeholder, lines in rows:
                field = (
                    text_edit(name, placeholder, lines) if lines else line_edit(name, placeholder)
                )
                self.fields[attribute] = field
                form.addRow(text, field)
                if attribute == "local_authority":
                    form.addRow("School &type", self._type_box())
            layout.addWidget(box)
        beside = QHBoxLayout()
        beside.addWidget(self._registers_box())
        beside.addWidget(self._reviews_box())
        beside.addWidget(self._complaints_box())
        layout.addLayout(beside)
        layout.addStretch(1)
        return page

    @staticmethod
    def _scrolling(page: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(page)
        return area

    def _type_box(self) -> QComboBox:
        """Academy, maintained or free school: the legal basis an off-site notice cites."""
        self.school_type = QComboBox()
        self.school_type.setAccessibleName("School type")
        self.school_type.addItem("Not recorded", "")
        for kind in SchoolType:
            self.school_type.addItem(label(kind), kind.value)
        self.school_type.setToolTip(
            "Decides the law an off-site direction notice cites (section 29A of the Education "
            "Act 2002 applies to maintained schools; academies and free schools use their "
            "funding agreement)."
        )
        return self.school_type

    def _registers_box(self) -> QWidget:
        """When each register closes: an expected session unmarked after it is an absence."""
        box, form = section("Attendance registers")
        self.register_closes: list[QTimeEdit] = []
        for text, name in (
            ("Morning register c&loses", "Morning register closes"),
            ("Afternoon register cl&oses", "Afternoon register closes"),
        ):
            edit = QTimeEdit()
            edit.setDisplayFormat("HH:mm")
            edit.setAccessibleName(name)
            self.register_closes.append(edit)
            form.addRow(text, edit)
        return box

    def _reviews_box(self) -> QWidget:
        """School weeks between reviews once the first month's weekly contacts are done."""
        box, form = section("Reviews after the first four weeks")
        self.review_weeks: list[QSpinBox] = []
        for text, name in (
            ("Hi&gh risk: every", "High risk review interval"),
            ("Med&ium risk: every", "Medium risk review interval"),
            ("Lo&w risk: every", "Low risk review interval"),
        ):
            spin = QSpinBox()
            spin.setRange(MIN_WEEKS, MAX_WEEKS)
            spin.setSuffix(" school weeks")
            spin.setAccessibleName(name)
            self.review_weeks.append(spin)
            form.addRow(text, spin)
        return box

    def _complaints_box(self) -> QWidget:
        """School days each complaint stage has (§15 sets none: the school's own choice)."""
        box, form = section("Complaint deadlines")
        self.complaint_days: list[QSpinBox] = []
        for stage, text in zip(
            complaint_rules.STAGES,
            ("Headteache&r", "Pro&vider", "Local authorit&y", "O&fsted"),
            strict=True,
        ):
            spin = QSpinBox()
            spin.setRange(complaint_rules.MIN_DAYS, complaint_rules.MAX_DAYS)
            spin.setSuffix(" school days")
            spin.setAccessibleName(f"{label(stage)} stage deadline")
            self.complaint_days.append(spin)
            form.addRow(text, spin)
        return box

    def _buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox()
        if self.editable:
            save = buttons.addButton("&Save", QDialogButtonBox.ButtonRole.AcceptRole)
            save.setAccessibleName("Save")
            save.setDefault(True)
            cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        else:
            cancel = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        cancel.setAccessibleName(cancel.text().replace("&", ""))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    def _set_editable(self, editable: bool) -> None:
        for field in self.fields.values():
            field.setReadOnly(not editable)
        for edit in (*self.register_closes, *self.review_weeks, *self.complaint_days):
            edit.setReadOnly(not editable)
        self.school_type.setEnabled(editable)
        self.calendar.set_editable(editable)

    def fill(self, school: School) -> None:
        for attribute, field in self.fields.items():
            value = getattr(school, attribute)
            if isinstance(field, QLineEdit):
                field.setText(value)
            else:
                field.setPlainText(value)
        self.school_type.setCurrentIndex(
            max(0, self.school_type.findData(school.school_type or ""))
        )
        for edit, at in zip(
            self.register_closes,
            (school.am_register_closes, school.pm_register_closes),
            strict=True,
        ):
            edit.setTime(QTime(at.hour, at.minute))
        intervals = ReviewIntervals.for_school(school)
        for spin, weeks in zip(
            self.review_weeks, (intervals.high, intervals.medium, intervals.low), strict=True
        ):
            spin.setValue(weeks)
        days = complaint_rules.StageDays.for_school(school).days
        for spin, stage in zip(self.complaint_days, complaint_rules.STAGES, strict=True):
            spin.setValue(days[stage])
        self.calendar.fill(school.terms, school.closures)
        self.policy.fill(school)
        self.retention.fill(school)

    def text(self, attribute: str) -> str:
        field = self.fields[attribute]
        value = field.text() if isinstance(field, QLineEdit) else field.toPlainText()
        return value.strip()

    def school(self) -> School:
        """What the form holds, as a `School` for `save_school` (terms and closures anew)."""
        school = School(
            self.text("name"),
            terms=self.calendar.saved_terms(),
            closures=self.calendar.saved_closures(),
        )
        for attribute in self.fields:
            setattr(school, attribute, self.text(attribute))
        chosen = self.school_type.currentData()
        school.school_type = SchoolType(chosen) if chosen else None
        am, pm = (edit.time() for edit in self.register_closes)
        school.am_register_closes = time(am.hour(), am.minute())
        school.pm_register_closes = time(pm.hour(), pm.minute())
        for name, spin in zip(school_service.REVIEW_WEEKS, self.review_weeks, strict=True):
            setattr(school, name, spin.value())
        for name, spin in zip(school_service.COMPLAINT_DAYS, self.complaint_days, strict=True):
            setattr(school, name, spin.value())
        return school

    def intervals(self) -> ReviewIntervals:
        high, medium, low = (spin.value() for spin in self.review_weeks)
        return ReviewIntervals(high, medium, low)

    def problem_text(self) -> str:
        """What must be put right before saving, or ""; shows the page where it is."""
        if not self.text("name"):
            self.pages.setCurrentIndex(0)
            return "Enter the school's name."
        if self.text("urn"):
            try:
                validate_ofsted_urn(self.text("urn"))
            except InvalidInput as exc:
                self.pages.setCurrentIndex(0)
                return str(exc)
        for problem in self.intervals().problems():
            self.pages.setCurrentIndex(0)
            return problem
        problem = self.calendar.problem()
        if problem:
            self.pages.setCurrentWidget(self.calendar)
            return problem
        problem = self.policy.problem()
        if problem:
            self.pages.setCurrentWidget(self.policy)
        return problem

    def accept(self) -> None:
        """Check the form, then save on the worker; the dialog closes once it is saved."""
        if not self.editable:
            self.reject()
            return
        problem = self.problem_text()
        say(self.problem, problem)
        if problem:
            return
        details, svc, actor = self.school(), self.ctx.services, self.ctx.actor
        policy = self.policy.details() if self.policy.editable else None
        periods = self.retention.periods() if self.retention.changed() else None

        def save() -> School:
            saved = school_service.save_school(svc, actor, details)
            if policy is not None:
                policy_service.save_details(svc, actor, policy)
            if periods is not None:
                retention_service.set_periods(svc, actor, periods)
                saved = school_service.get_school(svc, actor) or saved
            return saved

        self.buttons.setEnabled(False)
        self.ctx.run(
            save,
            self._saved,
            parent=self,
            label="Saving the school's details…",
            on_failed=lambda _: self.buttons.setEnabled(True),
        )

    def _saved(self, school: School) -> None:
        self.buttons.setEnabled(True)
        self.saved.emit(school)
        super().accept()
