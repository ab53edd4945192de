"""The register of pupils in AP (§17): every column the policy names, landscape."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from apdesk.documents.register import RegisterCounts, RegisterEntry, render_register
from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities import Objective, Placement, Provider, Pupil, Review
from apdesk.domain.enums import ObjectiveArea, PlacementStatus, ReviewKind
from apdesk.domain.reviews import review_plan
from tests.documents import fixtures as fx
from tests.documents.conftest import GENERATED_ON, pdf_pages, pdf_text, render_png


def _entry(placement: Placement, pupil: Pupil, provider: Provider, *held: Review) -> RegisterEntry:
    calendar = SchoolCalendar.for_school(fx.school())
    last = max((r.held_on for r in held), default=None)
    return RegisterEntry(placement, pupil, provider, last, review_plan(placement, held, calendar))


def _entries() -> list[RegisterEntry]:
    overdue = fx.amelia_placement()
    overdue.id, overdue.start_date, overdue.status = 4, date(2026, 10, 1), PlacementStatus.ACTIVE
    return [
        _entry(fx.tyler_placement(), fx.tyler(), fx.riverside()),
        _entry(
            overdue,
            fx.amelia(),
            fx.hilltop(),
            Review(4, ReviewKind.MONITORING_CONTACT, date(2026, 10, 8)),
        ),
        _entry(
            fx.zoe_placement(),
            fx.zoe(),
            fx.hilltop(),
            Review(3, ReviewKind.EXIT, date(2026, 11, 20)),
        ),
    ]


COUNTS = RegisterCounts(3, 2)


@pytest.fixture(scope="module")
def register() -> bytes:
    return render_register(_entries(), COUNTS, fx.school(), GENERATED_ON)


def test_register_is_landscape_and_marked(register):
    page = PdfReader(io.BytesIO(register)).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)
    assert "OFFICIAL-SENSITIVE" in pdf_text(register)


def test_register_holds_pupil_provider_addresses_and_contacts(register):
    text = pdf_text(register)
    for expected in (
        "Tyler Brennan",
        "Amelia Kowalczyk",
        "Zoë Wiśniewska",
        "Riverside Learning Centre",
        "Ofsted URN 2654321",
        "Hilltop Tutoring",
        "Main site, 12 River Road, Oakfield, OK2 3CD",
        "Also: Farm site, Holly Farm, Lower Lane, Oakfield, OK3 9XY (Satellite site)",
        "Study room, 3 High Street, Oakfield, OK1 4EF",
        "Contact: Sam Patel (Centre manager)",
        "DSL: Lucy Grant (DSL)",
        "DSL: Ann Hill",
        "School lead: Mr David Osei",
    ):
        assert expected in text, expected


def test_register_holds_dates_objectives_and_review_dates(register):
    text = pdf_text(register).replace("\xa0", " ")
    assert "Start 2 Dec 2026" in text and "Planned end 29 Jan 2027" in text
    assert "Ended 20 Nov 2026" in text
    assert "Attendance: Attend at least 95% of sessions" in text
    # Amelia: the contact of 8 Oct, then nothing; the review meeting due 20 Nov is overdue.
    assert "Last held 8 Oct 2026" in text and "Overdue since 20 Nov 2026" in text
    assert "Next due 4 Dec 2026" in text  # Tyler: the last school day of his first week
    assert "Last held 20 Nov 2026" in text


def test_register_lists_pupils_by_surname(register):
    text = pdf_text(register)
    assert text.index("Tyler Brennan") < text.index("Amelia Kowalczyk") < text.index("Zoë Wi")


def test_register_renders(register, tmp_path):
    assert render_png(register, tmp_path)


def _referral_entries():
    from apdesk.documents.register import ReferralEntry
    from apdesk.domain.entities import APReferral
    from apdesk.domain.enums import APReferralDecision, PlacementReason

    declined = APReferral(
        2,
        date(2026, 9, 14),
        "Repeated fixed-term exclusions; needs a smaller setting",
        "Mrs Okafor (Head of Year 9)",
        PlacementReason.EXCLUSION,
        decision=APReferralDecision.DECLINED,
        decided_on=date(2026, 9, 21),
        decision_reason="Needs can be met in school with a mentor",
        id=1,
    )
    considered = APReferral(
        3, date(2026, 11, 23), "Anxiety; not attending", "SENCo", PlacementReason.ILLNESS_LA, id=2
    )
    return [
        ReferralEntry(considered, fx.tyler(), "Hilltop Tutoring"),
        ReferralEntry(declined, fx.amelia(), "Riverside Skills Centre"),
    ]


def test_register_lists_ap_referrals_with_reason_date_and_outcome(tmp_path):
    pdf = render_register(_entries(), COUNTS, fx.school(), GENERATED_ON, _referral_entries())
    text = pdf_text(pdf)
    assert "AP referrals" in text
    assert "2 referrals for alternative provision, 1 still being considered" in text
    assert "Declined on 21 Sep 2026: Needs can be met in school with a mentor" in text
    assert "by Mrs Okafor (Head of Year 9)" in text and "Being considered" in text
    assert text.index("14 Sep 2026") < text.index("23 Nov 2026")  # oldest first
    assert render_png(pdf, tmp_path, "referrals")
    no_referrals = pdf_text(render_register(_entries(), COUNTS, fx.school(), GENERATED_ON))
    assert "No referral for alternative provision has been recorded." in no_referrals


def _lines_with_contact_email(email: str) -> list[str]:
    """The register's text, line by line, for Tyler at Riverside whose contact has `email`."""
    provider = fx.riverside()
    provider.contacts[0].email = email
    pdf = render_register(
        [_entry(fx.tyler_placement(), fx.tyler(), provider)], COUNTS, fx.school(), GENERATED_ON
    )
    return [line.strip() for line in "\n".join(pdf_pages(pdf)).splitlines()]


