"""Letters sent, contacts and feedback from parents on a real encrypted store; each role."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from apdesk.domain.entities import ParentContact, ParentFeedback
from apdesk.domain.enums import (
    FeedbackAnswer,
    FeedbackStage,
    ParentContactKind,
    PlacementOutcome,
    Role,
    SentBy,
)
from apdesk.domain.errors import InvalidInput, PermissionDenied
from apdesk.services import documents, parents, placements, today
from tests.services.builders import (
    add_pupil,
    add_school,
    complete_annex_a,
    proposed_placement,
    vetted_provider,
)

TODAY = date(2026, 11, 25)
RECORDERS = (Role.DSL, Role.DEPUTY_DSL, Role.INCLUSION_LEAD, Role.ATTENDANCE_LEAD)
READERS = (Role.HEADTEACHER, *RECORDERS)


@pytest.fixture
def placement(services, actors, clock):
    clock.at = datetime(2026, 11, 25, 9, 0)
    add_school(services, actors[Role.HEADTEACHER])
    provider = vetted_provider(services, actors[Role.DSL], TODAY)
    pupil = add_pupil(services, actors[Role.DSL])
    return proposed_placement(services, actors[Role.DSL], pupil, provider, date(2026, 11, 2))


def _call(placement, **changes):
    c = ParentContact(
        placement.id,
        ParentContactKind.CALL,
        TODAY,
        with_whom="Ms Jones",
        summary="Robin is enjoying the workshop",
    )
    return dataclasses.replace(c, **changes)


def _audit(services, entity):
    with services.store.engine.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT action, new FROM audit_log WHERE entity = ? ORDER BY id", (entity,)
        ).all()


def test_a_contact_recorded_changed_and_audited(services, actors, placement):
    lead = actors[Role.INCLUSION_LEAD]
    saved = parents.save_contact(services, lead, _call(placement))
    parents.save_contact(services, lead, dataclasses.replace(saved, with_whom=" Mr Jones "))
    (contact,) = parents.records_for(services, actors[Role.HEADTEACHER], placement.id).contacts
    assert contact.with_whom == "Mr Jones" and contact.recorded_by == lead.staff_id
    rows = _audit(services, "parent_contact")
    assert [r[0] for r in rows] == ["parent_contact.record", "parent_contact.save"]
    assert "Robin is enjoying" not in rows[0][1] and "Ms Jones" in rows[0][1]


def test_refusals_say_every_problem_and_write_nothing(services, actors, placement):
    lead = actors[Role.INCLUSION_LEAD]
    bad = _call(placement, on=date(2026, 11, 26), summary="")
    with pytest.raises(InvalidInput) as refused:
        parents.save_contact(services, lead, bad)
    assert "future" in str(refused.value) and "summary" in str(refused.value)
    with pytest.raises(InvalidInput, match="2,000"):
        parents.save_contact(services, lead, _call(placement, summary="x" * 2001))
    with pytest.raises(InvalidInput, match="text-direction"):
        parents.save_contact(services, lead, _call(placement, with_whom="Ms \u202eJones"))
    with pytest.raises(InvalidInput, match="NUL"):
        parents.save_contact(services, lead, _call(placement, summary="a\x00b"))
    assert parents.records_for(services, lead, placement.id).contacts == []
    assert _audit(services, "parent_contact") == []


def test_a_printed_letter_waits_to_be_recorded_as_sent(services, actors, placement, clock):
    head, lead = actors[Role.HEADTEACHER], actors[Role.INCLUSION_LEAD]
    clock.at = datetime(2026, 11, 20, 9, 0)  # a Friday
    documents.parent_letters(services, head, [placement.id])
    documents.parent_letters(services, head, [placement.id])  # a second copy: the same letter
    (printed,) = parents.unsent_for(services, lead, [placement.id])
    waiting = printed.contact
    assert (printed.pupil, printed.carers) == ("Robin Testcase", ("Parent A",))
    assert waiting.kind is ParentContactKind.LETTER and waiting.printed_on == date(2026, 11, 20)
    clock.at = datetime(2026, 11, 25, 17, 0)  # the third school day after
    assert parents.unsent_letters(services, lead) == []
    clock.at = datetime(2026, 11, 26, 9, 0)
    (late,) = parents.unsent_letters(services, lead)
    assert late.pupil == "Robin Testcase" and late.due == date(2026, 11, 25)
    for role in RECORDERS:
        (item,) = today.today_summary(services, actors[role]).letters_unsent
        assert item.kind == "Letter not recorded as sent" and item.target == "placement"
        assert (
            item.text == "Robin Testcase: Placement letter printed 20 Nov 2026, not yet "
            "recorded as sent"
        )
    for role in set(Role) - set(RECORDERS):
        assert today.today_summary(services, actors[role]).letters_unsent == []
    with pytest.raises(InvalidInput, match="how it was sent"):
        parents.record_sent(services, lead, waiting.id, date(2026, 11, 23), None, "Ms Jones")
    with pytest.raises(InvalidInput, match="before it was printed"):
        parents.record_sent(services, lead, waiting.id, date(2026, 11, 19), SentBy.POST, "Ms Jones")
    sent = parents.record_sent(
        services, lead, waiting.id, date(2026, 11, 23), SentBy.POST, "Ms Jones"
    )
    assert sent.on == date(2026, 11, 23) and sent.printed_on == date(2026, 11, 20)
    assert parents.unsent_letters(services, lead) == []
    actions = [r[0] for r in _audit(services, "parent_contact")]
    assert actions == ["parent_contact.printed", "parent_contact.sent"]
    documents.parent_letters(services, head, [placement.id])  # a fresh letter after it went
    assert len(parents.unsent_for(services, lead, [placement.id])) == 1


def test_feedback_during_and_after(services, actors, placement, clock):
    dsl = actors[Role.DSL]
    complete_annex_a(services, dsl, placement)
    placements.authorise(services, actors[Role.HEADTEACHER], placement.id)
    placements.activate(services, dsl, placement.id)
    during = ParentFeedback(
        placement.id,
        TODAY,
        "Ms Jones",
        safe_and_happy=FeedbackAnswer.YES,
        kept_informed=FeedbackAnswer.PARTLY,
        comments="Would like more phone calls",
    )
    saved = parents.save_feedback(services, actors[Role.INCLUSION_LEAD], during)
    after = dataclasses.replace(during, id=None, stage=FeedbackStage.AFTER)
    with pytest.raises(InvalidInput, match="has not ended"):
        parents.save_feedback(services, dsl, after)
    placements.end_placement(services, dsl, placement.id, PlacementOutcome.REINTEGRATED)
    clock.at = datetime(2026, 11, 27, 9, 0)
    parents.save_feedback(services, dsl, dataclasses.replace(after, received_on=clock.today()))
    records = parents.records_for(services, dsl, placement.id)
    assert [f.stage for f in records.feedback] == [FeedbackStage.AFTER, FeedbackStage.DURING]
    changed = dataclasses.replace(saved, helping=FeedbackAnswer.NO)
    parents.save_feedback(services, dsl, changed)
    rows = _audit(services, "parent_feedback")
    assert [r[0] for r in rows] == [
        "parent_feedback.record",
        "parent_feedback.record",
        "parent_feedback.save",
    ]
    assert "more phone calls" not in rows[0][1]


@pytest.mark.parametrize("role", list(Role))
def test_who_may_read_and_who_may_record(services, actors, placement, role):
    actor = actors[role]
    feedback = ParentFeedback(placement.id, TODAY, "Ms Jones", comments="Fine")
    if role in READERS:
        assert parents.records_for(services, actor, placement.id).contacts == []
    else:
        with pytest.raises(PermissionDenied):
            parents.records_for(services, actor, placement.id)
    if role in RECORDERS:
        parents.save_contact(services, actor, _call(placement))
        parents.save_feedback(services, actor, feedback)
        assert parents.unsent_letters(services, actor) == []
    else:
        with pytest.raises(PermissionDenied, match="record contacts with parents"):
            parents.save_contact(services, actor, _call(placement))
        with pytest.raises(PermissionDenied):
            parents.save_feedback(services, actor, feedback)
