"""Nobody signs as the Headteacher with the store key alone (decision 0009).

The forger here holds the store's key and may read and write every row, as the DSL with the
passphrase or whoever runs the backups could. They find no usable root key, a root they add
is not trusted, and taking over the Headteacher's account through the program gives them no
certificate either.
"""

from __future__ import annotations

import io
from datetime import UTC

import pytest
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import text

from apdesk.documents import certificates as certs
from apdesk.documents.signing import sign_pdf
from apdesk.domain.enums import Role
from apdesk.domain.errors import ApdeskError
from apdesk.services import documents, signing_keys, staff
from apdesk.services.passwords import hash_password
from tests.services.conftest import PASSWORDS

FORGER_PASSWORD = "forger's own password 1"


def _pdf() -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out)
    canvas.drawString(72, 720, "Annex B: Hilltop Tutoring meets every requirement.")
    canvas.save()
    return out.getvalue()


@pytest.fixture
def fresh_process():
    """As a new program run: no root key opened by anyone's sign-in."""
    signing_keys.forget_open_keys()
    yield
    signing_keys.forget_open_keys()


def test_the_store_holds_no_usable_root_key(services, fresh_process):
    with services.store.engine.connect() as conn:
        assert conn.execute(text("SELECT key_pem FROM school_ca")).scalars().all() == [b""]
        copies = conn.execute(
            text("SELECT value FROM store_meta WHERE key LIKE 'school_ca_key:%'")
        ).scalars()
        assert all("BEGIN ENCRYPTED PRIVATE KEY" in pem for pem in copies)


def test_a_root_added_with_the_store_key_is_not_trusted(services, fresh_process, clock):
    now = clock.now().astimezone(UTC)
    fake_root_key, fake_root = certs.create_school_ca("Oakfield Fictional Academy", now=now)
    key, cert = certs.issue_signing_certificate(
        fake_root_key, fake_root, "Alex Morgan (Head)", "Headteacher", "Oakfield", now=now
    )
    with services.store.engine.begin() as conn:  # written straight into the store
        conn.execute(
            text("INSERT INTO school_ca (cert_pem, key_pem, created_at) VALUES (:c, :k, :t)"),
            {"c": certs.certificate_to_pem(fake_root), "k": b"", "t": clock.now()},
        )
    forged = sign_pdf(
        _pdf(),
        key,
        cert,
        [fake_root],
        reason="Annex B",
        location="Oakfield",
        signer_name="Alex Morgan (Head)",
    )
    report = documents.verify(forged, documents.trusted_roots(services))
    assert not report.valid and not report.trusted
    assert report.summary.startswith("NOT TRUSTED")


def test_taking_over_the_headteachers_account_gives_no_certificate(services, fresh_process):
    with services.store.engine.begin() as conn:  # the forger's own password for "head"
        conn.execute(
            text(
                "UPDATE staff_credential SET password_hash = :h WHERE staff_id = "
                "(SELECT id FROM staff WHERE username = 'head')"
            ),
            {"h": hash_password(FORGER_PASSWORD)},
        )
    forger = staff.sign_in(services, "head", FORGER_PASSWORD)
    # the real Headteacher's key needs the real password
    with pytest.raises(ApdeskError), services.work(forger) as uow:
        signing_keys.signing_identity(uow, forger.staff_id, FORGER_PASSWORD)
    staff.set_password(services, forger, forger.staff_id, FORGER_PASSWORD + " again")
    with (
        pytest.raises(ApdeskError, match="no signing certificate yet"),
        services.work(forger) as uow,
    ):
        signing_keys.signing_identity(uow, forger.staff_id, FORGER_PASSWORD + " again")


def test_the_real_headteacher_signs_after_a_restart_and_a_new_password(services, fresh_process):
    head = staff.sign_in(services, "head", PASSWORDS[Role.HEADTEACHER])
    staff.set_password(services, head, head.staff_id, "a brand new head password")
    signing_keys.forget_open_keys()  # the program restarts
    head = staff.sign_in(services, "head", "a brand new head password")
    deputy = staff.create_staff(
        services, head, "head2", "Jo Second", [Role.HEADTEACHER], "second head password!"
    )
    for username, password in (
        ("head", "a brand new head password"),
        ("head2", "second head password!"),
    ):
        signing_keys.forget_open_keys()
        member = staff.sign_in(services, username, password)
        with services.work(member) as uow:
            key, cert, chain = signing_keys.signing_identity(uow, member.staff_id, password)
        signed = sign_pdf(
            _pdf(), key, cert, chain, reason="Annex B", location="Oakfield", signer_name="x"
        )
        assert documents.verify(signed, documents.trusted_roots(services)).valid
    assert deputy.id is not None
