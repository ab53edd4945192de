"""The off-site direction notice: warned when it would be late, dated the day notice was
given, that day recorded when it is first printed, and its legal basis from the school type."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date, datetime

import pytest
from pypdf import PdfReader

from apdesk.domain.enums import PlacementReason, Role, SchoolType
from apdesk.domain.errors import PermissionDenied
from apdesk.services import documents, placements, school
from tests.services.builders import add_pupil, add_school, proposed_placement, vetted_provider


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def _set_type(services, head, school_type):
    details = school.get_school(services, head)
    details.school_type = school_type
    school.save_school(services, head, details)


@pytest.fixture
def direction(services, actors, clock):
    """An off-site direction starting Mon 9 Nov 2026, no notice recorded, at an academy."""
    clock.at = datetime(2026, 11, 2, 8, 0)
    add_school(services, actors[Role.HEADTEACHER])
    _set_type(services, actors[Role.HEADTEACHER], SchoolType.ACADEMY)
    provider = vetted_provider(services, actors[Role.DSL], clock.today())
    pupil = add_pupil(services, actors[Role.DSL])
    placement = proposed_placement(services, actors[Role.DSL], pupil, provider, date(2026, 11, 9))
    lead = actors[Role.INCLUSION_LEAD]
    stored = placements.get_placement(services, lead, placement.id)
    changed = replace(stored, reason=PlacementReason.OFFSITE_DIRECTION, reason_note="Disruption")
    return placements.save_placement(services, lead, changed)


def _printed_rows(services):
    with services.store.engine.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT actor, old, new FROM audit_log WHERE action = 'placement.notice_printed'"
        ).all()


def test_a_first_notice_dated_too_late_is_warned_with_the_earliest_start(
    services, actors, direction, clock
):
    lead = actors[Role.INCLUSION_LEAD]
    clock.at = datetime(2026, 11, 5, 9, 0)  # Thursday: Thu and Fri are two school days before
    assert documents.notice_warnings(services, lead, [direction.id]) == []
    clock.at = datetime(2026, 11, 6, 9, 0)  # Friday: too late
    [warning] = documents.notice_warnings(services, lead, [direction.id])
    assert "is dated 6 Nov 2026, less than two school days before the start on 9 Nov 2026" in (
        warning
    )
    assert "move the start date to 10 Nov 2026 or later" in warning


def test_a_copy_for_a_placement_already_begun_warns_of_nothing(services, actors, direction, clock):
    lead = actors[Role.INCLUSION_LEAD]
    clock.at = datetime(2026, 11, 6, 9, 0)
    documents.parent_letters(services, lead, [direction.id])  # notice given late, recorded
    clock.at = datetime(2026, 11, 9, 9, 0)  # the first day
    assert documents.notice_warnings(services, lead, [direction.id]) == []
    clock.at = datetime(2026, 12, 1, 9, 0)
    assert documents.notice_warnings(services, lead, [direction.id]) == []


def test_a_recorded_notice_given_late_is_warned_until_the_start(services, actors, direction, clock):
    lead = actors[Role.INCLUSION_LEAD]
    placements.save_placement(
        services, lead, replace(direction, direction_notice_on=date(2026, 11, 6))
    )
    clock.at = datetime(2026, 11, 3, 9, 0)  # before the notice date, but it was recorded
    [warning] = documents.notice_warnings(services, lead, [direction.id])
    assert "was given on 6 Nov 2026" in warning and "move the start date" in warning


def test_the_first_print_records_the_notice_date_and_later_copies_carry_it(
    services, actors, direction, clock
):
    lead, dsl = actors[Role.INCLUSION_LEAD], actors[Role.DSL]
    clock.at = datetime(2026, 11, 3, 10, 0)
    first = _text(documents.parent_letters(services, lead, [direction.id]))
    assert placements.get_placement(services, dsl, direction.id).direction_notice_on == date(
        2026, 11, 3
    )
    [row] = _printed_rows(services)
    assert row.actor.startswith("Test inclusion_lead")
    assert json.loads(row.old) == {"direction_notice_on": None}
    assert json.loads(row.new) == {"direction_notice_on": "2026-11-03"}
    assert "Parent A 3 Nov 2026" in first

    clock.at = datetime(2026, 11, 20, 10, 0)  # a reprint weeks later
    again = _text(documents.parent_letters(services, lead, [direction.id]))
    head = again.split("Notice of an off-site direction")[0]
    assert "Parent A 3 Nov 2026" in head  # the footer still says when this copy was made
    assert len(_printed_rows(services)) == 1
    assert placements.get_placement(services, dsl, direction.id).direction_notice_on == date(
        2026, 11, 3
    )


def test_a_letter_that_is_not_a_notice_records_nothing(services, actors, clock):
    clock.at = datetime(2026, 11, 2, 8, 0)
    add_school(services, actors[Role.HEADTEACHER])
    provider = vetted_provider(services, actors[Role.DSL], clock.today())
    pupil = add_pupil(services, actors[Role.DSL])
    placement = proposed_placement(services, actors[Role.DSL], pupil, provider, date(2026, 11, 9))
    documents.parent_letters(services, actors[Role.INCLUSION_LEAD], [placement.id])
    assert _printed_rows(services) == []
    assert documents.notice_warnings(services, actors[Role.INCLUSION_LEAD], [placement.id]) == []


def test_a_refused_print_records_no_notice(services, actors, direction):
    with pytest.raises(PermissionDenied):
        documents.parent_letters(services, actors[Role.ADMINISTRATOR], [direction.id])
    assert _printed_rows(services) == []
    dsl = actors[Role.DSL]
    assert placements.get_placement(services, dsl, direction.id).direction_notice_on is None


def test_the_school_type_decides_the_law_the_notice_cites(services, actors, direction, clock):
    lead, head = actors[Role.INCLUSION_LEAD], actors[Role.HEADTEACHER]
    clock.at = datetime(2026, 11, 3, 10, 0)
    academy = _text(documents.parent_letters(services, lead, [direction.id]))
    assert "articles of association and funding agreement" in academy
    assert "under section 29A" not in academy
    _set_type(services, head, SchoolType.MAINTAINED)
    maintained = _text(documents.parent_letters(services, lead, [direction.id]))
    assert "under section 29A of the Education Act 2002" in maintained
    assert documents.notice_warnings(services, lead, [direction.id]) == []
    _set_type(services, head, None)
    [warning] = documents.notice_warnings(services, lead, [direction.id, direction.id])
    assert "school's type (academy, maintained school or free school) is not recorded" in warning
    assert "29A" not in _text(documents.parent_letters(services, lead, [direction.id]))
