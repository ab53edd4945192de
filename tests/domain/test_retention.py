"""Retention periods and the subject access deadline, worked by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from apdesk.domain.errors import InvalidInput
from apdesk.domain.retention import (
    BOUNDS,
    RecordClass,
    RetentionPeriods,
    check_disposal_reason,
    file_class,
    keep_until,
    may_destroy,
    subject_access_due,
)

BORN = date(2012, 5, 1)


def test_attendance_kept_six_years_from_the_record() -> None:
    assert keep_until(RecordClass.ATTENDANCE, BORN, date(2026, 3, 2)) == date(2032, 3, 2)
    assert not may_destroy(RecordClass.ATTENDANCE, BORN, date(2026, 3, 2), date(2032, 3, 1))
    assert may_destroy(RecordClass.ATTENDANCE, BORN, date(2026, 3, 2), date(2032, 3, 2))


def test_ap_and_cp_records_to_25th_birthday_sen_to_31st() -> None:
    made = date(2026, 3, 2)
    assert keep_until(RecordClass.ALTERNATIVE_PROVISION, BORN, made) == date(2037, 5, 1)
    assert keep_until(RecordClass.CHILD_PROTECTION, BORN, made) == date(2037, 5, 1)
    assert keep_until(RecordClass.SEN, BORN, made) == date(2043, 5, 1)


def test_subject_access_one_calendar_month() -> None:
    assert subject_access_due(date(2026, 3, 2)) == date(2026, 4, 2)
    assert subject_access_due(date(2026, 1, 31)) == date(2026, 2, 28)


# --- the school's periods, each boundary from both sides ----------------------------------
@pytest.mark.parametrize(
    ("record", "born", "made", "expires"),
    [
        (RecordClass.ATTENDANCE, BORN, date(2026, 3, 2), date(2032, 3, 2)),
        (RecordClass.ALTERNATIVE_PROVISION, BORN, BORN, date(2037, 5, 1)),
        (RecordClass.SEN, BORN, BORN, date(2043, 5, 1)),
        # a leap-day birthday: the 25th and 31st birthdays fall on 28 Feb
        (RecordClass.CHILD_PROTECTION, date(2008, 2, 29), BORN, date(2033, 2, 28)),
        (RecordClass.SEN, date(2008, 2, 29), BORN, date(2039, 2, 28)),
        # a mark made on 29 Feb is kept to 28 Feb six years on (2030 has no 29 Feb)
        (RecordClass.ATTENDANCE, BORN, date(2024, 2, 29), date(2030, 2, 28)),
    ],
)
def test_the_day_before_expiry_keeps_the_day_itself_may_destroy(record, born, made, expires):
    assert keep_until(record, born, made) == expires
    assert not may_destroy(record, born, made, expires - timedelta(days=1))
    assert may_destroy(record, born, made, expires)
    assert may_destroy(record, born, made, expires + timedelta(days=1))


def test_the_schools_periods_move_expiry_and_none_means_the_toolkits():
    longer = RetentionPeriods.of(7, None, 35)
    assert longer == RetentionPeriods(7, 25, 35)
    assert keep_until(RecordClass.ATTENDANCE, BORN, date(2026, 3, 2), longer) == date(2033, 3, 2)
    assert keep_until(RecordClass.SEN, BORN, BORN, longer) == date(2047, 5, 1)
    assert file_class(True) is RecordClass.SEN and file_class(False) is not RecordClass.SEN


@pytest.mark.parametrize("record", list(BOUNDS))
def test_each_period_is_refused_one_year_either_side_of_its_bounds(record):
    low, high = BOUNDS[record]
    field = {RecordClass.ATTENDANCE: "attendance", RecordClass.SEN: "sen"}.get(record, "ap_cp")
    for years in (low, high):
        RetentionPeriods(**{field: years}).check()
    for years in (low - 1, high + 1, 0, -5):
        with pytest.raises(InvalidInput, match=f"between {low} and {high} years"):
            RetentionPeriods(**{field: years}).check()


def test_a_disposal_needs_a_reason_of_substance():
    assert check_disposal_reason("  Past its   period. ") == "Past its period."
    for thin in ("", "   ", "old", "123456789"):
        with pytest.raises(InvalidInput, match="at least 10 characters"):
            check_disposal_reason(thin)


def test_the_schools_own_periods_each_replace_the_toolkits_and_none_keeps_it():
    assert RetentionPeriods.of(None, None, None) == RetentionPeriods(6, 25, 31)
    assert RetentionPeriods.of(7, 30, 35) == RetentionPeriods(7, 30, 35)


def test_a_record_kept_longer_by_the_school_may_not_be_destroyed_at_the_toolkits_date():
    # Attendance marked on 2 Mar 2026, kept 7 years by the school: not on 2 Mar 2032.
    longer = RetentionPeriods(attendance=7)
    made = date(2026, 3, 2)
    assert not may_destroy(RecordClass.ATTENDANCE, BORN, made, date(2032, 3, 2), longer)
    assert may_destroy(RecordClass.ATTENDANCE, BORN, made, date(2033, 3, 2), longer)


@pytest.mark.parametrize(
    ("periods", "message"),
    [
        (
            RetentionPeriods(attendance=5),
            "Attendance records: keep them between 6 and 16 years after they are made "
            "(you gave 5).",
        ),
        (
            RetentionPeriods(ap_cp=24),
            "Child-protection and AP file: keep them between 25 and 35 years from birth "
            "(you gave 24).",
        ),
        (
            RetentionPeriods(sen=42),
            "Child-protection and AP file of a pupil with SEN: keep them between 31 and 41 "
            "years from birth (you gave 42).",
        ),
    ],
    ids=["attendance", "ap and cp", "sen"],
)
def test_a_period_out_of_bounds_is_refused_naming_the_file_and_its_start(
    periods: RetentionPeriods, message: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        periods.check()
    assert str(refused.value) == message


def test_a_disposal_reason_of_exactly_ten_characters_is_enough():
    assert check_disposal_reason("Past dates") == "Past dates"
    with pytest.raises(InvalidInput) as refused:
        check_disposal_reason("Past date")
    assert str(refused.value) == (
        "Give the reason for disposing of these records (at least 10 characters): it is kept "
        "in the audit log."
    )
