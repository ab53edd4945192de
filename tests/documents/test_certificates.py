"""The school root and the Headteacher's certificate: usages, lifetimes, and key storage."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from apdesk.documents.certificates import (
    DOCUMENT_SIGNING,
    SigningKeyError,
    certificate_from_pem,
    certificate_to_pem,
    create_school_ca,
    issue_signing_certificate,
    private_key_from_pem,
    private_key_to_pem,
)
from apdesk.domain.errors import ApdeskError

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def _years(cert: x509.Certificate) -> float:
    span = cert.not_valid_after_utc - cert.not_valid_before_utc
    return span.days / 365.25


def test_school_root_is_a_ca_for_ten_years():
    _, cert = create_school_ca("Oakfield Community School", now=NOW)
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert cert.issuer == cert.subject
    assert 9.99 < _years(cert) < 10.01
    assert cert.extensions.get_extension_for_class(x509.KeyUsage).value.key_cert_sign


def test_signing_certificate_is_for_document_signing_for_three_years(school_ca):
    ca_key, ca_cert = school_ca
    _, cert = issue_signing_certificate(
        ca_key, ca_cert, "Jane Wiśniewska", "Headteacher", "Oakfield Community School", now=NOW
    )
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
    purposes = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert DOCUMENT_SIGNING in purposes and ExtendedKeyUsageOID.SERVER_AUTH not in purposes
    assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert cert.issuer == ca_cert.subject
    assert cert.subject.get_attributes_for_oid(NameOID.TITLE)[0].value == "Headteacher"
    assert 2.99 < _years(cert) < 3.01


def test_private_key_round_trips_encrypted_with_its_password(headteacher):
    key, _ = headteacher
    pem = private_key_to_pem(key, "correct horse battery")
    assert b"ENCRYPTED PRIVATE KEY" in pem
    again = private_key_from_pem(pem, "correct horse battery")
    assert again.private_numbers() == key.private_numbers()


def test_wrong_or_empty_password_is_a_plain_english_error(headteacher):
    key, _ = headteacher
    pem = private_key_to_pem(key, "correct horse battery")
    with pytest.raises(SigningKeyError) as wrong:
        private_key_from_pem(pem, "wrong password")
    assert str(wrong.value).startswith("That password is wrong")
    assert "damaged" not in str(wrong.value)
    with pytest.raises(ApdeskError):
        private_key_to_pem(key, "")


@pytest.mark.parametrize(
    "damage",
    [
        lambda pem: pem[: len(pem) // 2],  # cut short
        lambda pem: pem.replace(b"ENCRYPTED PRIVATE KEY", b"PRIVATE KEY"),
        lambda pem: pem[:40] + b"!!!!" + pem[44:],  # not base64 any more
        lambda pem: pem[:27] + b"MIIB" + pem[31:],  # the structure's own header broken
    ],
)
def test_a_damaged_key_is_told_apart_from_a_wrong_password(headteacher, damage):
    key, _ = headteacher
    pem = private_key_to_pem(key, "correct horse battery")
    with pytest.raises(SigningKeyError) as damaged:
        private_key_from_pem(damage(pem), "correct horse battery")
    assert "damaged" in str(damaged.value) and "password is wrong" not in str(damaged.value)


def test_certificate_round_trips_as_pem_and_damage_is_reported(headteacher):
    _, cert = headteacher
    pem = certificate_to_pem(cert)
    assert certificate_from_pem(pem) == cert
    with pytest.raises(SigningKeyError):
        certificate_from_pem(pem[:80] + b"garbage" + pem[90:])
