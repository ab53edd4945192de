"""Parent letters (§10): the information letter with its consent form, and the statutory notice."""

from __future__ import annotations

from datetime import date

import pytest
from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from apdesk.documents.base import DocumentSpec, build_pdf
from apdesk.documents.letter_parts import closing
from apdesk.documents.parent_letter import PlacementLetter, render_letters, render_parent_letter
from apdesk.documents.parts import days_required, site_text
from apdesk.domain.entities import Site
from tests.documents import fixtures as fx
from tests.documents.conftest import GENERATED_ON, pdf_pages, pdf_text, render_png


def _letter() -> PlacementLetter:
    return PlacementLetter(fx.amelia_placement(), fx.amelia(), fx.riverside())


def _notice() -> PlacementLetter:
    return PlacementLetter(fx.tyler_placement(), fx.tyler(), fx.riverside())


@pytest.fixture(scope="module")
def letter_text() -> str:
    return pdf_text(render_parent_letter(_letter(), fx.school(), GENERATED_ON))


@pytest.fixture(scope="module")
def notice_text() -> str:
    return pdf_text(render_parent_letter(_notice(), fx.school(), GENERATED_ON))


def test_letter_says_why_where_and_when(letter_text):
    assert "Joanna Kowalczyk and Piotr Kowalczyk" in letter_text and "4 Elm Close" in letter_text
    assert "Amelia finds the main school overwhelming" in letter_text
    assert "Riverside Learning Centre" in letter_text
    assert "Farm site, Holly Farm, Lower Lane, Oakfield, OK3 9XY" in letter_text
    assert "30 Nov 2026" in letter_text and "12 Feb 2027" in letter_text
    assert "Monday morning, Monday afternoon, Wednesday morning, Thursday afternoon" in letter_text
    assert "9:15 to 12:15 and 13:00 to 15:00" in letter_text


def test_letter_gives_objectives_transport_and_reviews(letter_text):
    assert "Attend at least 95% of sessions" in letter_text
    assert "Return to two mainstream lessons each week" in letter_text
    assert "A taxi arranged by the school collects Amelia" in letter_text
    assert "(mid-point review)" in letter_text and "12 Feb 2027 (exit review)" in letter_text


def test_letter_gives_safeguarding_contacts_and_complaints_route(letter_text):
    for text in ("Mr David Osei", "01234 567891", "Ms Priya Shah", "Lucy Grant", "Sam Patel"):
        assert text in letter_text
    assert "first with the Headteacher, Mrs Helen Carter" in letter_text
    assert "provider, the local authority or Ofsted" in letter_text
    assert "complain to Ofsted" in letter_text  # the provider is Ofsted-registered
    assert "Our complaints policy is on the school website" in letter_text


def test_letter_ends_with_a_consent_form_to_return(letter_text):
    assert "Cut here and return this part to Oakfield Community School" in letter_text
    assert "Consent to alternative provision" in letter_text
    assert "I give my consent to this placement." in letter_text
    assert "I agree to the transport arrangements" in letter_text
    for label in ("Parent or carer name", "Relationship", "Phone", "Signature", "Date"):
        assert label in letter_text


def test_offsite_direction_gets_the_statutory_notice(notice_text):
    assert (
        "Education (Educational Provision for Improving Behaviour) Regulations 2010" in notice_text
    )
    assert (
        "Address where Tyler must attend Main site, 12 River Road, Oakfield, OK2 3CD" in notice_text
    )
    assert "Person to report to Sam Patel, centre manager" in notice_text
    assert "Number of days 32 school days" in notice_text
    assert "Session times 9:00 to 15:00" in notice_text
    assert "Repeated disruption of lessons" in notice_text
    assert "Attend at least 95% of sessions" in notice_text
    assert "ask for a review meeting" in notice_text
    assert "27 Nov 2026" in notice_text  # the local authority was told


def test_offsite_direction_has_no_consent_form(notice_text):
    assert "Consent to alternative provision" not in notice_text
    assert "I give my consent" not in notice_text
    assert "Your consent is not needed" in notice_text


def test_a_batch_numbers_each_letter_on_its_own_and_reports_progress():
    batch = [_letter(), _notice(), PlacementLetter(fx.zoe_placement(), fx.zoe(), fx.hilltop())]
    progress: list[tuple[int, int]] = []
    pdf = render_letters(batch, fx.school(), GENERATED_ON, lambda *a: progress.append(a))
    pages = pdf_pages(pdf)
    assert sum("Page 1 of" in page for page in pages) == 3
    assert progress[-1] == (3, 3) and len(progress) == 4
    text = pdf_text(pdf)
    assert "To the parents or carers of Zoë Wiśniewska" in text  # no carer recorded


def test_days_required_follow_the_pattern_and_the_school_calendar():
    placement = fx.tyler_placement()
    assert days_required(placement, fx.school()) == 32
    placement.full_time, placement.weekly_pattern = False, "Mon AM, Wed PM, Wed AM"
    assert days_required(placement, fx.school()) == 12
    placement.planned_end_date = None
    assert days_required(placement, fx.school()) is None


def test_letters_render(tmp_path):
    pdf = render_letters([_letter(), _notice()], fx.school(), date(2026, 11, 28))
    assert len(render_png(pdf, tmp_path)) == len(pdf_pages(pdf))


def test_the_headteachers_name_is_never_alone_on_a_page_after_yours_sincerely(letterhead):
    spec = DocumentSpec("Letter", letterhead, GENERATED_ON)
    split = 0
    for height in range(180, 236, 2):  # the closing starts ever lower on the first page
        pages = pdf_pages(build_pdf(spec, [[Spacer(1, height * mm), *closing(fx.school())]]))
        ending = next(page for page in pages if "Yours sincerely" in page)
        assert "Mrs Helen Carter" in ending, f"signature split from its name at {height} mm"
        split += len(pages) > 1
    assert split  # some heights did push the closing over the page: all of it went


def test_a_site_named_as_its_addresss_first_line_is_named_once():
    lodge = Site("Kestrel Lodge", "Kestrel Lodge, Fell Road, Brackenford, BK8 4TU")
    assert site_text(lodge) == "Kestrel Lodge, Fell Road, Brackenford, BK8 4TU"
    typed = Site("Kestrel Lodge", "Kestrel Lodge, Fell Road\nBrackenford\nBK8 4TU")  # the demo's
    assert site_text(typed) == "Kestrel Lodge, Fell Road, Brackenford, BK8 4TU"
    farm = Site("Farm site", "Holly Farm\nLower Lane")
    assert site_text(farm) == "Farm site, Holly Farm, Lower Lane"
