"""Reviews: overdue and due first (by the schedule rule), then those held; record a review.

Choosing a due review opens the form for that placement with the kind the schedule expects
and the next date it suggests; choosing a held one shows what was recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter
from typing import Any

from PySide6.QtGui import QColor

from apdesk.domain.enums import ReviewKind
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.services import reviews as review_service
from apdesk.services.reviews import ReviewListRow
from apdesk.ui import colours
from apdesk.ui.context import UiContext
from apdesk.ui.list_tools import Choice, ListFilter
from apdesk.ui.models import Column
from apdesk.ui.tabs.common.base import ListDetailTab
from apdesk.ui.tabs.reviews.editor import ReviewEditor

STATUS_COLOURS = {"Overdue": colours.BAD, "Due": colours.WARN}


def _colour(row: ReviewListRow) -> QColor | None:
    return STATUS_COLOURS.get(row.status)


# A field read by `attrgetter`, not a lambda: no call into Python a cell (66,000 rows at 10x)
COLUMNS: tuple[Column[ReviewListRow], ...] = (
    Column("Status", attrgetter("status"), background=_colour),
    Column("Date", attrgetter("when")),
    Column("Pupil", attrgetter("pupil")),
    Column("Provider", attrgetter("provider")),
    Column("Kind", attrgetter("kind")),
    Column("Next review", attrgetter("next_on")),
)


REVIEW_FILTERS: tuple[ListFilter, ...] = (
    Choice(
        "Status",
        "All reviews",
        (
            ("Overdue or due", lambda r: r.status in STATUS_COLOURS),
            ("Overdue", lambda r: r.status == "Overdue"),
            ("Due", lambda r: r.status == "Due"),
            ("Held", lambda r: r.status == "Held"),
        ),
    ),
)


class ReviewsTab(ListDetailTab):
    title = "Reviews"
    editor: ReviewEditor
    kinds = frozenset({RecordKind.REVIEW})
    permission = Permission.VIEW_REVIEWS
    # the schedule counts school weeks: a change to the calendar moves the dates due
    reload_on = frozenset({RecordKind.REVIEW, RecordKind.PLACEMENT, RecordKind.SCHOOL})
    columns = COLUMNS
    filters = REVIEW_FILTERS
    new_label = "&Record a review"

    def __init__(self, ctx: UiContext) -> None:
        self.editor = ReviewEditor(ctx)
        super().__init__(ctx, self.editor.panel)
        self.editor.saved.connect(self.record_saved)

    def load_rows(self) -> Sequence[Any]:
        svc, actor = self.ctx.services, self.ctx.actor
        with svc.one_read(actor):  # one view of the store: a review is due or held, not both
            due = [
                ReviewListRow(
                    "Overdue" if r.overdue else "Due",
                    r.due_on,
                    r.pupil,
                    r.provider,
                    r.kind,
                    None,
                    r.placement_id,
                    r.review_kind,
                )
                for r in review_service.reviews_due(svc, actor)
            ]
            return due + review_service.list_reviews(svc, actor)  # held: made as listed

    def row_key(self, row: Any) -> object:
        return (
            row.review_id
            if row.review_id is not None
            else ("due", row.placement_id, row.when, row.kind)
        )

    def can_create(self) -> bool:
        return self.ctx.may(Permission.RECORD_REVIEWS)

    def show_row(self, row: ReviewListRow | None) -> None:
        if row is None:
            self.editor.tracker.forget()
            self.editor.panel.show_placeholder()
        elif row.review_id is not None:
            self.editor.show_held(row.review_id, f"{row.pupil} at {row.provider}")
        else:
            self.editor.start_due(
                row.placement_id,
                row.review_kind or ReviewKind.REVIEW_MEETING,
                f"{row.pupil} at {row.provider}",
                f"{row.status}: {row.kind}",
            )

    def new_record(self) -> None:
        if self.can_create() and self.settle(revert=False):
            self.clear_selection()
            self.editor.start_new()
            self.showing_new()

    def save_record(self) -> None:
        self.editor.save()
