"""A pupil's file leaving the school: the CP-file transfer pack and the subject access bundle.

Both are built from one `PupilFile` (gathered by `apdesk.services.pupil_file`, redacted there
when the DSL chooses): who the pupil is, the chronology, each incident in full with its
referrals, and each placement's plans. The subject access bundle adds reviews and
attendance, and comes with the same data as JSON (`pupil_file_json`). `encrypt_pdf` locks a
PDF with AES-256 (PDF 2.0, pyHanko) under a code; nothing here keeps the code.
"""

from __future__ import annotations

import io
import secrets
from collections.abc import Sequence
from datetime import date
from typing import Any

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.writer import copy_into_new_writer
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from apdesk.documents.base import DocumentSpec, build_pdf
from apdesk.documents.chronology import chronology_table, entry_when, pupil_table
from apdesk.documents.parts import NOT_RECORDED, letterhead_for
from apdesk.documents.pupil_file_data import FiledIncident, FiledPlacement, PupilFile
from apdesk.documents.styles import esc, format_date, grid_table, key_value_table, styles
from apdesk.domain.chronology import incident_parts, referral_text
from apdesk.domain.entities import School
from apdesk.domain.labels import label

__all__ = [
    "FiledIncident",
    "FiledPlacement",
    "PupilFile",
    "encrypt_pdf",
    "pupil_file_json",
    "render_subject_access",
    "render_transfer_pack",
]


def _lines(*pairs: tuple[str, str]) -> Paragraph:
    parts = [f"<b>{esc(k)}:</b> {esc(v)}" for k, v in pairs if v and v.strip()]
    return Paragraph("<br/>".join(parts) or NOT_RECORDED, styles().cell)


def _incidents(file: PupilFile) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [Paragraph("Incidents and referrals", s.h1)]
    if not file.incidents:
        return [*story, Paragraph("No incident names this pupil.", s.body)]
    for filed in file.incidents:
        i = filed.incident
        story.append(
            Paragraph(
                esc(f"{label(i.category)} on {format_date(i.occurred_at.date())} "
                    f"{i.occurred_at:%H:%M} ({filed.role.lower()})"),
                s.h2,
            )
        )  # fmt: skip
        status = label(i.status) + (f", {format_date(i.closed_on)}" if i.closed_on else "")
        pairs: list[tuple[str, object]] = [
            ("Reported by", i.reported_by or NOT_RECORDED),
            ("Status", status),
            *incident_parts(i),
            *((f"Referral {format_date(r.made_on)}", referral_text(r)) for r in i.referrals),
        ]
        story.append(key_value_table(pairs, [38 * mm, 136 * mm]))
    return story


def _plans(file: PupilFile) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [Paragraph("Placements and plans", s.h1)]
    if not file.placements:
        return [*story, Paragraph("No placement in alternative provision.", s.body)]
    for filed in file.placements:
        p = filed.placement
        end = p.ended_on or p.planned_end_date
        story.append(
            Paragraph(esc(f"{filed.provider}: {format_date(p.start_date)} to "
                          f"{format_date(end)} ({label(p.status).lower()})"), s.h2)
        )  # fmt: skip
        objectives = "; ".join(f"{label(o.area)}: {o.target}" for o in p.objectives)
        risks = "; ".join(
            t for t in (p.risk_travel, p.risk_site_hazards, p.risk_safeguarding,
                        p.risk_health_needs) if t.strip()
        )  # fmt: skip
        story.append(
            key_value_table(
                [
                    ("Reason", label(p.reason) + (f": {p.reason_note}" if p.reason_note else "")),
                    ("Objectives", objectives or NOT_RECORDED),
                    ("Risk assessment", f"{label(p.risk_level)} risk. {risks}".strip()),
                    ("Curriculum", p.curriculum_plan or NOT_RECORDED),
                    ("Exit plan", p.exit_plan or NOT_RECORDED),
                ],
                [38 * mm, 136 * mm],
            )
        )
    return story


def _reviews(file: PupilFile) -> list[Flowable]:
    s = styles()
    rows = [
        [format_date(r.held_on), label(r.kind), _lines(("Concerns", r.concerns),
                                                       ("Attendance", r.attendance_note))]
        for r in sorted(file.reviews, key=lambda r: r.held_on)
    ]  # fmt: skip
    if not rows:
        return [Paragraph("Reviews", s.h1), Paragraph("No review held yet.", s.body)]
    return [Paragraph("Reviews", s.h1), grid_table(("Held", "Kind", "Notes"), rows,
                                                    [28 * mm, 40 * mm, 106 * mm])]  # fmt: skip


def _attendance(file: PupilFile) -> list[Flowable]:
    s = styles()
    coded = [m for m in file.marks if m.effective_code]
    counts: dict[str, int] = {}
    for m in coded:
        code = m.effective_code or ""
        counts[code] = counts.get(code, 0) + 1
    text = ", ".join(f"{code} {n}" for code, n in sorted(counts.items())) or "no marks"
    return [
        Paragraph("Attendance", s.h1),
        Paragraph(esc(f"{len(coded)} sessions marked (by code: {text}). Each mark is in the "
                      "machine-readable file."), s.body),
    ]  # fmt: skip


