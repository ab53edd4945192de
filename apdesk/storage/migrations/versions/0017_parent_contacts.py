"""Parent communications (§10, Annex B §5): letters, notices, updates and feedback forms
sent (when, how, to whom), contacts with parents, and parents' feedback.

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

ANSWERS = ("safe_and_happy", "kept_informed", "helping", "know_who_to_contact")


def _links(table: str) -> list[sa.ForeignKeyConstraint]:
    return [
        sa.ForeignKeyConstraint(
            ["placement_id"],
            ["placement.id"],
            name=op.f(f"fk_{table}_placement_id_placement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["staff.id"], name=op.f(f"fk_{table}_recorded_by_staff")
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "parent_contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("on", sa.Date(), nullable=True),
        sa.Column("sent_by", sa.String(length=40), nullable=True),
        sa.Column("with_whom", sa.Text(), server_default="", nullable=False),
        sa.Column("summary", sa.Text(), server_default="", nullable=False),
        sa.Column("printed_on", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        *_links("parent_contact"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parent_contact")),
    )
    op.create_table(
        "parent_feedback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("placement_id", sa.Integer(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("from_whom", sa.Text(), server_default="", nullable=False),
        sa.Column("stage", sa.String(length=40), nullable=False),
        *(sa.Column(name, sa.String(length=40), nullable=True) for name in ANSWERS),
        sa.Column("comments", sa.Text(), server_default="", nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        *_links("parent_feedback"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parent_feedback")),
    )
    for table in ("parent_contact", "parent_feedback"):
        for column in ("placement_id", "recorded_by"):
            op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)


def downgrade() -> None:
    op.drop_table("parent_feedback")
    op.drop_table("parent_contact")
