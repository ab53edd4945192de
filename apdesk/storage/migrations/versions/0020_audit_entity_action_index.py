"""An index on the audit log by the kind of record and the action.

Each review plan reads a placement's risk-level changes from the audit log (its
`placement.save` rows); with nothing indexed but the id, Today, the Reviews tab and the
register scanned the whole log (about 21,000 rows at a school's ten years, every one
decrypted) for the few hundred that say a placement was saved.

Revision ID: 0020
Revises: 0019
"""

from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_audit_log_entity_action", "audit_log", ["entity", "action"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_entity_action", table_name="audit_log")
