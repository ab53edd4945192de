"""AP referrals (Annex B 1.3: reason, date, outcome), and the referral a placement came from.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ap_referral",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("referred_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        sa.Column("referred_by", sa.Text(), server_default="", nullable=False),
        sa.Column("reason_kind", sa.String(length=40), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=True),
        sa.Column("decision", sa.String(length=40), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("decision_reason", sa.Text(), server_default="", nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["pupil_id"], ["pupil.id"], name=op.f("fk_ap_referral_pupil_id_pupil")
        ),
        sa.ForeignKeyConstraint(
            ["provider_id"], ["provider.id"], name=op.f("fk_ap_referral_provider_id_provider")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["staff.id"], name=op.f("fk_ap_referral_recorded_by_staff")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ap_referral")),
    )
    for column in ("pupil_id", "provider_id", "recorded_by"):
        op.create_index(op.f(f"ix_ap_referral_{column}"), "ap_referral", [column], unique=False)
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ap_referral_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_placement_ap_referral_id"), ["ap_referral_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_placement_ap_referral_id_ap_referral"),
            "ap_referral",
            ["ap_referral_id"],
            ["id"],
        )


def downgrade() -> None:
    with op.batch_alter_table("placement", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_placement_ap_referral_id_ap_referral"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_placement_ap_referral_id"))
        batch_op.drop_column("ap_referral_id")
    op.drop_table("ap_referral")
