"""One session's attendance mark for one pupil (§8).

Attendance codes are plain strings checked against `apdesk.domain.codes`; what a
provider reported is kept apart from the final code the school records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from apdesk.domain.enums import ReportMethod, Session


@dataclass
class AttendanceMark:
    """One session's attendance for one pupil: the provider's report and the final code."""

    pupil_id: int | None
    date: dt.date
    session: Session
    placement_id: int | None = None
    provider_reported_code: str | None = None
    reported_by: str = ""
    reported_at: dt.datetime | None = None
    reported_how: ReportMethod | None = None
    code: str | None = None
    recorded_by: int | None = None
    recorded_at: dt.datetime | None = None
    note: str = ""
    id: int | None = None

    @property
    def effective_code(self) -> str | None:
        """The final code if the school has set one, else what the provider reported."""
        return self.code or self.provider_reported_code
