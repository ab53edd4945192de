"""A pupil's chronology: one timeline ordered by event date, other pupils left out."""

from __future__ import annotations

from datetime import date, datetime

from apdesk.domain.attendance import UnexplainedSession
from apdesk.domain.chronology import build_chronology
from apdesk.domain.entities import Action, Incident, IncidentPupil, Placement, Referral, Review
from apdesk.domain.enums import (
    ActionStatus,
    Agency,
    IncidentCategory,
    IncidentStatus,
    PlacementOutcome,
    PlacementStatus,
    PupilRole,
    ReviewKind,
    Session,
)
from tests.domain.factories import at, ready_placement


def _placement() -> Placement:
    placement = ready_placement()
    placement.status = PlacementStatus.ENDED
    placement.authorised_on = date(2026, 2, 23)
    placement.outcome = PlacementOutcome.REINTEGRATED
    placement.ended_on = date(2026, 7, 3)
    return placement


def _incident(pupil_role: PupilRole, other_role: PupilRole) -> Incident:
    return Incident(
        IncidentCategory.CHILD_ON_CHILD_ABUSE,
        occurred_at=at("2026-03-10 14:20"),
        pupil_links=[IncidentPupil(3, pupil_role), IncidentPupil(4, other_role)],
        id=21,
    )


def test_timeline_in_event_order_with_a_backdated_entry() -> None:
    review = Review(placement_id=7, kind=ReviewKind.VISIT, held_on=date(2026, 3, 9), id=5)
    # Typed on 20 March about an absence on 3 March: it slots in at 3 March.
    absence = UnexplainedSession(3, date(2026, 3, 3), Session.AM, "marked N", placement_id=7)
    action = Action("Call home", date(2026, 3, 11), date(2026, 3, 10), pupil_id=3, id=8)
    action.status, action.done_on = ActionStatus.DONE, date(2026, 3, 11)
    entries = build_chronology(
        3,
        placements=[_placement()],
        absences=[absence],
        reviews=[review],
        incidents=[_incident(PupilRole.VICTIM, PupilRole.ALLEGED_PERPETRATOR)],
        actions=[action],
        provider_names={1: "Riverside Learning Centre"},
    )
    assert [(e.when, e.kind, e.summary) for e in entries] == [
        (datetime(2026, 2, 23), "placement", "Placement at Riverside Learning Centre authorised"),
        (datetime(2026, 3, 2), "placement", "Placement at Riverside Learning Centre started"),
        (datetime(2026, 3, 3), "attendance", "Unexplained absence, AM session (marked N)"),
        (datetime(2026, 3, 9), "review", "Visit"),
        (datetime(2026, 3, 10), "action", "Action opened: Call home (due 11 Mar 2026)"),
        (datetime(2026, 3, 10, 14, 20), "incident", "Child-on-child abuse (victim)"),
        (datetime(2026, 3, 11), "action", "Action done: Call home"),
        (
            datetime(2026, 7, 3),
            "placement",
            "Placement at Riverside Learning Centre ended: reintegrated",
        ),
    ]
    assert entries[5].ref == ("incident", 21) and not entries[5].all_day


def test_only_this_pupils_records_and_their_own_role() -> None:
    other_review = Review(placement_id=99, kind=ReviewKind.VISIT, held_on=date(2026, 3, 9))
    other_absence = UnexplainedSession(4, date(2026, 3, 3), Session.AM, "no mark")
    not_linked = Incident(IncidentCategory.BEHAVIOUR, at("2026-03-12 09:00"))
    entries = build_chronology(
        4,
        placements=[_placement()],
        absences=[other_absence],
        reviews=[other_review],
        incidents=[_incident(PupilRole.VICTIM, PupilRole.ALLEGED_PERPETRATOR), not_linked],
    )
    assert [e.summary for e in entries] == [
        "Unexplained absence, AM session (no mark)",
        "Child-on-child abuse (alleged perpetrator)",
    ]


def test_terminated_placement_shows_reason_and_proposed_shows_nothing() -> None:
    placement = ready_placement()
    assert build_chronology(3, placements=[placement]) == []
    placement.status, placement.ended_on = PlacementStatus.TERMINATED, date(2026, 4, 1)
    placement.termination_reason = "Unsafe site"
    [entry] = build_chronology(3, placements=[placement])
    assert entry.summary == "Placement at the provider terminated: Unsafe site"


def _referred() -> Incident:
    incident = _incident(PupilRole.VICTIM, PupilRole.ALLEGED_PERPETRATOR)
    incident.narrative = "Pushed in the yard; Kay saw it."
    incident.actions_taken = "Both families spoken to."
    incident.referrals = [
        Referral(Agency.POLICE, date(2026, 3, 11), "CAD 77", outcome="No further action"),
        Referral(Agency.LA_CHILDRENS_SERVICES, date(2026, 3, 12)),
    ]
    return incident


def test_referrals_are_entries_on_their_own_dates_and_open_their_incident() -> None:
    entries = build_chronology(3, incidents=[_referred()])
    assert [(e.when, e.kind, e.summary, e.ref) for e in entries] == [
        (
            datetime(2026, 3, 10, 14, 20),
            "incident",
            "Child-on-child abuse (victim)",
            ("incident", 21),
        ),
        (
            datetime(2026, 3, 11),
            "referral",
            "Referral to Police (ref CAD 77): No further action",
            ("incident", 21),
        ),
        (datetime(2026, 3, 12), "referral", "Referral to LA children's services", ("incident", 21)),
    ]


