"""The Reviews tab: due and overdue first, recording a review with its actions."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QTextDocumentFragment

from apdesk.domain.enums import AttendeeParty, Role
from apdesk.services import actions as action_service
from apdesk.services import reviews as review_service
from tests.ui.conftest import open_tab, rows_of, shown_box
from tests.ui.test_window_polish import shot


def test_due_reviews_come_first_and_a_review_is_recorded(
    qtbot, make_window, world, services, actors, qtmodeltester
):
    window = make_window(Role.INCLUSION_LEAD)
    tab = open_tab(qtbot, window, "Reviews")
    qtmodeltester.check(tab.model)
    rows = rows_of(tab)
    assert rows and rows[0][0] in ("Overdue", "Due")
    assert rows[0][2] == "Robin Testcase"
    tab.view.selectRow(0)
    form = tab.editor.form
    qtbot.waitUntil(lambda: len(form.objectives) == 1)
    assert form.next_on.value() is not None  # suggested by the schedule
    assert form.held_on.value() == date(2026, 11, 28)
    form.attendees[AttendeeParty.PUPIL][0].setChecked(True)
    form.attendees[AttendeeParty.PROVIDER][0].setChecked(True)
    form.attendees[AttendeeParty.PROVIDER][1].setText("Jo Rivers")
    form.attendees[AttendeeParty.SOCIAL_WORKER][0].setChecked(True)
    form.attendees[AttendeeParty.SOCIAL_WORKER][1].setText("Dana Reid")
    form.attendees[AttendeeParty.OTHER][0].setChecked(True)
    form.attendees[AttendeeParty.OTHER][1].setText("Lee Grant, EHCP caseworker")
    form.objectives[0][1].setText("Attended every session this week")
    shot(form, "review-attendees")
    form.objectives[0][2].set_value("On track")
    form.concerns.setPlainText("None this week.")
    form.action_lines.setPlainText("Send the attendance summary to parents\n")
    tab.save_record()
    qtbot.waitUntil(lambda: any(r[0] == "Held" for r in rows_of(tab)), timeout=10000)
    held = review_service.list_reviews(services, actors[Role.DSL])
    assert len(held) == 1
    review = review_service.get_review(services, actors[Role.DSL], held[0].review_id)
    assert {(a.party, a.name) for a in review.attendees} == {
        (AttendeeParty.PUPIL, ""),
        (AttendeeParty.PROVIDER, "Jo Rivers"),
        (AttendeeParty.SOCIAL_WORKER, "Dana Reid"),
        (AttendeeParty.OTHER, "Lee Grant, EHCP caseworker"),
    }
    assert review.progress[0].rating == "On track"
    mine = action_service.list_actions(services, actors[Role.INCLUSION_LEAD], mine_only=True)
    assert [a.title for a in mine] == ["Send the attendance summary to parents"]
    qtbot.waitUntil(lambda: "Attended every session" in tab.editor.summary.text())
    assert "Social worker (Dana Reid)" in tab.editor.summary.text()


def test_a_held_reviews_record_names_each_objective_and_the_actions_it_opened(
    qtbot, make_window, world
):
    window = make_window(Role.INCLUSION_LEAD)
    tab = open_tab(qtbot, window, "Reviews")
    tab.view.selectRow(0)
    form = tab.editor.form
    qtbot.waitUntil(lambda: len(form.objectives) == 1)
    form.attendees[AttendeeParty.PROVIDER][0].setChecked(True)
    form.objectives[0][2].set_value("Not started")  # a rating and no note
    form.action_lines.setPlainText("Phone the provider about Mondays\nSend the summary home")
    tab.save_record()
    qtbot.waitUntil(lambda: any(r[0] == "Held" for r in rows_of(tab)), timeout=10000)
    tab.view.selectRow(next(n for n, r in enumerate(rows_of(tab)) if r[0] == "Held"))
    summary = tab.editor.summary
    qtbot.waitUntil(lambda: "Actions agreed" in summary.text())
    shown = QTextDocumentFragment.fromHtml(summary.text()).toPlainText()
    assert "Attendance: Attend 95% of sessions\nNot started" in shown
    assert "Not started:" not in shown
    assert "Phone the provider about Mondays (due 5 Dec 2026, Test inclusion" in shown
    assert "Send the summary home (due 5 Dec 2026" in shown
    shot(window, "review-record")


def test_a_review_in_the_future_is_refused_plainly(qtbot, make_window, world):

    tab = open_tab(qtbot, make_window(Role.DSL), "Reviews")
    tab.view.selectRow(0)
    qtbot.waitUntil(lambda: len(tab.editor.form.objectives) == 1)
    tab.editor.form.held_on.set_value(date(2026, 12, 5))
    tab.save_record()
    box = shown_box(qtbot, tab)
    assert "that date is in the future" in box.text()


def test_a_review_with_no_one_ticked_is_refused_and_the_overdue_review_stays(
    qtbot, make_window, world, services, actors
):
    """Record review pressed on the form as it opens (nobody ticked, nothing written) said
    nothing and stored a review, which met the slot and cleared the overdue warning."""

    tab = open_tab(qtbot, make_window(Role.DSL), "Reviews")
    tab.view.selectRow(0)
    form = tab.editor.form
    qtbot.waitUntil(lambda: len(form.objectives) == 1)
    form.concerns.setPlainText("Phoned; no answer.")
    tab.save_record()
    box = shown_box(qtbot, tab)
    assert "Tick who took part in the review" in box.text()
    assert review_service.list_reviews(services, actors[Role.DSL]) == []
    assert rows_of(tab)[0][0] in ("Due", "Overdue")  # still due: nothing was held
    assert form.concerns.toPlainText() == "Phoned; no answer."  # the typing is kept


def test_an_action_refused_records_nothing_of_the_review(
    qtbot, make_window, world, services, actors
):
    """One service call: the review was recorded first and the refused action after, so the
    review stood without it and saving again recorded the review twice."""

    tab = open_tab(qtbot, make_window(Role.DSL), "Reviews")
    tab.view.selectRow(0)
    form = tab.editor.form
    qtbot.waitUntil(lambda: len(form.objectives) == 1)
    form.attendees[AttendeeParty.PROVIDER][0].setChecked(True)
    form.action_lines.setPlainText("Book the taxi\nRing home \u202eabout Friday")
    tab.save_record()
    box = shown_box(qtbot, tab)
    assert "text-direction control" in box.text()
    assert review_service.list_reviews(services, actors[Role.DSL]) == []
    mine = action_service.list_actions(services, actors[Role.DSL], mine_only=True)
    assert not any(a.title == "Book the taxi" for a in mine)  # only the automatic ones
    assert "Book the taxi" in form.action_lines.toPlainText()  # the typing is kept


def test_a_held_review_is_corrected_in_the_window_with_a_reason(
    qtbot, make_window, world, services, actors, monkeypatch
):
    from PySide6.QtCore import QTimer

    from apdesk.domain.entities import Review, ReviewAttendee
    from apdesk.domain.enums import ReviewKind
    from apdesk.ui import corrections as correcting
    from apdesk.ui.tabs.reviews.correction import ReviewCorrectionDialog

    review = review_service.record_review(
        services,
        actors[Role.DSL],
        Review(
            world["placement"].id,
            ReviewKind.MONITORING_CONTACT,
            date(2026, 11, 27),
            attendees=[ReviewAttendee(AttendeeParty.PROVIDER)],
            concerns="Late twice",
        ),
    )
    asked: list[str] = []
    monkeypatch.setattr(
        correcting, "ask_reason", lambda _p, _t, question: asked.append(question) or "wrong day"
    )
    window = make_window(Role.INCLUSION_LEAD)
    tab = open_tab(qtbot, window, "Reviews")
    editor = tab.editor
    tab.view.selectRow(0)  # the review due: being recorded, nothing to correct yet
    qtbot.waitUntil(lambda: len(editor.form.objectives) == 1)
    assert not editor.correct_button.isVisibleTo(tab)
    tab.view.selectRow(next(n for n, r in enumerate(rows_of(tab)) if r[0] == "Held"))
    qtbot.waitUntil(lambda: editor.held is not None)
    assert editor.correct_button.isVisibleTo(tab) and editor.void_button.isVisibleTo(tab)

    def fill() -> None:
        dialog = next(d for d in window.findChildren(ReviewCorrectionDialog) if d.isVisible())
        assert dialog.concerns.toPlainText() == "Late twice"  # shown as it was
        assert dialog.held_on.value() == date(2026, 11, 27)
        dialog.held_on.set_value(date(2026, 11, 26))
        dialog.concerns.setPlainText("Late twice; the taxi came at 9:20.")
        shot(dialog, "correct-review")
        dialog.accept()

    QTimer.singleShot(50, fill)
    editor.correct_button.click()
    qtbot.waitUntil(
        lambda: (
            review_service.get_review(services, actors[Role.DSL], review.id).held_on
            == date(2026, 11, 26)
        ),
        timeout=10000,
    )
    assert asked == ["Why does this review need correcting?"]
    stored = review_service.get_review(services, actors[Role.DSL], review.id)
    assert stored.concerns == "Late twice; the taxi came at 9:20."
    qtbot.waitUntil(lambda: "the taxi came" in editor.summary.text())
