"""Handing a pupil's child-protection file to their next school (KCSIE: within five school
days of the pupil starting there, separately from the main pupil file, with a receipt).

The DSL makes one encrypted PDF (the transfer pack) and tells the receiving DSL the code
that opens it by phone. The code is made here, shown once and never kept. A pack sent and
not confirmed within five school days is chased on Today.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date

from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_date

RECEIPT_SCHOOL_DAYS = 5
# Crockford's base 32: no I, L, O or U, so nothing read out by phone is mistaken.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_GROUPS, CODE_GROUP_LENGTH = 5, 4  # 20 characters: 100 random bits


@dataclass(frozen=True)
class CpTransfer:
    """One pack sent: to whom, when, which file (its SHA-256), and the receipt once confirmed."""

    pupil_id: int
    receiving_school: str
    receiving_dsl: str
    sent_on: date
    receiving_urn: str = ""
    pack_sha256: str = ""
    receipt_on: date | None = None
    receipt_from: str = ""
    id: int | None = None


def transfer_code() -> str:
    """A fresh code such as "7K2Q-M9XD-...": five groups of four, from the system's CSPRNG."""
    return "-".join(
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LENGTH))
        for _ in range(CODE_GROUPS)
    )


def receipt_due(calendar: SchoolCalendar, sent_on: date) -> date:
    """The fifth school day after the pack went: the receipt should be in by then."""
    return calendar.add_school_days(sent_on, RECEIPT_SCHOOL_DAYS)


def receipt_missing(calendar: SchoolCalendar, transfer: CpTransfer, today: date) -> bool:
    """True once five school days have passed since sending with no receipt recorded."""
    return transfer.receipt_on is None and today > receipt_due(calendar, transfer.sent_on)


def check_transfer(transfer: CpTransfer, today: date, others: list[CpTransfer]) -> None:
    """Refuse, in one sentence, a pack with no school or DSL, dated in the future, or the
    same pupil sent to the same school on the same day twice."""
    if not transfer.receiving_school.strip():
        raise InvalidInput("Enter the school the file goes to.")
    if not transfer.receiving_dsl.strip():
        raise InvalidInput("Enter the name of the receiving school's DSL, who will get the code.")
    if transfer.sent_on > today:
        raise InvalidInput(
            f"The file cannot be sent on {format_date(transfer.sent_on)}, which is in the "
            "future: make the pack on the day it goes."
        )
    school = transfer.receiving_school.strip().casefold()
    for other in others:
        if (
            other.pupil_id == transfer.pupil_id
            and other.sent_on == transfer.sent_on
            and other.receiving_school.strip().casefold() == school
        ):
            raise InvalidInput(
                f"This pupil's file was already sent to {other.receiving_school} on "
                f"{format_date(other.sent_on)}. If the code was lost, record the receipt of "
                "that pack or make a new one tomorrow."
            )


def check_receipt(transfer: CpTransfer, received_on: date, today: date, received_from: str) -> None:
    if transfer.receipt_on is not None:
        raise InvalidInput(
            f"The receipt was already recorded on {format_date(transfer.receipt_on)}."
        )
    if not received_from.strip():
        raise InvalidInput("Enter who at the receiving school confirmed it.")
    if received_on > today:
        raise InvalidInput(
            f"{format_date(received_on)} is in the future: a receipt is recorded once it comes."
        )
    if received_on < transfer.sent_on:
        raise InvalidInput(
            f"The receipt cannot be dated {format_date(received_on)}, before the file went on "
            f"{format_date(transfer.sent_on)}."
        )
