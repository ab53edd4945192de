"""Attendance: when each session's register closes, and dual registration of a placement.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("school") as batch:
        batch.add_column(
            sa.Column("am_register_closes", sa.Time(), nullable=False, server_default="10:00:00")
        )
        batch.add_column(
            sa.Column("pm_register_closes", sa.Time(), nullable=False, server_default="14:30:00")
        )
    with op.batch_alter_table("placement") as batch:
        batch.add_column(
            sa.Column("dual_registered", sa.Boolean(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("placement") as batch:
        batch.drop_column("dual_registered")
    with op.batch_alter_table("school") as batch:
        batch.drop_column("pm_register_closes")
        batch.drop_column("am_register_closes")
