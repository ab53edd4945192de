"""An incident's record: what happened and when the school was told, linked pupils each with
their own role, referrals, the decision and its rationale, and closing it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLineEdit

from apdesk.domain.entities import Incident, IncidentPupil, Referral
from apdesk.domain.enums import Agency, IncidentCategory, IncidentStatus, PupilRole
from apdesk.domain.incidents import notification_delay_text
from apdesk.domain.labels import label
from apdesk.domain.permissions import Permission
from apdesk.services import corrections
from apdesk.services import incidents as incident_service
from apdesk.services import providers as provider_service
from apdesk.services import pupils as pupil_service
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.ui import colours
from apdesk.ui import corrections as correcting
from apdesk.ui.context import UiContext
from apdesk.ui.detail import DetailPanel, status_label
from apdesk.ui.forms import ChoiceCombo, DateEdit, DateTimeEdit, enum_choices, section
from apdesk.ui.models import Column
from apdesk.ui.tabs.common.children import ChildList
from apdesk.ui.tabs.common.evidence import INCIDENT_FILES, EvidenceFiles
from apdesk.ui.unsaved import ChangeTracker, Done, EditsRecord
from apdesk.ui.widgets import line_edit, text_edit

Choices = list[tuple[int, str]]


@dataclass(frozen=True)
class IncidentBundle:
    incident: Incident
    pupils: Choices
    providers: Choices


def load_bundle(svc: AppServices, actor: Actor, incident: Incident) -> IncidentBundle:
    """Runs on the worker. Opening a saved incident is audited by `open_incident`."""
    if incident.id is not None:
        incident = incident_service.open_incident(svc, actor, incident.id)
    pupils = [(r.id, r.name) for r in pupil_service.list_pupils(svc, actor)]
    providers = [(r.id, r.name) for r in provider_service.list_providers(svc, actor)]
    return IncidentBundle(incident, pupils, providers)


class IncidentEditor(QObject, EditsRecord):
    saved = Signal(object)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.incident: Incident | None = None
        self.pupil_names: dict[int, str] = {}
        self.panel = DetailPanel("Choose an incident, or press Ctrl+N to log one.")
        self.status = status_label()
        self.panel.add_section(self.status)
        self._build_what()
        self.pupils = ChildList(
            "pupil",
            (
                Column("Pupil", lambda link: self.pupil_names.get(link.pupil_id, "?")),
                Column("Role", lambda link: label(link.role)),
            ),
            (
                (
                    "pupil_id",
                    "&Pupil",
                    lambda: ChoiceCombo("Pupil", self.pupil_choices, typed=True),
                ),
                ("role", "&Role", lambda: ChoiceCombo("Role", enum_choices(PupilRole))),
            ),
            IncidentPupil,
        )
        self.referrals = ChildList(
            "referral",
            (
                Column("Agency", lambda r: label(r.agency)),
                Column("Made on", lambda r: r.made_on),
                Column("Reference", lambda r: r.reference),
                Column("Outcome", lambda r: r.outcome or "not yet recorded"),
            ),
            (
                ("agency", "&Agency", lambda: ChoiceCombo("Agency", enum_choices(Agency))),
                ("made_on", "&Made on", lambda: DateEdit("Made on")),
                ("reference", "&Reference", QLineEdit),
                ("outcome", "&Outcome", QLineEdit),
            ),
            Referral,
        )
        tracked = [self.what_box]
        for title, child in (
            ("Pupils involved (each with their own role)", self.pupils),
            ("Referrals", self.referrals),
        ):
            box, form = section(title)
            form.addRow(child)
            self.panel.add_section(box)
            tracked.append(box)
        self._build_decision()
        self.tracker = ChangeTracker([*tracked, self.decision_box])
        self.files = EvidenceFiles(
            ctx, INCIDENT_FILES, ctx.may(Permission.EDIT_INCIDENTS), "Incident evidence files"
        )
        files_box, files_form = section("Evidence files (written accounts, photographs)")
        files_form.addRow(self.files)
        self.panel.add_section(files_box)
        self.panel.finish_sections()
        self.reopen_button = self.panel.add_button("Re&open…", self.ask_reopen)
        self.close_button = self.panel.add_button("&Close incident", self.close_incident)
        self.save_button = self.panel.add_button("&Save incident", self.save, default=True)
        self.pupil_choices: Choices = []
        if ctx.may(Permission.EDIT_INCIDENTS):
            self.referrals.allow_corrections(self._correct_referral, self._void_referral)

    def _pupil_picker(self) -> ChoiceCombo:
        return ChoiceCombo("Pupil", self.pupil_choices, typed=True)

    def _correct_referral(self, old: Referral, corrected: Referral) -> None:
        svc, actor, referral_id = self.ctx.services, self.ctx.actor, old.id or 0
        correcting.correct(
            self.ctx,
            self.panel,
            "Correct a referral",
            "Why is this referral being corrected? (The old details are kept in the audit log.)",
            lambda why: corrections.correct_referral(svc, actor, referral_id, corrected, why),
        )

    def _void_referral(self, row: Referral) -> None:
        svc, actor, referral_id = self.ctx.services, self.ctx.actor, row.id or 0
        correcting.correct(
            self.ctx,
            self.panel,
            "Void a referral",
            "Why was this referral recorded by mistake?",
            lambda why: corrections.void_referral(svc, actor, referral_id, why),
        )

    def _build_what(self) -> None:
        self.category = ChoiceCombo("Category", enum_choices(IncidentCategory))
        self.occurred = DateTimeEdit("When it happened")
        self.notified = DateTimeEdit("When the provider told the school", optional=True)
        self.provider = ChoiceCombo("Provider", blank="Not at a provider", typed=True)
        self.reported_by = line_edit("Reported by")
        self.narrative = text_edit("What happened", lines=5)
        self.actions_taken = text_edit("Actions taken", lines=3)
        box, form = section("What happened")
        for text, widget in (
            ("&Category", self.category),
            ("&When it happened", self.occurred),
            ("School &told", self.notified),
            ("Pro&vider", self.provider),
            ("Reported &by", self.reported_by),
            ("What &happened", self.narrative),
            ("&Actions taken", self.actions_taken),
        ):
            form.addRow(text, widget)
        self.what_box = self.panel.add_section(box)

    def _build_decision(self) -> None:
        self.decision = text_edit("Decision", "including a decision not to refer", 2)
        self.rationale = text_edit("Rationale", "why this decision was made", 3)
        box, form = section("Decision")
        form.addRow("&Decision", self.decision)
        form.addRow("&Rationale", self.rationale)
        self.decision_box = self.panel.add_section(box)

    def load(self, incident_id: int) -> None:
        self._load(
            Incident(IncidentCategory.SAFEGUARDING_CONCERN, self.ctx.clock.now(), id=incident_id)
        )

    def start_new(self) -> None:
        self._load(Incident(IncidentCategory.SAFEGUARDING_CONCERN, self.ctx.clock.now()))

    def _load(self, incident: Incident) -> None:
        svc, actor = self.ctx.services, self.ctx.actor
        self.ctx.run(lambda: load_bundle(svc, actor, incident), self._show, parent=self.panel)

    def _show(self, bundle: IncidentBundle) -> None:
        i = self.incident = bundle.incident
        self.pupil_choices = bundle.pupils
        self.pupil_names = dict(bundle.pupils)
        self.provider.set_choices(bundle.providers)
        title = label(i.category) if i.id else "New incident"
        pupils = ", ".join(self.pupil_names.get(link.pupil_id or -1, "?") for link in i.pupil_links)
        self.panel.show_content(title, pupils)
        self.category.set_value(i.category)
        self.occurred.set_value(i.occurred_at)
        self.notified.set_value(i.notified_at)
        self.provider.set_value(i.provider_id)
        self.reported_by.setText(i.reported_by)
        self.narrative.setPlainText(i.narrative)
        self.actions_taken.setPlainText(i.actions_taken)
        self.pupils.set_rows(i.pupil_links)
        self.referrals.set_rows(i.referrals)
        self.decision.setPlainText(i.decision)
        self.rationale.setPlainText(i.rationale)
        self._show_status(i)
        if i.id is None:
            self.files.show_for(None, "Save the incident first, then attach its files.")
        elif i.id != self.files.owner_id:
            self.files.show_for(i.id)
        self.tracker.settle()

    def _show_status(self, i: Incident) -> None:
        is_open = i.status is IncidentStatus.OPEN
        text = f"{label(i.status)}. School told: {notification_delay_text(i)}."
        self.status.setText(text if i.id else "Not yet saved.")
        colour = colours.WARN if is_open else colours.NEUTRAL
        self.status.setStyleSheet(f"background: {colours.css(colour)}; padding: 8px;")
        editable = self.ctx.may(Permission.EDIT_INCIDENTS) and is_open
        self.save_button.setVisible(editable)
        self.close_button.setVisible(editable and i.id is not None)
        self.reopen_button.setVisible(
            not is_open and i.id is not None and self.ctx.may(Permission.REOPEN_INCIDENTS)
        )
        self.pupils.set_editable(editable)
        self.referrals.set_editable(editable)

    def record(self) -> Incident:
        assert self.incident is not None
        occurred = self.occurred.value()
        assert occurred is not None
        return dataclasses.replace(
            self.incident,
            category=self.category.value(),
            occurred_at=occurred,
            notified_at=self.notified.value(),
            provider_id=self.provider.value(),
            reported_by=self.reported_by.text().strip(),
            narrative=self.narrative.toPlainText().strip(),
            actions_taken=self.actions_taken.toPlainText().strip(),
            pupil_links=self.pupils.rows(),
            referrals=self.referrals.rows(),
            decision=self.decision.toPlainText().strip(),
            rationale=self.rationale.toPlainText().strip(),
        )

    def save(self, done: Done | None = None) -> None:
        if (
            self.incident is None
            or not self.save_button.isVisibleTo(self.panel)
            or not self.ready_to_save()
        ):
            if done is not None:
                done(False)
            return
        incident, svc, actor = self.record(), self.ctx.services, self.ctx.actor
        stored, failed = self.answers(self.saved.emit, done)
        self.ctx.run(
            lambda: incident_service.save_incident(svc, actor, incident),
            stored,
            parent=self.panel,
            label="Saving…",
            on_failed=failed,
        )

    def ask_reopen(self) -> None:
        if self.incident is None or self.incident.id is None:
            return
        svc, actor, incident_id = self.ctx.services, self.ctx.actor, self.incident.id
        correcting.correct(
            self.ctx,
            self.panel,
            "Reopen the incident",
            "Why is this incident being reopened? (Something new has come to light…)",
            lambda why: corrections.reopen_incident(svc, actor, incident_id, why),
            lambda stored: self.saved.emit(stored.id),
        )

    def close_incident(self) -> None:
        if self.incident is None or self.incident.id is None or not self.ready_to_save():
            return
        incident, svc, actor = self.record(), self.ctx.services, self.ctx.actor
        stored, _ = self.answers(self.saved.emit, None)  # what was typed is saved too
        self.ctx.run(
            lambda: incident_service.save_and_close_incident(svc, actor, incident),
            stored,
            parent=self.panel,
            label="Closing…",
        )
