"""The school's review intervals (school weeks by risk level) and the governors' report plans.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 10:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("school") as batch:
        for risk in ("high", "medium", "low"):
            batch.add_column(sa.Column(f"review_weeks_{risk}", sa.Integer(), nullable=True))
    op.create_table(
        "governors_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term_name", sa.String(length=100), nullable=False),
        sa.Column("text", sa.Text(), server_default="", nullable=False),
        sa.Column("written_by", sa.Integer(), nullable=True),
        sa.Column("written_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["written_by"], ["staff.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("term_name"),
    )
    op.create_index("ix_governors_plans_written_by", "governors_plans", ["written_by"])


def downgrade() -> None:
    op.drop_table("governors_plans")
    with op.batch_alter_table("school") as batch:
        for risk in ("low", "medium", "high"):
            batch.drop_column(f"review_weeks_{risk}")
