"""Corrections: each puts a mistake right through the domain's rules, only for the roles
allowed, and writes old -> new and why to the audit log; a merge loses nothing."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from apdesk.domain.audit_text import digest
from apdesk.domain.entities import (
    Incident,
    IncidentPupil,
    Objective,
    ObjectiveProgress,
    Referral,
    Review,
)
from apdesk.domain.enums import (
    Agency,
    CheckKind,
    IncidentCategory,
    IncidentStatus,
    ObjectiveArea,
    PupilRole,
    ReviewKind,
    Role,
    Session,
)
from apdesk.domain.errors import InvalidInput, PermissionDenied, RuleViolation
from apdesk.services import attendance, corrections, incidents, placements, providers, pupils
from apdesk.services import reviews as review_service
from apdesk.services import staff as staff_service
from apdesk.services.app_services import AppServices
from apdesk.services.attendance import MarkEntry
from apdesk.storage import pupil_keys
from apdesk.storage.store import StorePaths, open_store
from tests.services import builders
from tests.services.builders import TOOK_PART
from tests.services.conftest import PASSWORDS

TODAY = date(2026, 11, 28)  # the fixed clock's Saturday
WHY = "typed the wrong date"


@pytest.fixture(scope="module")
def world_store(template_store, tmp_path_factory):
    """A school, a vetted provider, a pupil in an active placement (with a review, a mark and
    a closed incident with a referral) and a twin of that pupil, built once."""
    from apdesk.domain.clock import FixedClock

    source, key = template_store
    folder = tmp_path_factory.mktemp("corrections") / "data"
    shutil.copytree(source, folder)
    clock = FixedClock(datetime(2026, 11, 28, 9, 30))
    svc = AppServices(open_store(StorePaths(folder), key, clock.now()), clock)
    head = staff_service.sign_in(svc, "head", PASSWORDS[Role.HEADTEACHER])
    dsl = staff_service.sign_in(svc, "dsl", PASSWORDS[Role.DSL])
    builders.add_school(svc, head)
    provider = builders.vetted_provider(svc, dsl, TODAY)
    pupil = builders.add_pupil(svc, dsl)
    twin = builders.add_pupil(svc, dsl, 2, "Robyn", "Testcase")
    placement = builders.proposed_placement(svc, dsl, pupil, provider, date(2026, 11, 2))
    builders.complete_annex_a(svc, dsl, placement)
    placements.authorise(svc, head, placement.id)
    placements.activate(svc, dsl, placement.id)
    review = review_service.record_review(
        svc,
        dsl,
        Review(
            placement.id, ReviewKind.MONITORING_CONTACT, date(2026, 11, 20), attendees=TOOK_PART
        ),
    )
    attendance.record_marks(
        svc, dsl, [MarkEntry(pupil.id, None, date(2026, 11, 25), Session.AM, "B")]
    )
    incident = incidents.save_incident(
        svc,
        dsl,
        Incident(
            IncidentCategory.BEHAVIOUR,
            datetime(2026, 11, 24, 11, 0),
            narrative="Argument at lunch.",
            pupil_links=[IncidentPupil(twin.id, PupilRole.INVOLVED)],
            referrals=[
                Referral(
                    Agency.LA_CHILDRENS_SERVICES,
                    date(2026, 11, 24),
                    "EH-1",
                    outcome="No further action",
                )
            ],
        ),
    )
    incidents.close_incident(
        svc,
        dsl,
        incident.id,
        "Spoke to both of them.",
        "Both apologised and nothing more was needed.",
    )
    svc.close()
    ids = {
        "provider": provider.id,
        "pupil": pupil.id,
        "twin": twin.id,
        "placement": placement.id,
        "review": review.id,
        "incident": incident.id,
    }
    return folder, key, ids


@pytest.fixture
def world(world_store, tmp_path, clock):
    folder, key, ids = world_store
    target = tmp_path / "world"
    shutil.copytree(folder, target)
    svc = AppServices(open_store(StorePaths(target), key, clock.now()), clock)
    everyone = {Role.HEADTEACHER: staff_service.sign_in(svc, "head", PASSWORDS[Role.HEADTEACHER])}
    for member in staff_service.list_staff(svc, everyone[Role.HEADTEACHER]):
        everyone.setdefault(member.roles[0], staff_service.actor_for(member))
    yield svc, everyone, ids
    svc.close()


def last_audit(svc, action):
    """The newest row of `action`: actor, old, new (who a pupil is opened by their key), why."""
    with svc.store.engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT actor, old, new, reason, entity_id FROM audit_log WHERE action = ? "
            "ORDER BY id DESC",
            (action,),
        ).first()
        assert row is not None, f"no {action} in the audit log"
        old, new = (pupil_keys.open_values(conn, row[4], json.loads(v or "null")) for v in row[1:3])
    return row[0], old, new, row[3]


def a_check(svc, actors, ids):
    provider, _ = providers.get_provider(svc, actors[Role.DSL], ids["provider"])
    return next(c for c in provider.checks if c.kind is CheckKind.SAFER_RECRUITMENT)


# Vetting checks --------------------------------------------------------------------------------
def test_a_check_with_a_wrong_date_is_corrected_with_old_new_and_why(world):
    svc, actors, ids = world
    check = a_check(svc, actors, ids)
    fixed = replace(check, received_on=date(2026, 11, 1))
    corrections.correct_check(svc, actors[Role.DSL], check.id, fixed, WHY)
    assert a_check(svc, actors, ids).received_on == date(2026, 11, 1)
    actor, old, new, reason = last_audit(svc, "check.correct")
    assert old["received_on"] == check.received_on.isoformat()
    assert new["received_on"] == "2026-11-01" and reason == WHY
    assert actors[Role.DSL].display_name in actor


def test_a_correction_needs_a_reason_and_keeps_the_rules(world):
    svc, actors, ids = world
    check = a_check(svc, actors, ids)
    with pytest.raises(InvalidInput, match="Say why"):
        corrections.correct_check(svc, actors[Role.DSL], check.id, check, "  ")
    wrong = replace(check, expires_on=check.received_on - timedelta(days=1))
    with pytest.raises(InvalidInput, match="expiry date must be after"):
        corrections.correct_check(svc, actors[Role.DSL], check.id, wrong, WHY)
    assert a_check(svc, actors, ids) == check


def test_a_check_recorded_by_mistake_is_voided_and_no_longer_counts(world):
    svc, actors, ids = world
    check = a_check(svc, actors, ids)
    corrections.void_check(svc, actors[Role.DSL], check.id, "recorded for the wrong provider")
    provider, status = providers.get_provider(svc, actors[Role.DSL], ids["provider"])
    assert check.id not in {c.id for c in provider.checks}
    assert status.state.value != "approved"  # the safer-recruitment check is missing again
    _, old, _, reason = last_audit(svc, "check.void")
    assert old["kind"] == CheckKind.SAFER_RECRUITMENT.value and "wrong provider" in reason


def test_a_check_with_evidence_files_cannot_be_voided(world):
    svc, actors, ids = world
    check = a_check(svc, actors, ids)
    providers.add_evidence(svc, actors[Role.DSL], check.id, "dbs.pdf", b"%PDF")
    with pytest.raises(RuleViolation, match="1 evidence files"):
        corrections.void_check(svc, actors[Role.DSL], check.id, WHY)


# Referrals and incidents -----------------------------------------------------------------------
def referral_of(svc, actors, ids):
    return incidents.open_incident(svc, actors[Role.DSL], ids["incident"]).referrals[0]


def test_a_referral_is_corrected_and_voided_with_reasons(world):
    svc, actors, ids = world
    referral = referral_of(svc, actors, ids)
    fixed = replace(referral, reference="EH-12")
    corrections.correct_referral(svc, actors[Role.DSL], referral.id, fixed, "wrong reference")
    assert referral_of(svc, actors, ids).reference == "EH-12"
    _, old, new, _ = last_audit(svc, "referral.correct")
    assert (old["reference"], new["reference"]) == ("EH-1", "EH-12")
    early = replace(referral, made_on=date(2026, 11, 23))
    with pytest.raises(InvalidInput, match="before the incident happened"):
        corrections.correct_referral(svc, actors[Role.DSL], referral.id, early, WHY)
    corrections.void_referral(svc, actors[Role.DSL], referral.id, "made by another school")
    assert incidents.open_incident(svc, actors[Role.DSL], ids["incident"]).referrals == []


def test_a_closed_incident_is_reopened_by_the_dsl_with_a_reason(world):
    svc, actors, ids = world
    incident = corrections.reopen_incident(
        svc, actors[Role.DSL], ids["incident"], "the parent has raised it again"
    )
    assert incident.status is IncidentStatus.OPEN and incident.closed_on is None
    _, old, new, reason = last_audit(svc, "incident.reopen")
    assert old["status"] == "closed" and new["status"] == "open" and "parent" in reason
    with pytest.raises(RuleViolation, match="still open"):
        corrections.reopen_incident(svc, actors[Role.DSL], ids["incident"], WHY)


@pytest.mark.parametrize("role", list(Role))
def test_only_the_headteacher_and_dsl_reopen_an_incident(world, role):
    svc, actors, ids = world
    if role in (Role.HEADTEACHER, Role.DSL):
        corrections.reopen_incident(svc, actors[role], ids["incident"], WHY)
    else:
        with pytest.raises(PermissionDenied):
            corrections.reopen_incident(svc, actors[role], ids["incident"], WHY)


# Reviews, objectives, attendance ---------------------------------------------------------------
def test_a_review_is_corrected_within_the_review_rules_and_voided(world):
    svc, actors, ids = world
    review = review_service.get_review(svc, actors[Role.DSL], ids["review"])
    fixed = replace(review, held_on=date(2026, 11, 19), concerns="None raised.")
    corrections.correct_review(svc, actors[Role.INCLUSION_LEAD], review.id, fixed, WHY)
    stored = review_service.get_review(svc, actors[Role.DSL], ids["review"])
    assert stored.held_on == date(2026, 11, 19) and stored.concerns == "None raised."
    before_start = replace(review, held_on=date(2026, 10, 30))
    with pytest.raises(RuleViolation, match="cannot be dated before it"):
        corrections.correct_review(svc, actors[Role.DSL], review.id, before_start, WHY)
    with pytest.raises(InvalidInput, match="in the future"):
        corrections.correct_review(
            svc, actors[Role.DSL], review.id, replace(review, held_on=date(2026, 12, 1)), WHY
        )
    corrections.void_review(svc, actors[Role.DSL], review.id, "recorded for the wrong pupil")
    assert all(r.review_id != review.id for r in review_service.list_reviews(svc, actors[Role.DSL]))
    _, old, _, _ = last_audit(svc, "review.void")
    assert old["held_on"] == "2026-11-19"


def test_an_objective_is_corrected_and_one_with_progress_is_not_voided(world):
    svc, actors, ids = world
    placement = placements.get_placement(svc, actors[Role.DSL], ids["placement"])
    objective = placement.objectives[0]
    fixed = replace(objective, target="Attend 90% of sessions")
    corrections.correct_objective(svc, actors[Role.DSL], objective.id, fixed, "target agreed")
    _, old, new, _ = last_audit(svc, "objective.correct")
    # the audit row keeps digests of free text (decision 0015)
    assert (old["target"], new["target"]) == (
        digest("Attend 95% of sessions"),
        digest("Attend 90% of sessions"),
    )
    with pytest.raises(InvalidInput, match="needs its target"):
        corrections.correct_objective(
            svc, actors[Role.DSL], objective.id, replace(objective, target=" "), WHY
        )
    extra = Objective(ObjectiveArea.PASTORAL, "No exclusions", "6 weeks", "Sam Patel")
    placement = placements.get_placement(svc, actors[Role.DSL], ids["placement"])
    placement = placements.save_placement(
        svc, actors[Role.DSL], replace(placement, objectives=[*placement.objectives, extra])
    )
    added = next(o for o in placement.objectives if o.target == "No exclusions")
    corrections.void_objective(svc, actors[Role.DSL], added.id, "added twice")
    targets = [
        o.target
        for o in placements.get_placement(svc, actors[Role.DSL], ids["placement"]).objectives
    ]
    assert targets == ["Attend 90% of sessions"]
    review_service.record_review(
        svc,
        actors[Role.DSL],
        Review(
            ids["placement"],
            ReviewKind.VISIT,
            date(2026, 11, 27),
            progress=[ObjectiveProgress(objective.id, "Nine of ten", "On track")],
            attendees=TOOK_PART,
        ),
    )
    with pytest.raises(RuleViolation, match="1 progress notes from reviews"):
        corrections.void_objective(svc, actors[Role.DSL], objective.id, WHY)


def test_a_wrong_attendance_mark_is_cleared_with_a_reason(world):
    svc, actors, ids = world
    day = date(2026, 11, 25)
    corrections.clear_mark(
        svc, actors[Role.ATTENDANCE_LEAD], ids["pupil"], day, Session.AM, "marked the wrong pupil"
    )
    marks = attendance.pupil_marks(svc, actors[Role.DSL], ids["pupil"])
    assert all((m.date, m.session) != (day, Session.AM) for m in marks)
    _, old, _, reason = last_audit(svc, "attendance.clear")
    assert old["code"] == "B" and reason == "marked the wrong pupil"
    with pytest.raises(InvalidInput, match="no mark to clear"):
        corrections.clear_mark(svc, actors[Role.DSL], ids["pupil"], day, Session.AM, WHY)


@pytest.mark.parametrize("role", [Role.GOVERNOR, Role.ADMINISTRATOR])
def test_roles_without_the_right_cannot_correct_anything(world, role):
    svc, actors, ids = world
    check = a_check(svc, actors, ids)
    actor = actors[role]
    for attempt in (
        lambda: corrections.correct_check(svc, actor, check.id, check, WHY),
        lambda: corrections.void_review(svc, actor, ids["review"], WHY),
        lambda: corrections.clear_mark(
            svc, actor, ids["pupil"], date(2026, 11, 25), Session.AM, WHY
        ),
        lambda: corrections.merge_pupils(svc, actor, ids["pupil"], ids["twin"], WHY),
    ):
        with pytest.raises(PermissionDenied):
            attempt()


# Pupils entered twice --------------------------------------------------------------------------
def test_a_pupil_entered_twice_is_merged_and_nothing_is_lost(world):
    svc, actors, ids = world
    dsl = actors[Role.DSL]
    twin = pupils.get_pupil(svc, dsl, ids["twin"])
    kept = corrections.merge_pupils(svc, dsl, ids["pupil"], ids["twin"], "entered twice")
    assert kept.id == ids["pupil"]
    with pytest.raises(InvalidInput, match="could not be found"):
        pupils.get_pupil(svc, dsl, ids["twin"])
    merged = pupils.get_pupil(svc, dsl, ids["pupil"])
    assert len(merged.carers) == 2  # the twin's carer came across
    incident = incidents.open_incident(svc, dsl, ids["incident"])
    assert [link.pupil_id for link in incident.pupil_links] == [ids["pupil"]]
    _, old, new, reason = last_audit(svc, "pupil.merge")
    assert old["duplicate"]["upn"] == twin.upn and new["moved"]["incident links"] == 1
    assert reason == "entered twice"


def test_merging_two_records_with_the_same_session_marked_is_refused(world, clock):
    svc, actors, ids = world
    dsl, head = actors[Role.DSL], actors[Role.HEADTEACHER]
    twin_placement = placements.get_placement(svc, dsl, ids["placement"])
    placement = placements.save_placement(
        svc,
        dsl,
        replace(
            twin_placement,
            id=None,
            pupil_id=ids["twin"],
            annex_a=[],
            objectives=[replace(o, id=None, placement_id=None) for o in twin_placement.objectives],
        ),
    )
    builders.complete_annex_a(svc, dsl, placement)
    placements.authorise(svc, head, placement.id)
    placements.activate(svc, dsl, placement.id)
    attendance.record_marks(
        svc, dsl, [MarkEntry(ids["twin"], None, date(2026, 11, 25), Session.AM, "B")]
    )
    with pytest.raises(RuleViolation, match="25 Nov 2026 AM"):
        corrections.merge_pupils(svc, dsl, ids["pupil"], ids["twin"], WHY)
    assert pupils.get_pupil(svc, dsl, ids["twin"]).id == ids["twin"]  # nothing changed


def test_a_pupil_cannot_merge_with_itself(world):
    svc, actors, ids = world
    with pytest.raises(InvalidInput, match="two different pupils"):
        corrections.merge_pupils(svc, actors[Role.DSL], ids["pupil"], ids["pupil"], WHY)


@pytest.mark.parametrize("role", list(Role))
def test_only_the_headteacher_and_dsl_merge_pupils(world, role):
    svc, actors, ids = world
    if role in (Role.HEADTEACHER, Role.DSL):
        corrections.merge_pupils(svc, actors[role], ids["pupil"], ids["twin"], WHY)
    else:
        with pytest.raises(PermissionDenied):
            corrections.merge_pupils(svc, actors[role], ids["pupil"], ids["twin"], WHY)


def test_a_pupil_with_records_is_not_removed_but_an_empty_one_is(world):
    svc, actors, ids = world
    dsl = actors[Role.DSL]
    with pytest.raises(RuleViolation, match="1 placements"):
        corrections.remove_pupil(svc, dsl, ids["pupil"], WHY)
    with pytest.raises(RuleViolation, match="1 incident links"):
        corrections.remove_pupil(svc, dsl, ids["twin"], WHY)
    empty = builders.add_pupil(svc, dsl, 3, "Nobody", "Twice")
    corrections.remove_pupil(svc, dsl, empty.id, "entered by mistake")
    assert "Nobody Twice" not in [p.name for p in pupils.list_pupils(svc, dsl)]
    _, old, _, _ = last_audit(svc, "pupil.remove")
    assert old["legal_first_name"] == "Nobody" and len(old["carers"]) == 1


def test_the_domain_rules_for_a_reason():
    from apdesk.domain.corrections import checked_reason

    assert checked_reason("  typed   the wrong date ") == "typed the wrong date"
    with pytest.raises(InvalidInput):
        checked_reason("oops")
    with pytest.raises(InvalidInput, match="under 1000"):
        checked_reason("x" * 1001)
