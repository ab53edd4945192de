"""Automatic actions: what each threshold proposes, and no duplicates."""

from __future__ import annotations

from datetime import date

from apdesk.domain.actions import (
    absence_actions,
    check_lapsing_actions,
    is_new,
    placement_ending_actions,
    provider_lapsed_actions,
    review_overdue_actions,
)
from apdesk.domain.attendance import UnexplainedSession
from apdesk.domain.entities import Action, Review
from apdesk.domain.enums import (
    ActionSource,
    ActionStatus,
    CheckKind,
    PlacementStatus,
    ReviewKind,
    Session,
)
from apdesk.domain.providers import DEFAULT_PERIODS
from apdesk.domain.reviews import ReviewSlot
from tests.domain.factories import ready_placement, vetted_provider

TODAY = date(2026, 3, 2)
ABSENT = UnexplainedSession(3, TODAY, Session.AM, "no mark", placement_id=7)


def test_unexplained_absence_gives_first_day_follow_up_due_today() -> None:
    [action] = absence_actions([ABSENT], [], TODAY, owner_id=2)
    assert action.title == "First-day absence follow-up: AM session on Mon 2 Mar 2026 (no mark)"
    assert (action.due_on, action.created_on, action.owner_id) == (TODAY, TODAY, 2)
    assert action.source is ActionSource.UNEXPLAINED_ABSENCE
    assert action.subject_key == "pupil:3:2026-03-02:AM"
    assert (action.pupil_id, action.placement_id, action.status) == (3, 7, ActionStatus.OPEN)


def test_no_duplicate_when_an_action_already_exists_whatever_its_status() -> None:
    [first] = absence_actions([ABSENT], [], TODAY)
    assert absence_actions([ABSENT], [first], TODAY) == []
    first.status = ActionStatus.DONE
    assert absence_actions([ABSENT], [first], TODAY) == []


def test_no_duplicates_within_one_batch_and_other_sessions_still_proposed() -> None:
    pm = UnexplainedSession(3, TODAY, Session.PM, "marked N")
    proposed = absence_actions([ABSENT, ABSENT, pm], [], TODAY)
    assert [a.subject_key for a in proposed] == ["pupil:3:2026-03-02:AM", "pupil:3:2026-03-02:PM"]


def test_same_subject_from_another_source_is_not_a_duplicate() -> None:
    other = Action(
        "x", TODAY, TODAY, source=ActionSource.MANUAL, subject_key="pupil:3:2026-03-02:AM"
    )
    assert is_new([other], ActionSource.UNEXPLAINED_ABSENCE, "pupil:3:2026-03-02:AM")
    assert len(absence_actions([ABSENT], [other], TODAY)) == 1


def test_review_overdue_action() -> None:
    placement = ready_placement()
    slot = ReviewSlot(date(2026, 3, 9), ReviewKind.MONITORING_CONTACT)
    [action] = review_overdue_actions(placement, [slot], [], date(2026, 3, 10))
    assert action.title == "Monitoring contact overdue: it was due on 9 Mar 2026"
    assert action.subject_key == "placement:7:review:2026-03-09"
    assert action.due_on == date(2026, 3, 10)
    assert review_overdue_actions(placement, [slot], [action], date(2026, 3, 11)) == []


def test_check_lapsing_action_due_on_expiry() -> None:
    provider = vetted_provider(insurance_until=date(2026, 3, 31))
    [action] = check_lapsing_actions(provider, [], TODAY)
    assert action.title == "Renew provider evidence: Insurance (in date until 31 Mar 2026)"
    assert action.due_on == date(2026, 3, 31)
    assert action.subject_key == f"provider:1:{CheckKind.INSURANCE}:2026-03-31"
    assert action.provider_id == 1
    assert check_lapsing_actions(provider, [action], TODAY) == []
    assert check_lapsing_actions(vetted_provider(), [], TODAY) == []


def test_placement_ending_within_14_days_without_exit_review() -> None:
    placement = ready_placement()  # planned end 3 Jul 2026
    placement.status = PlacementStatus.ACTIVE
    assert placement_ending_actions(placement, [], [], date(2026, 6, 18)) == []  # 15 days
    [action] = placement_ending_actions(placement, [], [], date(2026, 6, 19))  # 14 days
    assert action.title == "Hold the exit review: the placement ends on 3 Jul 2026"
    assert (action.due_on, action.source) == (date(2026, 7, 3), ActionSource.PLACEMENT_ENDING)
    assert placement_ending_actions(placement, [], [action], date(2026, 6, 20)) == []


