"""A placement's whole record, its Annex A ticked in place, and its lifecycle buttons.

What still stands in the way of authorisation comes from the `readiness` service, so the
person sees the missing pieces before pressing Authorise (which only the Headteacher has).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from apdesk.domain.entities import Objective, Placement
from apdesk.domain.enums import PlacementOutcome, PlacementStatus
from apdesk.domain.labels import label
from apdesk.domain.permissions import Permission
from apdesk.services import ap_referrals as ap_referral_service
from apdesk.services import corrections
from apdesk.services import placements as placement_service
from apdesk.services import providers as provider_service
from apdesk.services import pupils as pupil_service
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.ui import colours
from apdesk.ui import corrections as correcting
from apdesk.ui.context import UiContext
from apdesk.ui.detail import DetailPanel, hold_height, status_label
from apdesk.ui.lock_hold import ask_item, ask_text
from apdesk.ui.record_documents import RecordDocuments
from apdesk.ui.tabs.placements.pages import AnnexAPage, DetailsPage, RiskPage, objectives_list
from apdesk.ui.tabs.placements.parents_page import ParentsPage
from apdesk.ui.unsaved import ChangeTracker, Done, EditsRecord
from apdesk.ui.widgets import note_label, one_line

Choices = list[tuple[int, str]]
ANNEX_A_PREFIX = "Annex A: "
CLOSED = (PlacementStatus.ENDED, PlacementStatus.TERMINATED)


@dataclass(frozen=True)
class PlacementBundle:
    """A placement with the choices its form needs and what it still lacks."""

    placement: Placement
    pupils: Choices
    providers: Choices
    sites: Choices
    readiness: list[str]
    pupil_name: str = ""


def grouped_annex_a(readiness: list[str]) -> list[str]:
    """Outstanding Annex A items as one line (the Annex A page lists them): a line per item
    above the checklist would shrink with each tick and move the rows under the pointer."""
    annex_a = [r for r in readiness if r.startswith(ANNEX_A_PREFIX)]
    if len(annex_a) < 2:
        return readiness
    rest = [r for r in readiness if not r.startswith(ANNEX_A_PREFIX)]
    return [*rest, f"Annex A: {len(annex_a)} items still to tick (on the Annex A page)"]


def site_choices(svc: AppServices, actor: Actor, provider_id: int | None) -> Choices:
    if provider_id is None:
        return []
    provider, _ = provider_service.get_provider(svc, actor, provider_id)
    return [(s.id, f"{s.name}: {one_line(s.address)}") for s in provider.sites if s.id is not None]


def load_bundle(svc: AppServices, actor: Actor, placement: Placement) -> PlacementBundle:
    """Runs on the worker: the record (fresh from the store if saved) and its choices."""
    if placement.id is not None:
        placement = placement_service.get_placement(svc, actor, placement.id)
    listed = pupil_service.list_pupils(svc, actor)
    pupils = [(r.id, f"{r.name} ({r.upn})" if r.upn else r.name) for r in listed]
    name = next((r.name for r in listed if r.id == placement.pupil_id), "")
    providers = [
        (r.id, f"{r.name} ({r.state.lower()})") for r in provider_service.list_providers(svc, actor)
    ]
    ready = (
        placement_service.readiness(svc, actor, placement.id)
        if placement.id is not None and placement.status is PlacementStatus.PROPOSED
        else []
    )
    sites = site_choices(svc, actor, placement.provider_id)
    return PlacementBundle(placement, pupils, providers, sites, ready, name)


class PlacementEditor(QObject, EditsRecord):
    saved = Signal(object)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.placement: Placement | None = None
        self.panel = DetailPanel(
            "Choose a placement from the list, or press Ctrl+N to propose one."
        )
        self.status = status_label()
        self.panel.add_section(self.status)
        self.details = DetailsPage()
        self.details.provider_changed.connect(self._provider_changed)
        self.risk = RiskPage(ctx.may(Permission.VIEW_CP_FLAGS))
        self.objectives = objectives_list()
        self.annex_a = AnnexAPage(self.tick)
        self.parents = ParentsPage(ctx, self.feedback_form)
        self.tracker = ChangeTracker([self.details, self.risk, self.objectives])
        self.pages = QTabWidget()
        self.pages.setAccessibleName("Placement record")
        for title, page in (
            ("Details", self.details),
            ("Risk and sharing", self.risk),
            ("Objectives", self._wrap(self.objectives)),
            ("Annex A", self.annex_a),
        ):
            self.pages.addTab(page, title)
        self.sees_parents = ctx.may(Permission.VIEW_PARENT_CONTACTS)
        if self.sees_parents:
            self.pages.addTab(self.parents, "Parents")
        self.panel.add_section(self.pages)
        self.panel.finish_sections()
        self._buttons()
        self.documents = RecordDocuments(ctx, self.panel)
        self.letter_button = self.panel.add_title_button(
            "Parent letter…",
            self.parent_letter,
            "The letter to parents (or the off-site direction notice)",
        )
        self.annex_a_button = self.panel.add_title_button(
            "Annex A…", self.annex_a_document, "The Annex A checklist, to print or save"
        )
        self.pupil_name = ""
        self.editable = ctx.may(Permission.EDIT_PLACEMENTS)
        if self.editable:
            self.objectives.allow_corrections(self._correct_objective, self._void_objective)

    def _correct_objective(self, old: Objective, corrected: Objective) -> None:
        svc, actor, objective_id = self.ctx.services, self.ctx.actor, old.id or 0
        correcting.correct(
            self.ctx,
            self.panel,
            "Correct an objective",
            "Why is this objective being corrected? (The old wording is kept in the audit log.)",
            lambda why: corrections.correct_objective(svc, actor, objective_id, corrected, why),
        )

    def _void_objective(self, row: Objective) -> None:
        svc, actor, objective_id = self.ctx.services, self.ctx.actor, row.id or 0
        correcting.correct(
            self.ctx,
            self.panel,
            "Void an objective",
            "Why was this objective recorded by mistake?",
            lambda why: corrections.void_objective(svc, actor, objective_id, why),
        )

    def _wrap(self, child: QWidget) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(
            note_label(
                "Each objective is measurable, with a timescale and a named lead (policy §7, §8)."
            )
        )
        layout.addWidget(child)
        return page

    def _buttons(self) -> None:
        add = self.panel.add_button
        self.terminate_button = add("&Terminate…", self.ask_terminate)
        self.end_button = add("&End…", self.ask_end)
        self.activate_button = add("&Start placement", self.activate)
        self.authorise_button = add("&Authorise", self.authorise)
        self.save_button = add("&Save placement", self.save, default=True)

    def load(self, placement_id: int) -> None:
        self._load(Placement(None, None, self.ctx.clock.today(), id=placement_id))

    def start_new(self) -> None:
        start = self.ctx.clock.today() + timedelta(days=7)
        self._load(Placement(None, None, start, start + timedelta(weeks=12)))

    def start_from_referral(self, referral_id: int) -> None:
        """A new placement prefilled from an AP referral (pupil, provider, reason)."""
        svc, actor = self.ctx.services, self.ctx.actor

        def work() -> PlacementBundle:
            return load_bundle(
                svc, actor, ap_referral_service.draft_placement(svc, actor, referral_id)
            )

        self.ctx.run(work, self._show, parent=self.panel)

    def _load(self, placement: Placement) -> None:
        svc, actor = self.ctx.services, self.ctx.actor
        self.ctx.run(lambda: load_bundle(svc, actor, placement), self._show, parent=self.panel)

    def _show(self, bundle: PlacementBundle) -> None:
        shown = self.placement.id if self.placement is not None else None
        hold_height(self.status, bundle.placement.id is not None and bundle.placement.id == shown)
        p = self.placement = bundle.placement
        self.details.pupil.set_choices(bundle.pupils)
        self.details.provider.blockSignals(True)
        self.details.provider.set_choices(bundle.providers)
        self.details.provider.blockSignals(False)
        self.details.site.set_choices(bundle.sites)
        pupil = dict(bundle.pupils).get(p.pupil_id or -1, "New placement")
        provider = dict(bundle.providers).get(p.provider_id or -1, "")
        self.panel.show_content(pupil, provider)
        self.details.fill(p)
        self.risk.fill(p)
        self.objectives.set_rows(p.objectives)
        self.annex_a.fill(p)
        if self.sees_parents:
            self.parents.show_placement(p.id, p.is_closed)
        self._show_status(p, bundle.readiness)
        self.pupil_name = bundle.pupil_name
        self._enable(p)
        self.authorise_button.setEnabled(not bundle.readiness)
        self.authorise_button.setToolTip(
            "Everything listed above must be done first." if bundle.readiness else ""
        )
        self.tracker.settle()
        self.panel.restore_anchor()

    def _show_status(self, p: Placement, readiness: list[str]) -> None:
        if p.id is None:
            self.status.setText("Proposed placement, not yet saved.")
            self.status.setStyleSheet("padding: 8px;")
            return
        text = label(p.status)
        readiness = grouped_annex_a(readiness)
        if p.status is PlacementStatus.PROPOSED:
            text += (
                ": ready for the Headteacher to authorise."
                if not readiness
                else ". Before it can be authorised:\n" + "\n".join(f"• {r}" for r in readiness)
            )
        elif p.is_live and readiness:
            # A lapsed provider (or site) with this child placed: the gate no longer holds.
            text += ", but it no longer passes the gate:\n" + "\n".join(f"• {r}" for r in readiness)
        elif p.termination_reason:
            text += f": {p.termination_reason}"
        colour = colours.WARN if readiness else colours.GOOD if p.is_live else colours.NEUTRAL
        if p.is_live and readiness:
            colour = colours.BAD
        self.status.setText(text)
        self.status.setStyleSheet(f"background: {colours.css(colour)}; padding: 8px;")

    def _enable(self, p: Placement) -> None:
        can_edit = self.editable and p.status not in CLOSED
        for page in (self.details, self.risk):
            page.setEnabled(can_edit)
        self.objectives.setEnabled(self.editable)  # a closed placement's: Correct… and Void…
        self.objectives.set_editable(can_edit)
        self.annex_a.setEnabled(can_edit and p.id is not None)
        self.save_button.setVisible(can_edit)
        self.authorise_button.setVisible(
            p.status is PlacementStatus.PROPOSED
            and p.id is not None
            and self.ctx.may(Permission.AUTHORISE_PLACEMENT)
        )
        self.activate_button.setVisible(self.editable and p.status is PlacementStatus.AUTHORISED)
        self.end_button.setVisible(self.editable and p.status is PlacementStatus.ACTIVE)
        self.terminate_button.setVisible(can_edit and p.id is not None)
        self.letter_button.setVisible(p.id is not None and self.ctx.may(Permission.PRINT_LETTERS))
        self.annex_a_button.setVisible(p.id is not None)

    def parent_letter(self) -> None:
        if self.placement is not None and self.placement.id is not None:
            self.documents.letter(self.placement.id, self.pupil_name)

    def feedback_form(self) -> None:
        if self.placement is not None and self.placement.id is not None:
            self.documents.feedback_form(self.placement.id, self.pupil_name)

    def annex_a_document(self) -> None:
        if self.placement is not None and self.placement.id is not None:
            self.documents.annex_a(self.placement.id, self.pupil_name)

    def _provider_changed(self, provider_id: int | None) -> None:
        svc, actor = self.ctx.services, self.ctx.actor

        def show(choices: Choices) -> None:
            # A list for a provider no longer chosen (the placement before, when someone
            # moves quickly down the list) would blank the site of the one on show.
            if self.details.provider.value() == provider_id:
                self.details.site.set_choices(choices)

        self.ctx.run(lambda: site_choices(svc, actor, provider_id), show, parent=self.panel)

    def record(self) -> Placement:
        assert self.placement is not None
        p = self.details.read(self.placement)
        p = self.risk.read(p)
        return dataclasses.replace(p, objectives=self.objectives.rows())

    def _call(self, work: Callable[[], Placement], label_text: str = "Saving…") -> None:
        self.ctx.run(
            work,
            lambda stored: self.saved.emit(stored.id),
            parent=self.panel,
            label=label_text,
        )

    def save(self, done: Done | None = None) -> None:
        if (
            self.placement is None
            or not self.save_button.isVisibleTo(self.panel)
            or not self.ready_to_save()
        ):
            if done is not None:
                done(False)
            return
        placement, svc, actor = self.record(), self.ctx.services, self.ctx.actor
        stored, failed = self.answers(self.saved.emit, done)
        self.ctx.run(
            lambda: placement_service.save_placement(svc, actor, placement),
            stored,
            parent=self.panel,
            label="Saving…",
            on_failed=failed,
        )

    def tick(self, key: str, done: bool) -> None:
        pid, svc, actor = self._id(), self.ctx.services, self.ctx.actor
        self.panel.anchor(self.annex_a.boxes[key])
        self._call(lambda: placement_service.set_annex_a_item(svc, actor, pid, key, done))

    def authorise(self) -> None:
        pid, svc, actor = self._id(), self.ctx.services, self.ctx.actor
        self._call(lambda: placement_service.authorise(svc, actor, pid), "Authorising…")

    def activate(self) -> None:
        pid, svc, actor = self._id(), self.ctx.services, self.ctx.actor
        self._call(lambda: placement_service.activate(svc, actor, pid))

    def ask_end(self) -> None:
        names = [label(o) for o in PlacementOutcome]
        choice, ok = ask_item(self.panel, "End the placement", "Outcome:", names)
        if ok:
            self.end_with(list(PlacementOutcome)[names.index(choice)])

    def end_with(self, outcome: PlacementOutcome) -> None:
        pid, svc, actor = self._id(), self.ctx.services, self.ctx.actor
        self._call(lambda: placement_service.end_placement(svc, actor, pid, outcome))

    def ask_terminate(self) -> None:
        reason, ok = ask_text(
            self.panel,
            "Terminate the placement",
            "Why is it ending early? (This is kept in the record.)",
        )
        if ok and reason.strip():
            self.terminate_with(reason)

    def terminate_with(self, reason: str) -> None:
        pid, svc, actor = self._id(), self.ctx.services, self.ctx.actor
        self._call(lambda: placement_service.terminate(svc, actor, pid, reason))

    def _id(self) -> int:
        assert self.placement is not None and self.placement.id is not None
        return self.placement.id
