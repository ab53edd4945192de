"""Today: what needs someone now, each a click away from the record it concerns.

Unexplained absences, reviews overdue and due, provider checks lapsing, placements ending
and the signed-in person's open actions, as the `today` service decides them. Loading the
tab also opens any automatic actions whose threshold has been crossed (`actions.sweep`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QColor

from apdesk.domain.permissions import Permission
from apdesk.services import actions as action_service
from apdesk.services import today as today_service
from apdesk.services.today import TodayItem
from apdesk.ui import colours
from apdesk.ui.context import UiContext
from apdesk.ui.detail import DetailPanel
from apdesk.ui.models import Column
from apdesk.ui.tabs.base import ListDetailTab
from apdesk.ui.widgets import line_edit, note_label

ADVICE = {
    "Unexplained absence": "Follow up today (policy §9): ring the provider and the family, "
    "then record the reason in the register.",
    "Review overdue": "This review is past its due date. Hold it, or record it if it was held.",
    "Review due": "This review falls due within the next week.",
    "Provider check lapsing": "Ask the provider for renewed evidence before this check "
    "lapses; a lapsed check stops new placements there.",
    "Placement ending": "Plan the exit review and reintegration before the planned end date.",
    "My action": "An action assigned to you.",
}
URGENT = {"Unexplained absence", "Review overdue"}
SOON = {"Review due", "Provider check lapsing", "Placement ending"}
OPEN_TEXT = {
    "pupil": "Open the pupil",
    "placement": "Open the placement",
    "provider": "Open the provider",
    "review": "Open the review",
}


def _colour(ctx: UiContext, item: TodayItem) -> QColor | None:
    if item.kind in URGENT or (item.kind == "My action" and item.when < ctx.clock.today()):
        return colours.BAD
    return colours.WARN if item.kind in SOON else None


class TodayTab(ListDetailTab):
    title = "Today"
    kinds = frozenset({"action"})
    permission = Permission.VIEW_PUPILS
    reload_on = frozenset({"attendance", "review", "placement", "provider", "action", "pupil"})

    def __init__(self, ctx: UiContext) -> None:
        self.columns = (
            Column("Needs", lambda i: i.kind, background=lambda i: _colour(ctx, i)),
            Column("Date", lambda i: i.when, sort_key=lambda i: i.when),
            Column("About", lambda i: i.text),
        )
        self.panel = DetailPanel(
            "Choose a line to see what to do. Press Enter to open the record it is about."
        )
        super().__init__(ctx, self.panel)
        self.header.show()
        self.advice = note_label("")
        self.panel.add_section(self.advice)
        self.note = line_edit("Note on completing the action", "What was done (optional)")
        self.panel.add_section(self.note)
        self.panel.finish_sections()
        self.open_button = self.panel.add_button("&Open", self._open_selected, default=True)
        self.done_button = self.panel.add_button("&Mark done", self._complete)
        self._item: TodayItem | None = None

    def load_rows(self) -> Sequence[Any]:
        svc, actor = self.ctx.services, self.ctx.actor
        if actor.may(Permission.EDIT_ACTIONS):
            action_service.sweep(svc, actor)
        summary = today_service.today_summary(svc, actor)
        return [
            *summary.unexplained,
            *summary.reviews,
            *summary.checks_lapsing,
            *summary.placements_ending,
            *summary.my_actions,
        ]

    def row_key(self, row: Any) -> object:
        return (row.target, row.target_id, row.kind, row.text)

    def _show_rows(self, rows: Sequence[Any]) -> None:
        super()._show_rows(rows)
        counts: dict[str, int] = {}
        for item in rows:
            counts[item.kind] = counts.get(item.kind, 0) + 1
        text = " · ".join(f"{kind}: {n}" for kind, n in counts.items())
        self.header.setText(text or "Nothing needs action today.")

    def show_row(self, row: TodayItem | None) -> None:
        self._item = row
        if row is None:
            self.panel.show_placeholder()
            return
        self.panel.show_content(row.kind, row.text)
        self.advice.setText(ADVICE.get(row.kind, ""))
        is_action = row.target == "action"
        self.note.setVisible(is_action and self.ctx.may(Permission.EDIT_ACTIONS))
        self.done_button.setVisible(self.note.isVisible())
        self.open_button.setVisible(row.target in OPEN_TEXT)
        self.open_button.setText(OPEN_TEXT.get(row.target, "Open"))

    def activate_row(self, row: Any) -> None:
        if row is not None and row.target in OPEN_TEXT:
            self.open_record.emit(row.target, row.target_id)

    def _open_selected(self) -> None:
        self.activate_row(self._item)

    def _complete(self) -> None:
        item = self._item
        if item is None or item.target != "action":
            return
        note = self.note.text()
        self.ctx.run(
            lambda: action_service.complete_action(
                self.ctx.services, self.ctx.actor, item.target_id, note
            ),
            lambda _: self.note.clear(),
            parent=self,
        )
