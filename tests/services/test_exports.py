"""CSV exports: the header contract, one row per mark, rates, the formula guard, permissions.

Read from one demo store made for this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import select

from apdesk.demo.fill import DemoReport
from apdesk.domain.entities import Pupil
from apdesk.domain.errors import InvalidInput, PermissionDenied
from apdesk.services import export_rows, pupils, register, staff
from apdesk.services.actor import SYSTEM, Actor
from apdesk.services.app_services import AppServices
from apdesk.services.export_rows import percentage
from apdesk.services.exports import safe_cell
from apdesk.storage import tables
from tests.services.csv_exports import Exported, exported
from tests.services.test_demo import demo_services

CONTRACT = {
    "register": "upn,pupil,provider,site_address,provider_contact,provider_dsl,start_date,"
    "planned_end_date,objectives,next_review_date,status,school_lead,ended_on,outcome,placement_id",
    "ap-referrals": "upn,pupil,referred_on,referred_by,reason_kind,reason,provider_considered,"
    "decision,decided_on,decision_reason,placement_ids,referral_id",
    "attendance": "upn,pupil,placement_id,provider,date,session,provider_code,reported_by,"
    "reported_how,reported_at,final_code,counted_code",
    "risk-register": "upn,pupil,provider,possible_sessions,present_sessions,attendance_rate,"
    "late_count,flags,placement_id,unmarked_sessions",
    "reviews": "upn,pupil,provider,due_date,type,status,completed_on,placement_id",
    "mis-attendance": "UPN,Legal Surname,Legal Forename,Date,Session,Mark,Provider Mark,Status,"
    "ISO Date,Provider,Placement ID",
    "census": "upn,legal_surname,legal_forename,date_of_birth,provider,urn,ukprn,setting_type,"
    "start_date,end_date,planned_end_date,reason,full_time,problem,placement_id",
}
ISO_DATE = r"\d{4}-\d{2}-\d{2}"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppServices, DemoReport]]:
    svc, report = demo_services(tmp_path_factory.mktemp("exports") / "data")
    yield svc, report
    svc.close()


@pytest.fixture(scope="module")
def dsl(demo: tuple[AppServices, DemoReport]) -> Actor:
    return staff.sign_in(demo[0], "dsl", "demo-password-dsl")


def _parse(export: Exported) -> list[dict[str, str]]:
    return export.dicts


@pytest.mark.parametrize("kind", sorted(CONTRACT))
def test_each_export_starts_with_its_exact_header(demo, dsl, kind):
    text = exported(demo[0], dsl, kind).text
    assert text.split("\r\n", 1)[0] == CONTRACT[kind]


@pytest.mark.parametrize("kind", sorted(CONTRACT))
def test_an_export_read_a_few_records_at_a_time_is_the_same_file(demo, dsl, kind, monkeypatch):
    whole = exported(demo[0], dsl, kind).text
    monkeypatch.setattr(export_rows, "CHUNK", 2)  # pupils at a time
    monkeypatch.setattr(register, "CHUNK", 3)  # placements at a time
    assert exported(demo[0], dsl, kind).text == whole


def test_register_has_every_placement_with_contacts_and_iso_dates(demo, dsl):
    rows = _parse(exported(demo[0], dsl, "register"))
    assert len(rows) == demo[1].placements
    assert {r["status"] for r in rows} == {
        "proposed",
        "authorised",
        "active",
        "ended",
        "terminated",
    }
    for row in rows:
        assert row["provider_dsl"] and row["provider_contact"] and row["objectives"]
        assert re.fullmatch(r"[^\n]+, BK\d \d[A-Z]{2}", row["site_address"])
        assert re.fullmatch(ISO_DATE, row["start_date"])
        assert re.fullmatch(ISO_DATE, row["planned_end_date"])
    live = [r for r in rows if r["status"] == "active"]
    assert live and all(r["next_review_date"] >= r["start_date"] for r in live)
    assert all(not r["next_review_date"] for r in rows if r["status"] in ("ended", "terminated"))


def test_ap_referrals_lists_every_referral_whatever_was_decided(demo, dsl):
    rows = _parse(exported(demo[0], dsl, "ap-referrals"))
    assert len(rows) == 17  # the register's "17 referrals for alternative provision"
    assert {r["decision"] for r in rows} == {
        "placed", "declined", "withdrawn", "referred_to_la", "being_considered",
    }  # fmt: skip
    for row in rows:
        assert re.fullmatch(ISO_DATE, row["referred_on"]) and row["reason"] and row["upn"]
        decided = row["decision"] != "being_considered"
        assert bool(row["decided_on"]) == decided and bool(row["decision_reason"]) == decided
    placed = [r for r in rows if r["decision"] == "placed"]
    assert all(r["placement_ids"] and r["provider_considered"] for r in placed)
    assert [r["referred_on"] for r in rows] == sorted(r["referred_on"] for r in rows)


def test_attendance_has_a_row_per_mark_and_per_unmarked_expected_session(demo, dsl):
    svc, report = demo
    rows = _parse(exported(svc, dsl, "attendance"))
    marked = [r for r in rows if r["provider_code"] or r["final_code"]]
    assert len(marked) == report.marks
    unmarked = [r for r in rows if not r["counted_code"]]
    assert all(not r["final_code"] and not r["provider_code"] for r in unmarked)
    assert all(r["placement_id"] and r["provider"] for r in rows)
    assert {r["session"] for r in rows} == {"AM", "PM"}
    assert len({(r["upn"], r["date"], r["session"]) for r in rows}) == len(rows)
    disputed = [r for r in rows if r["final_code"] == "O" and r["provider_code"] == "B"]
    assert disputed and marked[0]["reported_at"].startswith(marked[0]["date"] + "T")
    waiting = [r for r in rows if r["provider_code"] == "N" and not r["final_code"]]
    assert waiting and all(r["counted_code"] == "N" for r in waiting)


# Written out from DOMAIN.md's table, apart from the program's own.
NOT_POSSIBLE = {"D", "Q", "X", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7", "Z", "#"}
PRESENT = {"/", "\\", "L", "K", "B", "V", "P", "W"}


def test_the_risk_register_can_be_recomputed_from_the_attendance_export(demo, dsl):
    sessions = _parse(exported(demo[0], dsl, "attendance"))
    possible: dict[str, int] = {}
    present: dict[str, int] = {}
    for row in sessions:
        code, placement = row["counted_code"], row["placement_id"]
        if code in NOT_POSSIBLE:
            continue
        possible[placement] = possible.get(placement, 0) + 1  # unmarked counts, absent
        present[placement] = present.get(placement, 0) + (code in PRESENT)
    register = _parse(exported(demo[0], dsl, "risk-register"))
    assert register
    for row in register:
        placement = row["placement_id"]
        assert int(row["possible_sessions"]) == possible[placement]
        assert int(row["present_sessions"]) == present[placement]
        missed = possible[placement] - present[placement]
        assert ("persistent" in row["flags"]) == (missed * 10 >= possible[placement])
        assert ("severe" in row["flags"]) == (missed * 2 >= possible[placement])


def test_risk_register_rates_are_percentages_to_one_decimal(demo, dsl):
    rows = _parse(exported(demo[0], dsl, "risk-register"))
    for row in rows:
        expected = percentage(int(row["present_sessions"]), int(row["possible_sessions"]))
        assert row["attendance_rate"] == expected
    flags = {r["pupil"]: r["flags"] for r in rows}
    assert flags["Jade Marlowe-Finch"] == "persistent;severe"
    assert flags["Tyler Brackenridge"] == "persistent"


def test_percentage_rounds_halves_up_and_leaves_nothing_to_divide_blank():
    assert percentage(7, 8) == "87.5"
    assert percentage(13, 16) == "81.3"  # 81.25: half up, not to even
    assert percentage(2, 3) == "66.7"
    assert percentage(10, 10) == "100.0"
    assert percentage(0, 0) == ""


def test_reviews_show_what_was_held_and_what_is_overdue(demo, dsl):
    rows = _parse(exported(demo[0], dsl, "reviews"))
    overdue = {r["pupil"] for r in rows if r["status"] == "overdue"}
    assert overdue == {"Skye Ormerod"}
    done = [r for r in rows if r["status"] == "completed"]
    assert done and all(r["completed_on"] for r in done)
    assert {r["type"] for r in rows} >= {
        "monitoring_contact",
        "review_meeting",
        "mid_point",
        "exit",
    }


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+44 1632", "'+44 1632"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("Plain = text", "Plain = text"),
        ("two\nlines", "two lines"),
        ("two\u2028lines\r\nor three", "two lines or three"),
        ("Zoë Wiśniewska", "Zoë Wiśniewska"),
        (None, ""),
    ],
)
def test_cells_a_spreadsheet_would_run_get_an_apostrophe(value, cell):
    assert safe_cell(value) == cell


def test_a_formula_typed_as_a_name_is_exported_harmless(demo, dsl):
    svc, _ = demo
    with svc.read(SYSTEM) as session:
        pupil = session.scalar(select(Pupil).where(tables.pupil.c.legal_last_name == "Hartwell"))
    original = pupil.legal_first_name
    pupil.legal_first_name = "=cmd|' /C calc'!A0"
    pupils.save_pupil(svc, dsl, pupil)
    try:
        row = next(r for r in _parse(exported(svc, dsl, "register")) if r["upn"] == pupil.upn)
        assert row["pupil"].startswith("'=cmd")
    finally:
        pupil.legal_first_name = original
        pupils.save_pupil(svc, dsl, pupil)


def test_each_export_is_audited_with_who_what_and_how_many(demo, dsl):
    svc, _ = demo
    export = exported(svc, dsl, "risk-register")
    with svc.store.engine.connect() as conn:
        last = conn.execute(
            select(tables.audit_log).order_by(tables.audit_log.c.id.desc()).limit(1)
        ).one()
    assert (last.action, last.actor) == ("export.csv", dsl.label)
    assert f'"rows": {len(export.rows)}' in last.new and '"kind": "risk-register"' in last.new


@pytest.mark.parametrize("username", ["governor", "admin", "inclusion", "attendance"])
def test_only_staff_allowed_to_export_may(demo, username):
    svc, _ = demo
    actor = staff.sign_in(svc, username, f"demo-password-{username}")
    with pytest.raises(PermissionDenied, match="cannot export data"):
        exported(svc, actor, "register")


def test_the_headteacher_may_export_and_an_unknown_kind_is_named(demo):
    svc, _ = demo
    head = staff.sign_in(svc, "head", "demo-password-head")
    assert exported(svc, head, "reviews").rows
    with pytest.raises(InvalidInput, match="register, ap-referrals, attendance, risk-register"):
        exported(svc, head, "chronology")


def test_the_review_plan_passes_the_issues_checks_from_the_exports(demo, dsl):
    """Independent checks on the reviews export, and the register's next review date."""
    by_placement: dict[str, list[dict[str, str]]] = {}
    for row in _parse(exported(demo[0], dsl, "reviews")):
        by_placement.setdefault(row["placement_id"], []).append(row)
    assert by_placement
    for rows in by_placement.values():
        regular = [r["due_date"] for r in rows if r["type"] != "exit"]
        assert len(regular) == len(set(regular)), "two regular reviews due the same day"
        kinds = [r["type"] for r in rows]
        if "review_meeting" in kinds:
            assert kinds.index("review_meeting") >= 4
        for r in rows:
            if r["completed_on"]:
                due, done = date.fromisoformat(r["due_date"]), date.fromisoformat(r["completed_on"])
                assert (due - done).days <= 31, "counted for a slot a month before it was due"
                assert (r["status"] == "completed") == (done <= due)
    for row in _parse(exported(demo[0], dsl, "register")):
        rows = by_placement.get(row["placement_id"], [])
        still_to_do = [r["due_date"] for r in rows if r["status"] in ("overdue", "due", "upcoming")]
        assert row["next_review_date"] == (min(still_to_do) if still_to_do else "")
        assert row["school_lead"]
        if row["status"] in ("ended", "terminated"):
            assert re.fullmatch(ISO_DATE, row["ended_on"]) and row["outcome"]
        else:
            assert row["ended_on"] == "" and row["outcome"] == ""
