"""Recording a review (and the actions it agrees), or showing one already held."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel

from apdesk.domain.entities import Objective, Review
from apdesk.domain.enums import PlacementStatus, ReviewKind
from apdesk.domain.formatting import format_date
from apdesk.domain.labels import label
from apdesk.domain.permissions import Permission
from apdesk.services import corrections
from apdesk.services import placements as placement_service
from apdesk.services import reviews as review_service
from apdesk.ui import corrections as correcting
from apdesk.ui.context import UiContext
from apdesk.ui.detail import DetailPanel
from apdesk.ui.lock_hold import run_modal
from apdesk.ui.tabs.reviews.correction import ReviewCorrectionDialog
from apdesk.ui.tabs.reviews.form import ReviewForm
from apdesk.ui.unsaved import ChangeTracker, Done, EditsRecord

LIVE = {label(PlacementStatus.ACTIVE), label(PlacementStatus.AUTHORISED)}


@dataclass(frozen=True)
class ReviewStart:
    objectives: list[Objective]
    suggested: date | None
    pupil_id: int | None


class ReviewEditor(QObject, EditsRecord):
    saved = Signal(object)

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.placement_id: int | None = None
        self.pupil_id: int | None = None
        self.panel = DetailPanel(
            "Choose a review. Overdue and due reviews are at the top; "
            "press Ctrl+N to record one that is not listed."
        )
        self.form = ReviewForm()
        self.tracker = ChangeTracker([self.form])
        self.form.placement.currentIndexChanged.connect(lambda _: self._placement_chosen())
        self.form.placement.setProperty("untracked", True)  # choosing it starts the form
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setAccessibleName("Review record")
        self.panel.add_section(self.form)
        self.panel.add_section(self.summary)
        self.panel.finish_sections()
        self.correct_button = self.panel.add_button("C&orrect…", self.ask_correct)
        self.correct_button.setVisible(False)
        self.void_button = self.panel.add_button("&Void…", self.ask_void)
        self.void_button.setVisible(False)
        self.save_button = self.panel.add_button("Record &review", self.save, default=True)
        self.held_id: int | None = None
        self.held: review_service.HeldReview | None = None

    def _editing(self, on: bool) -> None:
        correctable = not on and self.ctx.may(Permission.RECORD_REVIEWS)
        self.correct_button.setVisible(correctable)
        self.void_button.setVisible(correctable)
        self.form.setVisible(on)
        self.summary.setVisible(not on)
        self.save_button.setVisible(on and self.ctx.may(Permission.RECORD_REVIEWS))

    def start_due(self, placement_id: int, kind: ReviewKind, title: str, subtitle: str) -> None:
        self.panel.show_content(title, subtitle)
        self._editing(True)
        self.form.form.setRowVisible(self.form.placement, False)
        self._load_placement(placement_id, kind)

    def start_new(self) -> None:
        self.tracker.forget()  # until a placement is chosen, there is nothing to save
        self.panel.show_content("Record a review")
        self._editing(True)
        self.form.form.setRowVisible(self.form.placement, True)
        self.placement_id = None
        svc, actor = self.ctx.services, self.ctx.actor
        self.ctx.run(
            lambda: placement_service.list_placements(svc, actor),
            lambda rows: self.form.placement.set_choices(
                [(r.id, f"{r.pupil} at {r.provider}") for r in rows if r.status in LIVE]
            ),
            parent=self.panel,
        )

    def _placement_chosen(self) -> None:
        chosen = self.form.placement.value()
        if chosen is not None and self.form.placement.isVisible():
            self._load_placement(chosen, ReviewKind.REVIEW_MEETING)

    def _load_placement(self, placement_id: int, kind: ReviewKind) -> None:
        self.placement_id = placement_id
        svc, actor, today = self.ctx.services, self.ctx.actor, self.ctx.clock.today()

        def load() -> ReviewStart:
            placement = placement_service.get_placement(svc, actor, placement_id)
            suggested = review_service.suggested_next_review(svc, actor, placement_id, today)
            return ReviewStart(placement.objectives, suggested, placement.pupil_id)

        def show(start: ReviewStart) -> None:
            self.pupil_id = start.pupil_id
            self.form.start(kind, today, start.objectives)
            self.form.next_on.set_value(start.suggested)
            self.tracker.settle()

        self.ctx.run(load, show, parent=self.panel)

    def show_held(self, review_id: int, title: str) -> None:
        self.tracker.forget()
        self.held_id, self.held = review_id, None
        self.panel.show_content(title)
        self._editing(False)
        svc, actor = self.ctx.services, self.ctx.actor
        self.ctx.run(
            lambda: review_service.held_review(svc, actor, review_id),
            self._show_summary,
            parent=self.panel,
        )

    def _show_summary(self, held: review_service.HeldReview) -> None:
        self.held = held
        review = held.review
        self.panel.subtitle.setText(f"{label(review.kind)} held {format_date(review.held_on)}")
        self.panel.subtitle.show()
        self.summary.setText(review_html(held))

    def ask_correct(self) -> None:
        """A held review's kind, date, notes or next date put right, with the reason why."""
        if self.held is None:
            return
        dialog = ReviewCorrectionDialog(self.held.review, self.panel)
        if run_modal(dialog) != QDialog.DialogCode.Accepted:
            return
        svc, actor, review_id = self.ctx.services, self.ctx.actor, self.held.review.id
        corrected, title = dialog.corrected(), self.panel.title.text()
        assert review_id is not None
        correcting.correct(
            self.ctx,
            self.panel,
            "Correct a review",
            "Why does this review need correcting?",
            lambda why: corrections.correct_review(svc, actor, review_id, corrected, why),
            lambda _: self.show_held(review_id, title),
        )

    def ask_void(self) -> None:
        """A review recorded by mistake (the wrong pupil, twice) goes, and is due again."""
        if self.held_id is None:
            return
        svc, actor, review_id = self.ctx.services, self.ctx.actor, self.held_id
        correcting.correct(
            self.ctx,
            self.panel,
            "Void a review",
            "Why should this review no longer count? It becomes due again if it was needed.",
            lambda why: corrections.void_review(svc, actor, review_id, why),
        )

    def save(self, done: Done | None = None) -> None:
        if (
            self.placement_id is None
            or not self.save_button.isVisibleTo(self.panel)
            or not self.ready_to_save()
        ):
            if done is not None:
                done(False)
            return
        review = self.form.review(self.placement_id)
        actions = self.form.follow_ups(
            self.ctx.clock.today(), self.ctx.actor.staff_id, self.pupil_id, self.placement_id
        )
        svc, actor = self.ctx.services, self.ctx.actor
        stored, failed = self.answers(self.saved.emit, done)
        self.ctx.run(
            lambda: review_service.record_review(svc, actor, review, actions),
            stored,
            parent=self.panel,
            label="Recording the review…",
            on_failed=failed,
        )


