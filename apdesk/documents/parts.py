"""Pieces several documents share: the letterhead from the School, addresses, sites, contacts.

Everything here turns domain objects into text or small flowables. Empty values read as
"Not recorded" so a gap in the store shows on paper instead of vanishing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from reportlab.platypus import Paragraph, Table, TableStyle

from apdesk.documents.base import Letterhead
from apdesk.documents.fonts import font_set
from apdesk.documents.styles import GRID, esc, format_date, styles
from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities import Contact, Placement, Provider, Pupil, School, Site
from apdesk.domain.errors import InvalidInput
from apdesk.domain.placements import parse_pattern

__all__ = [
    "NOT_RECORDED",
    "address_lines",
    "ballot_box",
    "clean",
    "contact_text",
    "days_required",
    "fill_in_table",
    "letterhead_for",
    "pattern_text",
    "pupil_first_name",
    "site_for",
    "site_text",
    "when",
]

NOT_RECORDED = "Not recorded"
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def address_lines(text: str) -> tuple[str, ...]:
    """An address typed on several lines, or on one line with commas, as its lines."""
    parts = text.splitlines() if "\n" in text else text.split(",")
    return tuple(p.strip() for p in parts if p.strip())


def letterhead_for(school: School) -> Letterhead:
    return Letterhead(
        name=school.name,
        address_lines=address_lines(school.address),
        urn=school.urn or None,
        phone=school.phone or None,
        email=school.email or None,
    )


def site_for(placement: Placement, provider: Provider) -> Site | None:
    """The site named on the placement, else the provider's main site."""
    named = next(
        (s for s in provider.sites if s.id is not None and s.id == placement.site_id), None
    )
    return named or provider.main_site


def site_text(site: Site | None) -> str:
    """ "Farm site, Holly Farm, Lower Lane, ..."; a name the address starts with, only once."""
    if site is None:
        return NOT_RECORDED
    lines = address_lines(site.address)
    first = lines[0].split(",")[0].strip() if lines else ""  # "Kestrel Lodge, Fell Road"
    named = first.casefold() == site.name.strip().casefold()
    return ", ".join(lines if named else (site.name, *lines))


def contact_text(contact: Contact | None) -> str:
    """ "Name (role), phone, email" with whatever is recorded."""
    if contact is None:
        return NOT_RECORDED
    name = f"{contact.name} ({contact.role})" if contact.role else contact.name
    return ", ".join(p for p in (name, contact.phone, contact.email) if p)


def pupil_first_name(pupil: Pupil) -> str:
    return pupil.preferred_name or pupil.legal_first_name


def pattern_text(placement: Placement) -> str:
    """ "Full-time" or "Part-time: Monday morning, Wednesday afternoon" from the weekly pattern."""
    if placement.full_time:
        return "Full-time"
    try:
        sessions = parse_pattern(placement.weekly_pattern)
    except InvalidInput:
        return f"Part-time: {placement.weekly_pattern}"
    if not sessions:
        return "Part-time (days to be confirmed)"
    words = {"AM": "morning", "PM": "afternoon"}
    named = [f"{_DAY_NAMES[d]} {words[str(s)]}" for d, s in sessions]
    return "Part-time: " + ", ".join(named)


def days_required(placement: Placement, school: School) -> int | None:
    """School days from the start to the planned end on which the pattern has a session."""
    if placement.planned_end_date is None:
        return None
    calendar = SchoolCalendar.for_school(school)
    days = calendar.school_days_between(placement.start_date, placement.planned_end_date)
    if placement.full_time:
        return len(days)
    try:
        weekdays = {d for d, _ in parse_pattern(placement.weekly_pattern)}
    except InvalidInput:
        return None
    return sum(1 for day in days if day.weekday() in weekdays) if weekdays else None


def ballot_box() -> str:
    """Paragraph markup for an empty tick box ☐ (ZapfDingbats ❏ without an embedded font)."""
    return "\u2610" if font_set().has_tick else '<font name="ZapfDingbats">o</font>'


def fill_in_table(labels: Sequence[str], widths: Sequence[float], height: float) -> Table:
    """Labelled boxes to write in by hand (name, signature, date...), one row."""
    s = styles()
    table = Table(
        [[Paragraph(esc(label), s.label) for label in labels], ["" for _ in labels]],
        colWidths=list(widths),
        rowHeights=[None, height],
    )
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                ("INNERGRID", (0, 0), (-1, -1), 0.4, GRID),
                ("LINEBELOW", (0, 0), (-1, 0), 0, GRID),
            ]
        )
    )
    return table


def clean(text: str) -> str:
    """Collapse runs of whitespace a user may have typed."""
    return re.sub(r"\s+", " ", text).strip()


def when(day: date | None) -> str:
    """A date, or "To be confirmed" when it is not set yet."""
    return format_date(day, missing="To be confirmed")
