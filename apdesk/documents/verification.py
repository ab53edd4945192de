"""Checking a signed document: is it signed, unchanged, and signed by someone the school trusts?

Validation never goes online: the trust roots are the school's own, fetching is off, and
the certificates carry no revocation addresses. The signer's certificate is judged at the
signing time written inside the signed bytes (the school runs no timestamp authority), so a
sign-off stays valid after the Headteacher's certificate has expired. A document counts as
altered when the signed bytes no longer match the signature, or when anything was appended
after signing (an incremental update outside the signed byte range).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from apdesk.documents.styles import format_date

__all__ = ["VerificationReport", "signed_audit_head", "verify_pdf"]


@dataclass(frozen=True)
class VerificationReport:
    """What a person needs to know about a document's signature, with a plain-English summary."""

    signed: bool
    signer_name: str | None
    signed_at: datetime | None
    intact: bool
    trusted: bool
    covers_whole_document: bool
    modified_after_signing: bool
    summary: str

    @property
    def valid(self) -> bool:
        """Signed, unchanged since, and by a certificate the school issued."""
        return self.signed and self.intact and self.trusted and not self.modified_after_signing


def _unsigned(summary: str) -> VerificationReport:
    return VerificationReport(False, None, None, False, False, False, False, summary)


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _signer_name(status: PdfSignatureStatus) -> str | None:
    name = status.signing_cert.subject.native.get("common_name")
    return str(name) if name else None


def _summary(report: VerificationReport) -> str:
    who = report.signer_name or "an unknown signer"
    when = format_date(report.signed_at.date()) if report.signed_at else "an unknown date"
    if not report.intact:
        return (
            f"ALTERED: the signed content has been changed since {who} signed it on {when}. "
            "Do not rely on this copy."
        )
    if report.modified_after_signing:
        return (
            f"ALTERED: something was added to this document after {who} signed it on {when}, "
            "so what you see may not be what was signed. Do not rely on this copy."
        )
    if not report.trusted:
        return (
            f"NOT TRUSTED: the document is unchanged since it was signed on {when}, but the "
            f"certificate of {who} was not issued by this school, so the signature proves nothing."
        )
    return f"VALID: signed by {who} on {when}; nothing has changed since."


def _report(status: PdfSignatureStatus, signed_at: datetime | None) -> VerificationReport:
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    draft = VerificationReport(
        signed=True,
        signer_name=_signer_name(status),
        signed_at=signed_at,
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        covers_whole_document=whole,
        modified_after_signing=not whole,
        summary="",
    )
    return replace(draft, summary=_summary(draft))


def _pick(reader: PdfFileReader, field_name: str | None) -> EmbeddedPdfSignature | None:
    found = list(reader.embedded_regular_signatures)
    if field_name is not None:
        found = [sig for sig in found if sig.field_name == field_name]
    return found[-1] if found else None


def verify_pdf(
    pdf_bytes: bytes,
    trusted_roots: Sequence[x509.Certificate],
    *,
    field_name: str | None = None,
) -> VerificationReport:
    """Verify the document's signature (the named field, else the last one) offline."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=False)
        embedded = _pick(reader, field_name)
    except (PdfError, ValueError, KeyError, TypeError):
        return _unsigned("DAMAGED: this file cannot be read as a PDF, so nothing can be checked.")
    if embedded is None:
        return _unsigned("NOT SIGNED: this document carries no digital signature.")
    signed_at = embedded.self_reported_timestamp
    context = ValidationContext(
        trust_roots=[_asn1(c) for c in trusted_roots],
        allow_fetching=False,
        revocation_mode="soft-fail",
        moment=signed_at,
    )
    try:
        status = validate_pdf_signature(embedded, context, skip_diff=True)
    except (SignatureValidationError, PdfError, ValueError):
        broken = VerificationReport(True, None, signed_at, False, False, False, True, "")
        return replace(broken, summary=_summary(broken))
    return _report(status, signed_at)


def signed_audit_head(pdf_bytes: bytes) -> str | None:
    """The audit chain head a signed APDesk document carries in its document information, or
    None. Trust it only once `verify_pdf` says the signature is valid (which also means
    nothing was added after signing)."""
    try:
        info = PdfFileReader(io.BytesIO(pdf_bytes), strict=False).trailer["/Info"]
        value = info.get("/APDeskAuditHead")
    except (PdfError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return None if value is None else str(value)
