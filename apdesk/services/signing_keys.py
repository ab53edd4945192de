"""Signing keys: the school's root certificate and each Headteacher's own signing certificate.

The school root is made with the first Headteacher account and kept in the (encrypted)
store. A Headteacher's private key is further encrypted under their own password, so only
they can sign. A new password issues a new key: the old one cannot be opened without the
old password (an administrator's reset), and certificates are cheap.
"""

from __future__ import annotations

from datetime import UTC

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session as DbSession

from apdesk.documents import certificates as certs
from apdesk.domain.entities import Staff
from apdesk.domain.enums import Role
from apdesk.domain.errors import PermissionDenied
from apdesk.services.context import UnitOfWork
from apdesk.services.records import find_school
from apdesk.storage.tables import school_ca, staff_credential

POSITION = "Headteacher"


def _school_name(session: DbSession) -> str:
    school = find_school(session)
    return school.name if school and school.name else "APDesk school"


def school_root(uow: UnitOfWork) -> tuple[certs.PrivateKey, x509.Certificate]:
    """The school's root key and certificate, made the first time one is needed."""
    row = uow.session.execute(select(school_ca).order_by(school_ca.c.id)).first()
    if row is not None:
        key = serialization.load_pem_private_key(row.key_pem, password=None)
        assert isinstance(key, ec.EllipticCurvePrivateKey)
        return key, certs.certificate_from_pem(row.cert_pem)
    key, cert = certs.create_school_ca(_school_name(uow.session), now=uow.now.astimezone(UTC))
    # The root key is protected by the store's own encryption: no second password to lose.
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    uow.session.execute(
        insert(school_ca).values(
            cert_pem=certs.certificate_to_pem(cert), key_pem=pem, created_at=uow.now
        )
    )
    uow.audit("signing.school_root", "school_ca", None)
    return key, cert


def issue_for(uow: UnitOfWork, member: Staff, password: str) -> None:
    """Give a Headteacher a signing certificate whose key only their password opens."""
    if Role.HEADTEACHER not in member.roles:
        return
    ca_key, ca_cert = school_root(uow)
    key, cert = certs.issue_signing_certificate(
        ca_key,
        ca_cert,
        member.display_name,
        POSITION,
        _school_name(uow.session),
        now=uow.now.astimezone(UTC),
    )
    uow.session.execute(
        update(staff_credential)
        .where(staff_credential.c.staff_id == member.id)
        .values(
            signing_key_pem=certs.private_key_to_pem(key, password),
            signing_cert_pem=certs.certificate_to_pem(cert),
        )
    )
    uow.audit(
        "signing.certificate",
        "staff",
        member.id,
        new={"subject": cert.subject.rfc4514_string(), "serial": str(cert.serial_number)},
    )


def signing_identity(
    uow: UnitOfWork, staff_id: int, password: str
) -> tuple[certs.PrivateKey, x509.Certificate, list[x509.Certificate]]:
    """The key (opened with the password), certificate and chain to sign with."""
    row = uow.session.execute(
        select(staff_credential).where(staff_credential.c.staff_id == staff_id)
    ).first()
    if row is None or row.signing_key_pem is None:
        raise PermissionDenied("You have no signing certificate. Only a Headteacher can sign.")
    key = certs.private_key_from_pem(row.signing_key_pem, password)
    return key, certs.certificate_from_pem(row.signing_cert_pem), [school_root(uow)[1]]


def school_roots(session: DbSession) -> list[x509.Certificate]:
    return [certs.certificate_from_pem(r.cert_pem) for r in session.execute(select(school_ca))]


def school_certificates(session: DbSession) -> list[x509.Certificate]:
    """The school root and every signing certificate issued, for others to verify with."""
    found = school_roots(session)
    found += [
        certs.certificate_from_pem(r.signing_cert_pem)
        for r in session.execute(
            select(staff_credential).where(staff_credential.c.signing_cert_pem.is_not(None))
        )
    ]
    return found
