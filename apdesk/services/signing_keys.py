"""Signing keys: the school's root certificate and each Headteacher's own signing certificate.

The store key alone signs nothing (decision 0009). The school root's private key is never
kept in the clear: each Headteacher holds a copy encrypted under their own password (in
`store_meta`, `school_ca_key:<staff id>`). A Headteacher's sign-in opens their copy into this
process's memory only, so that while they are signed in the program can issue certificates
(a new Headteacher, a password reset, their own new password) and give the new password its
own copy. A Headteacher's signing key is encrypted under their password too.

Only the school's first root, the one made at set-up, is trusted: a root written into the
store later, by anyone holding the store key, is ignored by `verify`. Replacing the first
root outright is shown by `apdesk check`, which compares its fingerprint with the one each
backup recorded.
"""

from __future__ import annotations

import hashlib
from datetime import UTC

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session as DbSession

from apdesk.documents import certificates as certs
from apdesk.domain.entities import Staff
from apdesk.domain.enums import Role
from apdesk.domain.errors import PermissionDenied
from apdesk.domain.record_kinds import RecordKind
from apdesk.services.school import find_school
from apdesk.services.unit_of_work import UnitOfWork
from apdesk.storage.tables import school_ca, staff_credential, store_meta

POSITION = "Headteacher"
COPY_PREFIX = "school_ca_key:"
# The school root's key, opened by a Headteacher's password, for this process only.
_OPEN: dict[str, certs.PrivateKey] = {}


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 of the certificate, as IT staff compare it (hex)."""
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def _school_name(session: DbSession) -> str:
    school = find_school(session)
    return school.name if school and school.name else "APDesk school"


def _first_root_row(session: DbSession):  # type: ignore[no-untyped-def]
    return session.execute(select(school_ca).order_by(school_ca.c.id).limit(1)).first()


def school_root_certificate(session: DbSession) -> x509.Certificate | None:
    row = _first_root_row(session)
    return None if row is None else certs.certificate_from_pem(row.cert_pem)


def _copy_key(staff_id: int) -> str:
    return f"{COPY_PREFIX}{staff_id}"


def _keep_copy(uow: UnitOfWork, staff_id: int, key: certs.PrivateKey, password: str) -> None:
    name = _copy_key(staff_id)
    uow.session.execute(delete(store_meta).where(store_meta.c.key == name))
    pem = certs.private_key_to_pem(key, password).decode("ascii")
    uow.session.execute(insert(store_meta).values(key=name, value=pem))


def _open_copy(uow: UnitOfWork, staff_id: int, password: str) -> certs.PrivateKey | None:
    pem = uow.session.scalar(
        select(store_meta.c.value).where(store_meta.c.key == _copy_key(staff_id))
    )
    if pem is None:
        return None
    try:
        return certs.private_key_from_pem(pem.encode("ascii"), password)
    except certs.SigningKeyError:
        return None


def _root_key(uow: UnitOfWork, staff_id: int, password: str) -> certs.PrivateKey | None:
    """The root's key: made now for a new school, else from a copy this password opens, from
    this process's memory, or (a store from before copies existed) from the plain column,
    which is then emptied. None when none of these is to hand."""
    row = _first_root_row(uow.session)
    if row is None:
        key, cert = certs.create_school_ca(_school_name(uow.session), now=uow.now.astimezone(UTC))
        uow.session.execute(
            insert(school_ca).values(
                cert_pem=certs.certificate_to_pem(cert), key_pem=b"", created_at=uow.now
            )
        )
        uow.audit(
            "signing.school_root", RecordKind.SCHOOL_CA, None, new={"sha256": fingerprint(cert)}
        )
        _OPEN[fingerprint(cert)] = key
        return key
    cert = certs.certificate_from_pem(row.cert_pem)
    found = _open_copy(uow, staff_id, password) or _OPEN.get(fingerprint(cert))
    if found is None and row.key_pem:
        legacy = serialization.load_pem_private_key(row.key_pem, password=None)
        assert isinstance(legacy, ec.EllipticCurvePrivateKey)
        found = legacy
        uow.session.execute(update(school_ca).where(school_ca.c.id == row.id).values(key_pem=b""))
        uow.audit("signing.school_root_sealed", RecordKind.SCHOOL_CA, row.id, changed=False)
    if found is not None:
        _OPEN[fingerprint(cert)] = found
    return found


def open_school_ca(uow: UnitOfWork, member: Staff, password: str) -> None:
    """At a Headteacher's sign-in: open their copy of the root key for this process, and give
    them a copy if they have none yet (the key is open already, or from an older store)."""
    if Role.HEADTEACHER not in member.roles or member.id is None:
        return
    had_copy = _open_copy(uow, member.id, password) is not None
    key = _root_key(uow, member.id, password)
    if key is not None and not had_copy:
        _keep_copy(uow, member.id, key, password)


def forget_open_keys() -> None:
    """Drop the opened root key from memory (tests; a program closing)."""
    _OPEN.clear()


def issue_for(uow: UnitOfWork, member: Staff, password: str) -> None:
    """Give a Headteacher a signing certificate whose key only their password opens.

    Needs the root key: a new school's, or one a signed-in Headteacher opened. Without it the
    account keeps no signing key, and signing says so plainly.
    """
    if Role.HEADTEACHER not in member.roles or member.id is None:
        return
    ca_key = _root_key(uow, member.id, password)
    if ca_key is None:
        uow.session.execute(
            update(staff_credential)
            .where(staff_credential.c.staff_id == member.id)
            .values(signing_key_pem=None, signing_cert_pem=None)
        )
        uow.audit("signing.certificate_waiting", RecordKind.STAFF, member.id)
        return
    ca_cert = school_root_certificate(uow.session)
    assert ca_cert is not None
    _keep_copy(uow, member.id, ca_key, password)
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
        RecordKind.STAFF,
        member.id,
        new={"subject": cert.subject.rfc4514_string(), "serial": str(cert.serial_number)},
    )


def withdraw_from(uow: UnitOfWork, staff_id: int) -> None:
    """Someone who is no longer a Headteacher: their signing key and root-key copy go (the
    certificate stays, so what they signed before still verifies against the export)."""
    uow.session.execute(delete(store_meta).where(store_meta.c.key == _copy_key(staff_id)))
    uow.session.execute(
        update(staff_credential)
        .where(staff_credential.c.staff_id == staff_id)
        .values(signing_key_pem=None)
    )
    uow.audit("signing.withdrawn", RecordKind.STAFF, staff_id)


NO_CERTIFICATE = (
    "You have no signing certificate yet. A Headteacher who can already sign must be signed "
    "in when your account or password is set: ask them to reset your password once more."
)


def signing_identity(
    uow: UnitOfWork, staff_id: int, password: str
) -> tuple[certs.PrivateKey, x509.Certificate, list[x509.Certificate]]:
    """The key (opened with the password), certificate and chain to sign with."""
    row = uow.session.execute(
        select(staff_credential).where(staff_credential.c.staff_id == staff_id)
    ).first()
    root = school_root_certificate(uow.session)
    if row is None or row.signing_key_pem is None or root is None:
        raise PermissionDenied(
            "You have no signing certificate. Only a Headteacher can sign."
            if row is None or root is None
            else NO_CERTIFICATE
        )
    key = certs.private_key_from_pem(row.signing_key_pem, password)
    return key, certs.certificate_from_pem(row.signing_cert_pem), [root]


def school_roots(session: DbSession) -> list[x509.Certificate]:
    """What a signed document must chain to: the school's first root, and only that one."""
    root = school_root_certificate(session)
    return [] if root is None else [root]


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
