"""How long records are kept, and when a subject access request must be answered.

DOMAIN.md rule 13 (IRMS schools toolkit): attendance records at least 6 years;
child-protection and AP records until the pupil's date of birth + 25 years; SEN records
until date of birth + 31 years. A subject access request is answered within one calendar
month: by the same date next month, or that month's last day if it has no such date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from apdesk.domain.calendar import add_months
from apdesk.domain.errors import InvalidInput

ATTENDANCE_YEARS = 6
AP_AND_CP_YEARS_FROM_BIRTH = 25
SEN_YEARS_FROM_BIRTH = 31


class RecordClass(StrEnum):
    ATTENDANCE = "attendance"
    CHILD_PROTECTION = "child_protection"
    ALTERNATIVE_PROVISION = "alternative_provision"
    SEN = "sen"


#: The years a school may set for each class of record: never below the toolkit's period
#: (the legal and guidance floor), and at most ten years longer (keeping data for longer
#: than needed breaks UK GDPR's storage limitation).
BOUNDS: dict[RecordClass, tuple[int, int]] = {
    RecordClass.ATTENDANCE: (ATTENDANCE_YEARS, ATTENDANCE_YEARS + 10),
    RecordClass.ALTERNATIVE_PROVISION: (
        AP_AND_CP_YEARS_FROM_BIRTH,
        AP_AND_CP_YEARS_FROM_BIRTH + 10,
    ),
    RecordClass.SEN: (SEN_YEARS_FROM_BIRTH, SEN_YEARS_FROM_BIRTH + 10),
}
RECORD_NAMES = {
    RecordClass.ATTENDANCE: "Attendance records",
    RecordClass.CHILD_PROTECTION: "Child-protection and AP file",
    RecordClass.ALTERNATIVE_PROVISION: "Child-protection and AP file",
    RecordClass.SEN: "Child-protection and AP file (pupil with SEN)",
}


@dataclass(frozen=True)
class RetentionPeriods:
    """The school's periods in years: attendance from the day recorded; the AP and CP file,
    and an SEN pupil's file, from the date of birth."""

    attendance: int = ATTENDANCE_YEARS
    ap_cp: int = AP_AND_CP_YEARS_FROM_BIRTH
    sen: int = SEN_YEARS_FROM_BIRTH

    @classmethod
    def of(cls, attendance: int | None, ap_cp: int | None, sen: int | None) -> RetentionPeriods:
        """From the school's settings, where None means the toolkit's period."""
        default = cls()
        return cls(
            attendance if attendance is not None else default.attendance,
            ap_cp if ap_cp is not None else default.ap_cp,
            sen if sen is not None else default.sen,
        )

    def years(self, record: RecordClass) -> int:
        if record is RecordClass.ATTENDANCE:
            return self.attendance
        return self.sen if record is RecordClass.SEN else self.ap_cp

    def check(self) -> None:
        """InvalidInput naming the first period outside its bounds."""
        for record, given in (
            (RecordClass.ATTENDANCE, self.attendance),
            (RecordClass.ALTERNATIVE_PROVISION, self.ap_cp),
            (RecordClass.SEN, self.sen),
        ):
            low, high = BOUNDS[record]
            if not low <= given <= high:
                what = RECORD_NAMES[record].replace(" (pupil with SEN)", " of a pupil with SEN")
                since = "after they are made" if record is RecordClass.ATTENDANCE else "from birth"
                raise InvalidInput(
                    f"{what}: keep them between {low} and {high} years {since} (you gave {given})."
                )


DEFAULT_PERIODS = RetentionPeriods()


def keep_until(
    record: RecordClass,
    date_of_birth: date,
    made_on: date,
    periods: RetentionPeriods = DEFAULT_PERIODS,
) -> date:
    """The day the retention period ends: the record may be destroyed on or after it."""
    years = periods.years(record)
    start = made_on if record is RecordClass.ATTENDANCE else date_of_birth
    return add_months(start, 12 * years)


def may_destroy(
    record: RecordClass,
    date_of_birth: date,
    made_on: date,
    today: date,
    periods: RetentionPeriods = DEFAULT_PERIODS,
) -> bool:
    return today >= keep_until(record, date_of_birth, made_on, periods)


def file_class(has_sen: bool) -> RecordClass:
    """A pupil's AP and CP file is kept to 31 for a pupil with SEN (the longer period holds)."""
    return RecordClass.SEN if has_sen else RecordClass.ALTERNATIVE_PROVISION


def check_disposal_reason(reason: str) -> str:
    """The reason a disposal is confirmed with: kept in the audit log for ever."""
    why = " ".join(reason.split())
    if len(why) < 10:
        raise InvalidInput(
            "Give the reason for disposing of these records (at least 10 characters): "
            "it is kept in the audit log."
        )
    return why


def subject_access_due(received_on: date) -> date:
    """The last day to answer a subject access request received on `received_on`."""
    return add_months(received_on, 1)
