"""Placement lifecycle: proposed → authorised → active → ended (outcome) or terminated (reason).

Policy §2, §4 to §10, §16 and DOMAIN.md rules 1 to 3, 7 and 11. `authorise` and `activate` list
everything still missing in one message, so the user can put it all right at once.
Each transition changes the placement in place and raises RuleViolation if not allowed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from apdesk.domain import annex_a_data
from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.checklists import annex_a_outstanding
from apdesk.domain.entities.people import Pupil
from apdesk.domain.entities.placements import Placement
from apdesk.domain.enums import (
    PlacementOutcome,
    PlacementReason,
    PlacementStatus,
    ProviderKind,
    Role,
    Session,
)
from apdesk.domain.errors import InvalidInput, RuleViolation
from apdesk.domain.formatting import format_date
from apdesk.domain.providers import ProviderStatus

NOTICE_SCHOOL_DAYS = 2

#: The fields the Headteacher's authorisation rests on (the gate): changing any of them on
#: an authorised placement sends it back to proposed, to be authorised again.
GATE_FIELDS: tuple[str, ...] = (
    "provider_id",
    "site_id",
    "reason",
    "start_date",
    "planned_end_date",
    "full_time",
    "weekly_pattern",
    "consent_given_by",
    "consent_given_on",
    "direction_notice_on",
)
#: Gate fields that define which placement it is: an active one cannot change them.
IDENTITY_FIELDS: frozenset[str] = frozenset({"provider_id", "site_id", "reason", "start_date"})
GATE_FIELD_NAMES: dict[str, str] = {
    "provider_id": "Provider",
    "site_id": "Site",
    "reason": "Reason",
    "start_date": "Start date",
    "planned_end_date": "Planned end date",
    "full_time": "Full time",
    "weekly_pattern": "Weekly pattern",
    "consent_given_by": "Consent given by",
    "consent_given_on": "Consent given on",
    "direction_notice_on": "Off-site direction notice",
}


def _refuse(what: str, missing: list[str]) -> RuleViolation:
    lines = "\n".join(f"- {m}" for m in missing)
    return RuleViolation(f"This placement cannot be {what} yet:\n{lines}", missing)


def _wrong_status(placement: Placement, wanted: PlacementStatus, verb: str) -> list[str]:
    if placement.status is wanted:
        return []
    return [
        f"Only {'an' if wanted.value[0] in 'aeiou' else 'a'} {wanted} placement can {verb}; "
        f"this one is {placement.status}."
    ]


def date_problems(placement: Placement) -> list[str]:
    """The planned end date must exist and come after the start date (§2: time-limited)."""
    end = placement.planned_end_date
    if end is None:
        return ["Enter a planned end date: every placement is time-limited."]
    if end <= placement.start_date:
        return [
            f"The planned end date ({format_date(end)}) must be after "
            f"the start date ({format_date(placement.start_date)})."
        ]
    return []


def records_notice_when_printed(placement: Placement) -> bool:
    """An off-site direction with no notice recorded yet, and not closed: the first notice
    printed for it is the written notice to parents, and its day becomes the notice date."""
    return (
        placement.reason is PlacementReason.OFFSITE_DIRECTION
        and placement.direction_notice_on is None
        and not placement.is_closed
    )


def _consent_problems(placement: Placement, calendar: SchoolCalendar | None) -> list[str]:
    if placement.reason is not PlacementReason.OFFSITE_DIRECTION:
        if placement.consent_given_by.strip() and placement.consent_given_on:
            return []
        return ["Record parental consent: who gave it and when."]
    notice = placement.direction_notice_on
    if notice is None:
        return ["Record the date written notice of the off-site direction went to parents."]
    if calendar and not calendar.notice_in_time(notice, placement.start_date, NOTICE_SCHOOL_DAYS):
        latest = calendar.school_days_before(placement.start_date, NOTICE_SCHOOL_DAYS)
        return [
            "Notice of an off-site direction must reach parents at least two school days "
            f"before the start: by {format_date(latest)} for this start date."
        ]
    return []


@dataclass(frozen=True)
class GateFacts:
    """What the gate needs to know beyond the placement itself."""

    provider_status: ProviderStatus
    calendar: SchoolCalendar | None = None
    pupil: Pupil | None = None
    provider_kind: ProviderKind | None = None
    #: Pupils the provider would educate full time, this one included (registration).
    full_time_pupils: int = 1
    #: The Annex A wording version in force, kept on the placement when it is authorised.
    wording_version: str = ""


def _backed_problems(placement: Placement, facts: GateFacts) -> list[str]:
    """Ticked Annex A lines whose data are missing, the information to share and the
    registration threshold."""
    problems = [
        problem
        for item in placement.annex_a
        if item.done
        for problem in annex_a_data.line_problems(item.key, placement, facts.pupil)
    ]
    pupil = facts.pupil
    if pupil is not None:
        problems += annex_a_data.information_shared_problems(placement, pupil)
        if facts.provider_kind is not None:
            problems += annex_a_data.registration_problems(
                placement, pupil, facts.provider_kind, facts.full_time_pupils
            )
    return problems


def gate_problems(placement: Placement, facts: GateFacts) -> list[str]:
    """The gate: everything rules 1 to 3 need before a placement may be authorised or
    made active. `authorise`, `activate`, the editor and Today all ask this one function."""
    problems = [f"Annex A: {item.text}" for item in annex_a_outstanding(placement.annex_a)]
    status = facts.provider_status
    if not status.approved:
        problems.append("The provider is not approved.")
        problems += [f"Provider: {reason}" for reason in status.reasons]
    problems += date_problems(placement)
    if not placement.objectives:
        problems.append("Add at least one measurable objective.")
    if not placement.exit_plan.strip():
        problems.append("Write the exit or reintegration plan.")
    problems += _consent_problems(placement, facts.calendar)
    return list(dict.fromkeys(problems + _backed_problems(placement, facts)))


def authorise(
    placement: Placement,
    facts: GateFacts,
    actor_roles: Iterable[Role],
    today: date,
    actor_id: int | None = None,
) -> None:
    """Headteacher authorisation (§4) of a proposed placement that meets every rule."""
    missing = []
    if Role.HEADTEACHER not in set(actor_roles):
        missing.append("Only the Headteacher can authorise a placement.")
    missing += _wrong_status(placement, PlacementStatus.PROPOSED, "be authorised")
    missing += gate_problems(placement, facts)
    if missing:
        raise _refuse("authorised", missing)
    placement.status = PlacementStatus.AUTHORISED
    placement.authorised_on = today
    placement.authorised_by = actor_id
    placement.annex_a_version = facts.wording_version


def activate(placement: Placement, facts: GateFacts, today: date) -> None:
    """Start an authorised placement on or after its start date, if the whole gate still
    holds (with the calendar, so an off-site direction's notice is counted in school days)."""
    missing = _wrong_status(placement, PlacementStatus.AUTHORISED, "start")
    if today < placement.start_date:
        missing.append(f"It starts on {format_date(placement.start_date)}.")
    missing += gate_problems(placement, facts)
    if missing:
        raise _refuse("made active", missing)
    placement.status = PlacementStatus.ACTIVE
    placement.activated_on = today


@dataclass(frozen=True)
class GateChange:
    """One gate field changed: its name and the values before and after."""

    field: str
    old: Any
    new: Any

    @property
    def name(self) -> str:
        return GATE_FIELD_NAMES[self.field]


def gate_changes(before: Mapping[str, Any], after: Placement) -> list[GateChange]:
    """The gate fields whose value in `after` differs from `before` (field name → value)."""
    return [
        GateChange(name, before[name], getattr(after, name))
        for name in GATE_FIELDS
        if before[name] != getattr(after, name)
    ]


def apply_gate_changes(placement: Placement, changes: list[GateChange]) -> bool:
    """What a change to the gate does to a placement already past it. An authorised
    placement goes back to proposed (True: the Headteacher must authorise it again). An
    active one may not change provider, site, reason or start date (end it and propose
    another); other gate changes stand, and the Headteacher is told (True)."""
    if not changes or placement.status not in (PlacementStatus.AUTHORISED, PlacementStatus.ACTIVE):
        return False
    if placement.status is PlacementStatus.ACTIVE:
        fixed = [c.name.lower() for c in changes if c.field in IDENTITY_FIELDS]
        if fixed:
            raise InvalidInput(
                f"This placement is active, so its {' and '.join(fixed)} cannot change. "
                "End or terminate it and propose a new placement instead."
            )
        return True
    placement.status = PlacementStatus.PROPOSED
    placement.authorised_on = None
    placement.authorised_by = None
    return True


def end(placement: Placement, outcome: PlacementOutcome, today: date) -> None:
    """Close an active placement as planned, recording its outcome (§16)."""
    wrong = _wrong_status(placement, PlacementStatus.ACTIVE, "end")
    if wrong:
        raise _refuse("ended", wrong)
    placement.status = PlacementStatus.ENDED
    placement.outcome = outcome
    placement.ended_on = today


def terminate(placement: Placement, reason: str, today: date) -> None:
    """Stop a placement early with a recorded reason (§9, §15)."""
    missing = []
    if placement.is_closed:
        missing.append(f"It is already {placement.status}.")
    if not reason.strip():
        missing.append("Give the reason for terminating it.")
    if missing:
        raise _refuse("terminated", missing)
    placement.status = PlacementStatus.TERMINATED
    placement.termination_reason = reason.strip()
    placement.ended_on = today


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri")


def parse_pattern(text: str) -> list[tuple[int, Session]]:
    """'Mon AM, Mon PM, Wed AM' as (weekday, session) pairs, Monday = 0, in week order."""
    sessions = set()
    for token in filter(None, (t.strip() for t in text.split(","))):
        parts = token.split()  # a stripped, non-empty token: at least one part
        day = parts[0][:3].title()
        if len(parts) != 2 or day not in _DAYS or parts[1].upper() not in ("AM", "PM"):
            raise InvalidInput(
                f"'{token}' is not a session: write a weekday and AM or PM, such as 'Mon AM'."
            )
        sessions.add((_DAYS.index(day), Session(parts[1].upper())))
    return sorted(sessions)


def format_pattern(sessions: Iterable[tuple[int, Session]]) -> str:
    """The text form `parse_pattern` reads, in week order."""
    return ", ".join(f"{_DAYS[d]} {s}" for d, s in sorted(set(sessions)))
