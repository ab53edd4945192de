"""Recording reviews through the services: only for a live placement, with the rule's message."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from apdesk.domain.codes import lookup
from apdesk.domain.entities import Action, Review
from apdesk.domain.enums import ActionSource, ReviewKind, RiskLevel, Role, Session
from apdesk.domain.errors import InvalidInput, PermissionDenied, RuleViolation
from apdesk.services import (
    actions,
    attendance,
    documents,
    governors,
    placements,
    review_plans,
    reviews,
    school,
)
from apdesk.services.attendance import MarkEntry
from tests.documents.conftest import pdf_text
from tests.services.builders import (
    TOOK_PART,
    add_pupil,
    add_school,
    complete_annex_a,
    proposed_placement,
    vetted_provider,
)
from tests.services.csv_exports import exported


@pytest.fixture
def placement(services, actors, clock):
    clock.at = datetime(2026, 11, 2, 8, 0)  # a Monday
    head, dsl = actors[Role.HEADTEACHER], actors[Role.DSL]
    add_school(services, head)
    provider = vetted_provider(services, dsl, clock.today())
    pupil = add_pupil(services, dsl)
    return proposed_placement(services, dsl, pupil, provider, date(2026, 11, 4))


def _record(services, actors, placement_id, kind, day):
    return reviews.record_review(
        services, actors[Role.DSL], Review(placement_id, kind, day, attendees=TOOK_PART)
    )


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
    rows = exported(services, actors[Role.HEADTEACHER], "reviews").rows
    assert [r[3:7] for r in rows] == [
        ["2026-11-06", "monitoring_contact", "completed", "2026-11-04"],
        ["2026-11-13", "monitoring_contact", "missed", ""],
        ["2026-11-20", "monitoring_contact", "missed", ""],
        ["2026-11-25", "exit", "late", "2026-11-30"],
    ]
    assert len(reviews.list_reviews(services, dsl)) == 2


def test_the_next_review_date_is_after_the_review_or_nothing_is_recorded(
    services, actors, placement, clock
):
    dsl = actors[Role.DSL]
    complete_annex_a(services, dsl, placement)
    placements.authorise(services, actors[Role.HEADTEACHER], placement.id)
    clock.at = datetime(2026, 11, 6, 15, 0)
    placements.activate(services, dsl, placement.id)
    held_on = date(2026, 11, 6)
    for next_on in (held_on, date(2026, 11, 5)):
        with pytest.raises(InvalidInput, match="next review must come after this one"):
            reviews.record_review(
                services,
                dsl,
                Review(
                    placement.id,
                    ReviewKind.REVIEW_MEETING,
                    held_on,
                    next_review_on=next_on,
                    attendees=TOOK_PART,
                ),
            )
    assert reviews.list_reviews(services, dsl) == []
    stored = reviews.record_review(
        services,
        dsl,
        Review(
            placement.id,
            ReviewKind.REVIEW_MEETING,
            held_on,
            next_review_on=date(2026, 11, 9),
            attendees=TOOK_PART,
        ),
    )
    assert stored.next_review_on == date(2026, 11, 9)


def test_the_list_of_reviews_held_is_each_records_own_newest_first(
    services, actors, placement, clock
):
    """The list reads the reviews as the driver's rows, each stored day read once: each row
    is its record's (its days as dates, a next date or none), named, newest first."""
    dsl = actors[Role.DSL]
    complete_annex_a(services, dsl, placement)
    placements.authorise(services, actors[Role.HEADTEACHER], placement.id)
    clock.at = datetime(2026, 11, 12, 15, 0)
    placements.activate(services, dsl, placement.id)
    first = _record(
        services, actors, placement.id, ReviewKind.MONITORING_CONTACT, date(2026, 11, 4)
    )
    meeting = Review(
        placement.id,
        ReviewKind.REVIEW_MEETING,
        date(2026, 11, 12),
        next_review_on=date(2026, 11, 26),
        attendees=TOOK_PART,
    )
    second = reviews.record_review(services, dsl, meeting)
    rows = reviews.list_reviews(services, dsl)
    expected = [
        reviews.ReviewListRow(
            "Held", held.held_on, "Robin Testcase", "Bridgeway Learning", kind, held.next_review_on,
            placement.id, None, held.id,
        )
        for held, kind in ((second, "Review meeting"), (first, "Monitoring contact"))
    ]  # fmt: skip
    assert rows == expected
    assert all(type(row) is reviews.ReviewListRow for row in rows)
    assert [type(row.when) for row in rows] == [date, date]
    assert (rows[0].next_on, rows[1].next_on) == (date(2026, 11, 26), None)


