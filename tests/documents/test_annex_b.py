"""Annex B: six sections and 22 requirements, the sign-off block and its signature field."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from apdesk.documents.annex_b import ANNEX_B_SIGNING_REASON, render_annex_b
from apdesk.documents.fonts import font_set
from apdesk.documents.signing import HEADTEACHER_FIELD, sign_pdf, verify_pdf
from apdesk.domain.checklists import ANNEX_B, ANNEX_B_ITEMS, ANNEX_B_SIGN_OFF, ANNEX_B_TITLE
from tests.documents import fixtures as fx
from tests.documents.conftest import GENERATED_ON, pdf_pages, pdf_text, render_png

HEAD = "5e3b" * 16


@pytest.fixture(scope="module")
def annex_b() -> bytes:
    provider = fx.riverside()
    return render_annex_b(
        provider,
        fx.school(),
        GENERATED_ON,
        sign_off=provider.annex_b_signoffs[0],
        audit_chain_head=HEAD,
    )


def test_sections_and_requirements_are_worded_as_the_policy(annex_b):
    text = pdf_text(annex_b)
    assert ANNEX_B_TITLE in text
    assert "Alternative Provision Name: Riverside Learning Centre" in text
    assert "Responsible Staff Member: Mr David Osei" in text
    assert len(ANNEX_B) == 6 and len(ANNEX_B_ITEMS) == 22
    for section in ANNEX_B:
        assert section.heading in text
    for item in ANNEX_B_ITEMS:
        assert item.text in text


def test_each_requirement_is_ticked_with_its_date(annex_b):
    text = pdf_text(annex_b)
    assert "All 22 requirements are completed." in text
    assert (
        "School aware of Section 19 Education Act 1996 duty for AP \u2714 1 Sep 2026" in text
        or (not font_set().has_tick)
    )
    if font_set().has_tick:
        assert text.count("\u2714") == 22 + 6  # each requirement, and each section's header


def test_outstanding_requirements_are_shown():
    provider = fx.riverside()
    provider.annex_b[3].done = False
    text = pdf_text(render_annex_b(provider, fx.school(), GENERATED_ON))
    assert "21 of 22 requirements are completed; 1 outstanding." in text
    assert "Outstanding" in text


def test_a_tick_over_twelve_months_old_is_marked_expired_and_not_counted():
    from datetime import date

    provider = fx.riverside()
    for state in provider.annex_b[:2]:
        state.done_on = date(2025, 11, 27)  # a year and a day before GENERATED_ON
    provider.annex_b[3].done = False
    text = pdf_text(render_annex_b(provider, fx.school(), GENERATED_ON))
    assert (
        "19 of 22 requirements are completed; 1 outstanding; 2 ticked more than twelve months "
        "ago (marked Expired), to be checked and ticked again." in text
    )
    assert "All 22" not in text
    assert "for AP Expired 27 Nov 2025" in text
    assert text.count("Expired") == 3  # the two lines and the summary


def test_ticks_apdesk_contradicts_are_named_above_the_checklist():
    from apdesk.domain.annex_b_evidence import LineEvidence

    provider = fx.riverside()
    provider.annex_b[5].done = False  # 2.2
    evidence = {
        "2.1": LineEvidence("2.1", ("held",), ("Riverside is lapsed.",)),
        "2.2": LineEvidence("2.2", ("held",), ("A contact is overdue.",)),
        "2.3": LineEvidence("2.3", ("Mid-point held.",)),
    }
    text = pdf_text(render_annex_b(provider, fx.school(), GENERATED_ON, evidence=evidence))
    assert "APDesk's own records contradict 1 ticked line: 2.1. What they hold is" in text
    clean = pdf_text(render_annex_b(fx.riverside(), fx.school(), GENERATED_ON))
    assert "contradict" not in clean


def test_sign_off_block_and_audit_chain_head_on_every_page(annex_b):
    text = pdf_text(annex_b)
    assert ANNEX_B_SIGN_OFF in text
    for expected in (
        "Name: Mrs Helen Carter",
        "Position: Headteacher",
        "Signature:",
        "Date: 25 Sep 2026",
    ):
        assert expected in text
    assert all(f"Audit chain head: {HEAD}" in page for page in pdf_pages(annex_b))


def test_the_signature_field_sits_on_the_signature_box(annex_b):
    reader = PdfReader(io.BytesIO(annex_b))
    fields = reader.get_fields()
    assert fields[HEADTEACHER_FIELD]["/FT"] == "/Sig"
    last = reader.pages[-1]
    widgets = [a.get_object() for a in last.get("/Annots", [])]
    (widget,) = [w for w in widgets if w.get("/T") == HEADTEACHER_FIELD]
    x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
    width, height = float(last.mediabox.width), float(last.mediabox.height)
    assert 0 < x1 < x2 < width / 2 + 10 and 0 < y1 < y2 < height
    assert 55 < y2 - y1 < 58  # 20 mm


def test_annex_b_signs_and_verifies(annex_b, headteacher, school_ca):
    key, cert = headteacher
    signed = sign_pdf(
        annex_b,
        key,
        cert,
        [school_ca[1]],
        reason=ANNEX_B_SIGNING_REASON,
        location="Oakfield",
        signer_name="Mrs Helen Carter",
    )
    report = verify_pdf(signed, [school_ca[1]], field_name=HEADTEACHER_FIELD)
    assert report.valid, report.summary
    page = PdfReader(io.BytesIO(signed)).pages[-1]
    (widget,) = [a.get_object() for a in page["/Annots"] if a.get_object().get("/T")]
    appearance = widget["/AP"]["/N"].get_object().get_data()
    assert b"Digitally signed by Mrs Helen Carter" in appearance


def test_annex_b_renders(annex_b, tmp_path):
    assert render_png(annex_b, tmp_path)


def test_annex_b_naming_pupils_under_its_lines_is_marked_official_sensitive():
    from apdesk.documents.base import OFFICIAL_SENSITIVE
    from apdesk.domain.annex_b_evidence import LineEvidence

    held = ("Robin Testcase (from 2 Mar 2026): active.",)
    evidence = {"1.2": LineEvidence("1.2", held)}
    pages = pdf_pages(render_annex_b(fx.riverside(), fx.school(), GENERATED_ON, evidence=evidence))
    assert "Robin Testcase" in " ".join(pages)  # personal data, so (§13) the marking
    assert all(page.count(OFFICIAL_SENSITIVE) == 2 for page in pages)
