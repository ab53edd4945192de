"""The DfE national attendance codes (from August 2024), exactly as DOMAIN.md lists them.

Each code says what it means, which category it falls in, and whether it counts as
present and as a possible session. Attendance rate = present ÷ possible.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from apdesk.domain.errors import InvalidInput


class CodeCategory(StrEnum):
    PRESENT = "present"
    APPROVED_EDUCATION = "approved_education"
    AUTHORISED = "authorised"
    UNAUTHORISED = "unauthorised"
    NOT_POSSIBLE = "not_possible"


@dataclass(frozen=True)
class AttendanceCode:
    """One national attendance code."""

    code: str
    meaning: str
    category: CodeCategory

    @property
    def counts_present(self) -> bool:
        return self.category in (CodeCategory.PRESENT, CodeCategory.APPROVED_EDUCATION)

    @property
    def counts_possible(self) -> bool:
        return self.category is not CodeCategory.NOT_POSSIBLE

    @property
    def is_absence(self) -> bool:
        return self.category in (CodeCategory.AUTHORISED, CodeCategory.UNAUTHORISED)


_P = CodeCategory.PRESENT
_E = CodeCategory.APPROVED_EDUCATION
_A = CodeCategory.AUTHORISED
_U = CodeCategory.UNAUTHORISED
_X = CodeCategory.NOT_POSSIBLE

_TABLE: tuple[tuple[str, str, CodeCategory], ...] = (
    ("/", "Present (morning)", _P),
    ("\\", "Present (afternoon)", _P),
    ("L", "Late, arrived before the register closed", _P),
    ("K", "Attending education provision arranged by the local authority", _E),
    ("B", "Attending any other approved educational activity", _E),
    ("V", "Attending an educational visit or trip", _E),
    ("P", "Participating in a supervised sporting activity", _E),
    ("W", "Attending work experience", _E),
    ("D", "Dual registered, attending another school", _X),
    ("C1", "Leave for a regulated performance or regulated employment abroad", _A),
    ("C2", "Leave for a pupil on a part-time timetable", _A),
    ("C", "Leave for exceptional circumstances", _A),
    ("E", "Suspended or excluded, no alternative provision made", _A),
    ("I", "Illness", _A),
    ("M", "Medical or dental appointment", _A),
    ("J1", "Leave to attend an interview", _A),
    ("R", "Religious observance", _A),
    ("S", "Study leave", _A),
    ("T", "Parent travelling for work", _A),
    ("G", "Holiday not authorised by the school", _U),
    ("N", "Reason for absence not yet given", _U),
    ("O", "Absent in other or unknown circumstances (unauthorised)", _U),
    ("U", "Arrived after the register closed", _U),
    ("Q", "Unable to attend because of a lack of access arrangements", _X),
    ("X", "Non-compulsory school age: not required to attend", _X),
    ("Y1", "Unable to attend: transport normally provided not available", _X),
    ("Y2", "Unable to attend: widespread disruption to travel", _X),
    ("Y3", "Unable to attend: part of the school premises closed", _X),
    ("Y4", "Unable to attend: whole school site unexpectedly closed", _X),
    ("Y5", "Unable to attend: in criminal justice detention", _X),
    ("Y6", "Unable to attend: public health guidance or law", _X),
    ("Y7", "Unable to attend: any other unavoidable cause", _X),
    ("Z", "Prospective pupil, not yet on the admission register", _X),
    ("#", "Planned whole or partial school closure", _X),
)

CODES: dict[str, AttendanceCode] = {c: AttendanceCode(c, m, k) for c, m, k in _TABLE}

#: Codes that call for first-day follow-up: the reason for absence is not known.
UNEXPLAINED_CODES: frozenset[str] = frozenset({"N", "O"})
#: Codes counted as lateness on the risk register.
LATE_CODES: frozenset[str] = frozenset({"L", "U"})
#: Present *at school*: never right for a session at alternative provision.
AT_SCHOOL_CODES: frozenset[str] = frozenset({"/", "\\"})


CODE_HINT = (
    "Type one of the DfE codes, such as B (attended the provision), L (late), I (illness), "
    "N (no reason yet) or O (unauthorised)."
)


def lookup(code: str) -> AttendanceCode:
    """The code's entry; raises InvalidInput for anything not in the DfE table."""
    entry = CODES.get(code.strip().upper())
    if entry is None:
        raise InvalidInput(f"'{code}' is not a DfE attendance code. {CODE_HINT}")
    return entry
