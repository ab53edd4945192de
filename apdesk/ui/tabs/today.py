"""Today: what needs someone now, each a click away from the record it concerns.

Unexplained absences, reviews overdue and due, provider checks lapsing, placements ending
and the signed-in person's open actions, as the `today` service decides them. Loading the
tab only reads: the automatic actions it lists were opened by the window's sweep
(`ui/action_sweep.py`), which runs on the worker before the tab's first load.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from apdesk.domain.formatting import format_date
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.services import actions as action_service
from apdesk.services import today as today_service
from apdesk.services.actions import ActionRow
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.today import TodayItem
from apdesk.ui import colours
from apdesk.ui.context import UiContext
from apdesk.ui.detail import DetailPanel
from apdesk.ui.models import Column
from apdesk.ui.tabs.common.base import ListDetailTab
from apdesk.ui.widgets import line_edit, note_label

ADVICE = {
    "Unexplained absence": "{when} (policy §9): ring the provider and the family, "
    "then record the reason in the register. An expected session with no mark once its "
    "register has closed counts as an absence until it is coded.",
    "Started but not active": "This placement's start date has passed but nobody made it "
    "active: the child may be at the provider, or nowhere. Check where they are, then "
    "activate the placement or end it.",
    "Review overdue": "This review is {late}. Hold it, or record it if it was held.",
    "Review due": "This review falls due within the next week.",
    "Provider check lapsing": "Ask the provider for renewed evidence before this check "
    "lapses; a lapsed check stops new placements there.",
    "Annex B ticks lapsing": "An Annex B tick counts for twelve months. Check these "
    "requirements again with the provider and tick them anew on its Annex B page before they "
    "lapse, or the Headteacher cannot sign its Annex B.",
    "Annex B ticks lapsed": "A child is placed with this provider and some of its Annex B "
    "requirements were last checked more than twelve months ago: check them again with the "
    "provider and tick them anew on its Annex B page. Until then its Annex B cannot be signed.",
    "Placement ending": "Plan the exit review and reintegration before the planned end date.",
    "My action": "An action assigned to you.",
    "Provider lapsed": "A child is placed with a provider whose evidence is out of date or "
    "missing (§5, §12, §14). Get the renewed evidence today, or decide with the DSL whether "
    "the placement continues; the placement shows the same warning.",
    "Open incident": "An incident, or a concern raised by a member of staff, waiting for the "
    "DSL: triage it, record the decision and why, and close it (§11, §18).",
    "Annex B to sign": "Every Annex B requirement is ticked within the last twelve months and "
    "the provider is approved: the Headteacher can sign it off.",
    "Awaiting authorisation": "A proposed placement waits for the Headteacher's authorisation "
    "(§4). Open it to see what is still missing, or to authorise it.",
}
ADVICE |= {
    "Policy review": "The AP policy is reviewed annually (§19). Have it reviewed and approved, "
    "then record the new version and dates in File > School and terms… and load its checklist "
    "wording with File > Load policy wording….",
}
ADVICE |= {
    "Training lapsed": "A member of staff's policy reading or training has lapsed (§14, "
    "Annex B §6). Arrange it and record it in Staff training.",
    "Training lapsing": "A member of staff's training lapses within 30 days: book the refresher.",
}
ADVICE |= {
    "Letter not recorded as sent": "A letter or notice to parents was printed a few school "
    "days ago and nobody recorded it as sent (§10): open the placement's Parents page and "
    "record how it went and to whom, or print it again if it never went.",
}
#: Kinds shown red once their date has passed, amber before.
URGENT_WHEN_PAST = {"Policy review", "Training lapsed", "Training lapsing"}
ALL = "*all*"  # the header's link back to every kind
ADVICE |= {
    "CP file receipt missing": "The child-protection file went five school days ago or more "
    "and the receiving school has not confirmed it (KCSIE). Ring their DSL, then record the "
    "receipt with apdesk transfer receipt.",
    "Subject access due": "A subject access request must be answered within one calendar "
    "month of receipt: make the pupil's data with apdesk access export.",
    "Subject access overdue": "This subject access request is past its one-month deadline: "
    "answer it now, and tell the requester why it is late.",
}
ADVICE |= {
    "Open complaint": "A complaint about a provider is open (§15): answer it by the date "
    "shown, or escalate it to the next stage in Complaints.",
    "Complaint overdue": "This complaint is {late} at its stage: answer it now, or "
    "escalate it (§15).",
}
ADVICE |= {
    "No virtual school head": "A looked-after child needs their virtual school head on record "
    "(§7, §11): ask the local authority's virtual school and add them on the pupil's "
    "Multi-agency page.",
    "No PEP recorded": "A looked-after child's personal education plan is reviewed termly: "
    "record the last PEP meeting and the next one on the pupil's Multi-agency page.",
    "PEP overdue": "This child's PEP is {late}: arrange it with the virtual school head and "
    "the social worker, then record it on the Multi-agency page.",
    "Child-protection conference overdue": "The review conference date has passed: check "
    "with the social worker, attend or send a report, then record it (§11).",
    "Child-in-need review overdue": "The child-in-need review date has passed: check with "
    "the social worker, then record it on the Multi-agency page (§11).",
    "Looked-after (CLA) review overdue": "The looked-after review date has passed: check "
    "with the social worker and the IRO, then record it on the Multi-agency page (§11).",
    "EHCP annual review overdue": "The EHCP's annual review is {late}: arrange it with the "
    "local authority's caseworker, then record it on the Multi-agency page.",
}
MULTI_AGENCY_URGENT = {
    "No virtual school head",
    "No PEP recorded",
    "PEP overdue",
    "Child-protection conference overdue",
    "Child-in-need review overdue",
    "Looked-after (CLA) review overdue",
    "EHCP annual review overdue",
}
URGENT = MULTI_AGENCY_URGENT | {
    "Complaint overdue",
    "Unexplained absence",
    "Review overdue",
    "Started but not active",
    "Provider lapsed",
    "Annex B ticks lapsed",
    "CP file receipt missing",
    "Subject access overdue",
}
SOON = {
    "Letter not recorded as sent",
    "Review due",
    "Provider check lapsing",
    "Annex B ticks lapsing",
    "Placement ending",
    "Awaiting authorisation",
    "Open incident",
    "Subject access due",
    "Open complaint",
}
OPEN_TEXT = {
    RecordKind.ATTENDANCE: "Open the register at that day",
    RecordKind.PUPIL: "Open the pupil",
    RecordKind.PLACEMENT: "Open the placement",
    RecordKind.PROVIDER: "Open the provider",
    RecordKind.REVIEW: "Open the review",
    RecordKind.STAFF_TRAINING: "Open staff training",
    RecordKind.INCIDENT: "Open the incident",
    RecordKind.COMPLAINT: "Open the complaint",
}


def days_ago(days: int) -> str:
    return "1 day" if days == 1 else f"{days} days"


def advice(item: TodayItem, today: date) -> str:
    """What to do about a line, saying how overdue it is (never "today" for an old one)."""
    late = (today - item.when).days
    when = (
        "Follow up today"
        if late <= 0
        else f"This absence on {format_date(item.when)} is {days_ago(late)} old and still "
        "not explained: follow it up now"
    )
    overdue = f"{days_ago(late)} overdue (due {format_date(item.when)})" if late > 0 else "due"
    return ADVICE.get(item.kind, "").format(when=when, late=overdue)


def summary_links(counts: dict[str, int], shown: str | None) -> str:
    """The header: each kind and its count, a link that shows only that kind."""
    if not counts:
        return "Nothing needs action today."
    links = [
        f"<b>{html.escape(kind)}: {n}</b>"
        if kind == shown
        else f'<a href="{html.escape(kind)}">{html.escape(kind)}</a>: {n}'
        for kind, n in counts.items()
    ]
    every = "<b>All</b>" if shown is None else f'<a href="{ALL}">All</a>'
    return "Show: " + " · ".join([every, *links])


@dataclass(frozen=True)
class TodayLine:
    """One line of the list: the service's item, and the action it stands for (if any)."""

    item: TodayItem
    action_id: int | None = None