def test_governors_report_figures_recompute_from_the_exports(services, actors, placement, clock):
    """The report's review and attendance figures, recomputed from the CSV exports for the
    same term; plans are the Headteacher's, kept for the term."""
    head, dsl, governor = actors[Role.HEADTEACHER], actors[Role.DSL], actors[Role.GOVERNOR]
    complete_annex_a(services, dsl, placement)
    placements.authorise(services, head, placement.id)
    clock.at = datetime(2026, 11, 4, 9, 0)
    placements.activate(services, dsl, placement.id)
    clock.at = datetime(2026, 11, 6, 16, 0)
    week = [date(2026, 11, d) for d in (4, 5, 6)]
    entries = [
        MarkEntry(placement.pupil_id, placement.id, d, s, code="B") for d in week for s in Session
    ]
    entries[-1] = MarkEntry(placement.pupil_id, placement.id, week[-1], Session.PM, code="I")
    attendance.record_marks(services, actors[Role.ATTENDANCE_LEAD], entries)
    _record(services, actors, placement.id, ReviewKind.MONITORING_CONTACT, date(2026, 11, 4))
    clock.at = datetime(2026, 11, 19, 9, 0)
    _record(services, actors, placement.id, ReviewKind.MONITORING_CONTACT, date(2026, 11, 19))
    clock.at = datetime(2026, 11, 25, 15, 0)
    placements.terminate(services, dsl, placement.id, "Safeguarding compromised at the site.")
    clock.at = datetime(2026, 12, 1, 8, 0)  # before today's registers close
    with pytest.raises(PermissionDenied, match="Only the Headteacher"):
        governors.save_plans(services, governor, "Autumn 2026", "Visit in spring.")
    assert "has not written plans" in pdf_text(
        documents.governors_report(services, governor, "Autumn 2026")
    )
    governors.save_plans(services, head, "autumn 2026", "Visit every provider in spring.")
    data = governors.report_data(services, governor, "Autumn 2026")

    as_of = clock.today()
    reviews_csv = exported(services, head, "reviews").rows
    counted = [r for r in reviews_csv if date(2026, 9, 2) <= date.fromisoformat(r[3]) <= as_of]
    assert data.reviews_due == len(counted) == 4  # three weekly contacts and the exit review
    assert data.reviews_on_time == sum(r[5] == "completed" for r in counted) == 2

    marks = exported(services, head, "attendance").rows
    in_term = [r for r in marks if r[2] == str(placement.id) and r[4] < as_of.isoformat()]
    codes = [lookup(r[11]) if r[11] else None for r in in_term]
    possible = sum(c is None or c.counts_possible for c in codes)
    present = sum(c is not None and c.counts_present for c in codes)
    cohort = data.attendance.cohort
    assert (cohort.possible, cohort.present, cohort.authorised) == (possible, present, 1)
    assert cohort.unmarked == sum(c is None for c in codes) > 0  # 9 to 25 Nov left unmarked
    assert data.attendance.persistent == 1 and data.attendance.severe == 1
    assert data.plans == "Visit every provider in spring." and data.plans_written_on == as_of
    text = pdf_text(documents.governors_report(services, governor, "Autumn 2026"))
    assert "Written by the Headteacher on 1 Dec 2026." in text
    assert f"{data.reviews_on_time} of {data.reviews_due} reviews due were held on time" in text


