"""CP-file transfers to a pupil's next school (with the receipt) and subject access requests.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}")
    )


def _indexes(table: str, *columns: str) -> None:
    for column in columns:
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)


def upgrade() -> None:
    op.create_table(
        "cp_transfer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("receiving_school", sa.Text(), nullable=False),
        sa.Column("receiving_urn", sa.Text(), server_default="", nullable=False),
        sa.Column("receiving_dsl", sa.Text(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("made_by", sa.Integer(), nullable=True),
        sa.Column("pack_sha256", sa.String(length=64), nullable=False),
        sa.Column("receipt_on", sa.Date(), nullable=True),
        sa.Column("receipt_from", sa.Text(), server_default="", nullable=False),
        sa.Column("receipt_recorded_by", sa.Integer(), nullable=True),
        _fk("cp_transfer", "pupil_id", "pupil"),
        _fk("cp_transfer", "made_by", "staff"),
        _fk("cp_transfer", "receipt_recorded_by", "staff"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cp_transfer")),
    )
    _indexes("cp_transfer", "pupil_id", "made_by", "receipt_recorded_by")
    op.create_table(
        "subject_access_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("requester", sa.Text(), nullable=False),
        sa.Column("relationship", sa.Text(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("scope", sa.Text(), server_default="", nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("completed_by", sa.Integer(), nullable=True),
        _fk("subject_access_request", "pupil_id", "pupil"),
        _fk("subject_access_request", "recorded_by", "staff"),
        _fk("subject_access_request", "completed_by", "staff"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subject_access_request")),
    )
    _indexes("subject_access_request", "pupil_id", "recorded_by", "completed_by")


def downgrade() -> None:
    op.drop_table("subject_access_request")
    op.drop_table("cp_transfer")
