"""Encrypted backups: one zip holding the encrypted database, its key slots and a manifest.

The database inside is a fresh SQLCipher export under the store's key, so a backup opens with
the same recovery code (or keyring entry) as the store it came from. Every backup is verified
after writing; a restore verifies first and keeps the replaced store aside.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import platformdirs
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from sqlalchemy import Connection, text

from apdesk import __version__
from apdesk.storage import audit, migrate
from apdesk.storage.engine import (
    DatabaseError,
    cipher_integrity,
    connect,
    export_copy,
    sqlite_integrity,
)
from apdesk.storage.errors import StoreError
from apdesk.storage.files import (
    check_output_path,
    fsync_dir,
    open_private,
    output_error,
    write_atomic,
)
from apdesk.storage.keyslots import KeySlots
from apdesk.storage.store import Store, StorePaths

DB_MEMBER, SLOTS_MEMBER, MANIFEST_MEMBER = "apdesk.db", "keyslots.json", "manifest.json"
BACKUPS_FILE = "backups.json"
BACKUPS_MADE = "backups_made"


class BackupInvalid(StoreError):
    """The backup file is damaged, incomplete or not an APDesk backup."""


@dataclass(frozen=True)
class Manifest:
    store_id: str
    created_at: str
    schema_revision: str | None
    audit_head: audit.ChainHead
    db_sha256: str
    app_version: str
    school_root: str | None = None  # SHA-256 of the school's first signing root, if made

    def to_json(self) -> bytes:
        body = dict(self.__dict__, audit_head=str(self.audit_head), format=1)
        return json.dumps(body, indent=2).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        body = json.loads(raw)
        row_id, _, digest = str(body["audit_head"]).partition(":")
        return cls(
            store_id=body["store_id"],
            created_at=body["created_at"],
            schema_revision=body["schema_revision"],
            audit_head=audit.ChainHead(int(row_id), digest),
            db_sha256=body["db_sha256"],
            app_version=body["app_version"],
            school_root=body.get("school_root"),
        )


def create_backup(store: Store, target: Path, now: datetime) -> Manifest:
    """Write a verified backup to `target` (atomically: a half-written file never appears)."""
    check_output_path(target)
    try:
        return _create_backup(store, target, now)
    except OSError as exc:
        raise output_error(target, exc) from None


def _create_backup(store: Store, target: Path, now: datetime) -> Manifest:
    copy = store.paths.work / "backup.db"
    made = int(store.meta(BACKUPS_MADE) or "0")
    store.set_meta(BACKUPS_MADE, str(made + 1))  # so a lost backups.json is noticed
    with store.raw_connection() as conn:
        export_copy(conn, copy, store.key)
    with store.engine.connect() as conn:
        head = audit.head(conn)
        root = school_root_fingerprint(conn)
    manifest = Manifest(
        store.store_id,
        now.isoformat(timespec="seconds"),
        migrate.current_revision(store.engine),
        head,
        _sha256(copy),
        __version__,
        root,
    )
    partial = target.with_name(f".{target.name}.partial")
    try:
        _write_zip(partial, copy, store.slots, manifest)
        verify_backup(partial, store.key, store.paths.work)
        os.replace(partial, target)
        fsync_dir(target.parent)
        _remember_head(store.paths, head, root)
    finally:
        copy.unlink(missing_ok=True)
        partial.unlink(missing_ok=True)
    return manifest


def _write_zip(path: Path, db: Path, slots: KeySlots, manifest: Manifest) -> None:
    with (
        os.fdopen(open_private(path), "wb") as handle,
        zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED) as archive,
    ):
        archive.write(db, DB_MEMBER)
        archive.writestr(SLOTS_MEMBER, slots.to_json())
        archive.writestr(MANIFEST_MEMBER, manifest.to_json())
        archive.close()
        handle.flush()
        os.fsync(handle.fileno())


def read_backup(path: Path, *, test: bool = True) -> tuple[Manifest, KeySlots]:
    """The manifest and key slots of a backup, checking it is whole (unless `test` is False:
    only the manifest is read) and is ours."""
    try:
        with zipfile.ZipFile(path) as archive:
            if test and archive.testzip() is not None:
                raise BackupInvalid(f"The backup {path.name} is damaged. Nothing was changed.")
            manifest = Manifest.from_json(archive.read(MANIFEST_MEMBER))
            slots = KeySlots.from_json(archive.read(SLOTS_MEMBER))
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, StoreError) as exc:
        if isinstance(exc, BackupInvalid):
            raise
        raise BackupInvalid(
            f"{path.name} is not a readable APDesk backup (it is damaged or another kind of "
            "file). Nothing was changed."
        ) from None
    return manifest, slots


def verify_backup(path: Path, key: bytes, work: Path) -> Manifest:
    """Check the checksum and open the copy with `key`: both integrity checks must pass."""
    manifest, slots = read_backup(path)
    if not slots.check_key(key):
        raise BackupInvalid("That key does not open this backup. Nothing was changed.")
    extracted = work / "verify.db"
    try:
        _extract_db(path, extracted)
        if _sha256(extracted) != manifest.db_sha256:
            raise BackupInvalid(
                f"The backup {path.name} is damaged (checksum). Nothing was changed."
            )
        _check_opens(extracted, key, path.name)
    finally:
        extracted.unlink(missing_ok=True)
    return manifest


def _check_opens(db: Path, key: bytes, name: str) -> None:
    try:
        conn = connect(db, key)
        try:
            problems = cipher_integrity(conn) + sqlite_integrity(conn)
        finally:
            conn.close()
    except DatabaseError:
        problems = ["it will not open"]
    if problems:
        raise BackupInvalid(f"The backup {name} is damaged ({problems[0]}). Nothing was changed.")


def restore_backup(paths: StorePaths, backup: Path, key: bytes, now: datetime) -> Path | None:
    """Replace the store with a verified backup; the old files go to a `replaced-…` folder."""
    paths.work.mkdir(parents=True, exist_ok=True)
    verify_backup(backup, key, paths.work)
    manifest, slots = read_backup(backup)
    aside = None
    if paths.exists():
        aside = paths.folder / f"replaced-{now:%Y%m%d-%H%M%S}"
        aside.mkdir()
        for item in [paths.db, paths.keyslots, *paths.sidecars()]:
            if item.exists():
                shutil.move(str(item), aside / item.name)
    incoming = paths.folder / "apdesk.db.restoring"
    _extract_db(backup, incoming)
    slots.save(paths.keyslots)
    os.replace(incoming, paths.db)
    fsync_dir(paths.folder)
    _forget_heads_after(paths, manifest)
    return aside


def _extract_db(backup: Path, target: Path) -> None:
    with (
        zipfile.ZipFile(backup) as archive,
        archive.open(DB_MEMBER) as src,
        os.fdopen(open_private(target), "wb") as dst,
    ):
        shutil.copyfileobj(src, dst)
        dst.flush()
        os.fsync(dst.fileno())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def school_root_fingerprint(conn: Connection) -> str | None:
    """SHA-256 of the school's first signing root (the one `verify` trusts), if there is one."""
    pem = conn.execute(text("SELECT cert_pem FROM school_ca ORDER BY id LIMIT 1")).scalar()
    if pem is None:
        return None
    cert = x509.load_pem_x509_certificate(bytes(pem))
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


