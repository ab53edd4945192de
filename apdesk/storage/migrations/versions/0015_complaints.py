"""Complaints about providers (§15): complainant, stage, deadlines by stage, outcome; the
school's school days per stage.

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

STAGES = ("headteacher", "provider", "local_authority", "ofsted")


def upgrade() -> None:
    op.create_table(
        "complaint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complainant", sa.String(length=200), nullable=False),
        sa.Column("relationship", sa.Text(), server_default="", nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=True),
        sa.Column("summary", sa.Text(), server_default="", nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        sa.Column("stage_since", sa.Date(), nullable=True),
        sa.Column("outcome", sa.String(length=40), nullable=True),
        sa.Column("outcome_note", sa.Text(), server_default="", nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["provider_id"], ["provider.id"], name=op.f("fk_complaint_provider_id_provider")
        ),
        sa.ForeignKeyConstraint(
            ["placement_id"], ["placement.id"], name=op.f("fk_complaint_placement_id_placement")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["staff.id"], name=op.f("fk_complaint_recorded_by_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint")),
    )
    for column in ("provider_id", "placement_id", "recorded_by"):
        op.create_index(op.f(f"ix_complaint_{column}"), "complaint", [column], unique=False)
    with op.batch_alter_table("school", schema=None) as batch_op:
        for stage in STAGES:
            batch_op.add_column(sa.Column(f"complaint_days_{stage}", sa.Integer))


def downgrade() -> None:
    with op.batch_alter_table("school", schema=None) as batch_op:
        for stage in STAGES:
            batch_op.drop_column(f"complaint_days_{stage}")
    op.drop_table("complaint")
