"""An index on each placement's marks by day.

The risk register, the weekly register and Today read a placement's marks (all of them, or
those of a week) by `placement_id` and `date`; with only `placement_id` indexed, SQLite
scanned each placement's whole history for a week's marks.

Revision ID: 0014
Revises: 0013
"""

from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_attendance_mark_placement_day", "attendance_mark", ["placement_id", "date"])


def downgrade() -> None:
    op.drop_index("ix_attendance_mark_placement_day", table_name="attendance_mark")