def _document(
    title: str,
    intro: Sequence[tuple[str, str]],
    note: str,
    file: PupilFile,
    school: School,
    generated_on: date,
    extra: Sequence[Flowable] = (),
) -> bytes:
    s = styles()
    spec = DocumentSpec(title, letterhead_for(school), generated_on)
    story: list[Flowable] = [
        Paragraph(esc(title), s.title),
        pupil_table(file.pupil, file.flags, intro),
        Spacer(1, 3 * mm),
        Paragraph(esc(note), s.body),
        # not kept with the table: a long chronology would leave the first page empty
        Paragraph("Chronology", ParagraphStyle("h1_loose", parent=s.h1, keepWithNext=0)),
        chronology_table(file.chronology),
        *_incidents(file),
        *_plans(file),
        *extra,
    ]
    return build_pdf(spec, [story])


def render_transfer_pack(
    file: PupilFile,
    school: School,
    generated_on: date,
    prepared_by: str,
    receiving: str,
) -> bytes:
    """The child-protection file for the next school (before encryption)."""
    return _document(
        f"Child-protection file: {file.pupil.legal_name}",
        [("Sent to", receiving), ("Sent by", prepared_by), ("Sent on", format_date(generated_on))],
        "Transferred under Keeping Children Safe in Education: please confirm receipt to the "
        "sending DSL, keep this file apart from the main pupil file, and tell the sending "
        "school if anything here is unclear.",
        file,
        school,
        generated_on,
    )


def render_subject_access(
    file: PupilFile,
    school: School,
    generated_on: date,
    prepared_by: str,
    request: Sequence[tuple[str, str]],
    redacted: bool,
) -> bytes:
    """The pupil's data for a subject access request, as the DSL chose to redact it."""
    note = (
        "Names of other people (other pupils, staff, witnesses) are shown as [redacted]."
        if redacted
        else "Nothing in this copy has been redacted."
    )
    return _document(
        f"Subject access: {file.pupil.legal_name}",
        [*request, ("Prepared by", prepared_by), ("Prepared on", format_date(generated_on))],
        note,
        file,
        school,
        generated_on,
        [*_reviews(file), *_attendance(file)],
    )


def pupil_file_json(file: PupilFile, request: dict[str, Any]) -> dict[str, Any]:
    """The same data as plain JSON-ready values, for the requester to take elsewhere."""
    p = file.pupil
    return {
        "request": request,
        "pupil": {
            "legal_first_name": p.legal_first_name,
            "legal_last_name": p.legal_last_name,
            "preferred_name": p.preferred_name,
            "date_of_birth": p.date_of_birth.isoformat(),
            "upn": p.upn,
            "year_group": p.year_group,
            "sen_status": str(p.sen_status),
            "safeguarding_flags": list(file.flags),
            "carers": [
                {
                    "name": c.name,
                    "relationship": c.relationship,
                    "phone": c.phone,
                    "email": c.email,
                    "address": c.address,
                }
                for c in p.carers
            ],
        },
        "chronology": [
            {"when": entry_when(e), "kind": e.kind, "what": e.summary, "detail": e.detail}
            for e in file.chronology
        ],
        "incidents": [
            {
                "occurred_at": f.incident.occurred_at.isoformat(timespec="minutes"),
                "category": label(f.incident.category),
                "role": f.role,
                "reported_by": f.incident.reported_by,
                "narrative": f.incident.narrative,
                "actions_taken": f.incident.actions_taken,
                "decision": f.incident.decision,
                "rationale": f.incident.rationale,
                "status": str(f.incident.status),
                "referrals": [
                    {
                        "agency": label(r.agency),
                        "made_on": r.made_on.isoformat(),
                        "reference": r.reference,
                        "outcome": r.outcome,
                    }
                    for r in f.incident.referrals
                ],
            }
            for f in file.incidents
        ],
        "placements": [
            {
                "provider": f.provider,
                "start_date": f.placement.start_date.isoformat(),
                "planned_end_date": _iso(f.placement.planned_end_date),
                "ended_on": _iso(f.placement.ended_on),
                "status": str(f.placement.status),
                "reason": label(f.placement.reason),
                "objectives": [f"{label(o.area)}: {o.target}" for o in f.placement.objectives],
                "curriculum_plan": f.placement.curriculum_plan,
                "exit_plan": f.placement.exit_plan,
            }
            for f in file.placements
        ],
        "reviews": [
            {
                "held_on": r.held_on.isoformat(),
                "kind": label(r.kind),
                "concerns": r.concerns,
                "attendance_note": r.attendance_note,
            }
            for r in file.reviews
        ],
        "attendance": [
            {"date": m.date.isoformat(), "session": str(m.session), "code": m.effective_code}
            for m in sorted(file.marks, key=lambda m: (m.date, str(m.session)))
        ],
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def encrypt_pdf(pdf: bytes, code: str) -> bytes:
    """`pdf` encrypted with AES-256 (PDF 2.0 standard security handler, pyHanko): it opens
    only with `code`. The owner password is random and thrown away."""
    writer = copy_into_new_writer(PdfFileReader(io.BytesIO(pdf)))
    writer.encrypt(secrets.token_urlsafe(32), code)  # type: ignore[no-untyped-call]
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()
