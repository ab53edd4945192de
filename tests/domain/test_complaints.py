"""Complaint rules: stages only forwards, deadlines in school days, closing needs an outcome."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from apdesk.domain import complaints as rules
from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities import Complaint, School, Term
from apdesk.domain.enums import ComplaintOutcome, ComplaintStage

TODAY = date(2026, 11, 25)  # a Wednesday in the autumn term
AUTUMN = Term("Autumn 2026", date(2026, 9, 3), date(2026, 12, 18))
SPRING = Term("Spring 2027", date(2027, 1, 5), date(2027, 3, 26))
CALENDAR = SchoolCalendar([AUTUMN, SPRING], [date(2026, 11, 27)])  # an INSET Friday
DAYS = rules.StageDays.for_school(None)


def complaint(**changes: object) -> Complaint:
    c = Complaint(
        "Sam Parent",
        date(2026, 11, 16),
        provider_id=1,
        relationship="Parent",
        summary="No one met Robin at the gate on Monday",
        stage_since=date(2026, 11, 16),
    )
    return dataclasses.replace(c, **changes)  # type: ignore[arg-type]


def problems(c: Complaint, **context: object) -> list[str]:
    return rules.complaint_problems(c, TODAY, **context)  # type: ignore[arg-type]


def test_a_complete_complaint_has_no_problems() -> None:
    assert problems(complaint()) == []


@pytest.mark.parametrize(
    ("received", "ok"),
    [(TODAY, True), (date(2026, 11, 26), False)],  # today, and tomorrow
)
def test_received_today_is_fine_tomorrow_is_not(received: date, ok: bool) -> None:
    found = problems(complaint(received_on=received, stage_since=received))
    assert (found == []) is ok
    if not ok:
        assert "26 Nov 2026" in found[0] and "in the future" in found[0]


def test_missing_complainant_provider_and_summary_are_each_named() -> None:
    found = problems(complaint(complainant=" ", provider_id=None, summary=""))
    assert found == [
        "Enter who made the complaint.",
        "Choose the provider the complaint is about.",
        "Write what the complaint is about.",
    ]


def test_the_placement_must_be_with_the_same_provider() -> None:
    c = complaint(placement_id=5)
    assert problems(c, placement_provider_id=1) == []
    assert "another provider" in problems(c, placement_provider_id=2)[0]


@pytest.mark.parametrize(
    ("since", "ok"),
    [
        (date(2026, 11, 15), False),  # before it was received
        (date(2026, 11, 16), True),  # the day it was received
        (TODAY, True),
        (date(2026, 11, 26), False),  # tomorrow
    ],
)
def test_the_stage_date_lies_between_receipt_and_today(since: date, ok: bool) -> None:
    assert (problems(complaint(stage_since=since)) == []) is ok


def test_escalating_forwards_is_allowed_even_past_a_stage() -> None:
    before = complaint(id=1)
    for stage in (ComplaintStage.PROVIDER, ComplaintStage.OFSTED):
        after = complaint(id=1, stage=stage, stage_since=date(2026, 11, 20))
        assert problems(after, before=before) == []


def test_a_complaint_never_goes_back_a_stage() -> None:
    before = complaint(id=1, stage=ComplaintStage.LOCAL_AUTHORITY, stage_since=date(2026, 11, 20))
    after = dataclasses.replace(before, stage=ComplaintStage.PROVIDER)
    (problem,) = problems(after, before=before)
    assert "never back" in problem and "local authority stage" in problem


@pytest.mark.parametrize(
    ("since", "ok"),
    [(date(2026, 11, 16), False), (date(2026, 11, 17), True)],  # same day, the day after
)
def test_a_new_stage_starts_after_the_last_one(since: date, ok: bool) -> None:
    before = complaint(id=1)
    after = complaint(id=1, stage=ComplaintStage.PROVIDER, stage_since=since)
    assert (problems(after, before=before) == []) is ok


def test_a_closed_complaint_needs_an_outcome_and_what_was_found() -> None:
    found = problems(complaint(closed_on=TODAY))
    assert found == [
        "A closed complaint needs its outcome: choose one.",
        "Write what was found or done: the outcome is part of the record.",
    ]
    closed = complaint(
        closed_on=TODAY, outcome=ComplaintOutcome.UPHELD, outcome_note="Escort arranged"
    )
    assert problems(closed) == []


def test_an_outcome_without_a_closing_date_is_refused() -> None:
    found = problems(complaint(outcome=ComplaintOutcome.NOT_UPHELD))
    assert found == ["Enter the date the complaint was closed, or clear the outcome."]


@pytest.mark.parametrize(
    ("closed", "ok"),
    [
        (date(2026, 11, 15), False),  # before its stage began
        (date(2026, 11, 16), True),  # the day its stage began
        (TODAY, True),
        (date(2026, 11, 26), False),  # tomorrow
    ],
)
def test_the_closing_date_lies_between_the_stage_and_today(closed: date, ok: bool) -> None:
    c = complaint(closed_on=closed, outcome=ComplaintOutcome.UPHELD, outcome_note="Sorted")
    assert (problems(c) == []) is ok


def test_a_closed_complaint_is_reopened_before_it_escalates() -> None:
    before = complaint(
        id=1, closed_on=TODAY, outcome=ComplaintOutcome.NOT_UPHELD, outcome_note="No fault"
    )
    still_closed = dataclasses.replace(
        before, stage=ComplaintStage.PROVIDER, stage_since=date(2026, 11, 24)
    )
    assert "not escalated" in problems(still_closed, before=before)[0]
    reopened = dataclasses.replace(still_closed, closed_on=None, outcome=None, outcome_note="")
    assert problems(reopened, before=before) == []


def test_the_same_complaint_twice_is_refused_whatever_the_case() -> None:
    first = complaint(id=7)
    again = complaint(complainant="sam parent ")
    assert "already recorded" in problems(again, others=[first])[0]
    next_day = date(2026, 11, 17)
    assert problems(complaint(received_on=next_day, stage_since=next_day), others=[first]) == []
    assert problems(first, others=[first]) == []  # saving itself is not a duplicate


def test_deadline_counts_school_days_past_weekends_and_closures() -> None:
    # Received Mon 16 Nov; ten school days, Fri 27 Nov an INSET day: Tue 1 Dec.
    due = rules.deadline(complaint(), DAYS, CALENDAR)
    assert due == date(2026, 12, 1)
    assert not rules.is_overdue(complaint(), due, due)  # the last day itself is in time
    assert rules.is_overdue(complaint(), due, date(2026, 12, 2))
    closed = complaint(closed_on=TODAY, outcome=ComplaintOutcome.WITHDRAWN)
    assert not rules.is_overdue(closed, due, date(2027, 1, 1))


def test_a_complaint_made_in_the_holidays_counts_from_the_next_term() -> None:
    # Received Sat 19 Dec (holiday): the first school day is Tue 5 Jan, the tenth Mon 18 Jan.
    c = complaint(received_on=date(2026, 12, 19), stage_since=date(2026, 12, 19))
    assert rules.deadline(c, DAYS, CALENDAR) == date(2027, 1, 18)


def test_each_stage_has_its_own_days_and_the_school_may_change_them() -> None:
    la = complaint(stage=ComplaintStage.LOCAL_AUTHORITY)
    assert rules.deadline(la, DAYS, CALENDAR) == date(2026, 12, 15)  # 20 school days
    school = School("Test", complaint_days_local_authority=5)
    days = rules.StageDays.for_school(school)
    assert days.days[ComplaintStage.HEADTEACHER] == 10
    assert rules.deadline(la, days, CALENDAR) == date(2026, 11, 23)


def test_with_no_terms_entered_weekdays_are_counted() -> None:
    assert rules.deadline(complaint(), DAYS, SchoolCalendar([])) == date(2026, 11, 30)


@pytest.mark.parametrize(("n", "ok"), [(0, False), (1, True), (60, True), (61, False)])
def test_stage_days_are_between_one_and_sixty(n: int, ok: bool) -> None:
    days = rules.StageDays.for_school(School("Test", complaint_days_ofsted=n))
    assert (days.problems() == []) is ok


def test_status_and_counts_for_the_governors() -> None:
    open_one = complaint()
    closed = complaint(closed_on=TODAY, outcome=ComplaintOutcome.UPHELD)
    due = date(2026, 12, 1)
    assert rules.status_text(open_one, due, TODAY) == "Headteacher stage: due by 1 Dec 2026"
    assert rules.status_text(open_one, due, date(2026, 12, 2)).endswith("overdue since 1 Dec 2026")
    assert rules.status_text(closed, due, TODAY) == "Upheld, closed 25 Nov 2026"
    assert rules.counts([open_one, open_one, closed]) == {
        "Open at the headteacher stage": 2,
        "Upheld": 1,
    }


def test_no_school_yet_means_the_policys_days_at_every_stage() -> None:
    assert rules.StageDays.for_school(None).days == rules.DEFAULT_STAGE_DAYS


def test_a_stage_is_named_in_a_sentence_with_ofsted_keeping_its_capital() -> None:
    days = rules.StageDays.for_school(School("Test", complaint_days_ofsted=0))
    assert days.problems() == ["The Ofsted stage needs between 1 and 60 school days, not 0."]
    days = rules.StageDays.for_school(School("Test", complaint_days_local_authority=61))
    assert days.problems() == [
        "The local authority stage needs between 1 and 60 school days, not 61."
    ]


def test_an_escalated_complaint_is_due_counting_from_the_day_it_reached_its_stage() -> None:
    # Received Mon 16 Nov, with the provider from Fri 20 Nov: ten school days from the
    # Friday (Fri 27 Nov an INSET day) is Mon 7 Dec.
    c = complaint(stage=ComplaintStage.PROVIDER, stage_since=date(2026, 11, 20))
    assert rules.deadline(c, DAYS, CALENDAR) == date(2026, 12, 7)


def test_each_refusal_says_what_is_wrong_and_what_to_do() -> None:
    tomorrow = date(2026, 11, 26)
    assert problems(complaint(received_on=tomorrow, stage_since=tomorrow)) == [
        "The received date (26 Nov 2026) is in the future: record it once it has been received.",
        "The date it reached this stage (26 Nov 2026) is in the future: record it once it has "
        "been escalated.",
    ]
    assert problems(complaint(stage_since=date(2026, 11, 13))) == [
        "The complaint cannot reach a stage (13 Nov 2026) before it was received (16 Nov 2026)."
    ]
    assert problems(complaint(placement_id=5), placement_provider_id=2) == [
        "The placement chosen is with another provider: choose one of this one's."
    ]
    closed = complaint(outcome=ComplaintOutcome.UPHELD, outcome_note="Escort arranged")
    assert problems(dataclasses.replace(closed, closed_on=tomorrow)) == [
        "The closing date (26 Nov 2026) is in the future: record it once it has been closed."
    ]
    assert problems(dataclasses.replace(closed, closed_on=date(2026, 11, 13))) == [
        "The closing date (13 Nov 2026) is before the complaint reached its stage (16 Nov 2026)."
    ]
    before = complaint(id=1, closed_on=TODAY, outcome=ComplaintOutcome.UPHELD, outcome_note="x")
    escalated = dataclasses.replace(
        before, stage=ComplaintStage.OFSTED, stage_since=date(2026, 11, 16)
    )
    assert problems(escalated, before=before) == [
        "A closed complaint is not escalated: clear its outcome and closing date to reopen it "
        "at the next stage.",
        "Enter the day it went to the Ofsted stage: after 16 Nov 2026, when it reached the "
        "headteacher stage.",
    ]


def test_a_complaint_changed_at_its_own_stage_is_not_a_move_back() -> None:
    before = complaint(id=1, stage=ComplaintStage.PROVIDER, stage_since=date(2026, 11, 20))
    edited = dataclasses.replace(
        before, summary="No one met Robin at the gate on Monday or Tuesday"
    )
    assert problems(edited, before=before) == []


def test_the_next_stage_starts_after_the_day_the_last_one_began_not_the_day_received() -> None:
    # Received 16 Nov, with the provider from 20 Nov: the local authority stage cannot
    # begin on 18 Nov, nor can the complaint close that day.
    before = complaint(id=1, stage=ComplaintStage.PROVIDER, stage_since=date(2026, 11, 20))
    to_la = dataclasses.replace(
        before, stage=ComplaintStage.LOCAL_AUTHORITY, stage_since=date(2026, 11, 18)
    )
    assert "after 20 Nov 2026, when it reached the provider stage" in " ".join(
        problems(to_la, before=before)
    )
    closed = dataclasses.replace(
        before, closed_on=date(2026, 11, 18), outcome=ComplaintOutcome.UPHELD, outcome_note="x"
    )
    assert problems(closed) == [
        "The closing date (18 Nov 2026) is before the complaint reached its stage (20 Nov 2026)."
    ]


def test_a_closed_complaint_with_no_outcome_stored_reads_closed_and_counts_as_open() -> None:
    # A store from before outcomes were required: the governors see it as not resolved.
    closed = complaint(closed_on=TODAY)
    assert rules.status_text(closed, date(2026, 12, 1), TODAY) == "Closed 25 Nov 2026"
    assert rules.counts([closed]) == {"Open at the headteacher stage": 1}
