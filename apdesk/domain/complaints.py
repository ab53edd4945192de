"""Rules for complaints about providers (§15: "raised in the first instance with the
headteacher … escalate to the provider, LA or Ofsted as appropriate").

A complaint moves through the stages in order: Headteacher, provider, local authority,
Ofsted. It may go straight past a stage (a parent may go to Ofsted about an independent
setting) but never back to an earlier one. Each stage has a deadline: a number of *school
days* from the day the complaint reached it (decision 0017). The policy sets no deadlines,
so the numbers are a school setting; until the school sets them they are
`DEFAULT_STAGE_DAYS`, after the DfE's model procedure (a written answer within 10 school
days), with more for the bodies outside the school. School days, because a complaint made
in the holidays is taken as received on the first school day after them, as the DfE's
guidance says; a school day is one in term that is not a closure.

Nothing in a complaint is dated in the future; a closed complaint has an outcome and a
closing date no earlier than its stage; the same complaint (complainant, provider,
received date) is recorded once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities import Complaint
from apdesk.domain.enums import ComplaintStage
from apdesk.domain.formatting import format_date
from apdesk.domain.labels import label

STAGES = tuple(ComplaintStage)  # in the order a complaint escalates
DEFAULT_STAGE_DAYS = {
    ComplaintStage.HEADTEACHER: 10,
    ComplaintStage.PROVIDER: 10,
    ComplaintStage.LOCAL_AUTHORITY: 20,
    ComplaintStage.OFSTED: 30,
}
MIN_DAYS, MAX_DAYS = 1, 60
#: The School field holding each stage's school days (None there: the default).
SETTING_FIELDS = {stage: f"complaint_days_{stage.value}" for stage in STAGES}


@dataclass(frozen=True)
class StageDays:
    """School days allowed at each stage."""

    days: dict[ComplaintStage, int]

    @classmethod
    def for_school(cls, school: object | None) -> StageDays:
        """The school's own days where it set them (`school`: its record, or just the row of
        its `SETTING_FIELDS`), the default days elsewhere."""
        days = dict(DEFAULT_STAGE_DAYS)
        for stage, name in SETTING_FIELDS.items():
            value = getattr(school, name, None)  # None for no school too
            if value is not None:
                days[stage] = value
        return cls(days)

    def problems(self) -> list[str]:
        return [
            f"The {stage_name(stage)} stage needs between {MIN_DAYS} and {MAX_DAYS} "
            f"school days, not {n}."
            for stage, n in self.days.items()
            if not MIN_DAYS <= n <= MAX_DAYS
        ]


def stage_name(stage: ComplaintStage) -> str:
    """The stage's name inside a sentence ("the local authority stage", "the Ofsted stage")."""
    name = label(stage)
    return name if stage is ComplaintStage.OFSTED else name.lower()


def stage_index(stage: ComplaintStage) -> int:
    return STAGES.index(stage)


def deadline(complaint: Complaint, days: StageDays, calendar: SchoolCalendar) -> date:
    """The last day the complaint's current stage should be answered by."""
    since = complaint.stage_since or complaint.received_on
    n = days.days[complaint.stage]
    if not calendar.terms:  # no term dates entered yet: count weekdays
        day = since
        while n:
            day += timedelta(days=1)
            n -= day.weekday() < 5
        return day
    return calendar.add_school_days(since, n)


def is_overdue(complaint: Complaint, due: date, today: date) -> bool:
    """Open after its stage's last day (on the last day itself it is still in time)."""
    return complaint.is_open and today > due


