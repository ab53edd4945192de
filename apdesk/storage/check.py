"""`apdesk check`: SQLCipher's page HMACs, SQLite's integrity and foreign keys, the audit chain."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from apdesk.storage import audit
from apdesk.storage.backup import (
    BACKUPS_MADE,
    BackupInvalid,
    BackupRecord,
    Manifest,
    backup_record,
    manifests_in,
    read_backup,
    school_root_fingerprint,
)
from apdesk.storage.engine import (
    DatabaseError,
    cipher_integrity,
    connect,
    foreign_key_problems,
    sqlite_integrity,
)
from apdesk.storage.keyslots import slot_problems
from apdesk.storage.store import Store


@dataclass
class CheckReport:
    results: list[tuple[str, list[str]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(not problems for _, problems in self.results)

    def add(self, name: str, check: Callable[..., list[str]], *args: Any) -> None:
        """Run one check; a damaged page that stops it is itself the finding."""
        try:
            problems = check(*args)
        except (DatabaseError, SQLAlchemyError) as exc:
            problems = [f"could not finish: {getattr(exc, 'orig', exc)}"]
        self.results.append((name, problems))

    def lines(self) -> list[str]:
        out = []
        for name, problems in self.results:
            out.append(f"{'OK  ' if not problems else 'FAIL'} {name}")
            out += [f"     - {problem}" for problem in problems]
        return out + self.notes


APPEND_ONLY_TRIGGERS = ("audit_log_no_update", "audit_log_no_delete")


def check_store(
    store: Store,
    against: Sequence[Path] = (),
    backups_folder: Path | None = None,
    signed: Sequence[tuple[str, audit.ChainHead | None, str]] = (),
) -> CheckReport:
    """Every check; `against` are earlier backups the audit chain must extend, and the
    backups found in `backups_folder` (the window's default place) are used the same way."""
    report = CheckReport()
    with store.raw_connection() as conn:
        report.add("encryption: every page's HMAC (cipher_integrity_check)", cipher_integrity, conn)
        report.add("database structure (integrity_check)", sqlite_integrity, conn)
        report.add("links between records (foreign_key_check)", foreign_key_problems, conn)
        report.add("audit log is append-only (its triggers)", _trigger_problems, conn)
    report.add(
        "key slots (keyslots.json): seals, Argon2id settings, the recovery slot",
        _keyslot_problems,
        store,
    )
    given, problems = _read_against(store, against)
    found = manifests_in(backups_folder, store.store_id) if backups_folder else []
    record = backup_record(store.paths)
    heads = record.heads + [m.audit_head for _, m in found] + [m.audit_head for _, m in given]
    heads += [head for _, head, _ in signed if head is not None]
    problems += [
        f"{name} cannot vouch for the audit log: {why}"
        for name, head, why in signed
        if head is None
    ]
    with store.engine.connect() as conn:
        report.add("audit log chain", audit.verify_chain, conn, heads)
    named = [(f"the backup {path.name}", m.school_root) for path, m in [*found, *given]]
    report.add(
        "backups and the signing root they recorded",
        lambda: problems + _record_problems(store, record, named),
    )
    if found or given:
        names = ", ".join(path.name for path, _ in [*given, *found][:5])
        report.notes.append(f"Compared with {len(found) + len(given)} backup(s): {names}.")
    vouching = [name for name, head, _ in signed if head is not None]
    if vouching:
        report.notes.append(f"Compared with the chain head signed into {', '.join(vouching)}.")
    return report


def _record_problems(
    store: Store, record: BackupRecord, named: list[tuple[str, str | None]]
) -> list[str]:
    problems = []
    made = int(store.meta(BACKUPS_MADE) or "0")
    if made and not record.present:
        problems.append(
            f"{made} backup(s) were made, but backups.json (their record beside the store) is "
            "missing: check against a backup with `apdesk check --against FILE`"
        )
    elif record.present and not record.heads:
        problems.append("backups.json beside the store is damaged")
    with store.engine.connect() as conn:
        root = school_root_fingerprint(conn)
    problems += [
        f"the school's signing root is not the one {where} recorded: a signature may be forged"
        for where, recorded in [("backups.json beside the store", record.school_root), *named]
        if recorded and root and recorded != root
    ]
    return problems


def _keyslot_problems(store: Store) -> list[str]:
    try:
        raw = store.paths.keyslots.read_bytes()
    except OSError as exc:
        return [f"keyslots.json cannot be read ({exc.strerror})"]
    return slot_problems(raw, store.key)


def _trigger_problems(conn: Any) -> list[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
    present = {str(row[0]) for row in rows}
    return [
        f"the trigger {name} that keeps the audit log append-only is missing"
        for name in APPEND_ONLY_TRIGGERS
        if name not in present
    ]


def _read_against(
    store: Store, files: Sequence[Path]
) -> tuple[list[tuple[Path, Manifest]], list[str]]:
    given, problems = [], []
    for path in files:
        try:
            manifest, _ = read_backup(path)
        except BackupInvalid as exc:
            problems.append(str(exc).replace(" Nothing was changed.", ""))
            continue
        if manifest.store_id != store.store_id:
            problems.append(f"{path.name} is a backup of another store, not this one")
            continue
        given.append((path, manifest))
    return given, problems


def check_unopenable(db: Path, key: bytes) -> CheckReport:
    """For a file whose first page is damaged: SQLCipher can still name the bad pages."""
    conn = connect(db, key, probe=False)
    try:
        pages = cipher_integrity(conn) or ["the file will not open"]
    except DatabaseError as exc:
        pages = [f"the file will not open ({exc})"]
    finally:
        conn.close()
    return CheckReport([("encryption: every page's HMAC (cipher_integrity_check)", pages)])