def test_a_long_email_breaks_after_its_at_sign_not_inside_a_word():
    lines = _lines_with_contact_email("samantha.patel@riverside-centre.org.uk")
    ends = [i for i, line in enumerate(lines) if line.endswith("samantha.patel@")]
    assert ends, lines  # the address is not cut at whichever letter reaches the edge
    assert lines[ends[0] + 1].startswith("riverside-centre.org.uk")


def test_a_domain_too_long_for_the_column_breaks_after_a_dot_not_inside_a_word():
    lines = _lines_with_contact_email("d.whitlow@riverside-skills-centre.example.org")
    at = next(i for i, line in enumerate(lines) if line.endswith("d.whitlow@"))
    assert lines[at + 1 : at + 3] == ["riverside-skills-centre.", "example.org"], lines


def test_a_placement_taller_than_a_page_continues_on_the_next_with_the_header():
    long = fx.tyler_placement()
    long.objectives = [
        Objective(ObjectiveArea.ACADEMIC, f"Objective number {n}: complete the unit of work")
        for n in range(1, 61)
    ]
    entries = [_entry(long, fx.tyler(), fx.riverside()), *_entries()[1:]]
    pages = pdf_pages(render_register(entries, COUNTS, fx.school(), GENERATED_ON))
    text = " ".join(" ".join(pages).split())
    assert all(f"number {n}: complete" in text for n in range(1, 61))  # none lost at a page
    # Too tall for what is left under the title, it starts on page 2 and runs on from there,
    # the header on each page.
    assert len(pages) > 2 and all("Objectives" in page for page in pages[1:])
    assert text.index("number 60: complete") < text.index("Amelia Kowalczyk")


def test_an_empty_register_says_so_under_its_header():
    text = pdf_text(render_register([], RegisterCounts(0, 0), fx.school(), GENERATED_ON))
    assert "0 placements on 28 Nov 2026: 0 current, 0 ended." in text
    assert "Pupil Provider Addresses Staff contacts Dates Objectives Reviews" in text
