"""Alembic environment: runs on the already-keyed connection handed in by `migrate.py`."""

from alembic import context

from apdesk.storage.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
