"""PAdES signing and offline verification: valid, altered, appended to, and untrusted."""

from __future__ import annotations

import io
import re

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from apdesk.documents.certificates import create_school_ca, issue_signing_certificate
from apdesk.documents.recovery_sheet import render_recovery_sheet
from apdesk.documents.signing import (
    HEADTEACHER_FIELD,
    SignatureBox,
    add_signature_field,
    sign_pdf,
    verify_pdf,
)
from tests.documents.conftest import GENERATED_ON, render_png

BOX = SignatureBox(page_index=0, x1=60, y1=90, x2=260, y2=140)


@pytest.fixture(scope="module")
def unsigned() -> bytes:
    pdf = render_recovery_sheet("Oakfield Community School", "store-1", "ABCD-EFGH", GENERATED_ON)
    return add_signature_field(pdf, BOX)


@pytest.fixture(scope="module")
def signed(unsigned, headteacher, school_ca) -> bytes:
    key, cert = headteacher
    return sign_pdf(
        unsigned,
        key,
        cert,
        [school_ca[1]],
        reason="Annex B compliance checklist signed off",
        location="Oakfield Community School",
        signer_name="Jane Wiśniewska",
    )


def _byte_range(pdf: bytes) -> list[int]:
    found = re.search(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf)
    assert found is not None
    return [int(n) for n in found.groups()]


def test_signed_document_verifies_as_valid(signed, school_ca):
    report = verify_pdf(signed, [school_ca[1]])
    assert report.signed and report.intact and report.trusted and report.valid
    assert report.covers_whole_document and not report.modified_after_signing
    assert report.signer_name == "Jane Wiśniewska"
    assert report.signed_at is not None
    assert report.summary.startswith("VALID: signed by Jane Wiśniewska")


def test_signature_fills_the_visible_field(signed):
    reader = PdfFileReader(io.BytesIO(signed))
    (embedded,) = reader.embedded_signatures
    assert embedded.field_name == HEADTEACHER_FIELD
    widget = embedded.sig_field
    rect = [float(v) for v in widget["/Rect"]]
    assert rect == [60, 90, 260, 140]
    assert embedded.sig_object["/Filter"] == "/Adobe.PPKLite"
    assert embedded.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"


def test_one_changed_byte_in_the_signed_range_is_reported_as_altered(signed, school_ca):
    start, length, *_ = _byte_range(signed)
    at = signed.index(b"(APDesk recovery sheet)", start, start + length) + 1
    tampered = signed[:at] + b"B" + signed[at + 1 :]
    report = verify_pdf(tampered, [school_ca[1]])
    assert report.signed and not report.intact and not report.valid
    assert report.summary.startswith("ALTERED")


def test_an_update_appended_after_signing_is_reported(signed, school_ca):
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    writer.root["/Lang"] = generic.TextStringObject("fr-FR")
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)
    report = verify_pdf(out.getvalue(), [school_ca[1]])
    assert report.signed and report.intact
    assert report.modified_after_signing and not report.covers_whole_document
    assert not report.valid
    assert report.summary.startswith("ALTERED: something was added")


def test_plain_bytes_appended_after_signing_are_reported(signed, school_ca):
    report = verify_pdf(signed + b"\n% appended\n", [school_ca[1]])
    assert report.modified_after_signing and not report.valid


@pytest.mark.parametrize("same_name", [False, True])
def test_a_certificate_from_another_ca_is_not_trusted(signed, same_name):
    _, other_root = create_school_ca("Oakfield Community School" if same_name else "Elsewhere")
    report = verify_pdf(signed, [other_root])
    assert report.intact and not report.trusted and not report.valid
    assert report.summary.startswith("NOT TRUSTED")


def test_a_signer_from_another_ca_is_not_trusted_by_this_school(unsigned, school_ca):
    other_key, other_root = create_school_ca("Elsewhere Academy")
    key, cert = issue_signing_certificate(other_key, other_root, "Mallory", "Head", "Elsewhere")
    pdf = sign_pdf(unsigned, key, cert, [other_root], reason="r", location="l", signer_name="M")
    assert not verify_pdf(pdf, [school_ca[1]]).trusted
    assert verify_pdf(pdf, [other_root]).trusted


def test_unsigned_and_damaged_files(unsigned, school_ca):
    assert verify_pdf(unsigned, [school_ca[1]]).summary.startswith("NOT SIGNED")
    damaged = verify_pdf(b"not a pdf at all", [school_ca[1]])
    assert not damaged.signed and damaged.summary.startswith("DAMAGED")


def test_signing_without_a_prepared_field_makes_an_invisible_one(school_ca, headteacher):
    pdf = render_recovery_sheet("School", "s", "ABCD", GENERATED_ON)
    key, cert = headteacher
    signed = sign_pdf(pdf, key, cert, [school_ca[1]], reason="r", location="l", signer_name="J")
    assert verify_pdf(signed, [school_ca[1]], field_name=HEADTEACHER_FIELD).valid


def test_signed_document_renders(signed, tmp_path):
    assert render_png(signed, tmp_path)