def review_html(held: review_service.HeldReview) -> str:
    """The held review as its record reads: each objective named with its rating and note,
    and the actions the review opened."""
    review = held.review

    def para(title: str, text: str) -> str:
        body = html.escape(text).replace("\n", "<br>") if text else "<i>None recorded</i>"
        return f"<h4>{title}</h4><p>{body}</p>"

    people = ", ".join(
        f"{label(a.party)}{f' ({a.name})' if a.name else ''}" for a in review.attendees
    )
    return (
        para("Who attended", people)
        + f"<h4>Progress</h4>{_progress_html(held)}"
        + para("Attendance", review.attendance_note)
        + para("Concerns", review.concerns)
        + f"<h4>Actions agreed</h4>{_actions_html(held)}"
        + f"<h4>Next review</h4><p>{_next(review)}</p>"
    )


def _next(review: Review) -> str:
    return format_date(review.next_review_on) if review.next_review_on else "not set"


def _progress_html(held: review_service.HeldReview) -> str:
    lines = []
    for progress in held.review.progress:
        target = held.targets.get(progress.objective_id or -1, "An objective no longer held")
        said = " — ".join(part for part in (progress.rating, progress.note) if part)
        lines.append(
            f"<li><b>{html.escape(target)}</b><br>{html.escape(said) or '<i>No note</i>'}</li>"
        )
    return f"<ul>{''.join(lines)}</ul>" if lines else "<p><i>No objectives to review</i></p>"


def _actions_html(held: review_service.HeldReview) -> str:
    if not held.actions:
        return "<p><i>None</i></p>"
    items = "".join(
        f"<li>{html.escape(a.title)} (due {format_date(a.due_on)}"
        f"{f', {html.escape(a.owner)}' if a.owner else ''}; {html.escape(a.status.lower())})</li>"
        for a in held.actions
    )
    return f"<ul>{items}</ul>"
