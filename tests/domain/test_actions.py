"""Automatic actions: what each threshold proposes, and no duplicates."""

from __future__ import annotations

from datetime import date

from apdesk.domain.actions import (
    absence_actions,
    check_lapsing_actions,
    is_new,
    placement_ending_actions,
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
