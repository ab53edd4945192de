"""The gate holds: a change to what the Headteacher authorised sends it back, and activating
checks the whole gate again, with the calendar."""

from __future__ import annotations

from datetime import date

import pytest

from apdesk.domain.calendar import SchoolCalendar
from apdesk.domain.entities import Term
from apdesk.domain.enums import PlacementReason, PlacementStatus, ProviderState, Role
from apdesk.domain.errors import InvalidInput, RuleViolation
from apdesk.domain.placements import (
    GATE_FIELDS,
    GateFacts,
    activate,
    apply_gate_changes,
    authorise,
    gate_changes,
)
from apdesk.domain.providers import ProviderStatus
from tests.domain.factories import ready_placement

APPROVED = GateFacts(ProviderStatus(ProviderState.APPROVED))
SPRING = SchoolCalendar([Term("Spring", date(2026, 1, 5), date(2026, 3, 27))])
TODAY = date(2026, 2, 23)


def _authorised():
    placement = ready_placement()
    authorise(placement, APPROVED, [Role.HEADTEACHER], TODAY, actor_id=1)
    return placement


def _before(placement):
    return {name: getattr(placement, name) for name in GATE_FIELDS}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("provider_id", 2),
        ("site_id", 9),
        ("reason", PlacementReason.OFFSITE_DIRECTION),
        ("start_date", date(2026, 3, 3)),
        ("planned_end_date", date(2026, 7, 10)),
        ("full_time", True),
        ("weekly_pattern", "Mon AM"),
        ("consent_given_by", "Someone else"),
        ("consent_given_on", date(2026, 2, 21)),
        ("direction_notice_on", date(2026, 2, 25)),
    ],
)
def test_each_gate_field_sends_an_authorised_placement_back(field, value):
    placement = _authorised()
    before = _before(placement)
    setattr(placement, field, value)
    changes = gate_changes(before, placement)
    assert [(c.field, c.old, c.new) for c in changes] == [(field, before[field], value)]
    assert apply_gate_changes(placement, changes) is True
    assert placement.status is PlacementStatus.PROPOSED
    assert (placement.authorised_on, placement.authorised_by) == (None, None)


def test_other_fields_and_unchanged_values_leave_it_authorised():
    placement = _authorised()
    before = _before(placement)
    placement.curriculum_plan = "English and maths every morning"
    placement.exit_plan = "A different exit plan"
    placement.provider_id = before["provider_id"]  # typed again, the same value
    assert gate_changes(before, placement) == []
    assert apply_gate_changes(placement, []) is False
    assert placement.status is PlacementStatus.AUTHORISED


def test_a_proposed_placement_just_changes():
    placement = ready_placement()
    before = _before(placement)
    placement.provider_id = 2
    assert apply_gate_changes(placement, gate_changes(before, placement)) is False
    assert placement.status is PlacementStatus.PROPOSED


@pytest.mark.parametrize("field", ["provider_id", "site_id", "start_date"])
def test_an_active_placement_cannot_change_what_it_is(field):
    placement = _authorised()
    activate(placement, APPROVED, date(2026, 3, 2))
    before = _before(placement)
    setattr(placement, field, date(2026, 3, 9) if field == "start_date" else 5)
    with pytest.raises(InvalidInput, match="End or terminate it and propose a new placement"):
        apply_gate_changes(placement, gate_changes(before, placement))


def test_an_active_placement_may_move_its_end_and_the_headteacher_is_told():
    placement = _authorised()
    activate(placement, APPROVED, date(2026, 3, 2))
    before = _before(placement)
    placement.planned_end_date = date(2026, 7, 17)
    assert apply_gate_changes(placement, gate_changes(before, placement)) is True
    assert placement.status is PlacementStatus.ACTIVE


def _direction(notice: date):
    placement = ready_placement(PlacementReason.OFFSITE_DIRECTION)
    placement.consent_given_by, placement.consent_given_on = "", None
    placement.direction_notice_on = date(2026, 2, 20)  # in time when authorised
    authorise(placement, GateFacts(APPROVED.provider_status, SPRING), [Role.HEADTEACHER], TODAY)
    placement.direction_notice_on = notice  # then edited (on a proposed copy in real life)
    return placement


def test_activate_counts_the_direction_notice_in_school_days():
    # Start Monday 2 Mar 2026: notice by Thursday 26 Feb (two school days before) is in time.
    late = _direction(date(2026, 2, 27))  # Friday: one school day's notice
    with pytest.raises(RuleViolation, match="by 26 Feb 2026 for this start date"):
        activate(late, GateFacts(APPROVED.provider_status, SPRING), date(2026, 3, 2))
    assert late.status is PlacementStatus.AUTHORISED
    in_time = _direction(date(2026, 2, 26))
    activate(in_time, GateFacts(APPROVED.provider_status, SPRING), date(2026, 3, 2))
    assert in_time.status is PlacementStatus.ACTIVE
