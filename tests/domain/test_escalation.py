"""Escalating an unexplained absence of a vulnerable child: urgent DSL action, incident."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from apdesk.domain.attendance import UnexplainedSession
from apdesk.domain.entities import Action, Incident, IncidentPupil, Pupil
from apdesk.domain.enums import ActionSource, IncidentCategory, PupilRole, SenStatus, Session
from apdesk.domain.escalation import (
    incident_session,
    missing_incident,
    urgent_actions,
    vulnerabilities,
)
from apdesk.domain.incidents import closure_problems

MON, TUE = date(2026, 3, 2), date(2026, 3, 3)
WEEK = [(MON, Session.AM), (MON, Session.PM), (TUE, Session.AM), (TUE, Session.PM)]


def pupil(**flags: object) -> Pupil:
    return Pupil("Robin", "Testcase", date(2012, 3, 4), id=3, **flags)  # type: ignore[arg-type]


VULNERABLE = [
    {"cp_plan": True},
    {"child_in_need": True},
    {"looked_after": True},
    {"sen_status": SenStatus.EHCP},
]


@pytest.mark.parametrize("flags", VULNERABLE)
def test_each_vulnerability_sends_an_urgent_action_to_the_dsl(flags: dict[str, object]) -> None:
    absence = UnexplainedSession(3, MON, Session.AM, "no mark", 7)
    [action] = urgent_actions([absence], pupil(**flags), [], MON, dsl_id=2)
    assert action.owner_id == 2 and action.source is ActionSource.URGENT_ABSENCE
    assert action.title.startswith("Urgent: unexplained absence")
    assert urgent_actions([absence], pupil(**flags), [action], MON, 2) == []  # once


def test_each_vulnerability_is_named_in_the_dsls_words() -> None:
    every = pupil(cp_plan=True, child_in_need=True, looked_after=True, sen_status=SenStatus.EHCP)
    assert vulnerabilities(every) == [
        "child-protection plan",
        "child in need",
        "looked after",
        "EHCP",
    ]


def test_each_unexplained_session_is_one_urgent_action_due_the_day_it_is_found() -> None:
    # A looked-after child on a CP plan, unmarked on Monday morning and coded N in the
    # afternoon, found on Tuesday: one action for each session, for the DSL, due Tuesday,
    # naming why the child is vulnerable, the session and the reason, on the pupil's
    # record and the placement's. Monday morning already has its action: only the
    # afternoon gets a new one, and a session listed twice gets one.
    child = pupil(cp_plan=True, looked_after=True)
    am = UnexplainedSession(3, MON, Session.AM, "no mark", 7)
    pm = UnexplainedSession(3, MON, Session.PM, "code N: reason not yet given", 7)

    def action(session: str, reason: str) -> Action:
        return Action(
            f"Urgent: unexplained absence (child-protection plan, looked after): {session} "
            f"session on Mon 2 Mar 2026 ({reason})",
            due_on=TUE,
            created_on=TUE,
            owner_id=2,
            source=ActionSource.URGENT_ABSENCE,
            subject_key=f"pupil:3:2026-03-02:{session}",
            pupil_id=3,
            placement_id=7,
        )

    both = [action("AM", "no mark"), action("PM", "code N: reason not yet given")]
    assert urgent_actions([am, pm], child, [], TUE, dsl_id=2) == both
    assert urgent_actions([am, pm, pm], child, both[:1], TUE, dsl_id=2) == both[1:]


def test_no_urgent_action_for_a_child_with_no_vulnerability() -> None:
    absence = UnexplainedSession(3, MON, Session.AM, "no mark", 7)
    assert vulnerabilities(pupil(sen_status=SenStatus.SEN_SUPPORT)) == []
    assert urgent_actions([absence], pupil(), [], MON, 2) == []


@pytest.mark.parametrize("flags", [{"cp_plan": True}, {"looked_after": True}])
def test_cp_or_looked_after_opens_the_incident_on_the_first_session(
    flags: dict[str, object],
) -> None:
    assert incident_session(pupil(**flags), WEEK, [(MON, Session.PM)]) == (MON, Session.PM)
    assert incident_session(pupil(**flags), WEEK, []) is None


@pytest.mark.parametrize("flags", [{"child_in_need": True}, {"sen_status": SenStatus.EHCP}])
def test_cin_or_ehcp_opens_it_after_the_second_consecutive_session(
    flags: dict[str, object],
) -> None:
    child = pupil(**flags)
    assert incident_session(child, WEEK, [(MON, Session.AM)]) is None
    assert incident_session(child, WEEK, [(MON, Session.AM), (TUE, Session.AM)]) is None
    both = [(MON, Session.PM), (TUE, Session.AM)]  # consecutive across the night
    assert incident_session(child, WEEK, both) == (TUE, Session.AM)


def test_no_incident_for_a_child_with_no_vulnerability() -> None:
    assert incident_session(pupil(), WEEK, WEEK) is None


def test_the_incident_needs_a_decision_and_rationale_to_close() -> None:
    incident = missing_incident(pupil(cp_plan=True), (MON, Session.AM), time(10), 7, 1)
    assert incident.category is IncidentCategory.MISSING_FROM_EDUCATION
    assert incident.occurred_at.hour == 10 and incident.pupil_links[0].pupil_id == 3
    assert len(closure_problems(incident)) == 2
    incident.decision, incident.rationale = "Referred to children's services", "CP plan"
    assert len(closure_problems(incident)) == 1  # two words are not a rationale
    incident.rationale = "On a CP plan, and missing twice this week"
    assert closure_problems(incident) == []


def test_the_missing_incident_says_which_rule_opened_it_for_the_pupil_and_placement() -> None:
    # Opened by the register at 10:00 for placement 7 at provider 1: a CP plan opens it at
    # the first session (Monday afternoon); a child in need after two running (Tuesday AM).
    cp = missing_incident(pupil(cp_plan=True), (MON, Session.PM), time(10), 7, 1)
    assert cp == Incident(
        IncidentCategory.MISSING_FROM_EDUCATION,
        datetime(2026, 3, 2, 10),
        provider_id=1,
        placement_id=7,
        reported_by="APDesk (attendance register)",
        narrative=(
            "Opened automatically: unexplained absence from education, the same day (CP plan "
            "or looked after), up to the PM session on Mon 2 Mar 2026. The DSL decides what "
            "to do and records the decision and its rationale to close it."
        ),
        pupil_links=[IncidentPupil(3, PupilRole.INVOLVED)],
    )
    cin = missing_incident(pupil(child_in_need=True), (TUE, Session.AM), time(10), 7, 1)
    assert cin.narrative.startswith(
        "Opened automatically: unexplained absence from education, two sessions running, up "
        "to the AM session on Tue 3 Mar 2026."
    )
