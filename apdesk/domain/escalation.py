"""Escalating an unexplained absence of a vulnerable child (policy §9, §11, §18; KCSIE).

A child with a child-protection plan, a child in need, a looked-after child or a child with
an EHCP is vulnerable: each unexplained session also goes to the DSL, marked urgent (the
attendance lead's role cannot see those flags, so their follow-up never names them). A
"missing from education" incident opens, for the DSL to close with a decision, after the
second consecutive unexplained expected session, or on the same day as the first for a
child on a CP plan or looked after. Functions return new records; they never save.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from itertools import pairwise

from apdesk.domain.attendance import SessionKey, UnexplainedSession
from apdesk.domain.entities.actions import Action
from apdesk.domain.entities.incidents import Incident, IncidentPupil
from apdesk.domain.entities.people import Pupil
from apdesk.domain.enums import ActionSource, IncidentCategory, PupilRole, SenStatus
from apdesk.domain.formatting import format_short_date


def vulnerabilities(pupil: Pupil) -> list[str]:
    """Why the child is vulnerable, in words; empty when they are not."""
    return [
        text
        for flag, text in (
            (pupil.cp_plan, "child-protection plan"),
            (pupil.child_in_need, "child in need"),
            (pupil.looked_after, "looked after"),
            (pupil.sen_status is SenStatus.EHCP, "EHCP"),
        )
        if flag
    ]


def same_day(pupil: Pupil) -> bool:
    """A child on a CP plan or looked after: the incident opens on the first session."""
    return pupil.cp_plan or pupil.looked_after


def urgent_actions(
    absences: Iterable[UnexplainedSession],
    pupil: Pupil,
    existing: Iterable[Action],
    today: date,
    dsl_id: int | None,
) -> list[Action]:
    """One urgent action for the DSL per unexplained session of a vulnerable child."""
    why = vulnerabilities(pupil)
    if not why:
        return []
    taken = {a.subject_key for a in existing if a.source is ActionSource.URGENT_ABSENCE}
    found = []
    for a in absences:
        key = f"pupil:{a.pupil_id}:{a.date.isoformat()}:{a.session}"
        if key in taken:
            continue
        taken.add(key)
        found.append(
            Action(
                title=(
                    f"Urgent: unexplained absence ({', '.join(why)}): {a.session} session on "
                    f"{format_short_date(a.date)} ({a.reason})"
                ),
                due_on=today,
                created_on=today,
                owner_id=dsl_id,
                source=ActionSource.URGENT_ABSENCE,
                subject_key=key,
                pupil_id=a.pupil_id,
                placement_id=a.placement_id,
            )
        )
    return found


def incident_session(
    pupil: Pupil, expected: Sequence[SessionKey], unexplained: Iterable[SessionKey]
) -> SessionKey | None:
    """The session at which a "missing from education" incident is due, or None.

    `expected` in order; `unexplained` those of them with no explanation."""
    if not vulnerabilities(pupil):
        return None
    missing = set(unexplained)
    ordered = sorted(expected)
    if same_day(pupil):
        return next((key for key in ordered if key in missing), None)
    for first, second in pairwise(ordered):
        if first in missing and second in missing:
            return second
    return None


def missing_incident(
    pupil: Pupil,
    session: SessionKey,
    register_closed: time,
    placement_id: int | None,
    provider_id: int | None,
) -> Incident:
    """An open incident for the DSL: the child is missing from education since `session`."""
    day, part = session
    rule = "the same day (CP plan or looked after)" if same_day(pupil) else "two sessions running"
    return Incident(
        IncidentCategory.MISSING_FROM_EDUCATION,
        datetime.combine(day, register_closed),
        provider_id=provider_id,
        placement_id=placement_id,
        reported_by="APDesk (attendance register)",
        narrative=(
            f"Opened automatically: unexplained absence from education, {rule}, up to the "
            f"{part} session on {format_short_date(day)}. The DSL decides what to do and "
            "records the decision and its rationale to close it."
        ),
        pupil_links=[IncidentPupil(pupil.id, PupilRole.INVOLVED)],
    )
