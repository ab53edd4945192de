"""The MIS attendance file's rows, as plain functions: each boundary from both sides."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from apdesk.domain.attendance import DEFAULT_CLOSES
from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities import AttendanceMark, Placement, Pupil, Term
from apdesk.domain.enums import PlacementStatus, Session
from apdesk.domain.mis_attendance import (
    AWAITING,
    FINAL,
    HEADER,
    UNMARKED,
    MisSession,
    merge_sessions,
    mis_row,
    placement_sessions,
)

AM, PM = Session.AM, Session.PM
# Autumn term to Friday 18 Dec 2026; Mon 7 Dec a closure (an INSET day).
CALENDAR = SchoolCalendar(
    [Term("Autumn", date(2026, 9, 2), date(2026, 12, 18))], [date(2026, 12, 7)]
)
AFTER_TERM = datetime(2027, 1, 4, 16, 0)


def placement(
    start: date = date(2026, 12, 2),
    end: date | None = date(2026, 12, 4),
    status: PlacementStatus = PlacementStatus.ACTIVE,
    pattern: str = "",
) -> Placement:
    return Placement(1, 2, start, end, status=status, weekly_pattern=pattern, id=7)


def mark(day: date, session: Session = AM, code: str | None = "B", reported: str | None = None):
    return AttendanceMark(1, day, session, 7, provider_reported_code=reported, code=code)


def keys(items: list[MisSession]) -> list[tuple[date, Session]]:
    return [(i.day, i.session) for i in items]


def test_first_and_last_day_of_the_placement_are_in_and_the_days_beside_them_are_not():
    marks = [mark(date(2026, 12, d)) for d in (1, 2, 4, 5)]  # 1st before, 5th a Saturday
    got = placement_sessions(placement(), marks, CALENDAR, AFTER_TERM, DEFAULT_CLOSES)
    assert {d for d, _ in keys(got)} == {date(2026, 12, 2), date(2026, 12, 3), date(2026, 12, 4)}
    assert len(got) == 6
    assert [i.status for i in got if i.mark] == [FINAL, FINAL]  # the 2nd and 4th AM


def test_a_placement_ending_on_a_day_ends_with_that_days_pm_session():
    got = placement_sessions(placement(end=date(2026, 12, 3)), [], CALENDAR, AFTER_TERM,
                             DEFAULT_CLOSES)  # fmt: skip
    assert keys(got)[-1] == (date(2026, 12, 3), PM)
    assert date(2026, 12, 4) not in {d for d, _ in keys(got)}


def test_a_placement_ended_early_stops_on_the_day_it_ended():
    ended = placement(end=date(2026, 12, 18))
    ended.ended_on = date(2026, 12, 3)
    got = placement_sessions(ended, [mark(date(2026, 12, 4))], CALENDAR, AFTER_TERM,
                             DEFAULT_CLOSES)  # fmt: skip
    assert max(d for d, _ in keys(got)) == date(2026, 12, 3)


@pytest.mark.parametrize(
    "day",
    [date(2026, 12, 5), date(2026, 12, 6), date(2026, 12, 7), date(2026, 12, 21),
     date(2026, 12, 25)],
    ids=["saturday", "sunday", "closure", "holiday", "christmas-day"],
)  # fmt: skip
def test_weekends_holidays_and_closures_are_never_exported_even_with_a_mark(day):
    got = placement_sessions(placement(end=None), [mark(day, code="B")], CALENDAR, AFTER_TERM,
                             DEFAULT_CLOSES)  # fmt: skip
    assert day not in {d for d, _ in keys(got)}
    assert date(2026, 12, 8) in {d for d, _ in keys(got)}  # the Tuesday after is in


def test_only_the_weekly_patterns_sessions_are_expected():
    part_time = placement(start=date(2026, 11, 30), end=date(2026, 12, 4), pattern="Mon AM, Wed PM")
    got = placement_sessions(part_time, [], CALENDAR, AFTER_TERM, DEFAULT_CLOSES)
    assert keys(got) == [(date(2026, 11, 30), AM), (date(2026, 12, 2), PM)]


def test_an_unmarked_session_appears_once_its_register_has_closed_and_not_before():
    wednesday = date(2026, 12, 2)
    before = datetime(2026, 12, 2, 9, 59)
    at_close = datetime(2026, 12, 2, 10, 0)
    assert placement_sessions(placement(), [], CALENDAR, before, DEFAULT_CLOSES) == []
    got = placement_sessions(placement(), [], CALENDAR, at_close, DEFAULT_CLOSES)
    assert got == [MisSession(wednesday, AM, "", "", UNMARKED, 7)]


def test_the_mark_is_the_schools_final_code_and_the_providers_report_stays_apart():
    day = date(2026, 12, 2)
    marks = [mark(day, AM, code="O", reported="B"), mark(day, PM, code=None, reported="b ")]
    got = placement_sessions(placement(), marks, CALENDAR, AFTER_TERM, DEFAULT_CLOSES)
    assert got[0] == MisSession(day, AM, "O", "B", FINAL, 7)
    assert got[1] == MisSession(day, PM, "", "B", AWAITING, 7)  # never promoted to the mark


def test_a_proposed_placement_has_no_sessions():
    proposed = placement(status=PlacementStatus.PROPOSED)
    assert placement_sessions(proposed, [mark(date(2026, 12, 2))], CALENDAR, AFTER_TERM,
                              DEFAULT_CLOSES) == []  # fmt: skip


def test_two_placements_on_one_session_give_one_row_the_most_final():
    day = date(2026, 12, 2)
    empty = MisSession(day, AM, "", "", UNMARKED, 1)
    reported = MisSession(day, AM, "", "B", AWAITING, 2)
    final = MisSession(day, AM, "B", "B", FINAL, 3)
    assert merge_sessions([empty, reported], [final]) == [final]
    assert merge_sessions([final], [empty]) == [final]
    assert merge_sessions([empty], [reported]) == [reported]


def test_a_row_has_both_date_forms_and_the_header_order():
    pupil = Pupil("Robin", "Testcase", date(2012, 3, 4), upn="A938400011001")
    item = MisSession(date(2026, 12, 2), PM, "B", "B", FINAL, 7)
    row = dict(zip(HEADER, mis_row(pupil, "Bridgeway Learning", item), strict=True))
    assert row == {
        "UPN": "A938400011001", "Legal Surname": "Testcase", "Legal Forename": "Robin",
        "Date": "02/12/2026", "Session": "PM", "Mark": "B", "Provider Mark": "B",
        "Status": "final", "ISO Date": "2026-12-02", "Provider": "Bridgeway Learning",
        "Placement ID": "7",
    }  # fmt: skip


# The edges `make mutate MUTANTS='apdesk.domain.mis_attendance*'` found untested on 4 Dec 2026.


def test_each_session_of_two_placements_keeps_its_own_row_in_date_order():
    mon, tue = date(2026, 11, 30), date(2026, 12, 1)
    first = [MisSession(tue, AM, "B", "", FINAL, 1), MisSession(mon, PM, "B", "", FINAL, 1)]
    second = [MisSession(mon, AM, "", "", UNMARKED, 2)]
    assert keys(merge_sessions(first, second)) == [(mon, AM), (mon, PM), (tue, AM)]


def test_of_two_rows_equally_final_for_one_session_the_first_placements_stands():
    day = date(2026, 12, 2)
    one, two = MisSession(day, AM, "B", "", FINAL, 1), MisSession(day, AM, "K", "", FINAL, 2)
    assert merge_sessions([one], [two]) == [one]


def test_a_session_with_no_placement_has_a_blank_placement_id():
    pupil = Pupil("Robin", "Testcase", date(2012, 3, 4), upn="A938400011001")
    item = MisSession(date(2026, 12, 2), PM, "B", "B", FINAL, None)
    assert mis_row(pupil, "Bridgeway Learning", item)[-1] == ""
