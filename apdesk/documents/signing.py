"""PAdES signatures on documents: the empty signature field and the Headteacher's signature.

A renderer that wants a visible signature (Annex B's sign-off) records where its signature
box landed and calls ``add_signature_field``; ``sign_pdf`` later fills that field with a
PAdES baseline signature (SHA-256, ECDSA) made from the in-memory key and certificate, and
draws the signer's name and the time inside the box. Nothing touches the network or disk.
Verification is in ``verification``; ``verify_pdf`` is re-exported here.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

from apdesk.documents.certificates import PrivateKey
from apdesk.documents.verification import VerificationReport, verify_pdf

__all__ = [
    "HEADTEACHER_FIELD",
    "SignatureBox",
    "VerificationReport",
    "add_signature_field",
    "sign_pdf",
    "verify_pdf",
]

HEADTEACHER_FIELD = "HeadteacherSignature"

_STAMP = TextStampStyle(
    stamp_text="Digitally signed by %(signer)s\n%(ts)s",
    timestamp_format="%d %b %Y %H:%M %Z",
    border_width=0,
)


@dataclass(frozen=True)
class SignatureBox:
    """Where a signature's appearance goes: a page (from 0) and a rectangle in points."""

    page_index: int
    x1: float
    y1: float
    x2: float
    y2: float

    def as_ints(self) -> tuple[int, int, int, int]:
        return round(self.x1), round(self.y1), round(self.x2), round(self.y2)


def to_asn1_certificate(cert: x509.Certificate) -> asn1_x509.Certificate:
    """The same certificate as the asn1crypto object pyHanko works with."""
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _to_asn1_key(key: PrivateKey) -> asn1_keys.PrivateKeyInfo:
    der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return asn1_keys.PrivateKeyInfo.load(der)


def _stamp_safe(text: str) -> str:
    """The stamp uses the standard Courier font (Latin-1 only): drop accents it cannot show."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return plain.encode("latin-1", "replace").decode("latin-1")


def add_signature_field(
    pdf_bytes: bytes, box: SignatureBox, field_name: str = HEADTEACHER_FIELD
) -> bytes:
    """Add an empty, visible signature field over ``box`` (an incremental update)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
    spec = fields.SigFieldSpec(sig_field_name=field_name, on_page=box.page_index, box=box.as_ints())
    fields.append_signature_field(writer, spec)
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    return out.getvalue()


AUDIT_HEAD_KEY = "/APDeskAuditHead"


def _set_audit_head(writer: IncrementalPdfFileWriter, head: str) -> None:
    """The audit chain head in the document information, inside the signed bytes, so that
    `apdesk check --against` can later prove the log still extends it."""
    old = writer.trailer["/Info"] if "/Info" in writer.trailer else {}  # noqa: SIM401 (derefs)
    info = generic.DictionaryObject(dict(old.items()))  # type: ignore[no-untyped-call]
    info[generic.NameObject(AUDIT_HEAD_KEY)] = generic.TextStringObject(head)
    writer.set_info(info)


def sign_pdf(
    pdf_bytes: bytes,
    key: PrivateKey,
    cert: x509.Certificate,
    chain: Sequence[x509.Certificate],
    *,
    field_name: str = HEADTEACHER_FIELD,
    reason: str,
    location: str,
    signer_name: str,
    audit_chain_head: str | None = None,
) -> bytes:
    """Sign the PDF (PAdES, SHA-256) into ``field_name``, creating an invisible field if absent.

    ``chain`` holds the issuing certificates (the school root), embedded so that a reader
    holding the root can build the path. Returns the signed PDF's bytes.
    """
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location,
        name=signer_name,
    )
    signer = signers.SimpleSigner(
        signing_cert=to_asn1_certificate(cert),
        signing_key=_to_asn1_key(key),
        cert_registry=SimpleCertificateStore.from_certs(  # type: ignore[no-untyped-call]
            [to_asn1_certificate(c) for c in chain]
        ),
    )
    pdf_signer = signers.PdfSigner(meta, signer, stamp_style=_STAMP)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
    if audit_chain_head:
        _set_audit_head(writer, audit_chain_head)
    params = {"signer": _stamp_safe(signer_name)}
    out: io.BytesIO = pdf_signer.sign_pdf(writer, appearance_text_params=params)
    return out.getvalue()