def complaint_problems(
    complaint: Complaint,
    today: date,
    *,
    before: Complaint | None = None,
    others: Iterable[Complaint] = (),
    placement_provider_id: int | None = None,
) -> list[str]:
    """Everything wrong with the complaint as it would be saved, in plain English.

    `before` is the complaint as stored (None for a new one); `others`, the other
    complaints about the same provider; `placement_provider_id`, the provider of the
    placement named, if one is.
    """
    problems = []
    if not complaint.complainant.strip():
        problems.append("Enter who made the complaint.")
    if complaint.provider_id is None:
        problems.append("Choose the provider the complaint is about.")
    if not complaint.summary.strip():
        problems.append("Write what the complaint is about.")
    if complaint.received_on > today:
        problems.append(_future("The received date", complaint.received_on, "received"))
    if complaint.placement_id is not None and placement_provider_id != complaint.provider_id:
        problems.append("The placement chosen is with another provider: choose one of this one's.")
    problems += _stage_problems(complaint, today, before)
    problems += _closing_problems(complaint, today)
    if any(_same(complaint, other) for other in others if other.id != complaint.id):
        problems.append(
            f"A complaint from {complaint.complainant.strip()} about this provider received on "
            f"{format_date(complaint.received_on)} is already recorded: open that one."
        )
    return problems


def _future(what: str, day: date, verb: str) -> str:
    return f"{what} ({format_date(day)}) is in the future: record it once it has been {verb}."


def _same(one: Complaint, other: Complaint) -> bool:
    return (
        one.complainant.strip().lower() == other.complainant.strip().lower()
        and one.provider_id == other.provider_id
        and one.received_on == other.received_on
    )


def _stage_problems(complaint: Complaint, today: date, before: Complaint | None) -> list[str]:
    since = complaint.stage_since or complaint.received_on
    problems = []
    if since < complaint.received_on:
        problems.append(
            f"The complaint cannot reach a stage ({format_date(since)}) before it was received "
            f"({format_date(complaint.received_on)})."
        )
    if since > today:
        problems.append(_future("The date it reached this stage", since, "escalated"))
    if before is None:
        return problems
    if stage_index(complaint.stage) < stage_index(before.stage):
        problems.append(
            f"A complaint escalates, never back: it is at the {stage_name(before.stage)} "
            f"stage, so it cannot return to the {stage_name(complaint.stage)} stage."
        )
    elif complaint.stage != before.stage:
        if complaint.closed_on is not None:
            problems.append(
                "A closed complaint is not escalated: clear its outcome and closing date "
                "to reopen it at the next stage."
            )
        was = before.stage_since or before.received_on
        if since <= was:
            problems.append(
                f"Enter the day it went to the {stage_name(complaint.stage)} stage: after "
                f"{format_date(was)}, when it reached the {stage_name(before.stage)} stage."
            )
    return problems


def _closing_problems(complaint: Complaint, today: date) -> list[str]:
    if complaint.closed_on is None:
        if complaint.outcome is not None:
            return ["Enter the date the complaint was closed, or clear the outcome."]
        return []
    problems = []
    if complaint.outcome is None:
        problems.append("A closed complaint needs its outcome: choose one.")
    if not complaint.outcome_note.strip():
        problems.append("Write what was found or done: the outcome is part of the record.")
    since = complaint.stage_since or complaint.received_on
    if complaint.closed_on > today:
        problems.append(_future("The closing date", complaint.closed_on, "closed"))
    elif complaint.closed_on < since:
        problems.append(
            f"The closing date ({format_date(complaint.closed_on)}) is before the complaint "
            f"reached its stage ({format_date(since)})."
        )
    return problems


def status_text(complaint: Complaint, due: date, today: date) -> str:
    """Where the complaint stands, in a few words."""
    if not complaint.is_open:
        assert complaint.closed_on is not None
        when = format_date(complaint.closed_on)
        return (
            f"{label(complaint.outcome)}, closed {when}" if complaint.outcome else f"Closed {when}"
        )
    stage = label(complaint.stage)
    if is_overdue(complaint, due, today):
        return f"{stage} stage: overdue since {format_date(due)}"
    return f"{stage} stage: due by {format_date(due)}"


def counts(complaints: Iterable[Complaint]) -> dict[str, int]:
    """For the governors: open complaints by stage, and closed ones by outcome."""
    found: dict[str, int] = {}
    for c in complaints:
        if c.is_open or c.outcome is None:
            key = f"Open at the {stage_name(c.stage)} stage"
        else:
            key = label(c.outcome)
        found[key] = found.get(key, 0) + 1
    return found
