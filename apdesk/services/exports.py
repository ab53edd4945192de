"""CSV exports for the Trust, the local authority, the school's MIS and the census.

Seven kinds, each with a fixed header (a contract: scripts read these columns by name):
the register of pupils in AP, every AP referral with its decision (declined, withdrawn and
sent to the LA too), every attendance mark, the attendance and punctuality risk
register, the review schedule with what was held, the attendance file for the MIS (the
school's final codes, `domain/mis_attendance.py`) and the census's AP fields per placement
(`domain/census.py`). Dates are ISO (2026-11-28); the MIS file also has dd/mm/yyyy. Exporting
needs the export permission and the permission to see that data, and each export writes
one audit row (who, which kind, how many rows). Cells that a spreadsheet would run as a
formula get a leading apostrophe, because these files are opened in Excel.

Each kind's rows are made as they are written (`write_csv`), never held as a list, so an
export takes the same memory whatever the size of the store.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import IO

from apdesk.domain import census, mis_attendance
from apdesk.domain.errors import InvalidInput
from apdesk.domain.permissions import Permission
from apdesk.domain.record_kinds import RecordKind
from apdesk.services.actor import Actor
from apdesk.services.app_services import AppServices
from apdesk.services.export_mis import census_rows, mis_attendance_rows, pupils_without_upn
from apdesk.services.export_rows import (
    attendance_rows,
    referral_rows,
    register_rows,
    review_rows,
    risk_rows,
)

Rows = Iterable[Sequence[object]]


@dataclass(frozen=True)
class ExportKind:
    name: str
    header: tuple[str, ...]
    permission: Permission
    #: The rows, made as they are taken (within the read they open).
    rows: Callable[[AppServices, Actor], Rows]
    title: str = ""
    #: Sentences about what the file leaves out (said to the person exporting, not written).
    notes: Callable[[AppServices, Actor], list[str]] | None = None


KINDS: dict[str, ExportKind] = {
    kind.name: kind
    for kind in (
        ExportKind(
            "register",
            (
                "upn", "pupil", "provider", "site_address", "provider_contact", "provider_dsl",
                "start_date", "planned_end_date", "objectives", "next_review_date", "status",
                "school_lead", "ended_on", "outcome", "placement_id",
            ),
            Permission.VIEW_REGISTER,
            register_rows,
            "Register of pupils in AP",
        ),
        ExportKind(
            "ap-referrals",
            (
                "upn", "pupil", "referred_on", "referred_by", "reason_kind", "reason",
                "provider_considered", "decision", "decided_on", "decision_reason",
                "placement_ids", "referral_id",
            ),
            Permission.VIEW_PLACEMENTS,
            referral_rows,
            "AP referrals",
        ),
        ExportKind(
            "attendance",
            (
                "upn", "pupil", "placement_id", "provider", "date", "session", "provider_code",
                "reported_by", "reported_how", "reported_at", "final_code", "counted_code",
            ),
            Permission.VIEW_ATTENDANCE,
            attendance_rows,
            "Attendance marks and providers' reports",
        ),
        ExportKind(
            "risk-register",
            (
                "upn", "pupil", "provider", "possible_sessions", "present_sessions",
                "attendance_rate", "late_count", "flags", "placement_id", "unmarked_sessions",
            ),
            Permission.VIEW_ATTENDANCE,
            risk_rows,
            "Attendance and punctuality risk register",
        ),
        ExportKind(
            "reviews",
            (
                "upn", "pupil", "provider", "due_date", "type", "status", "completed_on",
                "placement_id",
            ),
            Permission.VIEW_REVIEWS,
            review_rows,
            "Review schedule",
        ),
        ExportKind(
            "mis-attendance",
            mis_attendance.HEADER,
            Permission.VIEW_ATTENDANCE,
            mis_attendance_rows,
            "Attendance for the MIS",
            pupils_without_upn,
        ),
        ExportKind(
            "census",
            census.HEADER,
            Permission.VIEW_PLACEMENTS,
            census_rows,
            "Census AP placements",
        ),
    )
}  # fmt: skip

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Written:
    """An export written: its kind, how many rows under the header, and what it leaves out."""

    kind: str
    rows: int
    notes: tuple[str, ...] = ()


def kind_names() -> list[str]:
    return list(KINDS)


def safe_cell(value: object) -> str:
    """The cell as text on one line, with a leading apostrophe if Excel would run it."""
    text = "" if value is None else str(value)
    if not text.isprintable():  # a printable text holds no line break: most cells, kept as is
        text = " ".join(text.splitlines())
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(
    svc: AppServices, actor: Actor, kind: str, out: IO[str], line_end: str = "\r\n"
) -> Written:
    """Write one kind as RFC 4180 CSV to `out` (CRLF line ends by default; "\\n" for a
    terminal), a row at a time as it is read; refused unless the actor may export data and
    see that data."""
    spec = KINDS.get(kind)
    if spec is None:
        raise InvalidInput(f"There is no export called '{kind}'. Choose from: {', '.join(KINDS)}.")
    svc.require(actor, Permission.EXPORT_DATA, spec.permission)
    writer = csv.writer(out, lineterminator=line_end)
    writer.writerow(spec.header)
    count = 0
    for row in spec.rows(svc, actor):
        writer.writerow([safe_cell(cell) for cell in row])
        count += 1
    notes = tuple(spec.notes(svc, actor)) if spec.notes else ()
    with svc.work(actor, Permission.EXPORT_DATA, spec.permission) as uow:
        uow.audit(
            "export.csv",
            RecordKind.EXPORT,
            None,
            new={"kind": kind, "rows": count},
            changed=False,
        )
    return Written(kind, count, notes)


def headers() -> dict[str, Sequence[str]]:
    return {name: kind.header for name, kind in KINDS.items()}
