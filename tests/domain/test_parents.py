"""Rules for letters sent, contacts and feedback from parents (§10, Annex B §5)."""

from __future__ import annotations

import dataclasses
from datetime import date

from apdesk.domain import parents as rules
from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities import ParentContact, ParentFeedback, Placement, Term
from apdesk.domain.enums import (
    FeedbackAnswer,
    FeedbackStage,
    ParentContactKind,
    PlacementStatus,
    SentBy,
)

TODAY = date(2026, 11, 25)  # a Wednesday
K = ParentContactKind


def _letter(**changes: object) -> ParentContact:
    c = ParentContact(1, K.LETTER, TODAY, SentBy.POST, "Ms Jones")
    return dataclasses.replace(c, **changes)


def _call(**changes: object) -> ParentContact:
    c = ParentContact(1, K.CALL, TODAY, with_whom="Ms Jones", summary="Settling in well")
    return dataclasses.replace(c, **changes)


def test_a_letter_sent_today_and_a_call_today_are_fine():
    assert rules.contact_problems(_letter(), TODAY) == []
    assert rules.contact_problems(_call(), TODAY) == []


def test_no_date_in_the_future_but_a_weekend_is_fine():
    assert rules.contact_problems(_call(on=date(2026, 11, 22)), TODAY) == []  # a Sunday
    (problem,) = rules.contact_problems(_call(on=date(2026, 11, 26)), TODAY)
    assert "26 Nov 2026" in problem and "future" in problem
    assert rules.contact_problems(_letter(on=date(2026, 11, 26)), TODAY) != []


def test_a_letter_needs_how_and_to_whom_a_contact_a_summary_and_no_how():
    problems = rules.contact_problems(_letter(sent_by=None, with_whom=" "), TODAY)
    assert problems == [
        "Enter the parent or carer it went to.",
        "Choose how it was sent: post, by hand or email.",
    ]
    problems = rules.contact_problems(_call(summary="", sent_by=SentBy.EMAIL), TODAY)
    assert problems == [
        "A phone call is not sent: clear how it was sent.",
        "Write a short summary of the contact.",
    ]
    assert rules.contact_problems(_call(with_whom=""), TODAY) == ["Enter who the contact was with."]


def test_an_undated_letter_is_only_one_apdesk_printed():
    assert rules.contact_problems(_letter(on=None), TODAY) == ["Enter the date it was sent."]
    printed = _letter(on=None, sent_by=None, with_whom="", printed_on=TODAY)
    assert rules.contact_problems(printed, TODAY) == []
    update = ParentContact(1, K.PROGRESS_UPDATE, None, printed_on=TODAY)
    assert rules.contact_problems(update, TODAY)[0] == "Enter the date it was sent."
    assert rules.contact_problems(_call(on=None), TODAY)[0] == "Enter the date of the contact."


def test_sent_no_earlier_than_printed():
    day_before = date(2026, 11, 24)
    assert rules.contact_problems(_letter(printed_on=TODAY, on=TODAY), TODAY) == []
    (problem,) = rules.contact_problems(_letter(printed_on=TODAY, on=day_before), TODAY)
    assert "before it was printed" in problem


def test_unsent_after_three_school_days():
    calendar = SchoolCalendar([Term("Autumn", date(2026, 9, 2), date(2026, 12, 18))])
    printed = _letter(on=None, printed_on=date(2026, 11, 20))  # a Friday
    # three school days on: Mon 23, Tue 24, Wed 25; raised from Thursday
    assert rules.unsent_since(printed, date(2026, 11, 25), calendar) is None
    assert rules.unsent_since(printed, date(2026, 11, 26), calendar) == date(2026, 11, 25)
    assert rules.unsent_since(_letter(printed_on=date(2026, 11, 20)), TODAY, calendar) is None
    no_terms = SchoolCalendar([])
    assert rules.unsent_since(printed, date(2026, 11, 26), no_terms) == date(2026, 11, 25)
    assert rules.unsent_since(_call(), TODAY, calendar) is None


def _placement(status=PlacementStatus.ACTIVE, ended_on=None):
    p = Placement(1, 1, date(2026, 9, 7), status=status, ended_on=ended_on)
    p.id = 1
    return p


def _feedback(**changes: object) -> ParentFeedback:
    f = ParentFeedback(1, TODAY, "Ms Jones", safe_and_happy=FeedbackAnswer.YES)
    return dataclasses.replace(f, **changes)


