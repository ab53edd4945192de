"""`apdesk check`: SQLCipher's page HMACs, SQLite's integrity and foreign keys, the audit chain."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

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

    def lines(self) -> list[str]:
        out = []
        for name, problems in self.results:
            out.append(f"{'OK  ' if not problems else 'FAIL'} {name}")
            out += [f"     - {problem}" for problem in problems]
        return out


def check_store(store: Store) -> CheckReport:
    report = CheckReport()
    with store.raw_connection() as conn:
        report.results.append(("encryption: every page's HMAC (cipher_integrity_check)",
                               cipher_integrity(conn)))
        report.results.append(("database structure (integrity_check)", sqlite_integrity(conn)))
        report.results.append(("links between records (foreign_key_check)",
                               foreign_key_problems(conn)))
    with store.engine.connect() as conn:
        report.results.append(("audit log chain", audit.verify_chain(conn, known_heads(store.paths))))
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
