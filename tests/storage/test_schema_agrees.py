"""The migrations and `tables.py` describe the same schema, and the newest migration undoes cleanly.

The program builds every store through the migrations, while the services read and write
through `tables.py`. A column added to one and not the other would pass every test that uses
only one of them; Alembic's own comparison finds it.
"""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from apdesk.storage import migrate, tables
from apdesk.storage.check import check_store


def _differences(engine) -> list:
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": False}
        )
        return compare_metadata(context, tables.metadata)


def _schema(engine) -> dict[str, list[tuple]]:
    """Each table's columns (name, type, not null, default, key) and its index names."""
    with engine.connect() as conn:
        names = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ).scalars()
        return {
            name: [tuple(c)[1:] for c in conn.exec_driver_sql(f'PRAGMA table_info("{name}")')]
            + sorted((i[1],) for i in conn.exec_driver_sql(f'PRAGMA index_list("{name}")'))
            for name in list(names)
        }


def test_a_migrated_store_has_exactly_the_tables_the_code_uses(new_store):
    store, _ = new_store
    assert _differences(store.engine) == []


def _run(store, direction: str, target: str) -> None:
    config = migrate._config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        getattr(command, direction)(config, target)


def test_the_newest_migration_downgrades_and_upgrades_back_to_the_same_schema(new_store):
    store, _ = new_store
    head = migrate.head_revision()
    before = _schema(store.engine)
    script = ScriptDirectory.from_config(migrate._config()).get_revision(head)
    previous = script.down_revision
    assert isinstance(previous, str)

    _run(store, "downgrade", previous)
    assert migrate.current_revision(store.engine) == previous
    # a migration that changes only rows (0019 sealed audit values) says so
    assert getattr(script.module, "DATA_ONLY", False) or _schema(store.engine) != before

    _run(store, "upgrade", "head")
    assert migrate.current_revision(store.engine) == head
    assert _schema(store.engine) == before
    assert _differences(store.engine) == []
    assert check_store(store).ok