@dataclass(frozen=True)
class BackupRecord:
    """What `backups.json` beside the store remembers of the backups made from it."""

    heads: list[audit.ChainHead]
    school_root: str | None
    present: bool


def backup_record(paths: StorePaths) -> BackupRecord:
    try:
        data = json.loads((paths.folder / BACKUPS_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return BackupRecord([], None, False)
    except (OSError, ValueError):
        return BackupRecord([], None, True)
    heads = []
    with contextlib.suppress(ValueError, KeyError, TypeError, AttributeError, IndexError):
        heads = [audit.ChainHead(int(h.split(":")[0]), h.split(":")[1]) for h in data["heads"]]
    root = data.get("school_root") if isinstance(data, dict) else None
    return BackupRecord(heads, root if isinstance(root, str) else None, True)


def known_heads(paths: StorePaths) -> list[audit.ChainHead]:
    """Chain heads recorded by this store's backups (kept in `backups.json` beside it)."""
    return backup_record(paths).heads


def _save_record(paths: StorePaths, heads: list[str], root: str | None) -> None:
    body: dict[str, object] = {"heads": heads}
    if root:
        body["school_root"] = root
    write_atomic(paths.folder / BACKUPS_FILE, json.dumps(body, indent=2).encode())


def _remember_head(paths: StorePaths, head: audit.ChainHead, root: str | None) -> None:
    record = backup_record(paths)
    heads = [str(h) for h in record.heads] + [str(head)]
    _save_record(paths, heads[-50:], root or record.school_root)


def _forget_heads_after(paths: StorePaths, restored: Manifest) -> None:
    """Heads from backups newer than the restored one describe a history that is now gone."""
    head = restored.audit_head
    heads = [str(h) for h in known_heads(paths) if h.row_id <= head.row_id] + [str(head)]
    _save_record(paths, heads, restored.school_root)


def default_backups_folder() -> Path:
    """Where the window suggests backups go: the person's Documents folder."""
    env = os.environ.get("APDESK_BACKUPS_DIR")
    return Path(env) if env else Path(platformdirs.user_documents_dir())


def manifests_in(folder: Path, store_id: str, limit: int = 200) -> list[tuple[Path, Manifest]]:
    """This store's backups in `folder` (not its sub-folders), newest name last."""
    found: list[tuple[Path, Manifest]] = []
    with contextlib.suppress(OSError):
        for path in sorted(folder.glob("*.zip"))[:limit]:
            with contextlib.suppress(BackupInvalid):
                manifest, _ = read_backup(path, test=False)
                if manifest.store_id == store_id:
                    found.append((path, manifest))
    return found
