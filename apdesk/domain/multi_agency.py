"""Rules for a pupil's multi-agency details (§7, §11, §16; decision 0018).

Each statutory meeting has a last date (held) and a next date (planned). The longest gap
the rules allow between one and the next:

- a looked-after child's personal education plan (PEP) is reviewed termly: the next PEP
  within 6 months of the last;
- a child-protection review conference, a child-in-need review and a looked-after (CLA)
  review at least every 6 months (Working Together 2023; the Care Planning Regulations);
- an EHCP annual review within 12 months of the last (SEND Code of Practice 9.166).

A date cannot be impossible: a meeting held is not in the future nor before the child was
born; the next one is after the last, and no further ahead than the gap allows (from the
last, or from today when no last is known). A meeting is due on its next date, else one
gap after the last; it is overdue the day after it is due.

What needs someone, for a pupil with a placement proposed, authorised or running: a
looked-after child with no virtual school head, with no PEP recorded
or with a PEP overdue; a CP conference (for a child on a plan), a CIN review (child in
need), a CLA review (looked after) or an EHCP annual review (a pupil with an EHCP) overdue.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date

from apdesk.domain.calendar import add_months
from apdesk.domain.entities import EhcpDetails, Placement, Pupil, SocialCare
from apdesk.domain.enums import SenStatus
from apdesk.domain.errors import InvalidInput
from apdesk.domain.formatting import format_date
from apdesk.domain.text import LINE_MAX, check_text


@dataclass(frozen=True)
class Meeting:
    """One kind of statutory meeting: its fields' stem, its name and the longest gap."""

    key: str  # "pep": the record's fields are last_pep_on and next_pep_on
    name: str
    months: int


PEP = Meeting("pep", "PEP", 6)
CP_CONFERENCE = Meeting("cp_conference", "child-protection conference", 6)
CIN_REVIEW = Meeting("cin_review", "child-in-need review", 6)
CLA_REVIEW = Meeting("cla_review", "looked-after (CLA) review", 6)
ANNUAL_REVIEW = Meeting("annual_review", "EHCP annual review", 12)
SOCIAL_CARE_MEETINGS = (PEP, CP_CONFERENCE, CIN_REVIEW, CLA_REVIEW)


@dataclass(frozen=True)
class AgencyItem:
    """Something about a pupil's multi-agency work that needs someone, and since when."""

    kind: str  # "PEP overdue", "No virtual school head"…
    text: str
    when: date


def dates(record: SocialCare | EhcpDetails, meeting: Meeting) -> tuple[date | None, date | None]:
    """The meeting's last and next date on the record."""
    return getattr(record, f"last_{meeting.key}_on"), getattr(record, f"next_{meeting.key}_on")


def meeting_problems(
    meeting: Meeting, last: date | None, upcoming: date | None, today: date, born: date
) -> list[str]:
    """Why these last and next dates of one meeting cannot be right (nothing if they can)."""
    name, problems = meeting.name, []
    if last is not None and last > today:
        problems.append(
            f"The last {name} is dated {format_date(last)}, which is in the future: "
            "record a meeting once it has been held, and put a planned one as the next."
        )
    for which, day in (("last", last), ("next", upcoming)):
        if day is not None and day < born:
            problems.append(
                f"The {which} {name} ({format_date(day)}) is before the pupil was born "
                f"({format_date(born)})."
            )
    if upcoming is None:
        return problems
    if last is not None and upcoming <= last:
        problems.append(
            f"The next {name} ({format_date(upcoming)}) must be after the last one "
            f"({format_date(last)})."
        )
    latest = latest_next(meeting, last, today)
    if upcoming > latest:
        start = f"the last one ({format_date(last)})" if last else "today"
        problems.append(
            f"The next {name} must be within {meeting.months} months of {start}: "
            f"{format_date(latest)} at the latest, not {format_date(upcoming)}."
        )
    return problems


def latest_next(meeting: Meeting, last: date | None, today: date) -> date:
    """The furthest a next meeting may be planned: one gap after the last, else after today."""
    return add_months(last if last is not None else today, meeting.months)


