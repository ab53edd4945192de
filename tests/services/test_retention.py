"""Retention review and disposal on a real encrypted store: the narrative is gone from the
decrypted pages and from the audit log; only that the disposal happened is kept."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from apdesk.domain.audit_text import digest
from apdesk.domain.entities import Carer, Incident, IncidentPupil, Pupil
from apdesk.domain.enums import IncidentCategory, PupilRole, Role, SenStatus
from apdesk.domain.errors import InvalidInput, PermissionDenied, RuleViolation
from apdesk.domain.retention import RecordClass, RetentionPeriods
from apdesk.services import incidents, pupils, retention
from apdesk.services.app_services import AppServices
from apdesk.storage import audit
from apdesk.storage.check import check_store
from tests.services import builders

NARRATIVE = "Quentin-Zephyr disclosed at the forge that his uncle hit him"
EVIDENCE = b"%PDF-1.4 written account by Quentin-Zephyr's key worker"


def decrypted_pages(db: Path, key: bytes, size: int = 4096, reserve: int = 80) -> bytes:
    """Every page of the file decrypted (SQLCipher 4: AES-256-CBC, the IV in each page's
    reserved tail), free pages included: what `secure_delete` must have overwritten."""
    raw = db.read_bytes()
    out = []
    for at in range(0, len(raw), size):
        page = raw[at : at + size]
        iv = page[size - reserve : size - reserve + 16]
        decrypt = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        out.append(decrypt.update(page[16 if at == 0 else 0 : size - reserve]) + decrypt.finalize())
    return b"".join(out)


def _pupil(svc: AppServices, actor, born: date, serial: int, sen=SenStatus.NONE) -> Pupil:
    return pupils.save_pupil(
        svc,
        actor,
        Pupil(
            "Quentin",
            f"Zephyr{serial}",
            born,
            upn=builders.make_upn(938, 4000, 11, serial),
            sen_status=sen,
            carers=[Carer("Parent Z", "Mother", "07700 900123")],
        ),
    )


def _incident(svc: AppServices, actor, *pupil_ids: int) -> Incident:
    return incidents.save_incident(
        svc,
        actor,
        Incident(
            IncidentCategory.SAFEGUARDING_CONCERN,
            datetime(2019, 3, 4, 10, 0),
            narrative=NARRATIVE,
            pupil_links=[IncidentPupil(p, PupilRole.INVOLVED) for p in pupil_ids],
        ),
    )


@pytest.fixture
def world(services: AppServices, actors):
    head, dsl = actors[Role.HEADTEACHER], actors[Role.DSL]
    builders.add_school(services, head)
    old = _pupil(services, dsl, date(2000, 6, 1), 1)  # 25 on 1 Jun 2025: past
    incident = _incident(services, dsl, old.id)
    incidents.add_evidence(services, dsl, incident.id, "account.pdf", EVIDENCE)
    return services, actors, old, incident


def test_the_review_lists_a_file_past_its_period_and_not_one_a_day_short(world):
    svc, actors, old, _ = world
    dsl = actors[Role.DSL]
    # 25 today (the clock is 28 Nov 2026): due; 25 tomorrow: not yet; SEN to 31
    today = _pupil(svc, dsl, date(2001, 11, 28), 2)
    tomorrow = _pupil(svc, dsl, date(2001, 11, 29), 3)
    sen = _pupil(svc, dsl, date(2000, 6, 1), 4, SenStatus.EHCP)
    lines = {line.pupil_id: line for line in retention.review(svc, dsl)}
    assert set(lines) == {old.id, today.id}
    assert tomorrow.id not in lines and sen.id not in lines
    line = lines[old.id]
    assert line.record is RecordClass.ALTERNATIVE_PROVISION
    assert line.kept_until == date(2025, 6, 1)
    assert line.counts["incidents"] == 1 and line.counts["evidence files"] == 1
    assert "born 1 Jun 2000" in retention.describe(line)


def test_disposal_leaves_nothing_of_the_narrative_in_the_pages_or_the_log(world):
    svc, actors, old, _ = world
    store = svc.store
    with store.raw_connection() as conn:
        assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert NARRATIVE.encode() in decrypted_pages(store.paths.db, store.key)  # it was there
    from apdesk.domain.entities import SocialCare
    from apdesk.services import multi_agency

    multi_agency.save_social_care(svc, actors[Role.DSL], SocialCare(old.id, "Dana Reid"))

    counts = retention.dispose(
        svc,
        actors[Role.HEADTEACHER],
        old.id,
        RecordClass.ALTERNATIVE_PROVISION,
        "Past DOB + 25 years; reviewed at the summer retention review.",
    )
    assert counts["incidents"] == 1 and counts["evidence files"] == 1
    assert counts["pupil record"] == 1 and counts["multi-agency records"] == 1

    with store.raw_connection() as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        dumped = " ".join(
            repr(row) for name in tables for row in conn.execute(f'SELECT * FROM "{name}"')
        )
    pages = decrypted_pages(store.paths.db, store.key)
    wal = store.paths.db.with_name("apdesk.db-wal")
    for needle in (NARRATIVE, "Quentin-Zephyr", EVIDENCE.decode()):
        assert needle not in dumped
        assert needle.encode() not in pages
        assert not wal.exists() or needle.encode() not in wal.read_bytes()
    assert digest(NARRATIVE) in dumped  # the audit keeps a digest, nothing to read back

    with store.engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT actor, entity_id, new, reason FROM audit_log WHERE action = 'retention.dispose'"
        ).one()
        assert audit.verify_chain(conn) == []
    assert row.entity_id == str(old.id) and row.actor.endswith("(head)")
    assert json.loads(row.new) == {"class": "alternative_provision", "counts": counts}
    assert "summer retention review" in row.reason
    assert check_store(store).ok
    assert retention.review(svc, actors[Role.DSL]) == []


def test_a_shared_incident_stays_while_the_other_pupils_file_is_kept(world):
    svc, actors, old, _ = world
    dsl = actors[Role.DSL]
    young = builders.add_pupil(svc, dsl, serial=7)
    shared = _incident(svc, dsl, old.id, young.id)
    retention.dispose(svc, dsl, old.id, RecordClass.ALTERNATIVE_PROVISION, "Past its period now.")
    kept = incidents.open_incident(svc, dsl, shared.id)
    assert [link.pupil_id for link in kept.pupil_links] == [young.id]


def test_nothing_due_is_refused_and_so_is_a_thin_reason(world):
    svc, actors, old, _ = world
    dsl = actors[Role.DSL]
    young = builders.add_pupil(svc, dsl, serial=8)
    with pytest.raises(RuleViolation, match="nothing was deleted"):
        retention.dispose(
            svc, dsl, young.id, RecordClass.ALTERNATIVE_PROVISION, "Because it is old"
        )
    with pytest.raises(RuleViolation, match="nothing was deleted"):
        retention.dispose(svc, dsl, old.id, RecordClass.ATTENDANCE, "No marks were recorded")
    with pytest.raises(InvalidInput, match="at least 10 characters"):
        retention.dispose(svc, dsl, old.id, RecordClass.ALTERNATIVE_PROVISION, "old")
    with pytest.raises(InvalidInput, match="no pupil 999"):
        retention.dispose(svc, dsl, 999, RecordClass.ALTERNATIVE_PROVISION, "Past its period now.")


@pytest.mark.parametrize("role", list(Role))
def test_only_the_headteacher_and_dsl_review_and_dispose(world, role):
    svc, actors, old, _ = world
    actor = actors[role]
    if role in (Role.HEADTEACHER, Role.DSL):
        assert [line.pupil_id for line in retention.review(svc, actor)] == [old.id]
        return
    with pytest.raises(PermissionDenied):
        retention.review(svc, actor)
    with pytest.raises(PermissionDenied):
        retention.dispose(svc, actor, old.id, RecordClass.ALTERNATIVE_PROVISION, "Past its period.")


@pytest.mark.parametrize("role", list(Role))
def test_only_the_headteacher_sets_the_periods_within_bounds(world, role):
    svc, actors, _, _ = world
    longer = RetentionPeriods(attendance=7, ap_cp=27, sen=31)
    if role is not Role.HEADTEACHER:
        with pytest.raises(PermissionDenied):
            retention.set_periods(svc, actors[role], longer)
        return
    head = actors[role]
    assert retention.set_periods(svc, head, longer) == retention.periods(svc, head)
    assert retention.review(svc, head) == []  # to 27: 1 Jun 2027, not yet
    with pytest.raises(InvalidInput, match="between 25 and 35 years from birth"):
        retention.set_periods(svc, head, RetentionPeriods(ap_cp=24))
