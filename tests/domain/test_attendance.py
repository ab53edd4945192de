"""Attendance rates, the risk register and first-day follow-up, with worked examples."""

from __future__ import annotations

from datetime import date, time

import pytest

from apdesk.domain.attendance import (
    DEFAULT_CLOSES,
    AttendanceSummary,
    RegisterCloses,
    counted_sessions,
    covers,
    expected_sessions,
    for_placement,
    is_falling,
    reaches,
    risk_row_of,
    summarise,
    tally_weeks,
    unexplained_absences,
    weekly_rates,
)
from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities import AttendanceMark, Term
from apdesk.domain.enums import PlacementStatus, Session
from apdesk.domain.errors import InvalidInput
from tests.domain.factories import at, marks, ready_placement

MON = date(2026, 3, 2)
TUE = date(2026, 3, 3)
NOTHING_EXPECTED = ()


def rate_of(codes: str) -> AttendanceSummary:
    return summarise(marks(codes), NOTHING_EXPECTED)


def test_18_present_of_20_possible_is_90_percent_and_persistent() -> None:
    # DfE: persistent absence is missing 10% or more; 2 of 20 is exactly 10%.
    summary = rate_of("B " * 18 + "I I")
    assert (summary.present, summary.possible) == (18, 20)
    assert summary.rate == pytest.approx(0.90)
    assert summary.persistent
    assert not summary.severe


def test_19_present_of_20_possible_is_95_percent_not_persistent() -> None:
    summary = rate_of("B " * 19 + "I")
    assert summary.rate == pytest.approx(0.95)
    assert not summary.persistent


def test_9_missed_of_91_is_just_under_10_percent_not_persistent() -> None:
    assert not rate_of("B " * 82 + "I " * 9).persistent  # 9.89% missed
    assert rate_of("B " * 81 + "I " * 9).persistent  # 10% missed exactly


def test_17_present_of_20_possible_is_85_percent_persistent() -> None:
    summary = rate_of("B " * 17 + "I N O")
    assert summary.rate == pytest.approx(0.85)
    assert summary.persistent
    assert not summary.severe


def test_q_and_other_not_possible_codes_leave_the_denominator() -> None:
    # 8 B, 2 Q, 1 X, 1 #, 2 I: possible = 10 (8 B + 2 I), present = 8.
    summary = rate_of("B B B B B B B B Q Q X # I I")
    assert (summary.present, summary.possible) == (8, 10)
    assert summary.rate == pytest.approx(0.80)
    assert (summary.authorised, summary.not_possible) == (2, 4)


def test_severe_at_half_or_more_missed() -> None:
    assert rate_of("B I I I").severe  # 1 of 4 = 25%
    assert rate_of("B B I I").severe  # exactly 50% missed is severe (DfE "50% or more")
    assert rate_of("B B I I").persistent
    assert not rate_of("B B B I I").severe  # 2 of 5 missed = 40%


def test_no_possible_sessions_gives_no_rate_and_no_flags() -> None:
    summary = rate_of("Q Q # #")
    assert summary.rate is None
    assert not summary.persistent and not summary.severe


def test_marks_without_a_code_are_ignored_and_provider_code_used_until_final() -> None:
    provider_only = AttendanceMark(3, MON, Session.AM, provider_reported_code="B")
    overridden = AttendanceMark(3, MON, Session.PM, provider_reported_code="B", code="O")
    blank = AttendanceMark(3, TUE, Session.AM)
    summary = summarise([provider_only, overridden, blank], NOTHING_EXPECTED)
    assert (summary.present, summary.possible) == (1, 2)


def test_unknown_code_in_a_mark_is_refused() -> None:
    with pytest.raises(InvalidInput, match="'Z9' is not a DfE attendance code"):
        summarise([AttendanceMark(3, MON, Session.AM, code="Z9")], NOTHING_EXPECTED)


def test_lateness_counts_l_and_u() -> None:
    assert rate_of("L U L B / \\").late_count == 3
    assert AttendanceSummary(10, 10, 0).late_count == 0


# Expected sessions left unmarked count as possible, absent, until coded.
def test_ten_b_and_ninety_unmarked_is_ten_percent_not_one_hundred() -> None:
    placement = ready_placement()  # Mon 2 Mar to Fri 3 Jul 2026, every session
    calendar = SchoolCalendar([])
    expected = expected_sessions(placement, calendar, MON, date(2026, 5, 29))
    coded = marks("B " * 10)
    summary = summarise(coded, expected[:100], now=at("2026-06-01 09:00"))
    assert (summary.present, summary.possible, summary.unmarked) == (10, 100, 90)
    assert summary.rate == pytest.approx(0.10)
    assert summary.severe


