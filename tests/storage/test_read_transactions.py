"""A read takes no write lock and cannot write; a write still takes the lock up front (0028)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from apdesk.storage.engine import READ_ONLY, reading
from apdesk.storage.tables import store_meta


def _value(conn, key: str) -> str | None:  # type: ignore[no-untyped-def]
    return conn.execute(select(store_meta.c.value).where(store_meta.c.key == key)).scalar()


def test_a_read_goes_on_while_another_connection_is_writing(new_store):
    store, _ = new_store
    store.set_meta("note", "before")
    with store.engine.begin() as writer:
        writer.execute(store_meta.update().values(value="during"))
        # the writer holds the write lock; a read neither waits for it nor sees its change
        with reading(store.engine).connect() as reader:
            assert _value(reader, "note") == "before"
    with reading(store.engine).connect() as reader:
        assert _value(reader, "note") == "during"


def test_a_write_waits_for_the_lock_while_a_read_is_open_beside_it(new_store):
    store, _ = new_store
    store.set_meta("note", "before")
    with reading(store.engine).connect() as reader:
        assert _value(reader, "note") == "before"  # its snapshot begins here
        store.set_meta("note", "after")  # a writer is not held up by the read
        assert _value(reader, "note") == "before"  # and the read keeps its own view
    assert store.meta("note") == "after"


def test_a_read_cannot_write_and_its_connection_writes_again_afterwards(new_store):
    store, _ = new_store
    store.set_meta("note", "before")
    with store.engine.connect() as conn:  # one connection, used both ways in turn
        for _ in range(2):
            conn.execution_options(**{READ_ONLY: True})
            with pytest.raises(OperationalError, match="readonly"), conn.begin():
                conn.execute(store_meta.update().values(value="written by a read"))
            assert _value(conn, "note") == "before"
            conn.rollback()
            conn.execution_options(**{READ_ONLY: False})
            with conn.begin():
                conn.execute(store_meta.update().values(value="written by a write"))
            assert _value(conn, "note") == "written by a write"
            conn.rollback()
            store.set_meta("note", "before")


def test_a_connection_a_read_used_writes_again_when_handed_out_raw(new_store):
    """Backups, rekeying and the closing checkpoint take a raw connection from the pool,
    with no transaction of SQLAlchemy's to begin; one a read has used must write again."""
    store, _ = new_store
    store.set_meta("note", "before")
    with reading(store.engine).connect() as reader:
        assert _value(reader, "note") == "before"
    with store.raw_connection() as raw:  # the pool's one connection, the reader's
        raw.execute("UPDATE store_meta SET value = 'written raw' WHERE key = 'note'")
    assert store.meta("note") == "written raw"
