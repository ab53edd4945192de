"""The pages of a placement's record: details, consent, risk and sharing, objectives, Annex A.

Each page fills itself from a `Placement` and writes its fields back into one; the editor
decides when to load and save.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from apdesk.domain import checklists
from apdesk.domain.entities import Objective, Placement
from apdesk.domain.enums import ObjectiveArea, PlacementReason, RiskLevel, Session
from apdesk.domain.formatting import format_date
from apdesk.domain.labels import label
from apdesk.domain.placements import format_pattern, parse_pattern
from apdesk.ui.forms import ChoiceCombo, DateEdit, enum_choices, section
from apdesk.ui.models import Column
from apdesk.ui.tabs.common.children import ChildList, lines
from apdesk.ui.tabs.common.ticks import TickList
from apdesk.ui.widgets import hidden_unless, line_edit, text_edit

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri")
OBJECTIVE_COLUMNS: tuple[Column[Objective], ...] = (
    Column("Area", lambda o: label(o.area)),
    Column("Target", lambda o: o.target, tooltip=lambda o: o.target),
    Column("Timescale", lambda o: o.timescale),
    Column("Lead", lambda o: o.lead),
    Column("Progress", lambda o: o.progress, tooltip=lambda o: o.progress or None),
)
OBJECTIVE_FIELDS = (
    ("area", "&Area", lambda: ChoiceCombo("Area", enum_choices(ObjectiveArea))),
    ("target", "&Target (measurable)", lines(3)),
    ("timescale", "T&imescale", QLineEdit),
    ("lead", "Named &lead", QLineEdit),
    ("progress", "&Progress so far", lines(3)),
)


class PatternPicker(QWidget):
    """The weekly pattern as ten boxes (Mon to Fri, morning and afternoon)."""

    def __init__(self) -> None:
        super().__init__()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[tuple[int, Session], QCheckBox] = {}
        for column, day in enumerate(DAYS):
            grid.addWidget(QLabel(day), 0, column + 1)
            for row, session in enumerate(Session):
                box = QCheckBox()
                box.setAccessibleName(f"{day} {session}")
                self.boxes[(column, session)] = box
                grid.addWidget(box, row + 1, column + 1)
        for row, session in enumerate(Session):
            grid.addWidget(QLabel(session.value), row + 1, 0)
        grid.setColumnStretch(len(DAYS) + 1, 1)

    def value(self) -> str:
        return format_pattern(key for key, box in self.boxes.items() if box.isChecked())

    def set_value(self, text: str) -> None:
        chosen = set(parse_pattern(text)) if text.strip() else set()
        for key, box in self.boxes.items():
            box.setChecked(key in chosen)


class DetailsPage(QWidget):
    provider_changed = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.pupil = ChoiceCombo("Pupil", blank="Choose a pupil", typed=True)
        self.provider = ChoiceCombo("Provider", blank="Choose a provider", typed=True)
        self.site = ChoiceCombo("Site", blank="Choose the site")
        self.reason = ChoiceCombo("Reason", enum_choices(PlacementReason))
        self.reason_note = line_edit("Reason in more detail")
        self.start = DateEdit("Start date")
        self.end = DateEdit("Planned end date", optional=True)
        self.full_time = QCheckBox("Full-time")
        self.dual_registered = QCheckBox("Dual registered at another school (sessions there: D)")
        self.pattern = PatternPicker()
        self.session_times = line_edit("Session times", "for example 9:00 to 12:00, 12:45 to 15:00")
        self.report_to = line_edit("Person to report to")
        self.school_lead = line_edit("School lead")
        self.curriculum = text_edit("Curriculum plan", lines=2)
        self.qualification = line_edit("Qualification route")
        self.transport = line_edit("Transport")
        self.exit_plan = text_edit("Exit or reintegration plan", lines=3)
        self.provider.currentIndexChanged.connect(
            lambda _: self.provider_changed.emit(self.provider.value())
        )
        box, form = section("Placement")
        for text, widget in (
            ("&Pupil", self.pupil),
            ("Pro&vider", self.provider),
            ("&Site", self.site),
            ("&Reason", self.reason),
            ("Reason &detail", self.reason_note),
            ("S&tart date", self.start),
            ("Planned &end", self.end),
            ("", self.full_time),
            ("", self.dual_registered),
            ("Weekly pattern", self.pattern),
            ("Session &times", self.session_times),
            ("Report t&o", self.report_to),
            ("School &lead", self.school_lead),
            ("&Curriculum plan", self.curriculum),
            ("&Qualification route", self.qualification),
            ("Tr&ansport", self.transport),
            ("E&xit plan", self.exit_plan),
        ):
            form.addRow(text, widget)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        self.consent = ConsentSection(self.reason)
        layout.addWidget(self.consent.box)
        layout.addStretch(1)

    def fill(self, p: Placement) -> None:
        self.pupil.set_value(p.pupil_id)
        self.provider.set_value(p.provider_id)
        self.site.set_value(p.site_id)
        self.reason.set_value(p.reason)
        self.reason_note.setText(p.reason_note)
        self.start.set_value(p.start_date)
        self.end.set_value(p.planned_end_date)
        self.full_time.setChecked(p.full_time)
        self.dual_registered.setChecked(p.dual_registered)
        self.pattern.set_value(p.weekly_pattern)
        for edit, value in (
            (self.session_times, p.session_times),
            (self.report_to, p.report_to),
            (self.school_lead, p.school_lead),
            (self.qualification, p.qualification_route),
            (self.transport, p.transport),
        ):
            edit.setText(value)
        self.curriculum.setPlainText(p.curriculum_plan)
        self.exit_plan.setPlainText(p.exit_plan)
        self.consent.fill(p)

    def read(self, p: Placement) -> Placement:
        start = self.start.value()
        assert start is not None
        p = dataclasses.replace(
            p,
            pupil_id=self.pupil.value(),
            provider_id=self.provider.value(),
            site_id=self.site.value(),
            reason=self.reason.value(),
            reason_note=self.reason_note.text().strip(),
            start_date=start,
            planned_end_date=self.end.value(),
            full_time=self.full_time.isChecked(),
            dual_registered=self.dual_registered.isChecked(),
            weekly_pattern=self.pattern.value(),
            session_times=self.session_times.text().strip(),
            report_to=self.report_to.text().strip(),
            school_lead=self.school_lead.text().strip(),
            curriculum_plan=self.curriculum.toPlainText().strip(),
            qualification_route=self.qualification.text().strip(),
            transport=self.transport.text().strip(),
            exit_plan=self.exit_plan.toPlainText().strip(),
        )
        return self.consent.read(p)


class ConsentSection:
    """Parental consent, or (for an off-site direction) the written notice; LA told."""

    def __init__(self, reason: ChoiceCombo) -> None:
        self.reason = reason
        self.consent_by = line_edit("Consent given by")
        self.consent_on = DateEdit("Consent given on", optional=True)
        self.notice_on = DateEdit("Written notice sent on", optional=True)
        self.la_on = DateEdit("Local authority told on", optional=True)
        self.box, form = section("Consent and notices")
        form.addRow("Consent given &by", self.consent_by)
        form.addRow("Consent given o&n", self.consent_on)
        form.addRow("&Notice to parents sent", self.notice_on)
        form.addRow("Local &authority told", self.la_on)
        self.form = form
        reason.currentIndexChanged.connect(lambda _: self._reason_changed())

    def _reason_changed(self) -> None:
        direction = self.reason.value() is PlacementReason.OFFSITE_DIRECTION
        for widget, show in (
            (self.consent_by, not direction),
            (self.consent_on, not direction),
            (self.notice_on, direction),
        ):
            self.form.setRowVisible(widget, show)

    def fill(self, p: Placement) -> None:
        self.consent_by.setText(p.consent_given_by)
        self.consent_on.set_value(p.consent_given_on)
        self.notice_on.set_value(p.direction_notice_on)
        self.la_on.set_value(p.la_notified_on)
        self._reason_changed()

    def read(self, p: Placement) -> Placement:
        return dataclasses.replace(
            p,
            consent_given_by=self.consent_by.text().strip(),
            consent_given_on=self.consent_on.value(),
            direction_notice_on=self.notice_on.value(),
            la_notified_on=self.la_on.value(),
        )


class RiskPage(QWidget):
    """The written risk assessment and what safeguarding information went to the provider."""

    def __init__(self, sees_cp: bool) -> None:
        super().__init__()
        self.level = ChoiceCombo("Risk level", enum_choices(RiskLevel))
        self.travel = text_edit("Travel and transport risks", lines=2)
        self.site = text_edit("Site hazards", lines=2)
        self.safeguarding = text_edit("Safeguarding risks", lines=2)
        self.health = text_edit("Health needs", lines=2)
        self.shared_chronology = QCheckBox("Chronology shared")
        self.shared_cp = QCheckBox("Child-protection plan shared")
        hidden_unless(self.shared_cp, sees_cp)
        self.shared_ehcp = QCheckBox("EHCP summary shared")
        self.shared_on = DateEdit("Shared on", optional=True)
        risk, form = section("Risk assessment")
        for text, widget in (
            ("Risk &level", self.level),
            ("&Travel", self.travel),
            ("Site &hazards", self.site),
            ("Sa&feguarding", self.safeguarding),
            ("Health &needs", self.health),
        ):
            form.addRow(text, widget)
        shared, share_form = section("Safeguarding information shared with the provider")
        for box in (self.shared_chronology, self.shared_cp, self.shared_ehcp):
            share_form.addRow(box)
        share_form.addRow("Shared &on", self.shared_on)
        layout = QVBoxLayout(self)
        layout.addWidget(risk)
        layout.addWidget(shared)
        layout.addStretch(1)

    def fill(self, p: Placement) -> None:
        self.level.set_value(p.risk_level)
        self.travel.setPlainText(p.risk_travel)
        self.site.setPlainText(p.risk_site_hazards)
        self.safeguarding.setPlainText(p.risk_safeguarding)
        self.health.setPlainText(p.risk_health_needs)
        self.shared_chronology.setChecked(p.shared_chronology)
        self.shared_cp.setChecked(p.shared_cp_plan)
        self.shared_ehcp.setChecked(p.shared_ehcp_summary)
        self.shared_on.set_value(p.info_shared_on)

    def read(self, p: Placement) -> Placement:
        return dataclasses.replace(
            p,
            risk_level=self.level.value(),
            risk_travel=self.travel.toPlainText().strip(),
            risk_site_hazards=self.site.toPlainText().strip(),
            risk_safeguarding=self.safeguarding.toPlainText().strip(),
            risk_health_needs=self.health.toPlainText().strip(),
            shared_chronology=self.shared_chronology.isChecked(),
            shared_cp_plan=self.shared_cp.isChecked(),
            shared_ehcp_summary=self.shared_ehcp.isChecked(),
            info_shared_on=self.shared_on.value(),
        )


def objectives_list() -> ChildList:
    return ChildList("objective", OBJECTIVE_COLUMNS, OBJECTIVE_FIELDS, Objective)


class AnnexAPage(QWidget):
    """The ten Annex A items, ticked in place; each tick is saved at once by the editor."""

    def __init__(self, tick: Callable[[str, bool], None]) -> None:
        super().__init__()
        ticks = TickList(checklists.ANNEX_A, tick, numbered=False)
        self.boxes, self.dates = ticks.boxes, ticks.dates
        box, form = section(checklists.ANNEX_A_TITLE)
        form.addRow(ticks)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addStretch(1)

    def fill(self, p: Placement) -> None:
        states = {s.key: s for s in p.annex_a}
        for key, check in self.boxes.items():
            state = states.get(key)
            check.setChecked(bool(state and state.done))
            done_on = state.done_on if state else None
            self.dates[key].setText(f"Done {format_date(done_on)}" if done_on else "")
