"""The CP-file transfer pack and subject access against a real encrypted store: the pack opens
with its code only, the code is kept nowhere, each role is checked, Today chases, and the
subject access bundle redacts third parties when asked."""

from __future__ import annotations

import io
import json
from datetime import date, datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from apdesk.domain.enums import Role
from apdesk.domain.errors import InvalidInput
from apdesk.domain.subject_access import SubjectAccessRequest
from apdesk.services import cp_transfer, subject_access, today
from apdesk.storage import audit
from tests.services.pupil_history import NARRATIVE, pupil_with_history, refused


@pytest.fixture
def history(services, actors, clock):
    return pupil_with_history(services, actors, clock)


def _audit(services, action: str) -> list[dict]:
    """The `new` values of each row of `action` about a pupil, opened by the pupil's key."""
    with services.store.engine.connect() as conn:
        return [r.new for r in audit.read(conn, "pupil") if r.action == action]


def _kinds(services, actor) -> list[str]:
    return [i.kind for i in today.today_summary(services, actor).items()]


def test_the_pack_opens_with_its_code_only_is_recorded_and_chased(services, actors, history, clock):
    dsl = actors[Role.DSL]
    for role in Role:
        if role is not Role.DSL:
            assert refused(cp_transfer.make_pack, services, actors[role], history.pupil.id,
                           "Moorside High", "Jane Holt"), role  # fmt: skip
    pack = cp_transfer.make_pack(services, dsl, history.pupil.id, "Moorside High", "Jane Holt")
    reader = PdfReader(io.BytesIO(pack.pdf))
    assert reader.is_encrypted and not reader.decrypt("WRONG-CODE-0000-0000-0000")
    reader = PdfReader(io.BytesIO(pack.pdf))
    assert reader.decrypt(pack.code)
    words = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Child-protection file: Robin Testcase" in words and "OFFICIAL-SENSITIVE" in words
    assert " ".join(NARRATIVE.split()[:5]) in words and "Exit plan" in words
    assert "Referral to LA children's services (ref CS-4411)" in words
    # the code is nowhere in the store: not in the table, not in the audit log
    with services.store.engine.connect() as conn:
        dump = "\n".join(str(r) for t in ("cp_transfer", "audit_log")
                         for r in conn.execute(text(f"SELECT * FROM {t}")))  # fmt: skip
    assert pack.code not in dump and pack.code.replace("-", "") not in dump
    [sent] = _audit(services, "cp_transfer.sent")
    assert sent["receiving_dsl"] == "Jane Holt"
    with pytest.raises(InvalidInput, match="already sent"):
        cp_transfer.make_pack(services, dsl, history.pupil.id, "Moorside High", "J Holt")

    clock.at = datetime(2026, 11, 19, 9, 0)  # Thu 12 Nov + 5 school days = Thu 19 Nov
    assert "CP file receipt missing" not in _kinds(services, dsl)
    clock.at = datetime(2026, 11, 20, 9, 0)
    assert "CP file receipt missing" in _kinds(services, dsl)
    assert "CP file receipt missing" not in _kinds(services, actors[Role.HEADTEACHER])
    cp_transfer.record_receipt(services, dsl, pack.transfer.id, date(2026, 11, 16), "Jane Holt")
    assert "CP file receipt missing" not in _kinds(services, dsl)
    [row] = cp_transfer.list_transfers(services, dsl)
    assert row.transfer.receipt_on == date(2026, 11, 16) and "confirmed by Jane Holt" in (
        cp_transfer.describe(row)
    )


def test_subject_access_recorded_due_on_today_redacted_and_completed(
    services, actors, history, clock
):
    dsl = actors[Role.DSL]
    asked = SubjectAccessRequest(history.pupil.id, "Parent A", "Mother", date(2026, 10, 31), "All")
    for role in (Role.DEPUTY_DSL, Role.INCLUSION_LEAD, Role.GOVERNOR, Role.ADMINISTRATOR):
        assert refused(subject_access.record_request, services, actors[role], asked), role
    request = subject_access.record_request(services, dsl, asked)
    assert request.due_on == date(2026, 11, 30)
    with pytest.raises(InvalidInput, match="already recorded"):
        subject_access.record_request(services, actors[Role.HEADTEACHER], asked)
    assert "Subject access due" in _kinds(services, dsl)
    clock.at = datetime(2026, 12, 1, 9, 0)
    assert "Subject access overdue" in _kinds(services, actors[Role.HEADTEACHER])

    plain = subject_access.disclose(services, dsl, request.id, redact=False)
    assert "Ash" in json.loads(plain.json)["incidents"][0]["narrative"]
    hidden = subject_access.disclose(services, dsl, request.id, redact=True, extra_names=("Kay",))
    data = json.loads(hidden.json)
    narrative = data["incidents"][0]["narrative"]
    assert narrative.startswith("Robin was pushed by [redacted] in the corridor; [redacted] saw")
    assert "Ash" not in hidden.json.decode() and "Kim Lowe" not in hidden.json.decode()
    assert data["incidents"][0]["reported_by"] == "[redacted]"
    assert data["pupil"]["legal_first_name"] == "Robin" and data["request"]["redacted"] is True
    pdf_words = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(hidden.pdf)).pages).split()
    )
    assert "Subject access: Robin Testcase" in pdf_words and "Ash Example" not in pdf_words
    assert len(_audit(services, "subject_access.disclosed")) == 2
    subject_access.complete(services, dsl, request.id, date(2026, 12, 1))
    assert not any(k.startswith("Subject access") for k in _kinds(services, dsl))
    with pytest.raises(InvalidInput, match="was completed"):
        subject_access.complete(services, dsl, request.id, date(2026, 12, 1))
