"""Nothing readable on disk: the database, its journal, backups and the temp folder."""

from __future__ import annotations

import tempfile
from pathlib import Path

from apdesk.storage.backup import create_backup
from tests.storage.helpers import KNOWN_NAMES, write_known_names


def _all_files(*folders: Path) -> list[Path]:
    return [p for folder in folders for p in folder.rglob("*") if p.is_file()]


def test_no_known_name_appears_in_any_file(new_store, clock, tmp_path):
    store, _ = new_store
    temp_before = set(Path(tempfile.gettempdir()).iterdir())
    write_known_names(store, clock.now())
    backup = tmp_path / "backups" / "b.zip"
    backup.parent.mkdir()
    create_backup(store, backup, clock.now())
    wal = store.paths.db.with_name("apdesk.db-wal")
    assert wal.exists(), "with the store open the WAL journal holds the latest pages"
    new_temp = [p for p in Path(tempfile.gettempdir()).iterdir() if p not in temp_before]
    files = _all_files(store.paths.folder, backup.parent) + [p for p in new_temp if p.is_file()]
    for path in files:
        data = path.read_bytes()
        for name in KNOWN_NAMES:
            for encoding in ("utf-8", "utf-16-le"):
                assert name.encode(encoding) not in data, f"{name} readable in {path.name}"


def test_database_does_not_start_like_sqlite(new_store):
    store, _ = new_store
    assert not store.paths.db.read_bytes().startswith(b"SQLite format 3")


def test_pragmas_protect_deleted_data_and_commits(new_store):
    store, _ = new_store
    with store.raw_connection() as conn:
        assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
