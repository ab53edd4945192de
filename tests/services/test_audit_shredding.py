"""Who a pupil was is readable in the audit log while the pupil's file is kept, and nowhere in
the store (the log, the tables, the decrypted pages) once it has been disposed of; the chain
still verifies, without the key (decision 0015)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import text

from apdesk.domain.entities import Carer, Pupil
from apdesk.domain.enums import Role
from apdesk.domain.errors import PermissionDenied
from apdesk.domain.identifiers import make_upn
from apdesk.domain.retention import RecordClass
from apdesk.domain.subject_access import SubjectAccessRequest
from apdesk.services import audit_trail, corrections, pupils, retention, subject_access
from apdesk.services.app_services import AppServices
from apdesk.storage import audit, pupil_keys
from apdesk.storage.check import check_store
from tests.services import builders
from tests.services.test_retention import decrypted_pages

FIRST, LAST, TWIN_LAST = "Ottoline", "Brackenbury", "Brackenbery"
BORN = date(2000, 6, 7)  # 25 on 7 Jun 2025: past its period on 28 Nov 2026
UPN, TWIN_UPN = make_upn(938, 4000, 11, 41), make_upn(938, 4000, 11, 42)
CARER, REQUESTER = "Marigold Fennimore", "Augustin Pellworth"
WHO = (FIRST, LAST, TWIN_LAST, BORN.isoformat(), UPN, TWIN_UPN, CARER, REQUESTER)


def _pupil(svc: AppServices, actor, last: str, upn: str) -> Pupil:
    return pupils.save_pupil(
        svc,
        actor,
        Pupil(FIRST, last, BORN, upn=upn, cp_plan=True, carers=[Carer(CARER, "Grandmother")]),
    )


@pytest.fixture
def kept(services: AppServices, actors):
    """A pupil entered twice and merged, with a subject access request: rows of every kind."""
    head, dsl = actors[Role.HEADTEACHER], actors[Role.DSL]
    builders.add_school(services, head)
    pupil = _pupil(services, dsl, LAST, UPN)
    twin = _pupil(services, dsl, TWIN_LAST, TWIN_UPN)
    subject_access.record_request(
        services, dsl, SubjectAccessRequest(pupil.id, REQUESTER, "Uncle", date(2026, 11, 2))
    )
    corrections.merge_pupils(services, dsl, pupil.id, twin.id, "Entered twice at admission")
    return services, actors, pupil, twin


def _raw_log(svc: AppServices) -> str:
    with svc.store.engine.connect() as conn:
        return " ".join(str(r) for r in conn.execute(text("SELECT * FROM audit_log")))


def _everything(svc: AppServices) -> tuple[str, bytes]:
    """Every row of every table, and every page of the file decrypted (free pages too)."""
    store = svc.store
    with store.raw_connection() as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        rows = " ".join(repr(r) for name in tables for r in conn.execute(f'SELECT * FROM "{name}"'))
    wal = store.paths.db.with_name("apdesk.db-wal")
    extra = wal.read_bytes() if wal.exists() else b""
    return rows, decrypted_pages(store.paths.db, store.key) + extra


def test_the_trail_shows_who_the_pupil_is_but_the_log_keeps_it_sealed(kept):
    svc, actors, pupil, twin = kept
    trail = audit_trail.pupil_trail(svc, actors[Role.DSL], pupil.id)
    saved = next(r for r in trail if r.action == "pupil.save")
    assert saved.new is not None
    assert (saved.new["legal_first_name"], saved.new["legal_last_name"]) == (FIRST, LAST)
    assert saved.new["date_of_birth"] == BORN.isoformat() and saved.new["upn"] == UPN
    assert saved.new["cp_plan"] is True
    assert saved.new["year_group"] is None  # not identifying: kept as it is
    merge = next(r for r in trail if r.action == "pupil.merge")
    assert merge.old == {"duplicate": {
        "id": twin.id, "legal_first_name": FIRST, "legal_last_name": TWIN_LAST,
        "date_of_birth": BORN.isoformat(), "upn": TWIN_UPN,
    }}  # fmt: skip
    asked = next(r for r in trail if r.action == "subject_access.recorded")
    assert asked.new is not None and asked.new["requester"] == REQUESTER
    lines = "\n".join(audit_trail.describe(r) for r in trail)
    assert f"legal last name {LAST}" in lines and f"requester {REQUESTER}" in lines
    # the duplicate's own rows read through its key, now kept with the record kept
    [twin_saved] = audit_trail.pupil_trail(svc, actors[Role.DSL], twin.id)
    assert twin_saved.new is not None and twin_saved.new["legal_last_name"] == TWIN_LAST

    raw = _raw_log(svc)
    for needle in WHO:
        assert needle not in raw, needle
    assert pupil_keys.SEALED_PREFIX in raw
    assert '"year_group": null' in raw and '"sen_status": "none"' in raw


def test_after_disposal_nothing_in_the_store_says_who_the_pupil_was(kept):
    svc, actors, pupil, twin = kept
    with svc.store.engine.connect() as conn:
        keys = pupil_keys.keys_for(conn, pupil.id) + pupil_keys.keys_for(conn, twin.id)
    assert len(keys) == 2
    retention.dispose(
        svc, actors[Role.HEADTEACHER], pupil.id, RecordClass.ALTERNATIVE_PROVISION,
        "Past DOB + 25 years at the annual retention review",
    )  # fmt: skip

    rows, pages = _everything(svc)
    for needle in WHO:
        assert needle not in rows, needle
        assert needle.encode() not in pages, needle
    for key in keys:
        assert key not in pages and key.hex() not in rows
    for pupil_id in (pupil.id, twin.id):
        trail = audit_trail.pupil_trail(svc, actors[Role.DSL], pupil_id)
        assert trail
        for record in trail:
            for values in (record.old or {}, record.new or {}):
                for name in values.keys() & {"legal_last_name", "upn", "requester", "duplicate"}:
                    assert values[name] == pupil_keys.DISPOSED
    lines = "\n".join(audit_trail.describe(r) for r in trail)
    assert "(disposed)" in lines
    with svc.store.engine.connect() as conn:
        assert audit.verify_chain(conn) == []
        disposed = conn.execute(
            text("SELECT new FROM audit_log WHERE action = 'retention.dispose'")
        ).scalar_one()
    assert json.loads(disposed)["counts"]["pupil record"] == 1
    assert check_store(svc.store).ok


def test_a_pupil_removed_by_mistake_stays_readable_and_others_are_untouched(kept):
    svc, actors, pupil, _ = kept
    dsl = actors[Role.DSL]
    other = builders.add_pupil(svc, dsl, serial=43, first="Wilhelmina", last="Quarrendon")
    corrections.remove_pupil(svc, dsl, other.id, "Entered by mistake for another school")
    removed = next(
        r for r in audit_trail.pupil_trail(svc, dsl, other.id) if r.action == "pupil.remove"
    )
    assert removed.old is not None and removed.old["legal_last_name"] == "Quarrendon"
    retention.dispose(
        svc, actors[Role.HEADTEACHER], pupil.id, RecordClass.ALTERNATIVE_PROVISION,
        "Past DOB + 25 years at the annual retention review",
    )  # fmt: skip
    # SQLite may give the new pupil the merged twin's id: the twin's rows went with the file
    # disposed of, the new pupil's (under its own key) still read
    trail = audit_trail.pupil_trail(svc, dsl, other.id)
    names = [(r.new or r.old or {}).get("legal_first_name") for r in trail]
    assert names.count("Wilhelmina") == 2  # saved, then removed
    assert set(names) <= {"Wilhelmina", pupil_keys.DISPOSED, None}


@pytest.mark.parametrize("role", list(Role))
def test_only_the_headteacher_and_dsl_read_the_trail(kept, role):
    svc, actors, pupil, _ = kept
    if role in (Role.HEADTEACHER, Role.DSL):
        assert audit_trail.pupil_trail(svc, actors[role], pupil.id)
        return
    with pytest.raises(PermissionDenied):
        audit_trail.pupil_trail(svc, actors[role], pupil.id)


def test_a_sealed_value_moved_to_another_field_or_pupil_does_not_open():
    key = bytes(32)
    sealed = pupil_keys.seal(key, "7", "upn", UPN)
    assert pupil_keys.unseal([key], "7", "upn", sealed) == UPN
    assert pupil_keys.unseal([key], "8", "upn", sealed) == pupil_keys.DISPOSED
    assert pupil_keys.unseal([key], "7", "legal_last_name", sealed) == pupil_keys.DISPOSED
    assert pupil_keys.unseal([], "7", "upn", sealed) == pupil_keys.DISPOSED
    assert pupil_keys.unseal([key], "7", "upn", "aes-gcm:not base64!") == pupil_keys.DISPOSED
    assert pupil_keys.seal(key, "7", "upn", UPN) != sealed  # a fresh nonce each time
    # a flag's length does not tell true from false, nor a short name from another
    lengths = {len(pupil_keys.seal(key, "7", "cp_plan", v)) for v in (True, False, None, "Al")}
    assert len(lengths) == 1
