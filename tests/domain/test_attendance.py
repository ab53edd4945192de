"""Attendance rates, the risk register and first-day follow-up, with worked examples."""

from __future__ import annotations

from datetime import date, time

import pytest

from apdesk.domain.attendance import (
    AttendanceSummary,
    for_placement,
    for_pupil,
    is_falling,
    risk_row,
    summarise,
    unexplained_absences,
    weekly_rates,
)
from apdesk.domain.entities import AttendanceMark
from apdesk.domain.enums import Session
from apdesk.domain.errors import InvalidInput
from tests.domain.factories import at, marks

MON = date(2026, 3, 2)


def test_18_present_of_20_possible_is_90_percent_not_persistent() -> None:
    summary = summarise(marks("B " * 18 + "I I"))
    assert (summary.present, summary.possible) == (18, 20)
    assert summary.rate == pytest.approx(0.90)
    assert not summary.persistent
    assert not summary.severe


def test_17_present_of_20_possible_is_85_percent_persistent() -> None:
    summary = summarise(marks("B " * 17 + "I N O"))
    assert summary.rate == pytest.approx(0.85)
    assert summary.persistent
    assert not summary.severe


def test_q_and_other_not_possible_codes_leave_the_denominator() -> None:
    # 8 B, 2 Q, 1 X, 1 #, 2 I: possible = 10 (8 B + 2 I), present = 8.
    summary = summarise(marks("B B B B B B B B Q Q X # I I"))
    assert (summary.present, summary.possible) == (8, 10)
    assert summary.rate == pytest.approx(0.80)


def test_severe_below_half() -> None:
    assert summarise(marks("B I I I")).severe  # 1 of 4 = 25%
    assert not summarise(marks("B B I I")).severe  # exactly 50% is not below 50%
    assert summarise(marks("B B I I")).persistent


def test_no_possible_sessions_gives_no_rate_and_no_flags() -> None:
    summary = summarise(marks("Q Q # #"))
    assert summary.rate is None
    assert not summary.persistent and not summary.severe


def test_marks_without_a_code_are_ignored_and_provider_code_used_until_final() -> None:
    provider_only = AttendanceMark(3, MON, Session.AM, provider_reported_code="B")
    overridden = AttendanceMark(3, MON, Session.PM, provider_reported_code="B", code="O")
    blank = AttendanceMark(3, date(2026, 3, 3), Session.AM)
    summary = summarise([provider_only, overridden, blank])
    assert (summary.present, summary.possible) == (1, 2)


def test_unknown_code_in_a_mark_is_refused() -> None:
    with pytest.raises(InvalidInput, match="'Z9' is not a DfE attendance code"):
        summarise([AttendanceMark(3, MON, Session.AM, code="Z9")])


def test_lateness_counts_l_and_u() -> None:
    assert summarise(marks("L U L B / \\")).late_count == 3
    assert AttendanceSummary(10, 10, 0).late_count == 0


def test_filters_by_pupil_and_placement() -> None:
    mixed = marks("B B", pupil_id=3) + marks("I I", pupil_id=4)
    mixed[0].placement_id = 99
    assert len(for_pupil(mixed, 4)) == 2
    assert len(for_placement(mixed, 99)) == 1


def test_weekly_rates_group_monday_to_sunday() -> None:
    weeks = weekly_rates(marks("B " * 10 + "B " * 5 + "I " * 5))
    assert [w.week_start for w in weeks] == [date(2026, 3, 2), date(2026, 3, 9)]
    assert [w.summary.rate for w in weeks] == [1.0, 0.5]


# Three full weeks: 10/10, 8/10, 6/10 -> falling; checked on the Monday after week three.
FALLING = "B " * 10 + "B " * 8 + "I I " + "B " * 6 + "I I I I"


def test_falling_when_last_two_complete_weeks_each_drop() -> None:
    assert is_falling(marks(FALLING), today=date(2026, 3, 23))


def test_not_falling_until_the_third_week_is_complete() -> None:
    # On Friday 20 March week three is not complete: only two complete weeks.
    assert not is_falling(marks(FALLING), today=date(2026, 3, 20))


def test_not_falling_when_a_week_recovers() -> None:
    recovering = "B " * 10 + "B " * 6 + "I " * 4 + "B " * 8 + "I I"
    assert not is_falling(marks(recovering), today=date(2026, 3, 23))


def test_risk_row_worked_example() -> None:
    # 20 sessions: 14 present (12 / and 2 L), 3 late (L, L, U), 6 absent -> 14/20 = 70%.
    codes = "/ / / / / / / / / / / L L / N N O I I U"
    row = risk_row(marks(codes), today=date(2026, 3, 16), pupil_id=3, placement_id=7)
    assert (row.possible, row.present, row.late_count) == (20, 14, 3)
    assert row.rate == pytest.approx(0.70)
    assert row.flags == ["persistent", "lateness"]
    assert (row.pupil_id, row.placement_id) == (3, 7)


def test_risk_row_severe_and_falling() -> None:
    codes = "B " * 10 + "B B B B I I I I I I " + "I " * 10
    row = risk_row(marks(codes), today=date(2026, 3, 30))
    assert row.flags == ["persistent", "severe", "falling"]  # 14 of 30 = 46.7%


def test_clean_row_has_no_flags() -> None:
    assert risk_row(marks("B " * 20), today=date(2026, 3, 16)).flags == []


# Unexplained absence: Monday 2 March, pupil 3.
def test_morning_without_mark_is_unexplained_after_noon() -> None:
    before = unexplained_absences(3, [MON], [], at("2026-03-02 11:59"))
    after = unexplained_absences(3, [MON], [], at("2026-03-02 12:00"))
    assert before == []
    assert [(a.session, a.reason) for a in after] == [(Session.AM, "no mark")]


def test_afternoon_without_mark_is_unexplained_after_the_day_ends() -> None:
    am = AttendanceMark(3, MON, Session.AM, code="B")
    assert unexplained_absences(3, [MON], [am], at("2026-03-02 15:29")) == []
    found = unexplained_absences(3, [MON], [am], at("2026-03-02 15:30"))
    assert [a.session for a in found] == [Session.PM]
    custom = unexplained_absences(3, [MON], [am], at("2026-03-02 15:30"), day_ends=time(16))
    assert custom == []


@pytest.mark.parametrize("code", ["N", "O", "n"])
def test_n_or_o_needs_follow_up_at_once(code: str) -> None:
    mark = AttendanceMark(3, MON, Session.AM, code=code, placement_id=7)
    found = unexplained_absences(3, [MON], [mark], at("2026-03-02 09:10"), placement_id=7)
    assert [(a.session, a.reason, a.placement_id) for a in found] == [
        (Session.AM, f"marked {code.upper()}", 7)
    ]


def test_explained_marks_and_other_pupils_do_not_count() -> None:
    ours = [AttendanceMark(3, MON, s, code="I") for s in Session]
    theirs = [AttendanceMark(4, MON, s, code="N") for s in Session]
    assert unexplained_absences(3, [MON], ours + theirs, at("2026-03-03 09:00")) == []


def test_only_the_school_days_given_are_checked() -> None:
    tue = date(2026, 3, 3)
    found = unexplained_absences(3, [MON, tue], [], at("2026-03-03 13:00"))
    assert [(a.date, a.session) for a in found] == [
        (MON, Session.AM),
        (MON, Session.PM),
        (tue, Session.AM),
    ]
