"""`fill_demo`: a fictional school laid out around today, the same for the same seed and clock.

The demo is made once per module (it is the slow part) and only read by the tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from apdesk.demo.fill import DemoRefused, DemoReport, fill_demo
from apdesk.domain.clock import FixedClock
from apdesk.domain.entities import AttendanceMark, Incident, Placement, Pupil
from apdesk.domain.enums import IncidentCategory, IncidentStatus, PlacementStatus
from apdesk.domain.errors import InvalidInput
from apdesk.domain.identifiers import validate_upn
from apdesk.services import attendance, providers, reviews, staff
from apdesk.services.actor import SYSTEM
from apdesk.services.app_services import AppServices
from apdesk.services.school import school_calendar
from apdesk.storage.check import check_store
from apdesk.storage.store import StorePaths, create_store
from tests.conftest import PASSPHRASE

NOW = datetime(2026, 11, 28, 9, 30)  # a Saturday late in the autumn term


def new_services(folder: Path, at: datetime = NOW) -> AppServices:
    """A new, empty store (as `apdesk init` leaves it) with a clock fixed at `at`."""
    store, _ = create_store(StorePaths(folder), at, keyring=None, passphrase=PASSPHRASE)
    return AppServices(store, FixedClock(at))


def demo_services(folder: Path, seed: int = 1) -> tuple[AppServices, DemoReport]:
    svc = new_services(folder)
    return svc, fill_demo(svc, seed=seed)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppServices, DemoReport]]:
    svc, report = demo_services(tmp_path_factory.mktemp("demo") / "data")
    yield svc, report
    svc.close()


def _fingerprint(svc: AppServices) -> tuple[list[tuple[str, str]], list[tuple[object, ...]]]:
    with svc.read(SYSTEM) as session:
        pupils = sorted((p.upn, p.legal_name) for p in session.scalars(select(Pupil)))
        upn = {p.id: p.upn for p in session.scalars(select(Pupil))}
        marks = sorted(
            (upn[m.pupil_id], m.date, m.session.value, m.effective_code)
            for m in session.scalars(select(AttendanceMark))
        )
    return pupils, marks


def test_same_seed_and_clock_give_the_same_school(demo, tmp_path):
    svc, report = demo
    again, second = demo_services(tmp_path / "again")
    try:
        assert second == report
        assert _fingerprint(again) == _fingerprint(svc)
    finally:
        again.close()


def test_the_report_counts_what_was_made(demo):
    _, report = demo
    assert report.school == "Oakfield Fictional Academy"
    assert (report.pupils, report.providers, report.placements) == (13, 6, 14)
    assert report.marks > 800 and report.reviews > 50 and report.incidents == 7
    assert [a.username for a in report.accounts] == [
        "head", "dsl", "deputy", "inclusion", "attendance", "governor", "admin",
    ]  # fmt: skip
    assert all(a.password == f"demo-password-{a.username}" for a in report.accounts)


def test_the_store_is_marked_as_demo_and_refused_a_second_time(demo):
    svc, _ = demo
    assert svc.store.meta("demo") == "1"
    with pytest.raises(DemoRefused, match="already holds demo data"):
        fill_demo(svc)


def test_a_store_with_real_records_is_refused_and_left_alone(tmp_path):
    svc = new_services(tmp_path / "data")
    try:
        staff.create_first_headteacher(svc, "head", "Real Head", "a real strong password")
        with pytest.raises(DemoRefused, match=r"staff accounts: 1.*apdesk --data-dir NEW_FOLDER"):
            fill_demo(svc)
        assert svc.store.meta("demo") is None
        with pytest.raises(InvalidInput, match="from 1 to"):
            fill_demo(svc, scale=0)
    finally:
        svc.close()


def test_a_demo_stopped_part_way_still_marks_the_store_and_says_so(tmp_path, monkeypatch):
    def broken(*_args: object) -> None:
        raise InvalidInput("a rule changed")

    monkeypatch.setattr("apdesk.demo.fill.plan_providers", broken)
    svc = new_services(tmp_path / "data")
    try:
        with pytest.raises(DemoRefused, match="stopped part-way: a rule changed"):
            fill_demo(svc)
        assert svc.store.meta("demo") == "1"
    finally:
        svc.close()


def test_demo_accounts_sign_in_with_their_printed_passwords(demo):
    svc, _ = demo
    assert staff.sign_in(svc, "deputy", "demo-password-deputy").role_names == "Deputy DSL"


def test_risk_register_shows_each_attendance_pattern(demo):
    svc, _ = demo
    rows = attendance.risk_register(
        svc, staff.sign_in(svc, "attendance", "demo-password-attendance")
    )
    flags = {row.pupil: row.risk.flags for row in rows}
    assert [p for p, f in flags.items() if "severe" in f] == ["Jade Marlowe-Finch"]
    persistent = [p for p, f in flags.items() if "persistent" in f and "severe" not in f]
    assert persistent == ["Tyler Brackenridge"]
    assert "falling" in flags["Callum Pendleford"]
    assert "lateness" in flags["Amelia Fenwick-Rowe"]
    steady = [r.risk.rate for r in rows if not r.risk.flags]
    assert steady and all(0.9 <= rate <= 1 for rate in steady)


def test_mondays_are_the_days_one_pupil_misses(demo):
    svc, _ = demo
    with svc.read(SYSTEM) as session:
        reece = session.scalar(select(Pupil).where(Pupil.legal_last_name == "Hartwell"))
        absent = [
            m.date.weekday()
            for m in session.scalars(select(AttendanceMark).where(
                AttendanceMark.pupil_id == reece.id))
            if m.effective_code not in ("B", "L")
        ]  # fmt: skip
    assert absent and set(absent) == {0}


def test_marks_fall_on_school_days_and_upns_are_valid(demo):
    svc, _ = demo
    with svc.read(SYSTEM) as session:
        calendar = school_calendar(session)
        assert all(calendar.is_school_day(m.date) for m in session.scalars(select(AttendanceMark)))
        assert all(validate_upn(p.upn) == p.upn for p in session.scalars(select(Pupil)))
        statuses = {p.status for p in session.scalars(select(Placement))}
    assert statuses == set(PlacementStatus)


def test_one_provider_lapsed_one_not_vetted_the_rest_approved(demo):
    svc, _ = demo
    rows = providers.list_providers(svc, staff.sign_in(svc, "dsl", "demo-password-dsl"))
    states = {row.name: row.state for row in rows}
    assert states.pop("Kestrel Outdoor Learning") == "Lapsed"
    assert states.pop("Fernlea Tuition and Mentoring") == "Not vetted"
    assert set(states.values()) == {"Approved"}


def test_a_review_is_overdue(demo):
    svc, _ = demo
    due = reviews.reviews_due(svc, staff.sign_in(svc, "inclusion", "demo-password-inclusion"))
    assert {r.pupil for r in due if r.overdue} == {"Skye Ormerod"}


def test_incidents_of_every_category_with_delays_roles_and_a_decision_not_to_refer(demo):
    svc, _ = demo
    with svc.read(SYSTEM) as session:
        found = list(session.scalars(select(Incident)))
    assert {i.category for i in found} == set(IncidentCategory)
    # A "missing from education" incident is opened by the register itself (the sweep), when a
    # vulnerable child's absence is unexplained: nobody notified the school of it.
    auto = [i for i in found if i.category is IncidentCategory.MISSING_FROM_EDUCATION]
    assert auto and all(i.notified_at is None and i.status is IncidentStatus.OPEN for i in auto)
    told = [i for i in found if i not in auto]
    assert all(i.notified_at and i.notified_at > i.occurred_at for i in told)
    multi = next(i for i in found if len(i.pupil_links) == 3)
    assert len({link.role for link in multi.pupil_links}) == 3
    closed = [i for i in found if i.status is IncidentStatus.CLOSED]
    assert any(i.decision.startswith("Not referred") and i.rationale for i in closed)
    assert any(i.referrals for i in found)


def test_the_demo_store_passes_apdesk_check(demo):
    svc, _ = demo
    report = check_store(svc.store)
    assert report.ok, report.lines()


def test_complaints_closed_overdue_and_just_received(demo):
    from apdesk.services import complaints

    svc, _ = demo
    rows = complaints.list_complaints(svc, staff.sign_in(svc, "head", "demo-password-head"))
    assert len(rows) == 3
    assert sum(not r.complaint.is_open for r in rows) == 1
    assert [r.complaint.stage.value for r in rows if r.overdue] == ["provider"]
    assert all(r.complaint.placement_id and r.pupil for r in rows)


def test_ap_referrals_placed_and_not(demo):
    from apdesk.domain.enums import APReferralDecision
    from apdesk.services import ap_referrals

    svc, _ = demo
    rows = ap_referrals.list_ap_referrals(svc, staff.sign_in(svc, "dsl", "demo-password-dsl"))
    decisions = {row.decision for row in rows}
    assert decisions == {*APReferralDecision, None}
    with svc.read(SYSTEM) as session:
        placed = list(session.scalars(select(Placement)))
        assert all(p.ap_referral_id is not None for p in placed)
    assert all(row.placement_ids for row in rows if row.decision is APReferralDecision.PLACED)


def test_multi_agency_the_looked_after_childs_pep_overdue_and_the_others_in_time(demo):
    from apdesk.services import multi_agency, today

    svc, _ = demo
    dsl = staff.sign_in(svc, "dsl", "demo-password-dsl")
    lines = today.today_summary(svc, dsl)
    assert [(i.kind, i.text.split(":")[0]) for i in lines.social_care] == [
        ("PEP overdue", "Skye Ormerod")
    ]
    assert lines.ehcp == []
    due = multi_agency.social_care_due(svc, dsl)
    assert all(item.kind == "PEP overdue" for _, item in due)


def test_parents_informed_updated_and_asked_for_feedback_during_and_after(demo):
    """Annex B 5.1 to 5.3 have records behind them for every placement that started."""
    from apdesk.domain.entities import ParentContact, ParentFeedback
    from apdesk.domain.enums import FeedbackStage, ParentContactKind

    svc, _ = demo
    with svc.read(SYSTEM) as session:
        placed = list(session.scalars(select(Placement)))
        contacts = list(session.scalars(select(ParentContact)))
        feedback = list(session.scalars(select(ParentFeedback)))
    kinds = {(c.placement_id, c.kind) for c in contacts}
    informed = {ParentContactKind.LETTER, ParentContactKind.DIRECTION_NOTICE}
    assert all(any((p.id, k) in kinds for k in informed) for p in placed)
    assert all(c.on is not None and c.with_whom for c in contacts)  # sent, and to whom
    waiting = (PlacementStatus.PROPOSED, PlacementStatus.AUTHORISED)
    started = [p for p in placed if p.status not in waiting]
    for p in started:
        assert (p.id, ParentContactKind.PROGRESS_UPDATE) in kinds, p.id
        assert (p.id, ParentContactKind.CALL) in kinds, p.id
        assert any(f.placement_id == p.id and f.stage is FeedbackStage.DURING for f in feedback)
    ended = [p for p in placed if p.is_closed]
    assert ended and all((p.id, ParentContactKind.FEEDBACK_REQUEST) in kinds for p in ended)
    assert any(f.stage is FeedbackStage.AFTER for f in feedback)


def test_staff_training_in_date_lapsing_and_one_named_without_an_account(demo):
    """Annex B 6.1 to 6.3: key staff trained, two items lapsing on Today, one not recorded."""
    from apdesk.services import training

    svc, _ = demo
    head = staff.sign_in(svc, "head", "demo-password-head")
    rows = {row.record.name: row for row in training.training_list(svc, head)}
    assert not rows["Dana Whitfield"].has_account
    assert all(s.standing.value == "Not recorded" for s in rows["Robin Shaw"].states)
    assert [name for name, _ in training.lapses(svc, head)] == ["Dana Whitfield", "Leah Barnes"]
    assert not any(s.standing.value == "Lapsed" for r in rows.values() for s in r.states)
    trained = [n for n, r in rows.items() if r.states[1].standing.value == "In date"]
    assert {"Alex Morgan", "Sam Patel", "Jordan Reid", "Chris Okoro"} <= set(trained)