def _colour(ctx: UiContext, line: TodayLine) -> QColor | None:
    item = line.item
    past = item.when < ctx.clock.today()
    if item.kind in URGENT or (item.kind in {"My action", *URGENT_WHEN_PAST} and past):
        return colours.BAD
    return colours.WARN if item.kind in SOON | URGENT_WHEN_PAST else None


def _action_for(item: TodayItem, actions: Sequence[ActionRow]) -> int | None:
    """The open action behind a "My action" line (which now points at its pupil or placement)."""
    if item.kind != "My action":
        return None
    if item.target is RecordKind.ACTION:
        return item.target_id
    for action in actions:
        about = {
            RecordKind.PLACEMENT: action.placement_id,
            RecordKind.PUPIL: action.pupil_id,
            RecordKind.PROVIDER: action.provider_id,
        }
        same = (action.title, action.due_on) == (item.text, item.when)
        if same and about.get(item.target) == item.target_id:
            return action.id
    return None


def load_lines(svc: AppServices, actor: Actor) -> list[TodayLine]:
    """Runs on the worker: what needs doing, read in one session (nothing is written)."""
    with svc.one_read(actor):
        items = today_service.today_summary(svc, actor).items()
        mine = (
            action_service.list_actions(svc, actor, mine_only=True, open_only=True)
            if any(item.kind == "My action" for item in items)
            else []
        )
    return [TodayLine(item, _action_for(item, mine)) for item in items]