def test_an_unmarked_session_counts_once_its_register_closes() -> None:
    expected = [(MON, Session.AM), (MON, Session.PM)]
    before = summarise([], expected, now=at("2026-03-02 09:59"))
    am_closed = summarise([], expected, now=at("2026-03-02 10:00"))
    pm_closed = summarise([], expected, now=at("2026-03-02 14:30"))
    assert [s.possible for s in (before, am_closed, pm_closed)] == [0, 1, 2]
    late_school = RegisterCloses(am=time(10, 30), pm=time(15, 0))
    assert summarise([], expected, at("2026-03-02 14:30"), late_school).possible == 1


def test_a_coded_session_replaces_its_unmarked_place() -> None:
    expected = [(MON, Session.AM), (MON, Session.PM)]
    coded = [AttendanceMark(3, MON, Session.AM, code="B")]
    summary = summarise(coded, expected, now=at("2026-03-03 09:00"))
    assert (summary.present, summary.possible, summary.unmarked) == (1, 2, 1)


def test_expected_sessions_follow_pattern_calendar_and_dates() -> None:
    placement = ready_placement()
    placement.weekly_pattern = "Mon AM, Mon PM, Wed AM"
    placement.start_date, placement.planned_end_date = date(2026, 3, 4), date(2026, 3, 16)
    calendar = SchoolCalendar([Term("Spring", date(2026, 1, 5), date(2026, 3, 13))])
    found = expected_sessions(placement, calendar, date(2026, 3, 1), date(2026, 3, 31))
    # Wed 4 Mar AM, Mon 9 Mar AM and PM, Wed 11 Mar AM; term ends Fri 13 Mar.
    assert found == [
        (date(2026, 3, 4), Session.AM),
        (date(2026, 3, 9), Session.AM),
        (date(2026, 3, 9), Session.PM),
        (date(2026, 3, 11), Session.AM),
    ]


def test_expected_sessions_skip_bank_holidays_and_stop_when_ended() -> None:
    placement = ready_placement()  # from Mon 2 Mar 2026
    calendar = SchoolCalendar([])
    easter = expected_sessions(placement, calendar, date(2026, 4, 3), date(2026, 4, 6))
    assert easter == []  # Good Friday, a weekend, Easter Monday
    placement.status, placement.ended_on = PlacementStatus.TERMINATED, TUE
    days = {d for d, _ in expected_sessions(placement, calendar, MON, date(2026, 3, 31))}
    assert days == {MON, TUE}


def test_every_lifecycle_state_has_expected_sessions_within_its_dates() -> None:
    placement = ready_placement()
    for status in (PlacementStatus.PROPOSED, PlacementStatus.AUTHORISED, PlacementStatus.ACTIVE):
        placement.status = status
        assert len(expected_sessions(placement, SchoolCalendar([]), MON, MON)) == 2
    assert covers(placement, MON) and not covers(placement, date(2026, 3, 1))
    assert covers(placement, date(2026, 7, 3)) and not covers(placement, date(2026, 7, 4))


def test_filters_by_placement() -> None:
    mixed = marks("B B", pupil_id=3) + marks("I I", pupil_id=4)
    mixed[0].placement_id = 99
    assert len(for_placement(mixed, 99)) == 1


def counted(codes: str) -> dict[tuple[date, Session], str | None]:
    return counted_sessions(marks(codes), NOTHING_EXPECTED)


def test_weekly_rates_group_monday_to_sunday() -> None:
    weeks = weekly_rates(counted("B " * 10 + "B " * 5 + "I " * 5))
    assert [w.week_start for w in weeks] == [date(2026, 3, 2), date(2026, 3, 9)]
    assert [w.summary.rate for w in weeks] == [1.0, 0.5]


# Three full weeks: 10/10, 8/10, 6/10 -> falling; checked on the Monday after week three.
FALLING = "B " * 10 + "B " * 8 + "I I " + "B " * 6 + "I I I I"


def test_falling_when_last_two_complete_weeks_each_drop() -> None:
    assert is_falling(counted(FALLING), today=date(2026, 3, 23))


def test_not_falling_until_the_third_week_is_complete() -> None:
    # On Friday 20 March week three is not complete: only two complete weeks.
    assert not is_falling(counted(FALLING), today=date(2026, 3, 20))


