"""The Attendance & Punctuality Risk Register's columns: rate, sessions, lateness, flags."""

from __future__ import annotations

from PySide6.QtGui import QColor

from apdesk.domain.formatting import format_percent
from apdesk.services.attendance import RiskRegisterRow
from apdesk.ui import colours
from apdesk.ui.models import CENTRE, RIGHT, Column

FLAG_WORDS = {
    "persistent": "Persistent absence",
    "severe": "Severe absence",
    "lateness": "Repeated lateness",
    "falling": "Falling attendance",
}


def flag_text(row: RiskRegisterRow) -> str:
    return ", ".join(FLAG_WORDS.get(flag, flag) for flag in row.risk.flags)


def _colour(row: RiskRegisterRow) -> QColor | None:
    flags = set(row.risk.flags)
    if "severe" in flags or "persistent" in flags:
        return colours.BAD
    return colours.WARN if flags else None


RISK_COLUMNS: tuple[Column[RiskRegisterRow], ...] = (
    Column("Pupil", lambda r: r.pupil),
    Column("UPN", lambda r: r.upn),
    Column("Provider", lambda r: r.provider),
    Column(
        "Attendance",
        lambda r: format_percent(r.risk.rate),
        sort_key=lambda r: r.risk.rate,
        align=RIGHT,
        background=_colour,
    ),
    Column(
        "Sessions",
        lambda r: f"{r.risk.present} of {r.risk.possible}",
        sort_key=lambda r: r.risk.possible,
        align=CENTRE,
    ),
    Column("Late", lambda r: r.risk.late_count, align=CENTRE),
    Column("Flags", flag_text, background=_colour),
)