def test_feedback_during_a_live_placement():
    assert rules.feedback_problems(_feedback(), TODAY, _placement()) == []
    first_day = _feedback(received_on=date(2026, 9, 7))
    assert rules.feedback_problems(first_day, TODAY, _placement()) == []
    (early,) = rules.feedback_problems(_feedback(received_on=date(2026, 9, 6)), TODAY, _placement())
    assert "before the placement started on 7 Sep 2026" in early
    (future,) = rules.feedback_problems(
        _feedback(received_on=date(2026, 11, 26)), TODAY, _placement()
    )
    assert "future" in future


def test_feedback_after_only_once_the_placement_has_ended():
    (problem,) = rules.feedback_problems(_feedback(stage=FeedbackStage.AFTER), TODAY, _placement())
    assert "has not ended" in problem
    ended = _placement(PlacementStatus.ENDED, date(2026, 11, 20))
    after = _feedback(stage=FeedbackStage.AFTER)
    assert rules.feedback_problems(after, TODAY, ended) == []
    assert (
        rules.feedback_problems(
            dataclasses.replace(after, received_on=date(2026, 11, 20)), TODAY, ended
        )
        == []
    )
    (before,) = rules.feedback_problems(
        dataclasses.replace(after, received_on=date(2026, 11, 19)), TODAY, ended
    )
    assert "ended on 20 Nov 2026" in before
    (late,) = rules.feedback_problems(_feedback(), TODAY, ended)
    assert "feedback after the placement" in late
    assert rules.feedback_problems(_feedback(received_on=date(2026, 11, 20)), TODAY, ended) == []


def test_feedback_needs_who_and_something_said():
    empty = _feedback(from_whom=" ", safe_and_happy=None)
    assert rules.feedback_problems(empty, TODAY, _placement()) == [
        "Enter who gave the feedback.",
        "Record at least one of the parent's answers, or their comments.",
    ]
    only_comments = _feedback(safe_and_happy=None, comments="Much happier")
    assert rules.feedback_problems(only_comments, TODAY, _placement()) == []


def test_lines_read_plainly():
    assert rules.contact_text(_letter()) == (
        "Placement letter sent by post to Ms Jones on 25 Nov 2026"
    )
    assert rules.contact_text(_letter(sent_by=SentBy.BY_HAND)).endswith(
        "sent by hand to Ms Jones on 25 Nov 2026"
    )
    assert rules.contact_text(_letter(on=None, printed_on=TODAY)) == (
        "Placement letter printed 25 Nov 2026, not yet recorded as sent"
    )
    assert rules.contact_text(_call()) == "Phone call with Ms Jones on 25 Nov 2026"
    form = _letter(kind=ParentContactKind.FEEDBACK_REQUEST)
    assert rules.contact_text(form) == "Feedback form sent by post to Ms Jones on 25 Nov 2026"


def test_a_printed_letter_recorded_as_sent_is_never_chased():
    calendar = SchoolCalendar([Term("Autumn", date(2026, 9, 2), date(2026, 12, 18))])
    sent = _letter(printed_on=date(2026, 11, 20))
    assert rules.unsent_since(sent, date(2026, 12, 1), calendar) is None


def test_a_contact_dated_in_the_future_is_refused_in_words():
    assert rules.contact_problems(_call(on=date(2026, 11, 26)), TODAY) == [
        "The date (26 Nov 2026) is in the future: record it once it has happened."
    ]


def test_feedback_dated_wrongly_for_its_stage_is_refused_in_words():
    assert rules.feedback_problems(
        _feedback(received_on=date(2026, 11, 26)), TODAY, _placement()
    ) == ["The date (26 Nov 2026) is in the future: record the feedback once it has been given."]
    after = _feedback(stage=FeedbackStage.AFTER)
    assert rules.feedback_problems(after, TODAY, _placement()) == [
        "The placement has not ended: record this as feedback during the placement."
    ]
    ended = _placement(PlacementStatus.ENDED, ended_on=date(2026, 11, 20))
    early = dataclasses.replace(after, received_on=date(2026, 11, 19))
    assert rules.feedback_problems(early, TODAY, ended) == [
        "The placement ended on 20 Nov 2026: feedback from before then is feedback during "
        "the placement."
    ]
    assert rules.feedback_problems(_feedback(), TODAY, ended) == [
        "The placement ended on 20 Nov 2026: feedback given after that is feedback after the "
        "placement."
    ]


def test_a_letter_reads_in_a_line_with_or_without_how_or_a_printed_date():
    assert rules.contact_text(_letter(sent_by=None)) == (
        "Placement letter sent to Ms Jones on 25 Nov 2026"
    )
    assert rules.contact_text(_letter(on=None)) == "Placement letter not yet recorded as sent"
