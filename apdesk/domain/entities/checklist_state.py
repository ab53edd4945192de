"""The recorded state of Annex A and Annex B checklist items, and the Annex B sign-off.

The fixed wording of the items lives in `apdesk.domain.checklists`; these records
hold only which item (`key`), whether it is done, when, and a note.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass
class ChecklistItemState:
    """Whether one checklist item is done; `key` names the item in `checklists`."""

    key: str
    done: bool = False
    done_on: date | None = None
    note: str = ""
    id: int | None = None


@dataclass
class AnnexAItemState(ChecklistItemState):
    """An Annex A item for one placement."""

    placement_id: int | None = None


@dataclass
class AnnexBItemState(ChecklistItemState):
    """An Annex B requirement for one provider."""

    provider_id: int | None = None


@dataclass
class AnnexBSignOff:
    """The Annex B sign-off block: name, position and date (the signature is a PDF one)."""

    name: str
    position: str
    signed_on: date
    staff_id: int | None = None
    policy_version: str = ""  # the Annex B wording in force when it was signed
    provider_id: int | None = None
    id: int | None = None
