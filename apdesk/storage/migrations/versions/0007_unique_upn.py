"""A UPN belongs to one pupil: a unique index over the UPNs that are filled in.

Blank UPNs (not yet known) may repeat. A store in which two pupils already share a UPN
cannot take the index; the upgrade stops and names them, so nothing is changed unseen.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    shared = (
        op.get_bind()
        .execute(
            sa.text(
                "SELECT upn, COUNT(*) FROM pupil WHERE upn != '' GROUP BY upn HAVING COUNT(*) > 1"
            )
        )
        .all()
    )
    if shared:
        upns = ", ".join(upn for upn, _ in shared)
        raise RuntimeError(f"Pupils share a UPN ({upns}); merge them before upgrading.")
    op.create_index(
        "uq_pupil_upn", "pupil", ["upn"], unique=True, sqlite_where=sa.text("upn != ''")
    )


def downgrade() -> None:
    op.drop_index("uq_pupil_upn", table_name="pupil")
