"""A pupil's multi-agency details (§7, §11, §16): social care (social worker, virtual school
head, PEP, CP conference, CIN and CLA review dates) and EHCP details, one of each per pupil.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

SOCIAL_CARE_TEXT = (
    "social_worker",
    "social_worker_team",
    "social_worker_contact",
    "virtual_school_head",
    "virtual_school_contact",
)
SOCIAL_CARE_MEETINGS = ("pep", "cp_conference", "cin_review", "cla_review")


def _pupil_id(table: str) -> list[sa.schema.SchemaItem]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pupil_id"], ["pupil.id"], name=op.f(f"fk_{table}_pupil_id_pupil"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        sa.UniqueConstraint("pupil_id", name=op.f(f"uq_{table}_pupil_id")),
    ]


def _text(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.Text(), server_default="", nullable=False)


def upgrade() -> None:
    op.create_table(
        "pupil_social_care",
        *_pupil_id("pupil_social_care"),
        *(_text(name) for name in SOCIAL_CARE_TEXT),
        *(
            sa.Column(f"{when}_{what}_on", sa.Date(), nullable=True)
            for what in SOCIAL_CARE_MEETINGS
            for when in ("last", "next")
        ),
    )
    op.create_table(
        "pupil_ehcp",
        *_pupil_id("pupil_ehcp"),
        *(_text(name) for name in ("local_authority", "caseworker", "caseworker_contact")),
        sa.Column("last_annual_review_on", sa.Date(), nullable=True),
        sa.Column("next_annual_review_on", sa.Date(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("pupil_ehcp")
    op.drop_table("pupil_social_care")
