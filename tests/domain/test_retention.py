"""Retention periods and the subject access deadline, worked by hand."""

from __future__ import annotations

from datetime import date

from apdesk.domain.retention import RecordClass, keep_until, may_destroy, subject_access_due

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
