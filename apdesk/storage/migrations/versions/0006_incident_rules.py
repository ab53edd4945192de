"""A pupil is linked to an incident once; a referral records its outcome.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Keep the first link of a pupil linked twice (the old save allowed it) before the
    # constraint goes on.
    op.execute(
        "DELETE FROM incident_pupil WHERE id NOT IN "
        "(SELECT MIN(id) FROM incident_pupil GROUP BY incident_id, pupil_id)"
    )
    with op.batch_alter_table("incident_pupil", schema=None) as batch_op:
        batch_op.create_unique_constraint("uq_incident_pupil_once", ["incident_id", "pupil_id"])
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outcome", sa.Text(), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_column("outcome")
    with op.batch_alter_table("incident_pupil", schema=None) as batch_op:
        batch_op.drop_constraint("uq_incident_pupil_once", type_="unique")
