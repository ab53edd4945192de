"""How long records are kept, and when a subject access request must be answered.

DOMAIN.md rule 13 (IRMS schools toolkit): attendance records at least 6 years;
child-protection and AP records until the pupil's date of birth + 25 years; SEN records
until date of birth + 31 years. A subject access request is answered within one calendar
month: by the same date next month, or that month's last day if it has no such date.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from apdesk.domain.calendar import add_months

ATTENDANCE_YEARS = 6
AP_AND_CP_YEARS_FROM_BIRTH = 25
SEN_YEARS_FROM_BIRTH = 31


class RecordClass(StrEnum):
    ATTENDANCE = "attendance"
    CHILD_PROTECTION = "child_protection"
    ALTERNATIVE_PROVISION = "alternative_provision"
    SEN = "sen"


def keep_until(record: RecordClass, date_of_birth: date, made_on: date) -> date:
    """The day the retention period ends: the record may be destroyed on or after it."""
    if record is RecordClass.ATTENDANCE:
        return add_months(made_on, 12 * ATTENDANCE_YEARS)
    if record is RecordClass.SEN:
        return add_months(date_of_birth, 12 * SEN_YEARS_FROM_BIRTH)
    return add_months(date_of_birth, 12 * AP_AND_CP_YEARS_FROM_BIRTH)


def may_destroy(record: RecordClass, date_of_birth: date, made_on: date, today: date) -> bool:
    return today >= keep_until(record, date_of_birth, made_on)


def subject_access_due(received_on: date) -> date:
    """The last day to answer a subject access request received on `received_on`."""
    return add_months(received_on, 1)
