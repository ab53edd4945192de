"""Schema upgrades through Alembic, on the keyed connection, after an encrypted copy is taken.

A store whose revision this program does not know was written by a newer APDesk: it is
refused, never "upgraded" backwards.

Opening a store that is already up to date (nearly every start) does not import Alembic,
which costs a third of a second: the stored revision is one row of `alembic_version` and the
newest is the highest-numbered file in `migrations/versions` (each migration's revision is
its file's number; tests/storage/test_migrations.py checks that Alembic agrees).
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text

from apdesk.storage.engine import export_copy
from apdesk.storage.errors import SchemaTooNew, UpgradeBrokeLinks

log = logging.getLogger("apdesk")

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest revision: the highest-numbered migration file's number ("0019")."""
    return max(p.name[:4] for p in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))


def current_revision(engine: Engine) -> str | None:
    """The store's revision, read as Alembic keeps it (None before the first migration)."""
    with engine.connect() as conn:
        versioned = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")
        ).first()
        if versioned is None:
            return None
        stored: str | None = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return stored


def pending(engine: Engine) -> bool:
    """True when the store needs an upgrade; SchemaTooNew when it is from a newer program."""
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    current = current_revision(engine)
    if current is None:
        return True
    try:
        ScriptDirectory.from_config(_config()).get_revision(current)
    except CommandError:
        raise SchemaTooNew(
            "This store was written by a newer version of APDesk (schema "
            f"{current}). Install the newer version to open it; nothing was changed."
        ) from None
    return current != head_revision()


#: How long the copy taken before an upgrade is kept: long enough to notice an upgrade that
#: went wrong, and no longer, since it holds whatever has been disposed of since (decision 0026).
KEEP_COPIES_DAYS = 90
_COPY = re.compile(r"before-upgrade-[0-9a-z_]+-(\d{8}-\d{6})\.db")


def prune_copies(copy_folder: Path, now: datetime) -> list[Path]:
    """Delete the copies taken before an upgrade once `KEEP_COPIES_DAYS` old, by the time in
    their names; the ones deleted. One that cannot be deleted now is tried at the next open."""
    gone = []
    for copy in sorted(copy_folder.glob("before-upgrade-*.db")):
        named = _COPY.fullmatch(copy.name)
        try:
            taken = datetime.strptime(named[1], "%Y%m%d-%H%M%S") if named else None
        except ValueError:
            taken = None
        if taken is None or (now - taken).days < KEEP_COPIES_DAYS:  # not ours: left alone
            continue
        try:
            copy.unlink()
        except OSError:
            log.warning("could not delete %s, an upgrade's old copy", copy, exc_info=True)
            continue
        gone.append(copy)
    return gone


def upgrade(engine: Engine, key: bytes, copy_folder: Path, now: datetime) -> Path | None:
    """Bring the store to the newest schema; returns the copy taken first, if there was one."""
    current = current_revision(engine)
    if current == head_revision() or not pending(engine):
        return None
    from alembic import command

    copy = None
    if current is not None:
        copy = copy_folder / f"before-upgrade-{current}-{now:%Y%m%d-%H%M%S}.db"
        raw = engine.raw_connection()
        try:
            export_copy(raw.driver_connection, copy, key)
        finally:
            raw.close()
    config = _config()
    with engine.connect() as conn:
        # SQLite cannot change a table's constraints in place, so Alembic's batch mode copies
        # the table, drops the old one and renames the copy. With foreign keys on, dropping a
        # table that other rows point at fails, so they are off while the schema changes and
        # every link is checked before the upgrade commits: the SQLite manual's procedure for
        # ALTER TABLE. The pragma is a no-op inside a transaction, so it goes to the raw
        # connection before SQLAlchemy begins one.
        raw_connection = conn.connection.dbapi_connection
        assert raw_connection is not None
        raw_connection.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise UpgradeBrokeLinks(
                        "The upgrade to this version of APDesk would break links between "
                        f"records ({len(broken)} found), so it was not made; nothing was "
                        "changed. Keep using the previous version and report this."
                    )
        finally:
            raw_connection.execute("PRAGMA foreign_keys = ON")
    return copy
