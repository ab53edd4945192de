"""The school's own certificates: a school root and the Headteacher's signing certificate.

There is no public CA in the loop: the school is its own root of trust, created once at
set-up (10 years), and issues the Headteacher a signing certificate (3 years) whose key
usage is digital signature plus non-repudiation (content commitment) and whose extended key
usage names document signing. Keys are ECDSA P-256. Private keys leave this module only
as encrypted PKCS#8 PEM (the store keeps them so), certificates as PEM.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from asn1crypto import keys as asn1_keys
from asn1crypto import pem
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID, ObjectIdentifier

from apdesk.domain.errors import ApdeskError

__all__ = [
    "SigningKeyError",
    "certificate_from_pem",
    "certificate_to_pem",
    "create_school_ca",
    "issue_signing_certificate",
    "private_key_from_pem",
    "private_key_to_pem",
]

PrivateKey = ec.EllipticCurvePrivateKey

CA_YEARS = 10
SIGNER_YEARS = 3
DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")  # id-kp-documentSigning, RFC 9336
MS_DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.4.1.311.10.3.12")  # recognised by Acrobat


class SigningKeyError(ApdeskError):
    """A signing key or certificate could not be read (wrong password or damaged data)."""


def _name(common_name: str, school_name: str, title: str | None = None) -> x509.Name:
    parts = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if title:
        parts.append(x509.NameAttribute(NameOID.TITLE, title))
    parts += [
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, school_name),
        x509.NameAttribute(NameOID.COUNTRY_NAME, "GB"),
    ]
    return x509.Name(parts)


def _add_years(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February into a year with no such day
        return moment.replace(year=moment.year + years, day=28)


def _builder(
    subject: x509.Name, issuer: x509.Name, key: PrivateKey, start: datetime, years: int
) -> x509.CertificateBuilder:
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start - timedelta(minutes=5))  # tolerate a slightly slow clock
        .not_valid_after(_add_years(start, years))
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
    )


def create_school_ca(
    school_name: str, *, now: datetime | None = None
) -> tuple[PrivateKey, x509.Certificate]:
    """A self-signed school root certificate (CA, may sign end-entity certificates only)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(f"{school_name} APDesk root", school_name)
    usage = x509.KeyUsage(False, False, False, False, False, True, True, False, False)
    cert = (
        _builder(name, name, key, now or datetime.now(UTC), CA_YEARS)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(usage, critical=True)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def issue_signing_certificate(
    ca_key: PrivateKey,
    ca_cert: x509.Certificate,
    person_name: str,
    position: str,
    school_name: str,
    *,
    now: datetime | None = None,
) -> tuple[PrivateKey, x509.Certificate]:
    """A document-signing certificate for one person (e.g. the Headteacher), issued by the CA."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = _name(person_name, school_name, title=position)
    usage = x509.KeyUsage(True, True, False, False, False, False, False, False, False)
    ca_ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    cert = (
        _builder(subject, ca_cert.subject, key, now or datetime.now(UTC), SIGNER_YEARS)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(x509.ExtendedKeyUsage([DOCUMENT_SIGNING, MS_DOCUMENT_SIGNING]), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    return key, cert


def _password_bytes(password: str | bytes) -> bytes:
    data = password.encode("utf-8") if isinstance(password, str) else password
    if not data:
        raise SigningKeyError("A signing key must be protected by a password.")
    return data


def private_key_to_pem(key: PrivateKey, password: str | bytes) -> bytes:
    """The key as PKCS#8 PEM, encrypted under the password (best available encryption)."""
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(_password_bytes(password)),
    )


WRONG_PASSWORD = "That password is wrong: it does not open your signing key. Type it again."
DAMAGED_KEY = (
    "Your signing key is damaged and cannot be opened, whatever the password. "
    "The Headteacher can issue a new signing certificate."
)


def _is_whole(data: bytes) -> bool:
    """Whether `data` is a complete encrypted PKCS#8 key in good order; one that is and still
    does not open with the password is taken as a wrong password."""
    try:
        kind, _, der = pem.unarmor(data)
        if kind != "ENCRYPTED PRIVATE KEY":
            return False
        info = asn1_keys.EncryptedPrivateKeyInfo.load(der, strict=True)
        info.native  # noqa: B018 - parses every field, raising on a damaged one
    except (ValueError, TypeError, OSError):
        return False
    return True


def private_key_from_pem(data: bytes, password: str | bytes) -> PrivateKey:
    """Decrypt a key written by ``private_key_to_pem``; SigningKeyError saying plainly whether
    the password is wrong or the key itself is damaged."""
    secret = _password_bytes(password)
    if not _is_whole(data):
        raise SigningKeyError(DAMAGED_KEY)
    try:
        key = serialization.load_pem_private_key(data, password=secret)
    except (ValueError, TypeError) as exc:
        raise SigningKeyError(WRONG_PASSWORD) from exc
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise SigningKeyError("The signing key is not an APDesk signing key.")
    return key


def certificate_to_pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def certificate_from_pem(data: bytes) -> x509.Certificate:
    """Read one PEM certificate; SigningKeyError if it is damaged."""
    try:
        return x509.load_pem_x509_certificate(data)
    except ValueError as exc:
        raise SigningKeyError("The certificate is damaged and cannot be read.") from exc
