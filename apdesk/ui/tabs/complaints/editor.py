"""A complaint's record: who made it and when, the provider and placement it is about, the
stage it has reached (escalating only forwards) with that stage's deadline, and the outcome.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from apdesk.domain import complaints as rules
from apdesk.domain.entities import Complaint
from apdesk.domain.enums import ComplaintOutcome, ComplaintStage
from apdesk.domain.labels import label
from apdesk.services import complaints as complaint_service
from apdesk.services import providers as provider_service
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.complaints import ComplaintRow, PlacementChoice
from apdesk.ui import colours
from apdesk.ui.context import UiContext
from apdesk.ui.detail import DetailPanel, status_label
from apdesk.ui.forms import ChoiceCombo, DateEdit, enum_choices, section
from apdesk.ui.unsaved import ChangeTracker, Done, EditsRecord
from apdesk.ui.widgets import line_edit, note_label, text_edit


@dataclass(frozen=True)
class ComplaintBundle:
    complaint: Complaint
    row: ComplaintRow | None
    providers: list[tuple[int, str]]
    placements: list[PlacementChoice]
    days: rules.StageDays


def load_bundle(svc: AppServices, actor: Actor, complaint: Complaint) -> ComplaintBundle:
    """Runs on the worker: the complaint (fresh if saved) and the choices its form needs."""
    row = None
    if complaint.id is not None:
        complaint = complaint_service.get_complaint(svc, actor, complaint.id)
        rows = complaint_service.list_complaints(svc, actor)
        row = next((r for r in rows if r.id == complaint.id), None)
    providers = [(r.id, r.name) for r in provider_service.list_providers(svc, actor)]
    placements = complaint_service.placement_choices(svc, actor)
    days = complaint_service.stage_days(svc, actor)
    return ComplaintBundle(complaint, row, providers, placements, days)


class ComplaintEditor(QObject, EditsRecord):
    saved = Signal(object)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.complaint: Complaint | None = None
        self.placements: list[PlacementChoice] = []
        self.panel = DetailPanel("Choose a complaint, or press Ctrl+N to record one.")
        self.status = status_label()
        self.panel.add_section(self.status)
        self.days_note = note_label("")
        self.panel.add_section(self.days_note)
        self._build_complaint()
        self._build_stage()
        self.tracker = ChangeTracker([self.complaint_box, self.stage_box])
        self.panel.finish_sections()
        self.save_button = self.panel.add_button("&Save complaint", self.save, default=True)

    def _build_complaint(self) -> None:
        self.complainant = line_edit("Complainant", "who made the complaint")
        self.relationship = line_edit("Relationship", "such as parent, carer, pupil")
        self.received_on = DateEdit("Received on")
        self.provider = ChoiceCombo("Provider", typed=True)
        self.placement = ChoiceCombo("Placement", blank="No one placement")
        self.provider.currentIndexChanged.connect(self._offer_placements)
        self.summary = text_edit("What it is about", "the complaint, in brief", 3)
        box, form = section("Complaint")
        for text, widget in (
            ("&Complainant", self.complainant),
            ("&Relationship", self.relationship),
            ("Received &on", self.received_on),
            ("Pro&vider", self.provider),
            ("P&lacement", self.placement),
            ("&About", self.summary),
        ):
            form.addRow(text, widget)
        self.complaint_box = self.panel.add_section(box)

    def _build_stage(self) -> None:
        self.stage = ChoiceCombo("Stage", enum_choices(ComplaintStage))
        self.stage_since = DateEdit("Reached this stage on", optional=True)
        self.outcome = ChoiceCombo("Outcome", enum_choices(ComplaintOutcome), blank="Open")
        self.closed_on = DateEdit("Closed on", optional=True)
        self.outcome_note = text_edit("What was found or done", "the outcome, in brief", 2)
        box, form = section("Stage and outcome")
        form.addRow("&Stage", self.stage)
        form.addRow("Reached stage o&n", self.stage_since)
        form.addRow("O&utcome", self.outcome)
        form.addRow("Close&d on", self.closed_on)
        form.addRow("&Found or done", self.outcome_note)
        self.stage_box = self.panel.add_section(box)

    def load(self, complaint_id: int) -> None:
        self._load(Complaint("", self.ctx.clock.today(), id=complaint_id))

    def start_new(self) -> None:
        self._load(Complaint("", self.ctx.clock.today()))

    def _load(self, complaint: Complaint) -> None:
        svc, actor = self.ctx.services, self.ctx.actor
        self.ctx.run(lambda: load_bundle(svc, actor, complaint), self._show, parent=self.panel)

    def _offer_placements(self) -> None:
        provider_id = self.provider.value()
        kept = self.placement.value()
        offered = [(p.id, p.text) for p in self.placements if p.provider_id == provider_id]
        self.placement.set_choices(offered)
        self.placement.set_value(kept if kept in dict(offered) else None)

    def _show(self, bundle: ComplaintBundle) -> None:
        c = self.complaint = bundle.complaint
        self.placements = bundle.placements
        self.provider.set_choices(bundle.providers)
        self.panel.show_content(f"Complaint from {c.complainant}" if c.id else "New complaint")
        self.complainant.setText(c.complainant)
        self.relationship.setText(c.relationship)
        self.received_on.set_value(c.received_on)
        self.provider.set_value(c.provider_id)
        self._offer_placements()
        self.placement.set_value(c.placement_id)
        self.summary.setPlainText(c.summary)
        self.stage.set_value(c.stage)
        self.stage_since.set_value(c.stage_since)
        self.outcome.set_value(c.outcome)
        self.closed_on.set_value(c.closed_on)
        self.outcome_note.setPlainText(c.outcome_note)
        self._show_status(bundle)
        self.tracker.settle()

    def _show_status(self, bundle: ComplaintBundle) -> None:
        row = bundle.row
        if row is None:
            self.status.setText("Not yet saved. It starts at the Headteacher stage (§15).")
            self.status.setStyleSheet("padding: 8px;")
        else:
            colour = colours.BAD if row.overdue else colours.WARN
            colour = colour if row.complaint.is_open else colours.NEUTRAL
            self.status.setText(row.status + ".")
            self.status.setStyleSheet(f"background: {colours.css(colour)}; padding: 8px;")
        days = ", ".join(f"{label(s)} {n}" for s, n in bundle.days.days.items())
        self.days_note.setText(
            f"School days each stage has to answer: {days} (File > School and terms… sets "
            "them). A complaint escalates forwards only."
        )

    def record(self) -> Complaint:
        assert self.complaint is not None
        received_on = self.received_on.value()
        assert received_on is not None
        return dataclasses.replace(
            self.complaint,
            complainant=self.complainant.text().strip(),
            relationship=self.relationship.text().strip(),
            received_on=received_on,
            provider_id=self.provider.value(),
            placement_id=self.placement.value(),
            summary=self.summary.toPlainText().strip(),
            stage=self.stage.value(),
            stage_since=self.stage_since.value(),
            outcome=self.outcome.value(),
            closed_on=self.closed_on.value(),
            outcome_note=self.outcome_note.toPlainText().strip(),
        )

    def save(self, done: Done | None = None) -> None:
        if self.complaint is None or not self.ready_to_save():
            if done is not None:
                done(False)
            return
        complaint, svc, actor = self.record(), self.ctx.services, self.ctx.actor
        stored, failed = self.answers(self.saved.emit, done)
        self.ctx.run(
            lambda: complaint_service.save_complaint(svc, actor, complaint),
            stored,
            parent=self.panel,
            label="Saving…",
            on_failed=failed,
        )
