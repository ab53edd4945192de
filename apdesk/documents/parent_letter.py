"""Parent information letters (policy §10): one placement, or a batch in one PDF.

A school-arranged placement gets an information letter and a tear-off consent form to
return. An off-site direction needs no consent (§10): it gets the statutory notice instead
(see ``direction_notice``). Each letter in a batch starts on a new page and is numbered
on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from apdesk.documents.base import DocumentSpec, build_pdf
from apdesk.documents.direction_notice import notice_story
from apdesk.documents.letter_parts import (
    PlacementLetter,
    closing,
    complaints,
    contacts_table,
    objectives_table,
    opening,
    review_paragraph,
)
from apdesk.documents.letter_wording import reason_sentence, sentence
from apdesk.documents.parts import (
    ballot_box,
    fill_in_table,
    letterhead_for,
    pattern_text,
    pupil_first_name,
    site_for,
    site_text,
    when,
)
from apdesk.documents.styles import MUTED, esc, key_value_table, styles
from apdesk.domain.entities import School
from apdesk.domain.enums import PlacementReason

__all__ = ["PlacementLetter", "render_letters", "render_parent_letter"]

_TITLE = "Alternative provision: information for parents and carers"


def _where_and_when(letter: PlacementLetter, width: float) -> Flowable:
    placement = letter.placement
    pairs = [
        ("Provider", letter.provider.name),
        ("Where", site_text(site_for(placement, letter.provider))),
        ("First day", when(placement.start_date)),
        ("Days", pattern_text(placement)),
        ("Session times", placement.session_times or "To be confirmed"),
        ("Planned end", when(placement.planned_end_date)),
    ]
    return key_value_table(pairs, [0.25 * width, 0.75 * width])


def _why(letter: PlacementLetter) -> Paragraph:
    placement, first = letter.placement, pupil_first_name(letter.pupil)
    why = reason_sentence(placement.reason, placement.reason_note, first)
    first = esc(first)
    text = (
        f"{esc(why + ' ' if why else '')}We believe this placement is in {first}'s best "
        f"interests. {first} stays on the school's roll throughout, and the school remains "
        f"responsible for {first}'s education, attendance and safety."
    )
    return Paragraph(text, styles().body)


def _letter_body(letter: PlacementLetter, school: School, width: float) -> list[Flowable]:
    s, first = styles(), esc(pupil_first_name(letter.pupil))
    intro = (
        f"We are writing to tell you about the alternative provision we would like to arrange "
        f"for {first}, and to ask for your consent. Please read this letter, keep it, and "
        "return the form at the end."
    )
    transport = letter.placement.transport or "To be agreed with you before the start."
    return [
        Paragraph(intro, s.body),
        Paragraph("Why", s.h1),
        _why(letter),
        Paragraph("Where and when", s.h1),
        _where_and_when(letter, width),
        Paragraph("What the placement should achieve", s.h1),
        objectives_table(letter.placement, width),
        Paragraph("Getting there", s.h1),
        Paragraph(esc(sentence(transport)), s.body),
        Paragraph("Reviews and keeping in touch", s.h1),
        review_paragraph(letter, school),
        Paragraph("Keeping " + first + " safe", s.h1),
        Paragraph(
            f"If you are worried about {first}'s safety at any time, contact the school's "
            "Designated Safeguarding Lead straight away. In an emergency, call 999.",
            s.body,
        ),
        contacts_table(letter, school, width),
        Paragraph("Complaints", s.h1),
        *complaints(letter, school),
    ]


def _consent_form(letter: PlacementLetter, school: School, width: float) -> Flowable:
    s, pupil = styles(), letter.pupil
    placement = letter.placement
    box, thirds = ballot_box(), [0.45 * width, 0.25 * width, 0.3 * width]
    cut = Paragraph(
        f'<font color="{MUTED.hexval()}">- - - - - - - - - - - - Cut here and return this part '
        f"to {esc(school.name)} - - - - - - - - - - - -</font>",
        s.centre,
    )
    facts = (
        f"Pupil: <b>{esc(pupil.legal_name)}</b>. Provider: <b>{esc(letter.provider.name)}</b>. "
        f"From {esc(when(placement.start_date))} to {esc(when(placement.planned_end_date))}."
    )
    return KeepTogether(
        [
            cut,
            Spacer(1, 3 * mm),
            Paragraph("Consent to alternative provision", s.h1),
            Paragraph(facts, s.body),
            Paragraph(f"{box}&nbsp; I give my consent to this placement.", s.body),
            Paragraph(f"{box}&nbsp; I agree to the transport arrangements in this letter.", s.body),
            Paragraph(f"{box}&nbsp; I do not give my consent; please contact me.", s.body),
            Spacer(1, 2 * mm),
            fill_in_table(["Parent or carer name", "Relationship", "Phone"], thirds, 9 * mm),
            fill_in_table(["Signature", "Date"], [0.7 * width, 0.3 * width], 12 * mm),
        ]
    )


def letter_story(
    letter: PlacementLetter, school: School, generated_on: date, width: float
) -> list[Flowable]:
    """The flowables of one letter: the notice for an off-site direction, else the letter."""
    if letter.placement.reason is PlacementReason.OFFSITE_DIRECTION:
        return notice_story(letter, school, generated_on, width)
    return [
        *opening(letter, generated_on, "Alternative provision"),
        *_letter_body(letter, school, width),
        *closing(school),
        Spacer(1, 10 * mm),
        _consent_form(letter, school, width),
    ]


def _spec(school: School, generated_on: date) -> DocumentSpec:
    return DocumentSpec(_TITLE, letterhead_for(school), generated_on)


def render_parent_letter(letter: PlacementLetter, school: School, generated_on: date) -> bytes:
    """One placement's letter (or statutory notice) as PDF bytes."""
    return render_letters([letter], school, generated_on)


def render_letters(
    batch: Sequence[PlacementLetter],
    school: School,
    generated_on: date,
    on_progress: Callable[[int, int], None] | None = None,
) -> bytes:
    """Many letters in one PDF, each on fresh pages; ``on_progress(done, total)`` as it goes."""
    spec = _spec(school, generated_on)
    stories = [letter_story(item, school, generated_on, spec.frame_width) for item in batch]
    return build_pdf(spec, stories, on_progress=on_progress)
