"""Checks of a satellite or subcontracted site, and the school's own check periods.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("vetting_check", schema=None) as batch_op:
        batch_op.add_column(sa.Column("site_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_vetting_check_site_id"), ["site_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_vetting_check_site_id_site"),
            "site",
            ["site_id"],
            ["id"],
            ondelete="CASCADE",
        )
    op.create_table(
        "check_period",
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("kind", name=op.f("pk_check_period")),
    )


def downgrade() -> None:
    op.drop_table("check_period")
    with op.batch_alter_table("vetting_check", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_vetting_check_site_id_site"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_vetting_check_site_id"))
        batch_op.drop_column("site_id")