def test_not_falling_when_a_week_recovers() -> None:
    recovering = "B " * 10 + "B " * 6 + "I " * 4 + "B " * 8 + "I I"
    assert not is_falling(counted(recovering), today=date(2026, 3, 23))


def test_risk_row_worked_example() -> None:
    # 20 sessions: 14 present (12 / and 2 L), 3 late (L, L, U), 6 absent -> 14/20 = 70%.
    codes = "/ / / / / / / / / / / L L / N N O I I U"
    row = risk_row_of(
        tally_weeks(counted(codes)), today=date(2026, 3, 16), pupil_id=3, placement_id=7
    )
    assert (row.possible, row.present, row.late_count) == (20, 14, 3)
    assert row.rate == pytest.approx(0.70)
    assert row.flags == ["persistent", "lateness"]
    assert (row.pupil_id, row.placement_id) == (3, 7)


def test_risk_row_severe_and_falling() -> None:
    codes = "B " * 10 + "B B B B I I I I I I " + "I " * 10
    row = risk_row_of(tally_weeks(counted(codes)), today=date(2026, 3, 30))
    assert row.flags == ["persistent", "severe", "falling"]  # 14 of 30 = 46.7%


def test_clean_row_has_no_flags() -> None:
    assert risk_row_of(tally_weeks(counted("B " * 20)), today=date(2026, 3, 16)).flags == []


def test_risk_row_counts_unmarked_sessions() -> None:
    expected = [(MON, Session.AM), (MON, Session.PM)]
    sessions = counted_sessions([], expected, at("2026-03-03 09:00"))
    row = risk_row_of(tally_weeks(sessions), today=TUE)
    assert (row.possible, row.present, row.unmarked) == (2, 0, 2)
    assert row.flags == ["persistent", "severe"]


# Unexplained absence: Monday 2 March, pupil 3, both sessions expected.
BOTH = [(MON, Session.AM), (MON, Session.PM)]


def test_morning_without_mark_is_unexplained_once_its_register_closes_at_ten() -> None:
    before = unexplained_absences(3, BOTH, [], at("2026-03-02 09:59"))
    after = unexplained_absences(3, BOTH, [], at("2026-03-02 10:00"))
    assert before == []
    assert [(a.session, a.reason) for a in after] == [(Session.AM, "no mark")]


def test_afternoon_without_mark_is_unexplained_once_its_register_closes() -> None:
    am = AttendanceMark(3, MON, Session.AM, code="B")
    assert unexplained_absences(3, BOTH, [am], at("2026-03-02 14:29")) == []
    found = unexplained_absences(3, BOTH, [am], at("2026-03-02 14:30"))
    assert [a.session for a in found] == [Session.PM]
    later = RegisterCloses(pm=time(16))
    assert unexplained_absences(3, BOTH, [am], at("2026-03-02 14:30"), later) == []
    assert RegisterCloses(time(10), time(14, 30)) == DEFAULT_CLOSES


@pytest.mark.parametrize("code", ["N", "O", "n"])
def test_n_or_o_needs_follow_up_at_once(code: str) -> None:
    mark = AttendanceMark(3, MON, Session.AM, code=code, placement_id=7)
    found = unexplained_absences(3, BOTH, [mark], at("2026-03-02 09:10"), placement_id=7)
    assert [(a.session, a.reason, a.placement_id) for a in found] == [
        (Session.AM, f"marked {code.upper()}", 7)
    ]


def test_explained_marks_and_other_pupils_do_not_count() -> None:
    ours = [AttendanceMark(3, MON, s, code="I") for s in Session]
    theirs = [AttendanceMark(4, MON, s, code="N") for s in Session]
    assert unexplained_absences(3, BOTH, ours + theirs, at("2026-03-03 09:00")) == []


def test_only_expected_sessions_are_missed() -> None:
    expected = [*BOTH, (TUE, Session.AM)]
    found = unexplained_absences(3, expected, [], at("2026-03-03 15:00"))
    assert [(a.date, a.session) for a in found] == expected


def test_a_placement_reaches_its_last_day_and_an_open_one_every_day() -> None:
    placement = ready_placement()  # Mon 2 Mar to Fri 3 Jul 2026
    assert reaches(placement, date(2026, 7, 3)) and not reaches(placement, date(2026, 7, 4))
    placement.ended_on = TUE  # ended early: its last day is the day it ended
    assert reaches(placement, TUE) and not reaches(placement, date(2026, 3, 4))
    placement.ended_on = placement.planned_end_date = None
    assert reaches(placement, date(2040, 1, 1))
