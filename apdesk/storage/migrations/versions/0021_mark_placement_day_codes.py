"""Each placement's marks by day with their session and codes, in place of 0014's index.

The risk register counts a placement's marks by week and code; with the index on
`(placement_id, date)` SQLite read every mark's row from the table for its session and codes.
With them in the index it reads the index alone (a covering index). The index still serves
every query 0014's did: they all begin with the placement and then the day.

Revision ID: 0021
Revises: 0020
"""

from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

COLUMNS = ["placement_id", "date", "session", "code", "provider_reported_code"]


def upgrade() -> None:
    op.create_index("ix_attendance_mark_placement_day_codes", "attendance_mark", COLUMNS)
    op.drop_index("ix_attendance_mark_placement_day", table_name="attendance_mark")


def downgrade() -> None:
    op.create_index("ix_attendance_mark_placement_day", "attendance_mark", ["placement_id", "date"])
    op.drop_index("ix_attendance_mark_placement_day_codes", table_name="attendance_mark")
