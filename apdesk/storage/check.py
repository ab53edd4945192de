"""`apdesk check`: SQLCipher's page HMACs, SQLite's integrity and foreign keys, the audit chain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from apdesk.storage import audit
from apdesk.storage.backup import known_heads
from apdesk.storage.engine import (
    DatabaseError,
    cipher_integrity,
    connect,
    foreign_key_problems,
    sqlite_integrity,
)
from apdesk.storage.store import Store


@dataclass
class CheckReport:
    results: list[tuple[str, list[str]]] = field(default_factory=list)

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
        return out


def check_store(store: Store) -> CheckReport:
    report = CheckReport()
    with store.raw_connection() as conn:
        report.add("encryption: every page's HMAC (cipher_integrity_check)", cipher_integrity, conn)
        report.add("database structure (integrity_check)", sqlite_integrity, conn)
        report.add("links between records (foreign_key_check)", foreign_key_problems, conn)
    with store.engine.connect() as conn:
        report.add("audit log chain", audit.verify_chain, conn, known_heads(store.paths))
    return report


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
