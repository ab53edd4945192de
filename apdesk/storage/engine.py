"""The SQLCipher engine: keyed connections, the store's pragmas, copies and integrity checks.

The key is the first statement on every connection and is built only from `bytes.hex()`.
There is never a plain `sqlite3` connection to the store, nor a decrypted copy of it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from apdesk.storage.crypto import database_key_pragma
from apdesk.storage.files import make_private_file, open_private

DatabaseError = sqlcipher3.dbapi2.DatabaseError

PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA secure_delete = ON",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA busy_timeout = 5000",
)


def connect(db_path: Path, key: bytes, *, probe: bool = True) -> Any:
    """A raw DB-API connection, keyed and configured. Reads the first page to prove the key."""
    if probe:
        _private_database(db_path)
    conn = sqlcipher3.dbapi2.connect(str(db_path), check_same_thread=False, isolation_level=None)
    try:
        # SQLCipher would otherwise print its own HMAC errors to the terminal.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = {database_key_pragma(key)}")
        if not probe:
            return conn
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        for pragma in PRAGMAS:
            conn.execute(pragma)
    except BaseException:
        conn.close()
        raise
    return conn


def _private_database(db_path: Path) -> None:
    """The database file owner-only (0600) before SQLite opens it; its -wal and -shm files
    take the same mode from it."""
    if db_path.exists():
        make_private_file(db_path)
    else:
        os.close(open_private(db_path))


def make_engine(db_path: Path, key: bytes) -> Engine:
    """A SQLAlchemy engine whose every connection comes from `connect`."""
    # The URL names no file, so SQLAlchemy would pick its in-memory SingletonThreadPool (one
    # connection per thread, closing others' past five threads); a file store wants a queue.
    engine = create_engine(
        "sqlite+pysqlite://",
        creator=lambda: connect(db_path, key),
        module=sqlcipher3.dbapi2,
        poolclass=QueuePool,
    )

    # The connection runs in autocommit (isolation_level=None) so that SQLAlchemy, not the
    # DB-API module, decides where transactions begin. A write begins IMMEDIATE, taking the
    # write lock up front, so two writers never deadlock half-way through a unit of work. A
    # read (`reading`) begins deferred: a snapshot of the store that, in WAL mode, waits for
    # no writer and holds up none, on a connection made query_only so that it cannot write.
    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        read = bool(conn.get_execution_options().get(READ_ONLY, False))
        if conn.info.get(READ_ONLY, False) is not read:  # `info` lasts as long as the connection
            conn.exec_driver_sql(f"PRAGMA query_only = {'ON' if read else 'OFF'}")
            conn.info[READ_ONLY] = read
        conn.exec_driver_sql("BEGIN" if read else "BEGIN IMMEDIATE")

    # Back in the pool, a read's connection may write again: a backup, a rekey or the closing
    # checkpoint takes a raw connection from the pool, with no `begin` to make it a writer.
    @event.listens_for(engine, "checkin")
    def _writable_again(dbapi_connection: Any, record: Any) -> None:
        if dbapi_connection is not None and record.info.get(READ_ONLY, False):
            dbapi_connection.execute("PRAGMA query_only = OFF")
            record.info[READ_ONLY] = False

    return engine


#: The execution option that makes a connection's transactions reads (`reading`).
READ_ONLY = "apdesk_read_only"


def reading(engine: Engine) -> Engine:
    """The same engine (its pool and connections) whose transactions only read: each begins
    deferred and refuses any write ("attempt to write a readonly database"; decision 0028)."""
    return engine.execution_options(**{READ_ONLY: True})


def export_copy(conn: Any, target: Path, key: bytes) -> None:
    """Write an encrypted copy of the open database to `target` under `key` (sqlcipher_export)."""
    if target.exists():
        target.unlink()
    os.close(open_private(target))
    conn.execute(
        f"ATTACH DATABASE ? AS export_target KEY {database_key_pragma(key)}", (str(target),)
    )
    try:
        conn.execute("SELECT sqlcipher_export('export_target')").fetchall()
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA export_target.user_version = {int(version)}")
    finally:
        conn.execute("DETACH DATABASE export_target")


def cipher_integrity(conn: Any) -> list[str]:
    """SQLCipher's HMAC check of every page: the problems it names (empty when all is well)."""
    return [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check").fetchall()]


def sqlite_integrity(conn: Any) -> list[str]:
    rows = [str(row[0]) for row in conn.execute("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else rows


def foreign_key_problems(conn: Any) -> list[str]:
    rows = conn.execute("PRAGMA foreign_key_check").fetchall()
    return [f"{row[0]} row {row[1]} refers to a missing {row[2]} record" for row in rows]


def cipher_facts() -> list[tuple[str, str]]:
    """SQLCipher's version, its crypto provider and the cipher settings a store is made with
    (asked of a keyed in-memory database, so no store is opened)."""
    conn = sqlcipher3.dbapi2.connect(":memory:")
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = {database_key_pragma(bytes(32))}")

        def one(pragma: str) -> str:
            row = conn.execute(f"PRAGMA {pragma}").fetchone()
            return str(row[0]) if row else "unknown"

        settings = [
            str(r[0]).removeprefix("PRAGMA ").rstrip(";")
            for r in conn.execute("PRAGMA cipher_settings")
        ]
        sqlite = str(conn.execute("SELECT sqlite_version()").fetchone()[0])
        return [
            ("SQLCipher", f"{one('cipher_version')} (SQLite {sqlite})"),
            ("Crypto provider", f"{one('cipher_provider')}: {one('cipher_provider_version')}"),
            (
                "Cipher settings",
                "AES-256 with a raw 256-bit key (no passphrase KDF); "
                + ", ".join(x for x in settings if not x.startswith(("kdf_iter", "cipher_kdf"))),
            ),
        ]
    finally:
        conn.close()