def due_on(meeting: Meeting, last: date | None, upcoming: date | None) -> date | None:
    """When the meeting is due: its next date, else one gap after the last, else unknown."""
    if upcoming is not None:
        return upcoming
    return add_months(last, meeting.months) if last is not None else None


def is_overdue(due: date | None, today: date) -> bool:
    """Overdue from the day after it was due (not on the day itself)."""
    return due is not None and due < today


def record_problems(record: SocialCare | EhcpDetails, today: date, born: date) -> list[str]:
    """Every reason the record cannot be saved: text that is too long or unsafe, and
    impossible meeting dates."""
    problems = []
    for item in fields(record):
        value = getattr(record, item.name)
        if isinstance(value, str):
            what = item.name.replace("_", " ").capitalize()
            try:
                check_text(value, what, LINE_MAX)
            except InvalidInput as refused:
                problems.append(str(refused))
    meetings = SOCIAL_CARE_MEETINGS if isinstance(record, SocialCare) else (ANNUAL_REVIEW,)
    for meeting in meetings:
        problems += meeting_problems(meeting, *dates(record, meeting), today, born)
    return problems


def meetings_held(records: Iterable[SocialCare | EhcpDetails | None]) -> list[tuple[date, str]]:
    """Each meeting's last date on the records, as (date, "PEP held") for the chronology."""
    held = []
    for record in records:
        if record is None:
            continue
        meetings = SOCIAL_CARE_MEETINGS if isinstance(record, SocialCare) else (ANNUAL_REVIEW,)
        for meeting in meetings:
            last = dates(record, meeting)[0]
            if last is not None:
                held.append((last, f"{meeting.name[:1].upper()}{meeting.name[1:]} held"))
    return held


def in_ap_now(placements: Iterable[Placement]) -> bool:
    """Whether Today watches this pupil's meetings: a placement proposed, authorised or
    running (a pupil whose placements have all ended stays on record, unwatched)."""
    return any(not p.is_closed for p in placements)


def social_care_items(pupil: Pupil, record: SocialCare | None, today: date) -> list[AgencyItem]:
    """What needs the DSL about this child's social care work today."""
    held = record if record is not None else SocialCare(pupil.id)
    name, items = pupil.display_name, []
    if pupil.looked_after and not held.virtual_school_head.strip():
        items.append(
            AgencyItem(
                "No virtual school head",
                f"{name} is looked after but no virtual school head is recorded",
                today,
            )
        )
    if pupil.looked_after and due_on(PEP, *dates(held, PEP)) is None:
        items.append(
            AgencyItem("No PEP recorded", f"{name} is looked after but has no PEP date", today)
        )
    for flag, meeting in (
        (pupil.looked_after, PEP),
        (pupil.cp_plan, CP_CONFERENCE),
        (pupil.child_in_need, CIN_REVIEW),
        (pupil.looked_after, CLA_REVIEW),
    ):
        item = _overdue_item(name, meeting, held, today) if flag else None
        if item is not None:
            items.append(item)
    return items


def ehcp_items(pupil: Pupil, record: EhcpDetails | None, today: date) -> list[AgencyItem]:
    """An EHCP annual review overdue for a pupil with an EHCP."""
    if pupil.sen_status is not SenStatus.EHCP or record is None:
        return []
    item = _overdue_item(pupil.display_name, ANNUAL_REVIEW, record, today)
    return [item] if item is not None else []


def _overdue_item(
    name: str, meeting: Meeting, record: SocialCare | EhcpDetails, today: date
) -> AgencyItem | None:
    last, upcoming = dates(record, meeting)
    due = due_on(meeting, last, upcoming)
    if due is None or not is_overdue(due, today):
        return None
    held = f"last held {format_date(last)}" if last else "no earlier one recorded"
    kind = meeting.name[0].upper() + meeting.name[1:]
    return AgencyItem(
        f"{kind} overdue", f"{name}: {meeting.name} was due {format_date(due)} ({held})", due
    )
