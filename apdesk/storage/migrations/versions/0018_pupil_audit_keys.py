"""Each pupil's own key for the identifying values in its audit rows (decision 0015).

From this schema on, the names, date of birth, UPN, CP flags, carers and requesters that an
audit row about a pupil keeps are AES-256-GCM ciphertext under that pupil's key, and
disposing of the pupil's file deletes the key. A pupil gets a key the first time such a row
is written.

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pupil_audit_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.LargeBinary(), nullable=False),
        sa.Column("merged_into", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pupil_audit_key")),
    )
    for column in ("pupil_id", "merged_into"):
        op.create_index(
            op.f(f"ix_pupil_audit_key_{column}"), "pupil_audit_key", [column], unique=False
        )


def downgrade() -> None:
    op.drop_table("pupil_audit_key")