def test_no_ending_action_with_exit_review_or_when_not_live() -> None:
    placement = ready_placement()
    placement.status = PlacementStatus.ACTIVE
    exit_review = Review(placement_id=7, kind=ReviewKind.EXIT, held_on=date(2026, 6, 25))
    assert placement_ending_actions(placement, [exit_review], [], date(2026, 6, 26)) == []
    placement.status = PlacementStatus.PROPOSED
    assert placement_ending_actions(placement, [], [], date(2026, 6, 26)) == []
    placement.status = PlacementStatus.AUTHORISED
    assert len(placement_ending_actions(placement, [], [], date(2026, 6, 26))) == 1


# The edges `make mutate MUTANTS='apdesk.domain.actions*'` found untested on 4 Dec 2026:
# each action is compared whole, so who owns it, when it was made and what it is about count.


def test_an_overdue_review_action_is_the_owners_for_the_pupil_and_placement() -> None:
    slot = ReviewSlot(date(2026, 3, 9), ReviewKind.MONITORING_CONTACT)
    assert review_overdue_actions(ready_placement(), [slot], [], date(2026, 3, 10), 2) == [
        Action(
            "Monitoring contact overdue: it was due on 9 Mar 2026",
            due_on=date(2026, 3, 10),
            created_on=date(2026, 3, 10),
            owner_id=2,
            source=ActionSource.REVIEW_OVERDUE,
            subject_key="placement:7:review:2026-03-09",
            pupil_id=3,
            placement_id=7,
        )
    ]


def test_a_lapsing_check_action_is_the_owners_and_made_today() -> None:
    provider = vetted_provider(insurance_until=date(2026, 3, 31))
    assert check_lapsing_actions(provider, [], TODAY, owner_id=2) == [
        Action(
            "Renew provider evidence: Insurance (in date until 31 Mar 2026)",
            due_on=date(2026, 3, 31),
            created_on=TODAY,
            owner_id=2,
            source=ActionSource.CHECK_LAPSING,
            subject_key="provider:1:insurance:2026-03-31",
            provider_id=1,
        )
    ]


def test_a_shorter_period_set_by_the_school_makes_a_check_lapse_sooner() -> None:
    periods = {**DEFAULT_PERIODS, CheckKind.SAFER_RECRUITMENT: 7}
    [action] = check_lapsing_actions(vetted_provider(), [], TODAY, periods=periods)
    assert action.title.endswith("(in date until 1 Apr 2026)")
    assert (action.due_on, action.subject_key) == (
        date(2026, 4, 1),
        "provider:1:safer_recruitment:2026-04-01",
    )
    assert check_lapsing_actions(vetted_provider(), [], TODAY) == []


def test_a_placement_ending_action_is_the_owners_for_the_pupil_and_placement() -> None:
    placement = ready_placement()
    placement.status = PlacementStatus.ACTIVE
    assert placement_ending_actions(placement, [], [], date(2026, 6, 19), owner_id=2) == [
        Action(
            "Hold the exit review: the placement ends on 3 Jul 2026",
            due_on=date(2026, 7, 3),
            created_on=date(2026, 6, 19),
            owner_id=2,
            source=ActionSource.PLACEMENT_ENDING,
            subject_key="placement:7:ending:2026-07-03",
            pupil_id=3,
            placement_id=7,
        )
    ]


def test_a_placement_ending_today_still_asks_for_its_exit_review() -> None:
    placement = ready_placement()
    placement.status = PlacementStatus.ACTIVE
    assert len(placement_ending_actions(placement, [], [], date(2026, 7, 3))) == 1
    assert placement_ending_actions(placement, [], [], date(2026, 7, 4)) == []


def test_only_this_placements_exit_review_stops_the_ending_action() -> None:
    placement = ready_placement()
    placement.status = PlacementStatus.ACTIVE
    others = [
        Review(placement_id=8, kind=ReviewKind.EXIT, held_on=date(2026, 6, 25)),
        Review(placement_id=7, kind=ReviewKind.VISIT, held_on=date(2026, 6, 25)),
    ]
    assert len(placement_ending_actions(placement, others, [], date(2026, 6, 26))) == 1


def test_a_provider_lapsed_with_a_child_placed_is_acted_on_today_once_per_lapse() -> None:
    text = "Riverside Learning Centre: insurance out of date"
    [action] = provider_lapsed_actions(1, text, date(2026, 3, 1), [], TODAY, owner_id=2)
    assert action == Action(
        f"Provider lapsed with a child placed: {text}",
        due_on=TODAY,
        created_on=TODAY,
        owner_id=2,
        source=ActionSource.PROVIDER_LAPSED,
        subject_key="provider:1:lapsed:2026-03-01",
        provider_id=1,
    )
    assert provider_lapsed_actions(1, text, date(2026, 3, 1), [action], TODAY) == []
    assert len(provider_lapsed_actions(1, text, date(2026, 3, 2), [action], TODAY)) == 1
