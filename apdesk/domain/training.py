"""Staff awareness and training (§14, Annex B §6): who has read the policy, and who is trained.

One record per member of staff, with an account or without one (a teaching assistant who
never signs in): the policy version they read and when, and AP-procedures and safeguarding
training with the date taken and the last day it is valid. A training lapses the day after
that last day and is *lapsing* from 30 days before; a policy read lapses when a newer version
is in force. Nothing recorded is "not recorded", which Today and Annex B say, but do not
count as a lapse.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_date
from apdesk.domain.text import LINE_MAX, check_text

LAPSING_WARNING_DAYS = 30


class TrainingKind(StrEnum):
    POLICY_READ = "policy_read"
    AP_PROCEDURES = "ap_procedures"
    SAFEGUARDING = "safeguarding"


KIND_NAMES = {
    TrainingKind.POLICY_READ: "AP policy read",
    TrainingKind.AP_PROCEDURES: "AP-procedures training",
    TrainingKind.SAFEGUARDING: "Safeguarding training",
}


class Standing(StrEnum):
    IN_DATE = "In date"
    LAPSING = "Lapsing"
    LAPSED = "Lapsed"
    NOT_RECORDED = "Not recorded"


@dataclass
class StaffTraining:
    """One member of staff's policy reading and training; `staff_id` if they have an account."""

    name: str
    staff_id: int | None = None
    job_title: str = ""
    policy_read_on: date | None = None
    policy_read_version: str = ""
    ap_trained_on: date | None = None
    ap_expires_on: date | None = None
    safeguarding_on: date | None = None
    safeguarding_expires_on: date | None = None
    active: bool = True
    id: int | None = None


@dataclass(frozen=True)
class TrainingState:
    kind: TrainingKind
    standing: Standing
    text: str
    on: date | None = None  # the last valid day (training) or the day read (policy)

    @property
    def needs_attention(self) -> bool:
        return self.standing in (Standing.LAPSED, Standing.LAPSING)


def _expiring(
    kind: TrainingKind, taken: date | None, last_day: date | None, today: date
) -> TrainingState:
    if taken is None or last_day is None:
        return TrainingState(kind, Standing.NOT_RECORDED, "not recorded")
    if last_day < today:
        return TrainingState(kind, Standing.LAPSED, f"lapsed {format_date(last_day)}", last_day)
    if last_day - today <= timedelta(days=LAPSING_WARNING_DAYS):
        return TrainingState(kind, Standing.LAPSING, f"lapses {format_date(last_day)}", last_day)
    return TrainingState(kind, Standing.IN_DATE, f"until {format_date(last_day)}", last_day)


def _policy(record: StaffTraining, version: str) -> TrainingState:
    kind = TrainingKind.POLICY_READ
    read_on = record.policy_read_on
    if read_on is None:
        return TrainingState(kind, Standing.NOT_RECORDED, "not recorded")
    said = f"read v{record.policy_read_version} on {format_date(read_on)}"
    if record.policy_read_version != version:
        return TrainingState(kind, Standing.LAPSED, f"{said}; v{version} is in force", read_on)
    return TrainingState(kind, Standing.IN_DATE, said, read_on)


def states(record: StaffTraining, today: date, policy_version: str) -> list[TrainingState]:
    """The three standings of one member of staff, in a fixed order."""
    return [
        _policy(record, policy_version),
        _expiring(TrainingKind.AP_PROCEDURES, record.ap_trained_on, record.ap_expires_on, today),
        _expiring(
            TrainingKind.SAFEGUARDING,
            record.safeguarding_on,
            record.safeguarding_expires_on,
            today,
        ),
    ]


def attention(record: StaffTraining, today: date, policy_version: str) -> list[TrainingState]:
    """What has lapsed or lapses within 30 days (nothing for someone who has left)."""
    if not record.active:
        return []
    return [s for s in states(record, today, policy_version) if s.needs_attention]


def validate_training(record: StaffTraining, today: date) -> None:
    """Refuse what cannot be true: training in the future, expiring before it was taken."""
    check_text(record.name, "The name", LINE_MAX)
    check_text(record.job_title, "The job title", LINE_MAX)
    if not record.name.strip():
        raise InvalidInput("Enter the member of staff's name.")
    if record.policy_read_on is not None:
        if not record.policy_read_version.strip():
            raise InvalidInput("Say which version of the policy was read.")
        _not_future(record.policy_read_on, "The policy", today, "read")
    pairs = (
        ("AP-procedures training", record.ap_trained_on, record.ap_expires_on),
        ("Safeguarding training", record.safeguarding_on, record.safeguarding_expires_on),
    )
    for what, taken, last_day in pairs:
        if taken is None and last_day is None:
            continue
        if taken is None or last_day is None:
            raise InvalidInput(f"{what} needs both the date taken and the date it expires.")
        _not_future(taken, what, today, "taken")
        if last_day <= taken:
            raise InvalidInput(f"{what} must expire after the date it was taken.")


def _not_future(day: date, what: str, today: date, verb: str) -> None:
    if day > today:
        raise InvalidInput(
            f"{what} cannot have been {verb} on {format_date(day)}: that is in the future."
        )


def summary(
    records: Iterable[StaffTraining], kind: TrainingKind, today: date, policy_version: str
) -> tuple[list[str], list[str], int]:
    """For Annex B §6: who is in date, who has lapsed (with what), and how many have nothing
    recorded, among the staff still at school."""
    in_date, lapsed, missing = [], [], 0
    for record in records:
        if not record.active:
            continue
        state = next(s for s in states(record, today, policy_version) if s.kind is kind)
        if state.standing is Standing.NOT_RECORDED:
            missing += 1
        elif state.standing is Standing.LAPSED:
            lapsed.append(f"{record.name} ({state.text})")
        else:
            in_date.append(record.name)
    return in_date, lapsed, missing
