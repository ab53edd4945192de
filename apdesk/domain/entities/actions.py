"""An action: a task with an owner, a due date and a status (made by hand or by a rule)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from apdesk.domain.enums import ActionSource, ActionStatus


@dataclass
class Action:
    """A task with an owner, a due date and a status; `subject_key` prevents duplicates."""

    title: str
    due_on: dt.date
    created_on: dt.date
    owner_id: int | None = None
    status: ActionStatus = ActionStatus.OPEN
    source: ActionSource = ActionSource.MANUAL
    subject_key: str = ""
    pupil_id: int | None = None
    placement_id: int | None = None
    provider_id: int | None = None
    incident_id: int | None = None
    review_id: int | None = None
    done_on: dt.date | None = None
    note: str = ""
    id: int | None = None
