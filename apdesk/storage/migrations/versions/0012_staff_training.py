"""Staff awareness and training (§14, Annex B §6): policy read, AP-procedures and safeguarding
training, for each member of staff with or without an account.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff_training",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("job_title", sa.Text(), server_default="", nullable=False),
        sa.Column("policy_read_on", sa.Date(), nullable=True),
        sa.Column("policy_read_version", sa.String(length=20), server_default="", nullable=False),
        sa.Column("ap_trained_on", sa.Date(), nullable=True),
        sa.Column("ap_expires_on", sa.Date(), nullable=True),
        sa.Column("safeguarding_on", sa.Date(), nullable=True),
        sa.Column("safeguarding_expires_on", sa.Date(), nullable=True),
        sa.Column("active", sa.Boolean(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["staff_id"], ["staff.id"], name=op.f("fk_staff_training_staff_id_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_training")),
        sa.UniqueConstraint("staff_id", name=op.f("uq_staff_training_staff_id")),
    )


def downgrade() -> None:
    op.drop_table("staff_training")