class TodayTab(ListDetailTab):
    title = "Today"
    kinds = frozenset({RecordKind.ACTION})
    permission = Permission.VIEW_PUPILS
    # Today gathers from nearly every kind of record (complaints, incidents, training, social
    # care and EHCP dates, letters unsent, checks, and school days for its deadlines), so it
    # reloads on any change but an export or a refusal, which alter no record.
    reload_on = frozenset(RecordKind) - {RecordKind.EXPORT, RecordKind.PERMISSION}
    record_room = 440  # the advice beside the list is a few lines, not a record's form

    def __init__(self, ctx: UiContext) -> None:
        self.columns = (
            Column("Needs", lambda r: r.item.kind, background=lambda r: _colour(ctx, r)),
            Column("Date", lambda r: r.item.when, sort_key=lambda r: r.item.when),
            Column("About", lambda r: r.item.text),
        )
        self.panel = DetailPanel(
            "Choose a line to see what to do. Press Enter to open the record it is about."
        )
        super().__init__(ctx, self.panel)
        self.kind_shown: str | None = None  # the kind chosen in the header, or every kind
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setAccessibleName("What needs action, by kind")
        self.header.linkActivated.connect(self.show_kind)
        self.header.show()
        self.advice = note_label("")
        self.panel.add_section(self.advice)
        self.note = line_edit("Note on completing the action", "What was done (optional)")
        self.panel.add_section(self.note)
        self.panel.finish_sections()
        self.open_button = self.panel.add_button("&Open", self._open_selected, default=True)
        self.done_button = self.panel.add_button("&Mark done", self._complete)
        self._line: TodayLine | None = None

    def load_rows(self) -> Sequence[Any]:
        return load_lines(self.ctx.services, self.ctx.actor)

    def row_key(self, row: Any) -> object:
        item = row.item
        return (item.target, item.target_id, item.kind, item.text)

    def _show_rows(self, rows: Sequence[Any]) -> None:
        super()._show_rows(rows)
        self._show_header()

    def _show_header(self) -> None:
        counts: dict[str, int] = {}
        for line in self.model.rows:
            counts[line.item.kind] = counts.get(line.item.kind, 0) + 1
        if self.kind_shown is not None and self.kind_shown not in counts:
            self.show_kind(ALL)  # the last line of that kind is done: show every kind again
            return
        self.header.setText(summary_links(counts, self.kind_shown))

    def show_kind(self, kind: str) -> None:
        """Only the lines of one kind (a click on it in the header); ALL for every line."""
        self.kind_shown = None if kind == ALL else kind
        shown = self.kind_shown
        self.proxy.set_filter(None if shown is None else lambda line: line.item.kind == shown)
        self._update_count()
        self._show_header()

    def show_row(self, row: TodayLine | None) -> None:
        self._line = row
        if row is None:
            self.panel.show_placeholder()
            return
        item = row.item
        self.panel.show_content(item.kind, item.text)
        self.advice.setText(advice(item, self.ctx.clock.today()))
        completable = row.action_id is not None and self.ctx.may(Permission.EDIT_ACTIONS)
        self.note.setVisible(completable)
        self.done_button.setVisible(completable)
        self.open_button.setVisible(item.target in OPEN_TEXT)
        self.open_button.setText(OPEN_TEXT.get(item.target, "Open"))

    def activate_row(self, row: Any) -> None:
        if row is None or row.item.target not in OPEN_TEXT:
            return
        item = row.item
        key = (
            (item.target_id, item.when) if item.target is RecordKind.ATTENDANCE else item.target_id
        )
        self.open_record.emit(item.target, key)

    def _open_selected(self) -> None:
        self.activate_row(self._line)

    def _complete(self) -> None:
        line = self._line
        if line is None or line.action_id is None:
            return
        note, action_id = self.note.text(), line.action_id
        self.ctx.run(
            lambda: action_service.complete_action(
                self.ctx.services, self.ctx.actor, action_id, note
            ),
            lambda _: self.note.clear(),
            parent=self,
        )