def test_a_review_and_the_actions_it_agreed_are_recorded_together_or_not_at_all(
    services, actors, placement, clock
):
    """The window recorded the review, then added each action in a call of its own: an
    action refused left the review stored without it, and saving again recorded it twice."""
    dsl = actors[Role.DSL]
    complete_annex_a(services, dsl, placement)
    placements.authorise(services, actors[Role.HEADTEACHER], placement.id)
    clock.at = datetime(2026, 11, 6, 15, 0)
    placements.activate(services, dsl, placement.id)
    review = Review(placement.id, ReviewKind.REVIEW_MEETING, date(2026, 11, 6), attendees=TOOK_PART)

    def agreed(*titles):
        return [
            Action(title, date(2026, 11, 13), date(2026, 11, 6), owner_id=dsl.staff_id,
                   source=ActionSource.REVIEW, placement_id=placement.id)
            for title in titles
        ]  # fmt: skip

    for refused in ("   ", "Ring home \u202eabout Friday"):
        with pytest.raises(InvalidInput):
            reviews.record_review(services, dsl, review, agreed("Book the taxi", refused))
        assert reviews.list_reviews(services, dsl) == []
        assert actions.list_actions(services, dsl) == []
    stored = reviews.record_review(services, dsl, review, agreed("Book the taxi", "Ring home"))
    held = reviews.held_review(services, dsl, stored.id)
    assert [a.title for a in held.actions] == ["Book the taxi", "Ring home"]
    assert [a.title for a in actions.list_actions(services, dsl)] == ["Book the taxi", "Ring home"]


def test_the_schools_own_intervals_set_the_next_review(services, actors, placement):
    """The plans read the school's intervals (its settings), not only the policy's."""
    head, dsl = actors[Role.HEADTEACHER], actors[Role.DSL]
    monday = date(2026, 11, 30)  # after the four weekly contacts
    for weeks, due in (((1, 1, 1), date(2026, 12, 7)), ((2, 2, 2), date(2026, 12, 14))):
        details = school.get_school(services, head)
        details.review_weeks_high, details.review_weeks_medium, details.review_weeks_low = weeks
        school.save_school(services, head, details)
        assert reviews.suggested_next_review(services, dsl, placement.id, monday) == due


def test_a_risk_level_saved_on_the_placement_sets_the_interval_from_then_on(
    services, actors, placement, clock
):
    """The plans read each placement's risk-level changes from its saves (the audit log).
    Lowered to low risk on 20 Jan: a review on 4 Jan, at medium risk then, is next due two
    school weeks later, on 18 Jan; one on 11 Jan is next due after the change, four weeks
    on, past the planned end, so its next is the exit review on 27 Jan."""
    dsl = actors[Role.DSL]
    clock.at = datetime(2027, 1, 20, 9, 0)
    saved = placements.get_placement(services, dsl, placement.id)
    saved.risk_level = RiskLevel.LOW
    placements.save_placement(services, dsl, saved)
    next_after = [
        reviews.suggested_next_review(services, dsl, placement.id, date(2027, 1, day))
        for day in (4, 11)
    ]
    assert next_after == [date(2027, 1, 18), date(2027, 1, 27)]


def test_the_risk_changes_of_some_placements_are_theirs_of_every_placements(
    services, actors, placement, clock
):
    """Today and the due list read only the live placements' risk changes (their ids bound
    into one statement made once): the same changes as those read for every placement, none
    for a placement with no change, none for no placements."""
    dsl = actors[Role.DSL]
    clock.at = datetime(2027, 1, 20, 9, 0)
    saved = placements.get_placement(services, dsl, placement.id)
    saved.risk_level = RiskLevel.LOW
    placements.save_placement(services, dsl, saved)
    with services.read(dsl) as session:
        every = review_plans.risk_changes(session)
        assert set(every) == {placement.id} and len(every[placement.id]) == 1
        assert review_plans.risk_changes(session, [placement.id]) == every
        assert review_plans.risk_changes(session, [placement.id + 1]) == {}
        assert review_plans.risk_changes(session, []) == {}
