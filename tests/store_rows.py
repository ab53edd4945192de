"""How many rows each table of a store holds: for tests that something wrote nothing."""

from __future__ import annotations

from sqlalchemy import Engine


def row_counts(engine: Engine) -> dict[str, int]:
    """Rows in every table of the store, the audit log included."""
    with engine.connect() as conn:
        names = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).scalars()
        return {
            name: conn.exec_driver_sql(f'SELECT count(*) FROM "{name}"').scalar_one()
            for name in list(names)
        }
