"""The parts every letter to parents shares (policy §10, §15): who it is to, the objectives,
the review dates, the safeguarding contacts, how to complain, and the signature.

The input is one ``PlacementLetter``: a placement with its pupil and provider resolved,
and optionally the carers to write to (by default every carer with parental
responsibility).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from apdesk.documents.letter_wording import sentence
from apdesk.documents.parts import NOT_RECORDED, address_lines, contact_text, pupil_first_name
from apdesk.documents.styles import esc, format_date, grid_table, key_value_table, styles
from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities import Carer, Placement, Provider, Pupil, School
from apdesk.domain.enums import ProviderKind, ReviewKind
from apdesk.domain.labels import label
from apdesk.domain.reviews import ReviewIntervals, ReviewSlot, review_plan

__all__ = [
    "PlacementLetter",
    "closing",
    "complaints",
    "contacts_table",
    "named_contact",
    "objectives_table",
    "opening",
    "parent_reviews",
    "review_paragraph",
    "reviews_text",
]

_OFSTED_REGULATED = (ProviderKind.REGISTERED_INDEPENDENT_SCHOOL, ProviderKind.OFSTED_REGISTERED_AP)
_PARENT_REVIEWS = (ReviewKind.REVIEW_MEETING, ReviewKind.MID_POINT, ReviewKind.EXIT)


@dataclass(frozen=True)
class PlacementLetter:
    """One letter: the placement, its pupil and provider, and whom to write to."""

    placement: Placement
    pupil: Pupil
    provider: Provider
    carers: Sequence[Carer] = field(default_factory=tuple)
    review_slots: Sequence[ReviewSlot] | None = None  # the plan, from the services

    @property
    def recipients(self) -> list[Carer]:
        chosen = list(self.carers) or [c for c in self.pupil.carers if c.parental_responsibility]
        return chosen or list(self.pupil.carers)


def opening(letter: PlacementLetter, generated_on: date, subject: str) -> list[Flowable]:
    """Recipient block, date, reference line and salutation."""
    s, carers = styles(), letter.recipients
    names = [c.name for c in carers if c.name]
    address = next((address_lines(c.address) for c in carers if c.address.strip()), ())
    block = "<br/>".join(esc(line) for line in (" and ".join(names), *address) if line)
    pupil = letter.pupil
    year = f", Year {pupil.year_group}" if pupil.year_group is not None else ""
    return [
        Paragraph(block or "To the parents or carers of " + esc(pupil.legal_name), s.body),
        Spacer(1, 3 * mm),
        Paragraph(esc(format_date(generated_on)), s.body),
        Spacer(1, 2 * mm),
        Paragraph(f"<b>{esc(subject)}: {esc(pupil.legal_name)}{esc(year)}</b>", s.body),
        Paragraph(f"Dear {esc(' and '.join(names) or 'Parent or Carer')},", s.body),
    ]


def objectives_table(placement: Placement, width: float) -> Flowable:
    if not placement.objectives:
        return Paragraph("The objectives will be agreed with you before the start.", styles().body)
    rows = [
        [label(o.area), o.target, o.timescale or NOT_RECORDED, o.lead or NOT_RECORDED]
        for o in placement.objectives
    ]
    widths = [0.16 * width, 0.48 * width, 0.18 * width, 0.18 * width]
    return grid_table(["Area", "Objective", "By when", "Lead"], rows, widths)


def parent_reviews(
    placement: Placement, school: School, slots: Sequence[ReviewSlot] | None = None
) -> list[ReviewSlot]:
    """Review meetings, the mid-point review and the exit review (parents are invited), from
    the placement's review plan (projected from the start when none is given)."""
    if slots is None:
        slots = review_plan(
            placement, [], SchoolCalendar.for_school(school), ReviewIntervals.for_school(school)
        )
    return [slot for slot in slots if slot.kind in _PARENT_REVIEWS]


def reviews_text(
    placement: Placement, school: School, slots: Sequence[ReviewSlot] | None = None
) -> str:
    """ "6 Jan 2027 (mid-point review), 20 Jan 2027 (review meeting) and ..." in date order."""
    chosen = parent_reviews(placement, school, slots)
    items = [f"{format_date(s.due_on)} ({label(s.kind).lower()})" for s in chosen]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def contacts_table(letter: PlacementLetter, school: School, width: float) -> Flowable:
    """Safeguarding and day-to-day contacts at the school and at the provider."""
    provider = letter.provider
    dsl = ", ".join(p for p in (school.dsl, school.dsl_phone, school.dsl_email) if p)
    pairs = [
        ("School Designated Safeguarding Lead", dsl or NOT_RECORDED),
        ("School deputy DSL", school.deputy_dsl or NOT_RECORDED),
        ("School lead for this placement", letter.placement.school_lead or NOT_RECORDED),
        (f"{provider.name}: named contact", named_contact(provider)),
        (f"{provider.name}: safeguarding lead", contact_text(provider.dsl)),
    ]
    return key_value_table(pairs, [0.38 * width, 0.62 * width])


def named_contact(provider: Provider) -> str:
    """Whom parents ask day to day: the first contact who is not the safeguarding lead, else
    the safeguarding lead (often the only person at a small provider), else the office."""
    others = [c for c in provider.contacts if not c.is_dsl]
    if others:
        return contact_text(others[0])
    if provider.dsl is not None:
        return contact_text(provider.dsl) + " (also the safeguarding lead)"
    office = ", ".join(p for p in (provider.phone, provider.email) if p.strip())
    return f"The office: {office}" if office else NOT_RECORDED


def complaints(letter: PlacementLetter, school: School) -> list[Flowable]:
    """How to complain and how a complaint is escalated (policy §15)."""
    s = styles()
    head = f", {school.headteacher}" if school.headteacher else ""
    text = (
        f"Please raise any complaint about the placement or the provider first with the "
        f"Headteacher{esc(head)}. The school will investigate and, where needed, take it up "
        "with the provider, the local authority or Ofsted."
    )
    if letter.provider.kind in _OFSTED_REGULATED:
        text += (
            f" {esc(letter.provider.name)} is an independent setting regulated by Ofsted, so if "
            "the matter is not resolved you may also complain to Ofsted."
        )
    parts: list[Flowable] = [Paragraph(text, s.body)]
    if school.complaint_route.strip():
        parts.append(Paragraph(esc(sentence(school.complaint_route)), s.body))
    return parts


def closing(school: School) -> list[Flowable]:
    """ "Yours sincerely," and the Headteacher's name, kept on one page (never the name alone)."""
    s = styles()
    name = school.headteacher or "Headteacher"
    return [
        Spacer(1, 2 * mm),
        KeepTogether(
            [
                Paragraph("Yours sincerely,", s.body),
                Spacer(1, 9 * mm),
                Paragraph(f"{esc(name)}<br/>Headteacher, {esc(school.name)}", s.body),
            ]
        ),
    ]


def review_paragraph(letter: PlacementLetter, school: School) -> Flowable:
    planned = reviews_text(letter.placement, school, letter.review_slots)
    first = esc(pupil_first_name(letter.pupil))
    text = (
        f"The school keeps in touch with the provider every week for the first month and "
        f"reviews {first}'s progress and attendance regularly after that."
    )
    if planned:
        text += f" You are invited to the reviews planned for {esc(planned)}."
    return Paragraph(text, styles().body)
