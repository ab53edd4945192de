"""A pupil's chronology on paper: every event by its own date, OFFICIAL-SENSITIVE.

The lines are `apdesk.domain.chronology`'s, the same the pupil's Chronology page shows;
an incident's narrative (its `detail`) is printed under its line only when the service
filled it in for someone who may read incidents. `pupil_table` and `chronology_table` are
shared with the CP-file transfer pack and the subject access bundle.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from apdesk.documents.base import DocumentSpec, build_pdf
from apdesk.documents.parts import NOT_RECORDED, letterhead_for
from apdesk.documents.styles import esc, format_date, grid_table, key_value_table, styles
from apdesk.domain.chronology import ChronologyEntry
from apdesk.domain.entities import Pupil, School
from apdesk.domain.labels import label

__all__ = ["chronology_table", "entry_when", "pupil_table", "render_chronology"]

_WIDTHS_MM = (30, 22, 122)
_KINDS = {"attendance": "Attendance"}


def entry_when(entry: ChronologyEntry) -> str:
    """ "10 Mar 2026", or "10 Mar 2026 14:20" for an event with a time."""
    day = format_date(entry.when.date())
    return day if entry.all_day else f"{day} {entry.when:%H:%M}"


def _what(entry: ChronologyEntry) -> Paragraph:
    parts = [f"<b>{esc(entry.summary)}</b>" if entry.detail else esc(entry.summary)]
    parts += [esc(line) for line in entry.detail.splitlines()]
    return Paragraph("<br/>".join(parts), styles().cell)


def chronology_table(entries: Sequence[ChronologyEntry]) -> Flowable:
    """The lines in event order, or a sentence saying there are none."""
    if not entries:
        return Paragraph("Nothing is recorded for this pupil yet.", styles().body)
    rows = [[entry_when(e), _KINDS.get(e.kind, e.kind.capitalize()), _what(e)] for e in entries]
    return grid_table(("When", "Kind", "What happened"), rows, [w * mm for w in _WIDTHS_MM])


def pupil_table(
    pupil: Pupil, flags: Sequence[str], extra: Sequence[tuple[str, str]] = ()
) -> Flowable:
    """Who the record is about: names, date of birth, UPN, year, SEN and the CP flags given."""
    preferred = pupil.preferred_name.strip()
    name = pupil.legal_name + (f" (known as {preferred})" if preferred else "")
    year = f"Year {pupil.year_group}" if pupil.year_group is not None else NOT_RECORDED
    pairs = [
        ("Pupil", name),
        ("Date of birth", format_date(pupil.date_of_birth)),
        ("UPN", pupil.upn or NOT_RECORDED),
        ("Year group", year),
        ("SEN", label(pupil.sen_status)),
    ]
    if flags:
        pairs.append(("Safeguarding", ", ".join(flags)))
    return key_value_table([*pairs, *extra], [38 * mm, 136 * mm])


def render_chronology(
    pupil: Pupil,
    entries: Sequence[ChronologyEntry],
    school: School,
    generated_on: date,
    prepared_by: str,
    flags: Sequence[str] = (),
    narratives: bool = True,
) -> bytes:
    """The chronology as PDF bytes, with who printed it and when."""
    s = styles()
    spec = DocumentSpec(f"Chronology: {pupil.legal_name}", letterhead_for(school), generated_on)
    note = (
        "Every event by the date it happened, not the date it was recorded; incidents "
        "with what happened, what was done and what was decided."
        if narratives
        else "Every event by the date it happened. Incident narratives are left out: the "
        "role of the person who printed this does not allow them."
    )
    story: list[Flowable] = [
        Paragraph(esc(f"Chronology: {pupil.legal_name}"), s.title),
        pupil_table(
            pupil,
            flags,
            [("Printed by", prepared_by), ("Printed on", format_date(generated_on))],
        ),
        Spacer(1, 4 * mm),
        Paragraph(esc(f"{len(entries)} entries. {note}"), s.body),
        chronology_table(entries),
        Paragraph(
            "A copy of APDesk's records on the day printed. Keep it as OFFICIAL-SENSITIVE: "
            "share it only with those who need it to keep the child safe, and destroy "
            "copies once they are no longer needed. APDesk records who printed it.",
            s.small,
        ),
    ]
    return build_pdf(spec, [story])
