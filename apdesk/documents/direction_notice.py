"""The written notice of an off-site direction to improve behaviour.

The notice must reach parents at least two school days before the first day, and gives
the address, the person to report to, the number of days, the reasons and objectives,
and the session times. Parental consent is not needed (policy §10), so there is no
consent form; the notice says how to ask for a review meeting instead. It is dated the
day notice was recorded as given (the day it was first printed, unless typed), and its
legal basis follows the school's type (`letter_wording.LEGAL_BASIS`: section 29A of the
Education Act 2002 only for a maintained school).
"""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable, Paragraph

from apdesk.documents.letter_parts import (
    PlacementLetter,
    closing,
    complaints,
    contacts_table,
    objectives_table,
    opening,
    reviews_text,
)
from apdesk.documents.letter_wording import basis_for, sentence
from apdesk.documents.parts import (
    days_required,
    pattern_text,
    pupil_first_name,
    site_for,
    site_text,
    when,
)
from apdesk.documents.styles import esc, format_date, key_value_table, styles
from apdesk.domain.entities import School

__all__ = ["notice_story"]


def _facts(letter: PlacementLetter, school: School, width: float) -> Flowable:
    placement, first = letter.placement, pupil_first_name(letter.pupil)
    days = days_required(placement, school)
    counted = f"{days} school days" if days is not None else "To be confirmed"
    pairs = [
        (f"Address where {first} must attend", site_text(site_for(placement, letter.provider))),
        ("Provider", letter.provider.name),
        ("Person to report to", placement.report_to or "To be confirmed"),
        ("First day", when(placement.start_date)),
        ("Number of days", counted),
        ("Days", pattern_text(placement)),
        ("Session times", placement.session_times or "To be confirmed"),
        ("Planned end", when(placement.planned_end_date)),
    ]
    return key_value_table(pairs, [0.32 * width, 0.68 * width])


def _intro(letter: PlacementLetter, school: School) -> list[Flowable]:
    s, first = styles(), esc(pupil_first_name(letter.pupil))
    power = esc(basis_for(school.school_type).power)
    return [
        Paragraph(
            f"This is written notice that the school requires {first} to attend educational "
            f"provision away from the school site, to improve behaviour. {power} Your "
            "consent is not needed for an off-site direction, but we want to work with you "
            f"and hope you will support {first} in making the most of it.",
            s.body,
        ),
        Paragraph(
            f"{first} stays on the school's roll throughout. The school remains responsible "
            f"for {first}'s education, attendance and safety.",
            s.body,
        ),
    ]


def _reasons(letter: PlacementLetter) -> Paragraph:
    note = sentence(letter.placement.reason_note)
    return Paragraph(esc(note or "The reasons will be explained to you in person."), styles().body)


def _reviews(letter: PlacementLetter, school: School) -> list[Flowable]:
    s = styles()
    planned = reviews_text(letter.placement, school, letter.review_slots) or "dates to follow"
    return [
        Paragraph(
            "The school will keep this requirement under review at meetings planned for "
            f"{esc(planned)}. You are invited to each of them.",
            s.body,
        ),
        Paragraph(esc(basis_for(school.school_type).review_request), s.body),
    ]


def _la_line(letter: PlacementLetter) -> list[Flowable]:
    told = letter.placement.la_notified_on
    if told is None:
        return []
    text = f"The local authority was told about this placement on {format_date(told)}."
    return [Paragraph(esc(text), styles().body)]


def notice_story(
    letter: PlacementLetter, school: School, generated_on: date, width: float
) -> list[Flowable]:
    """The flowables of one notice (no consent form), dated the day notice was given."""
    s = styles()
    transport = letter.placement.transport or "To be agreed with you before the first day."
    given_on = letter.placement.direction_notice_on or generated_on
    return [
        *opening(letter, given_on, "Notice of an off-site direction"),
        *_intro(letter, school),
        Paragraph("Where, when and who to report to", s.h1),
        _facts(letter, school, width),
        Paragraph("Reasons", s.h1),
        _reasons(letter),
        Paragraph("Objectives", s.h1),
        objectives_table(letter.placement, width),
        Paragraph("Getting there", s.h1),
        Paragraph(esc(sentence(transport)), s.body),
        Paragraph("Reviews", s.h1),
        *_reviews(letter, school),
        *_la_line(letter),
        Paragraph("Safeguarding contacts", s.h1),
        contacts_table(letter, school, width),
        Paragraph("Complaints", s.h1),
        *complaints(letter, school),
        *closing(school),
    ]
