"""Recording a mark: which days may carry one, and which codes fit the placement.

DOMAIN.md rule 5: marks are refused for non-school days, future days, days outside the
placement and a placement that is not the pupil's. A session at alternative provision is
never "/" or "\\" (present at school); the register suggests B for a placement the school
arranged, K for one the local authority arranged (s19, illness) and D for a pupil dual
registered at another school.
"""

from __future__ import annotations

from datetime import date

from apdesk.domain.attendance import last_day
from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.codes import AT_SCHOOL_CODES, lookup
from apdesk.domain.entities.placements import Placement
from apdesk.domain.enums import PlacementReason
from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_date


def mark_refusal(
    placement: Placement, pupil_id: int | None, day: date, calendar: SchoolCalendar, today: date
) -> str | None:
    """Why no mark may be recorded for `pupil_id` on `day` at `placement`, or None."""
    if placement.pupil_id != pupil_id:
        return "That placement is not this pupil's: record the mark on the pupil's own placement."
    why = calendar.why_not_school_day(day)
    if why:
        return f"{format_date(day)} is not a school day ({why}): no attendance is recorded for it."
    if day > today:
        return f"{format_date(day)} is in the future: record attendance on the day or after it."
    if day < placement.start_date:
        return (
            f"The placement starts on {format_date(placement.start_date)}: "
            f"{format_date(day)} is before it."
        )
    end = last_day(placement)
    if end is not None and day > end:
        ended = "ended" if placement.ended_on else "is planned to end"
        return f"The placement {ended} on {format_date(end)}: {format_date(day)} is after it."
    return None


def check_mark(
    placement: Placement, pupil_id: int | None, day: date, calendar: SchoolCalendar, today: date
) -> None:
    """Raise InvalidInput with the plain reason when `mark_refusal` gives one."""
    refusal = mark_refusal(placement, pupil_id, day, calendar, today)
    if refusal:
        raise InvalidInput(refusal)


def suggested_code(placement: Placement) -> str:
    """The code for a session attended at this placement: D, K or B."""
    if placement.dual_registered:
        return "D"
    if placement.reason is PlacementReason.ILLNESS_LA:
        return "K"
    return "B"


def check_code(code: str) -> str:
    """The code in capitals, if it is a DfE code that fits a session at alternative provision."""
    entry = lookup(code)
    if entry.code in AT_SCHOOL_CODES:
        raise InvalidInput(
            f"'{entry.code}' means present at school. A session at alternative provision is "
            "B (arranged by the school), K (arranged by the local authority) or D (dual "
            "registered at another school)."
        )
    return entry.code
