"""The AP policy as data: its front page on the school, the checklist wording loaded, and which
wording version each Annex A authorisation and Annex B sign-off was made under.

An existing school gets the policy v1.0's front page (approved March 2026 by the SSC, next
review March 2027), as a new one does; earlier sign-offs were all made under v1.0.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("school", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("policy_version", sa.String(length=20), server_default="1.0", nullable=False)
        )
        batch_op.add_column(sa.Column("policy_approved_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "policy_approving_body", sa.String(length=200), server_default="", nullable=False
            )
        )
        batch_op.add_column(sa.Column("policy_review_on", sa.Date(), nullable=True))
    op.execute(
        "UPDATE school SET policy_approved_on = '2026-03-01', policy_review_on = '2027-03-01', "
        "policy_approving_body = 'School Standards Committee (SSC)'"
    )
    op.create_table(
        "policy_wording",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.String(length=20), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(), nullable=False),
        sa.Column("loaded_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["loaded_by"], ["staff.id"], name=op.f("fk_policy_wording_loaded_by_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy_wording")),
        sa.UniqueConstraint("version", name=op.f("uq_policy_wording_version")),
    )
    with op.batch_alter_table("policy_wording", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_policy_wording_loaded_by"), ["loaded_by"])
    with op.batch_alter_table("annex_b_signoff", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("policy_version", sa.String(length=20), server_default="", nullable=False)
        )
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("annex_a_version", sa.String(length=20), server_default="", nullable=False)
        )
    op.execute("UPDATE annex_b_signoff SET policy_version = '1.0'")
    op.execute("UPDATE placement SET annex_a_version = '1.0' WHERE authorised_on IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.drop_column("annex_a_version")
    with op.batch_alter_table("annex_b_signoff", schema=None) as batch_op:
        batch_op.drop_column("policy_version")
    op.drop_table("policy_wording")
    with op.batch_alter_table("school", schema=None) as batch_op:
        for name in ("policy_review_on", "policy_approving_body", "policy_approved_on"):
            batch_op.drop_column(name)
        batch_op.drop_column("policy_version")
