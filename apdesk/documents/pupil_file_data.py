"""What a pupil's file leaving the school holds (`apdesk.documents.pupil_file` renders it).

Gathered and redacted by `apdesk.services.pupil_file`. Kept apart from the PDFs so that
gathering loads neither ReportLab nor pyHanko.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from apdesk.domain.chronology import ChronologyEntry
from apdesk.domain.entities import AttendanceMark, Incident, Placement, Pupil, Review


@dataclass(frozen=True)
class FiledIncident:
    incident: Incident
    role: str  # this pupil's role, e.g. "Victim"


@dataclass(frozen=True)
class FiledPlacement:
    placement: Placement
    provider: str


@dataclass(frozen=True)
class PupilFile:
    pupil: Pupil
    flags: tuple[str, ...]
    chronology: Sequence[ChronologyEntry]
    incidents: Sequence[FiledIncident]
    placements: Sequence[FiledPlacement]
    reviews: Sequence[Review] = field(default_factory=tuple)
    marks: Sequence[AttendanceMark] = field(default_factory=tuple)
