"""An AP referral's record: the pupil, why and when, who referred, the provider considered,
and the decision with its date and reason; from it a placement can be proposed.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from apdesk.domain.ap_referrals import outcome_text, proposal_problems
from apdesk.domain.entities import APReferral
from apdesk.domain.enums import APReferralDecision, PlacementReason
from apdesk.domain.permissions import Permission
from apdesk.services import ap_referrals as referral_service
from apdesk.services import providers as provider_service
from apdesk.services import pupils as pupil_service
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.ui import colours
from apdesk.ui.context import UiContext
from apdesk.ui.detail import DetailPanel, status_label
from apdesk.ui.forms import ChoiceCombo, DateEdit, enum_choices, section
from apdesk.ui.unsaved import ChangeTracker, Done, EditsRecord
from apdesk.ui.widgets import line_edit, note_label, text_edit

Choices = list[tuple[int, str]]


@dataclass(frozen=True)
class APReferralBundle:
    referral: APReferral
    pupils: Choices
    providers: Choices
    placed: bool = False  # a placement was proposed from it


def load_bundle(svc: AppServices, actor: Actor, referral: APReferral) -> APReferralBundle:
    """Runs on the worker: the referral (fresh if saved) and the choices its form needs."""
    placed = False
    if referral.id is not None:
        referral = referral_service.get_ap_referral(svc, actor, referral.id)
        rows = referral_service.list_ap_referrals(svc, actor)
        placed = any(r.id == referral.id and r.placement_ids for r in rows)
    pupils = [(r.id, r.name) for r in pupil_service.list_pupils(svc, actor)]
    providers = [(r.id, r.name) for r in provider_service.list_providers(svc, actor)]
    return APReferralBundle(referral, pupils, providers, placed)


class APReferralEditor(QObject, EditsRecord):
    saved = Signal(object)
    propose = Signal(object)  # the referral's id: open a new placement prefilled from it

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.referral: APReferral | None = None
        self.panel = DetailPanel("Choose an AP referral, or press Ctrl+N to record one.")
        self.status = status_label()
        self.panel.add_section(self.status)
        self.panel.add_section(
            note_label(
                "A referral for alternative provision, kept whatever is decided (Annex B 1.3: "
                "reason, date, outcome). Safeguarding referrals to children's social care are "
                "recorded on the incident."
            )
        )
        self._build_referral()
        self._build_decision()
        self.tracker = ChangeTracker([self.referral_box, self.decision_box])
        self.panel.finish_sections()
        self.propose_button = self.panel.add_button("&Propose a placement…", self.ask_propose)
        self.save_button = self.panel.add_button("&Save referral", self.save, default=True)

    def _build_referral(self) -> None:
        self.pupil = ChoiceCombo("Pupil", typed=True)
        self.referred_on = DateEdit("Referred on")
        self.referred_by = line_edit("Referred by", "name and role")
        self.reason_kind = ChoiceCombo("Kind of reason", enum_choices(PlacementReason))
        self.reason = text_edit("Reason", "why alternative provision is being considered", 3)
        self.provider = ChoiceCombo("Provider considered", blank="None named yet", typed=True)
        box, form = section("Referral")
        for text, widget in (
            ("&Pupil", self.pupil),
            ("Referred &on", self.referred_on),
            ("Referred &by", self.referred_by),
            ("&Kind", self.reason_kind),
            ("&Reason", self.reason),
            ("Pro&vider considered", self.provider),
        ):
            form.addRow(text, widget)
        self.referral_box = self.panel.add_section(box)

    def _build_decision(self) -> None:
        self.decision = ChoiceCombo(
            "Decision", enum_choices(APReferralDecision), blank="Being considered"
        )
        self.decided_on = DateEdit("Decided on", optional=True)
        self.decision_reason = text_edit("Why", "the reason for the decision", 2)
        box, form = section("Decision")
        form.addRow("&Decision", self.decision)
        form.addRow("Decided o&n", self.decided_on)
        form.addRow("&Why", self.decision_reason)
        self.decision_box = self.panel.add_section(box)

    def load(self, referral_id: int) -> None:
        self._load(APReferral(None, self.ctx.clock.today(), id=referral_id))

    def start_new(self) -> None:
        self._load(APReferral(None, self.ctx.clock.today()))

    def _load(self, referral: APReferral) -> None:
        svc, actor = self.ctx.services, self.ctx.actor
        self.ctx.run(lambda: load_bundle(svc, actor, referral), self._show, parent=self.panel)

    def _show(self, bundle: APReferralBundle) -> None:
        r = self.referral = bundle.referral
        self.pupil.set_choices(bundle.pupils)
        self.provider.set_choices(bundle.providers)
        pupil = dict(bundle.pupils).get(r.pupil_id or -1, "")
        self.panel.show_content(f"AP referral: {pupil}" if r.id else "New AP referral")
        self.pupil.set_value(r.pupil_id)
        self.referred_on.set_value(r.referred_on)
        self.referred_by.setText(r.referred_by)
        self.reason_kind.set_value(r.reason_kind)
        self.reason.setPlainText(r.reason)
        self.provider.set_value(r.provider_id)
        self.decision.set_value(r.decision)
        self.decided_on.set_value(r.decided_on)
        self.decision_reason.setPlainText(r.decision_reason)
        self._show_status(r, bundle.placed)
        self.tracker.settle()

    def _show_status(self, r: APReferral, placed: bool) -> None:
        if r.id is None:
            self.status.setText("Not yet saved.")
            self.status.setStyleSheet("padding: 8px;")
        else:
            text = outcome_text(r) + (". A placement was proposed from it." if placed else ".")
            colour = colours.WARN if r.is_open else colours.NEUTRAL
            self.status.setText(text)
            self.status.setStyleSheet(f"background: {colours.css(colour)}; padding: 8px;")
        editable = self.ctx.may(Permission.EDIT_PLACEMENTS)
        for box in (self.referral_box, self.decision_box):
            box.setEnabled(editable)
        self.save_button.setVisible(editable)
        self.propose_button.setVisible(
            editable and r.id is not None and not proposal_problems(r) and not placed
        )

    def record(self) -> APReferral:
        assert self.referral is not None
        referred_on = self.referred_on.value()
        assert referred_on is not None
        return dataclasses.replace(
            self.referral,
            pupil_id=self.pupil.value(),
            referred_on=referred_on,
            referred_by=self.referred_by.text().strip(),
            reason_kind=self.reason_kind.value(),
            reason=self.reason.toPlainText().strip(),
            provider_id=self.provider.value(),
            decision=self.decision.value(),
            decided_on=self.decided_on.value(),
            decision_reason=self.decision_reason.toPlainText().strip(),
        )

    def save(self, done: Done | None = None) -> None:
        if (
            self.referral is None
            or not self.save_button.isVisibleTo(self.panel)
            or not self.ready_to_save()
        ):
            if done is not None:
                done(False)
            return
        referral, svc, actor = self.record(), self.ctx.services, self.ctx.actor
        stored, failed = self.answers(self.saved.emit, done)
        self.ctx.run(
            lambda: referral_service.save_ap_referral(svc, actor, referral),
            stored,
            parent=self.panel,
            label="Saving…",
            on_failed=failed,
        )

    def ask_propose(self) -> None:
        """Save what was typed first, then open the placement form prefilled from it."""
        if self.referral is None or self.referral.id is None:
            return
        referral_id = self.referral.id
        if self.has_changes():
            self.save(lambda ok: self.propose.emit(referral_id) if ok else None)
        else:
            self.propose.emit(referral_id)
