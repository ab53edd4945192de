"""What typed text may hold: how long a name or a note may be, and characters never allowed.

A NUL character cuts a string short in other programs (a CSV opened in Excel, a PDF), and
the bidirectional override and isolate controls make text display in an order other than
the one stored ("Trojan Source"): a name could read one way on screen and another in the
record. Both are refused wherever text is saved. Lengths match the store's columns.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from apdesk.domain.errors import InvalidInput

NAME_MAX = 100  # a pupil's legal first name or surname (the store's column)
LINE_MAX = 200  # a one-line field: a person's name, a phone number, a reference
TEXT_MAX = 10_000  # a note, a narrative, a plan

#: Bidirectional embedding, override and isolate controls (Unicode TR9), and NUL.
FORBIDDEN = {"\x00": "a NUL character"} | {
    chr(code): "a text-direction control character"
    for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
}
#: Limits for fields whose names say what they are; others are free text.
FIELD_LIMITS = {
    "legal_first_name": NAME_MAX,
    "legal_last_name": NAME_MAX,
    "preferred_name": NAME_MAX,
    "upn": 13,
    "name": LINE_MAX,
    "phone": LINE_MAX,
    "email": LINE_MAX,
    "relationship": LINE_MAX,
    "with_whom": LINE_MAX,
    "from_whom": LINE_MAX,
    "reference": LINE_MAX,
    "reported_by": LINE_MAX,
    "checked_by": LINE_MAX,
    "role": LINE_MAX,
    "lead": LINE_MAX,
    "timescale": LINE_MAX,
    "display_name": LINE_MAX,
    "username": 64,
}


def check_text(value: str, what: str, limit: int = TEXT_MAX) -> str:
    """`value` if it is fit to keep; `InvalidInput` naming the field and the problem."""
    for char, name in FORBIDDEN.items():
        if char in value:
            raise InvalidInput(
                f"{what} contains {name}, which APDesk does not keep (it can hide or reorder "
                "text). Type it again rather than pasting it."
            )
    if len(value) > limit:
        raise InvalidInput(
            f"{what} is {len(value):,} characters long; the most it can hold is {limit:,}."
        )
    return value


def check_record_text(record: Any, noun: str) -> None:
    """Every text field of a dataclass record (and of its child rows) checked in turn."""
    for item in dataclasses.fields(record):
        value = getattr(record, item.name)
        what = f"The {noun}'s {item.name.replace('_', ' ')}"
        if isinstance(value, str):
            check_text(value, what, FIELD_LIMITS.get(item.name, TEXT_MAX))
        elif isinstance(value, list):
            for child in value:
                if dataclasses.is_dataclass(child) and not isinstance(child, type):
                    check_record_text(child, item.name.rstrip("s").replace("_", " "))
