"""Recording reviews through the services: only for a live placement, with the rule's message."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from apdesk.domain.entities import Review
from apdesk.domain.enums import ReviewKind, Role
from apdesk.domain.errors import RuleViolation
from apdesk.services import exports, placements, reviews
from tests.services.builders import (
    add_pupil,
    add_school,
    complete_annex_a,
    proposed_placement,
    vetted_provider,
)


@pytest.fixture
def placement(services, actors, clock):
    clock.at = datetime(2026, 11, 2, 8, 0)  # a Monday
    head, dsl = actors[Role.HEADTEACHER], actors[Role.DSL]
    add_school(services, head)
    provider = vetted_provider(services, dsl, clock.today())
    pupil = add_pupil(services, dsl)
    return proposed_placement(services, dsl, pupil, provider, date(2026, 11, 4))


def _record(services, actors, placement_id, kind, day):
    return reviews.record_review(services, actors[Role.DSL], Review(placement_id, kind, day))


def test_reviews_only_while_the_placement_is_live(services, actors, placement, clock):
    dsl = actors[Role.DSL]
    with pytest.raises(RuleViolation, match="still proposed"):
        _record(services, actors, placement.id, ReviewKind.MONITORING_CONTACT, date(2026, 11, 2))
    complete_annex_a(services, dsl, placement)
    placements.authorise(services, actors[Role.HEADTEACHER], placement.id)
    clock.at = datetime(2026, 11, 4, 9, 0)
    placements.activate(services, dsl, placement.id)
    with pytest.raises(RuleViolation, match="starts on 4 Nov 2026"):
        _record(services, actors, placement.id, ReviewKind.MONITORING_CONTACT, date(2026, 11, 3))
    _record(services, actors, placement.id, ReviewKind.MONITORING_CONTACT, date(2026, 11, 4))
    clock.at = datetime(2026, 11, 25, 15, 0)
    placements.terminate(services, dsl, placement.id, "Safeguarding compromised at the site.")
    clock.at = datetime(2026, 11, 30, 9, 0)
    with pytest.raises(RuleViolation, match="only its exit review"):
        _record(services, actors, placement.id, ReviewKind.REVIEW_MEETING, date(2026, 11, 30))
    _record(services, actors, placement.id, ReviewKind.EXIT, date(2026, 11, 30))
    rows = exports.export_csv(services, actors[Role.HEADTEACHER], "reviews").rows
    assert [r[3:] for r in rows] == [
        ["2026-11-06", "monitoring_contact", "completed", "2026-11-04"],
        ["2026-11-13", "monitoring_contact", "missed", ""],
        ["2026-11-20", "monitoring_contact", "missed", ""],
        ["2026-11-25", "exit", "late", "2026-11-30"],
    ]
    assert len(reviews.list_reviews(services, dsl)) == 2
