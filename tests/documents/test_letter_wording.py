"""Letters and notices read correctly for every reason and every type of school: sentences
end where they should, contacts that exist are named, and the notice cites the right law."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest

from apdesk.documents.letter_parts import named_contact
from apdesk.documents.letter_wording import LEGAL_BASIS, sentence
from apdesk.documents.parent_letter import PlacementLetter, render_parent_letter
from apdesk.domain.entities import Contact, Provider
from apdesk.domain.enums import PlacementReason, ProviderKind, SchoolType
from tests.documents import fixtures as fx
from tests.documents.conftest import GENERATED_ON, poppler_text

TYPES = [None, *SchoolType]
# Fixed sentences of the letter and notice that follow text typed by a person.
FIXED = (
    "We believe",
    "Tyler stays",
    "Your consent",
    "The governing body",
    "The academy trust",
    "A free school",
    "The school follows",
    "Section 29A",
    "You may ask",
)


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("to re-engage", "to re-engage."),
        ("  to re-engage.  ", "to re-engage."),
        ("Is it?", "Is it?"),
        ('He said "stop."', 'He said "stop."'),
        ("(see the plan.)", "(see the plan.)"),
        ("two\nlines", "two lines."),
        ("", ""),
        ("   ", ""),
    ],
)
def test_typed_text_becomes_one_finished_sentence(typed, printed):
    assert sentence(typed) == printed


def _letter(reason: PlacementReason, provider: Provider) -> PlacementLetter:
    placement = replace(
        fx.tyler_placement(),
        reason=reason,
        reason_note="A vocational course to re-engage",  # no full stop, as people type
        transport="The number 7 bus",
    )
    return PlacementLetter(placement, fx.tyler(), provider)


def _text(reason: PlacementReason, school_type: SchoolType | None, provider: Provider) -> str:
    school = replace(fx.school(), school_type=school_type)
    return poppler_text(render_parent_letter(_letter(reason, provider), school, GENERATED_ON))


@pytest.mark.parametrize("school_type", TYPES, ids=str)
@pytest.mark.parametrize("reason", list(PlacementReason), ids=str)
def test_every_reason_and_school_type_reads_correctly(reason, school_type):
    text = _text(reason, school_type, fx.hilltop())  # Hilltop's only contact is its DSL
    assert "to re-engage." in text and "to re-engage We" not in text
    assert "The number 7 bus." in text
    for fixed in FIXED:
        for found in re.finditer(re.escape(fixed), text):
            before = text[: found.start()].rstrip()
            assert before[-1] in ".!?:)", f"no full stop before {fixed!r}: …{before[-40:]}"
    assert "named contact Not recorded" not in text
    assert "Ann Hill (Tutor and DSL), 07700 900123 (also the safeguarding lead)" in text
    notice = reason is PlacementReason.OFFSITE_DIRECTION
    assert ("Notice of an off-site direction" in text) is notice
    if not notice:
        return
    assert " ".join(LEGAL_BASIS[school_type].power.split()) in text
    assert "27 Nov 2026" in text.split("Notice of an off-site direction")[0]  # the notice date
    cites_29a = "under section 29A of the Education Act 2002" in text
    assert cites_29a is (school_type is SchoolType.MAINTAINED)
    if school_type in (SchoolType.ACADEMY, SchoolType.FREE_SCHOOL):
        assert "articles of association and funding agreement" in text
        assert "apply to maintained schools" in text
    if school_type is None:
        assert "29A" not in text


def test_named_contact_falls_back_to_the_dsl_then_the_office():
    provider = Provider("Solo Tutor", ProviderKind.TUTOR, phone="01234 000111")
    assert named_contact(provider) == "The office: 01234 000111"
    provider.contacts = [Contact("Ann Hill", "Tutor", "07700 900123", is_dsl=True)]
    assert named_contact(provider).endswith("(also the safeguarding lead)")
    provider.contacts.append(Contact("Bo Lee", "Administrator", "07700 900124"))
    assert named_contact(provider) == "Bo Lee (Administrator), 07700 900124"
    assert named_contact(Provider("Unknown", ProviderKind.TUTOR)) == "Not recorded"


def test_a_notice_not_yet_given_is_dated_the_day_it_is_made():
    letter = _letter(PlacementReason.OFFSITE_DIRECTION, fx.riverside())
    letter.placement.direction_notice_on = None
    text = poppler_text(render_parent_letter(letter, fx.school(), date(2026, 11, 25)))
    head = text.split("Notice of an off-site direction")[0]
    assert "25 Nov 2026" in head and "27 Nov 2026" not in head
