"""The register of pupils in alternative provision (policy §17), landscape.

One row per placement: pupil, provider name, the addresses where the pupil is educated
(every site, subcontracted and satellite included: §5), staff contacts, start and end
dates, objectives and review dates. Review dates come from the placement's review plan (the
one schedule rule): the last review held and the next one still to do, in bold when overdue.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from apdesk.documents.base import DocumentSpec, build_pdf
from apdesk.documents.paged_table import PagedTable
from apdesk.documents.parts import (
    NOT_RECORDED,
    contact_text,
    letterhead_for,
    site_for,
    site_text,
    when,
)
from apdesk.documents.register_entries import ReferralEntry, RegisterCounts, RegisterEntry
from apdesk.documents.styles import Cell, esc, format_date, grid_table, styles
from apdesk.domain.ap_referrals import outcome_text
from apdesk.domain.entities import Contact, Placement, Provider, Pupil, School
from apdesk.domain.labels import label
from apdesk.domain.providers import census_identifier
from apdesk.domain.reviews import SlotStatus, next_slot

__all__ = ["ReferralEntry", "RegisterCounts", "RegisterEntry", "render_register"]

_HEADER = ("Pupil", "Provider", "Addresses", "Staff contacts", "Dates", "Objectives", "Reviews")
_WIDTHS_MM = (33, 34, 45, 45, 33, 43, 28)


_REFERRAL_HEADER = ("Pupil", "Referred", "Reason", "Provider considered", "Outcome")
_REFERRAL_WIDTHS_MM = (40, 38, 70, 40, 73)


def _referral_row(entry: ReferralEntry) -> list[object]:
    r = entry.referral
    return [
        _pupil(entry.pupil),
        _cell([format_date(r.referred_on), f"by {r.referred_by}" if r.referred_by else ""]),
        _cell([label(r.reason_kind), r.reason]),
        _cell([entry.provider or "None named"]),
        _cell([outcome_text(r)], bold_first=r.decision is None),
    ]


def _referrals(entries: Sequence[ReferralEntry]) -> list[Flowable]:
    s = styles()
    ordered = sorted(entries, key=lambda e: (e.referral.referred_on, e.referral.id or 0))
    open_count = sum(1 for e in ordered if e.referral.is_open)
    intro = (
        f"{len(ordered)} referral{'' if len(ordered) == 1 else 's'} for alternative provision, "
        f"{open_count} still being considered; declined, withdrawn and local-authority "
        "referrals stay on the record with their reasons."
        if ordered
        else "No referral for alternative provision has been recorded."
    )
    story: list[Flowable] = [Paragraph("AP referrals", s.h1), Paragraph(esc(intro), s.body)]
    if ordered:
        rows = [_referral_row(e) for e in ordered]
        story.append(grid_table(_REFERRAL_HEADER, rows, [w * mm for w in _REFERRAL_WIDTHS_MM]))
    return story


def _cell(lines: Sequence[str], bold_first: bool = False) -> Cell:
    parts = [esc(line) for line in lines if line]
    if bold_first and parts:
        parts[0] = f"<b>{parts[0]}</b>"
    return Cell("<br/>".join(parts) or NOT_RECORDED, styles().cell)


def _pupil(pupil: Pupil) -> Cell:
    year = f"Year {pupil.year_group}" if pupil.year_group is not None else ""
    upn = f"UPN {pupil.upn}" if pupil.upn else ""
    return _cell([pupil.legal_name, year, upn], bold_first=True)


def _provider(provider: Provider) -> Cell:
    if provider.ofsted_urn:
        identifier = f"Ofsted URN {provider.ofsted_urn}"
    elif provider.ukprn:
        identifier = f"UKPRN {provider.ukprn}"
    else:
        identifier = f"Setting type {census_identifier(provider)}" if provider.setting_type else ""
    return _cell([provider.name, label(provider.kind), identifier], bold_first=True)


def _addresses(entry: RegisterEntry) -> Cell:
    site = site_for(entry.placement, entry.provider)
    others = [s for s in entry.provider.sites if s is not site]
    lines = [site_text(site)] + [f"Also: {site_text(s)} ({label(s.kind)})" for s in others]
    return _cell(lines)


def _contacts(entry: RegisterEntry) -> Cell:
    provider = entry.provider
    named = next((c for c in provider.contacts if not c.is_dsl), None)
    lines = [
        _contact_line("Contact", named),
        _contact_line("DSL", provider.dsl),
        esc(f"School lead: {entry.placement.school_lead or NOT_RECORDED}"),
    ]
    return Cell("<br/>".join(lines), styles().cell)


def _contact_line(role: str, contact: Contact | None) -> str:
    """ "Contact: name (role), phone, e-mail", an e-mail too long for the column broken after
    its @ (and, if still too long, after a dot) rather than at whichever letter reaches the
    edge: a DSL copying the address from paper must not guess where it was cut."""
    line = esc(f"{role}: {contact_text(contact)}")
    email = contact.email if contact else ""
    if email and not _fits(email):
        line = line.replace(esc(email), "<br/>".join(esc(part) for part in _email_lines(email)))
    return line


def _fits(text: str) -> bool:
    s = styles().cell
    return bool(stringWidth(text, s.fontName, s.fontSize) <= _WIDTHS_MM[3] * mm - 10)


def _email_lines(email: str) -> list[str]:
    """The address in lines that each fit the contacts column, broken only after @ or a dot
    (a part longer than the column on its own is left to the paragraph)."""
    local, _, domain = email.partition("@")
    lines = [f"{local}@"]
    current = ""
    for part in re.findall(r"[^.]+\.?|\.", domain):
        if current and not _fits(current + part):
            lines.append(current)
            current = ""
        current += part
    return [*lines, current]


def _nb(text: str) -> str:
    """Keep a date on one line."""
    return text.replace(" ", "\u00a0")


def _dates(placement: Placement) -> Cell:
    status = label(placement.status)
    if placement.ended_on:
        status = f"{status} {_nb(format_date(placement.ended_on))}"
    if placement.outcome is not None:
        status = f"{status}: {label(placement.outcome)}"
    return _cell(
        [
            f"Start {_nb(when(placement.start_date))}",
            f"Planned end {_nb(when(placement.planned_end_date))}",
            status,
        ]
    )


def _objectives(placement: Placement) -> Cell:
    lines = [f"{label(o.area)}: {o.target}" for o in placement.objectives]
    return _cell(lines or [NOT_RECORDED])


def _reviews(entry: RegisterEntry, today: date) -> Cell:
    """Last held, then the next one still to do: bold when it is already overdue."""
    held = format_date(entry.last_held, missing="none yet")
    parts = [esc(f"Last held {_nb(held)}")]
    upcoming = next_slot(entry.slots, today)
    if upcoming is not None and upcoming.status(today) is SlotStatus.OVERDUE:
        parts.append(f"<b>Overdue since {_nb(esc(format_date(upcoming.due_on)))}</b>")
    elif upcoming is not None or not entry.placement.is_closed:
        due = upcoming.due_on if upcoming else None
        parts.append(esc(f"Next due {_nb(format_date(due, missing='none'))}"))
    return Cell("<br/>".join(parts), styles().cell)


def _row(entry: RegisterEntry, today: date) -> list[object]:
    return [
        _pupil(entry.pupil),
        _provider(entry.provider),
        _addresses(entry),
        _contacts(entry),
        _dates(entry.placement),
        _objectives(entry.placement),
        _reviews(entry, today),
    ]


def render_register(
    entries: Iterable[RegisterEntry],
    counts: RegisterCounts,
    school: School,
    generated_on: date,
    referrals: Sequence[ReferralEntry] = (),
) -> bytes:
    """The register as landscape PDF bytes, the placements in the order given (pupils by
    surname), made a page at a time as they are read, then the AP referrals oldest first."""
    s = styles()
    spec = DocumentSpec(
        "Register of pupils in alternative provision",
        letterhead_for(school),
        generated_on,
        landscape=True,
    )
    total, live = counts.placements, counts.live
    intro = (
        f"{total} placement{'' if total == 1 else 's'} on "
        f"{format_date(generated_on)}: {live} current, "
        f"{total - live} ended. Available to governors, the Trust and the local "
        "authority on request (policy §17)."
    )
    rows = (_row(entry, generated_on) for entry in entries)
    story: list[Flowable] = [
        Paragraph("Register of pupils in alternative provision", s.title),
        Paragraph(esc(intro), s.body),
        PagedTable(_HEADER, rows, [w * mm for w in _WIDTHS_MM]),
        *_referrals(referrals),
    ]
    return build_pdf(spec, [story])