def test_the_narrative_is_given_only_when_asked_for() -> None:
    [without] = [e for e in build_chronology(3, incidents=[_referred()]) if e.kind == "incident"]
    assert without.detail == ""
    [shown] = [
        e
        for e in build_chronology(3, incidents=[_referred()], narratives=True)
        if e.kind == "incident"
    ]
    assert shown.detail == (
        "What happened: Pushed in the yard; Kay saw it.\nActions taken: Both families spoken to."
    )
    assert all(
        e.detail == ""
        for e in build_chronology(3, incidents=[_referred()], narratives=True)
        if e.kind == "referral"
    )


def test_a_closed_incident_says_when_it_closed() -> None:
    incident = _referred()
    incident.status, incident.closed_on = IncidentStatus.CLOSED, date(2026, 3, 20)
    [entry] = [e for e in build_chronology(3, incidents=[incident]) if e.kind == "incident"]
    assert entry.summary == "Child-on-child abuse (victim), closed 20 Mar 2026"


# The edges `make mutate MUTANTS='apdesk.domain.chronology*'` found untested on 4 Dec 2026.


def test_each_entry_opens_its_own_record() -> None:
    review = Review(placement_id=7, kind=ReviewKind.VISIT, held_on=date(2026, 3, 9), id=5)
    absence = UnexplainedSession(3, date(2026, 3, 3), Session.AM, "marked N", placement_id=7)
    action = Action("Call home", date(2026, 3, 11), date(2026, 3, 10), pupil_id=3, id=8)
    action.status, action.done_on = ActionStatus.DONE, date(2026, 3, 11)
    entries = build_chronology(
        3, placements=[_placement()], absences=[absence], reviews=[review], actions=[action]
    )
    assert [(e.kind, e.ref) for e in entries] == [
        ("placement", ("placement", 7)),
        ("placement", ("placement", 7)),
        ("attendance", ("placement", 7)),
        ("review", ("review", 5)),
        ("action", ("action", 8)),
        ("action", ("action", 8)),
        ("placement", ("placement", 7)),
    ]
    assert all(e.all_day is True for e in entries)


def test_a_placement_with_no_provider_yet_is_at_the_provider() -> None:
    placement = _placement()
    placement.provider_id = None
    assert [e.summary for e in build_chronology(3, placements=[placement])] == [
        "Placement at the provider authorised",
        "Placement at the provider started",
        "Placement at the provider ended: reintegrated",
    ]


def test_a_terminated_placement_is_not_also_shown_as_ended() -> None:
    placement = _placement()
    placement.status, placement.termination_reason = PlacementStatus.TERMINATED, "Unsafe site"
    assert [e.summary for e in build_chronology(3, placements=[placement])] == [
        "Placement at the provider authorised",
        "Placement at the provider terminated: Unsafe site",
    ]


def test_a_review_with_concerns_says_them_and_one_with_only_spaces_does_not() -> None:
    worried = Review(placement_id=7, kind=ReviewKind.VISIT, held_on=date(2026, 3, 9))
    worried.concerns = "Late twice this week"
    blank = Review(placement_id=7, kind=ReviewKind.VISIT, held_on=date(2026, 3, 10))
    blank.concerns = "   "
    entries = build_chronology(3, placements=[ready_placement()], reviews=[worried, blank])
    assert [e.summary for e in entries] == [
        "Visit: concerns noted: Late twice this week",
        "Visit",
    ]


def test_the_narrative_names_each_of_its_four_parts() -> None:
    incident = _referred()
    incident.decision, incident.rationale = "Refer to police", "Assault on site"
    [shown] = [
        e
        for e in build_chronology(3, incidents=[incident], narratives=True)
        if e.kind == "incident"
    ]
    assert shown.detail == (
        "What happened: Pushed in the yard; Kay saw it.\n"
        "Actions taken: Both families spoken to.\n"
        "Decision: Refer to police\n"
        "Rationale: Assault on site"
    )
    assert shown.all_day is False


def test_an_incident_reopened_does_not_say_when_it_once_closed() -> None:
    incident = _referred()
    incident.status, incident.closed_on = IncidentStatus.OPEN, date(2026, 3, 20)
    [entry] = [e for e in build_chronology(3, incidents=[incident]) if e.kind == "incident"]
    assert entry.summary == "Child-on-child abuse (victim)"


def test_a_meeting_held_sits_at_the_start_of_its_day_among_the_rest() -> None:
    action = Action("Call home", date(2026, 3, 11), date(2026, 3, 10), pupil_id=3, id=8)
    entries = build_chronology(
        3, actions=[action], meetings=[(date(2026, 3, 12), "PEP"), (date(2026, 3, 9), "CP")]
    )
    assert [(e.when, e.kind, e.summary, e.ref) for e in entries] == [
        (datetime(2026, 3, 9), "multi-agency", "CP", ("pupil", 3)),
        (
            datetime(2026, 3, 10),
            "action",
            "Action opened: Call home (due 11 Mar 2026)",
            ("action", 8),
        ),
        (datetime(2026, 3, 12), "multi-agency", "PEP", ("pupil", 3)),
    ]


def test_an_action_with_no_pupil_shows_only_on_its_own_placements_pupil() -> None:
    def action(title: str, pupil_id: int | None, placement_id: int | None) -> Action:
        return Action(
            title,
            date(2026, 3, 11),
            date(2026, 3, 10),
            pupil_id=pupil_id,
            placement_id=placement_id,
        )

    actions = [
        action("Ours, no pupil", None, 7),
        action("Another placement's", None, 99),
        action("Another pupil's on ours", 4, 7),
        action("Ours, by pupil", 3, None),
    ]
    titles = [e.summary for e in build_chronology(3, placements=[_placement()], actions=actions)]
    assert [t for t in titles if t.startswith("Action")] == [
        "Action opened: Ours, no pupil (due 11 Mar 2026)",
        "Action opened: Ours, by pupil (due 11 Mar 2026)",
    ]
