"""The policy as data on a real encrypted store: front page, wording loaded, version kept."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime

import pytest

from apdesk.assets import resources_dir
from apdesk.domain.enums import Role
from apdesk.domain.errors import InvalidInput, PermissionDenied
from apdesk.services import policy, today
from apdesk.services.policy import PolicyDetails
from tests.services.builders import add_school

REVIEW = date(2027, 11, 28)
SHIPPED = (resources_dir() / "data" / "policy-wording-1.0.json").read_text("utf-8")


def version(number: str, kcsie: str = "KCSiE 2026") -> bytes:
    doc = json.loads(SHIPPED)
    doc["version"], doc["approved"] = number, "March 2027"
    doc["annex_b"]["sections"][1]["lines"][4]["text"] = f"Provider follows {kcsie}"
    return json.dumps(doc).encode()


def test_a_new_school_starts_with_the_policys_front_page(services, actors):
    add_school(services, actors[Role.HEADTEACHER])
    details = policy.get_details(services)
    assert details == PolicyDetails(
        "1.0", date(2026, 3, 1), "School Standards Committee (SSC)", date(2027, 3, 1)
    )
    assert policy.current_wording(services).version == "1.0"


def test_the_headteacher_alone_keeps_the_front_page_and_it_is_audited(services, actors):
    head = actors[Role.HEADTEACHER]
    add_school(services, head)
    details = PolicyDetails("1.1", date(2026, 11, 1), "SSC", date(2027, 11, 1))
    for role in Role:
        if role is not Role.HEADTEACHER:
            with pytest.raises(PermissionDenied):
                policy.save_details(services, actors[role], details)
    policy.save_details(services, head, details)
    assert policy.get_details(services) == details
    with services.store.engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT new FROM audit_log WHERE action = 'policy.details'"
        ).scalar_one()
    assert json.loads(row)["policy_version"] == "1.1"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"approved_on": date(2026, 11, 29)}, "in the future"),  # the clock says 28 Nov 2026
        ({"review_on": date(2026, 3, 1)}, "must come after"),
        ({"version": "one"}, "should look like 1.0"),
        ({"approving_body": " "}, "Name the body"),
        ({"review_on": None}, "next review date"),
    ],
)
def test_impossible_front_pages_are_refused(services, actors, change, message):
    head = actors[Role.HEADTEACHER]
    add_school(services, head)
    details = replace(PolicyDetails("1.0", date(2026, 11, 28), "SSC", date(2027, 11, 28)), **change)
    with pytest.raises(InvalidInput, match=message):
        policy.save_details(services, head, details)
    assert policy.get_details(services).version == "1.0"


def test_the_approval_day_itself_is_not_the_future(services, actors):
    head = actors[Role.HEADTEACHER]
    add_school(services, head)
    policy.save_details(services, head, PolicyDetails("1.0", date(2026, 11, 28), "SSC", REVIEW))
    assert policy.get_details(services).approved_on == date(2026, 11, 28)


def test_a_newer_wording_is_loaded_and_then_in_force_for_annexes(services, actors):
    head = actors[Role.HEADTEACHER]
    add_school(services, head)
    wording = policy.load_wording(services, head, version("1.1"))
    assert wording.version == "1.1"
    assert policy.current_wording(services).annex_b_items[8].text.endswith("KCSiE 2026")
    assert policy.get_details(services).version == "1.1"
    with pytest.raises(InvalidInput, match=r"version 1\.1 is already in force"):
        policy.load_wording(services, head, version("1.1"))
    with pytest.raises(InvalidInput, match="load a newer version"):
        policy.load_wording(services, head, version("1.0"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe not utf-8 \x80", "not UTF-8"),
        (b"{}", "format 'apdesk-policy-wording'"),
        (SHIPPED.replace('"6.3"', '"6.4"').replace('"1.0"', '"2.0"').encode(), "missing 6.3"),
    ],
)
def test_a_malformed_wording_file_changes_nothing(services, actors, data, message):
    head = actors[Role.HEADTEACHER]
    add_school(services, head)
    with pytest.raises(InvalidInput, match=message):
        policy.load_wording(services, head, data)
    assert policy.current_wording(services).version == "1.0"


def test_only_the_headteacher_loads_wording(services, actors):
    for role in Role:
        if role is not Role.HEADTEACHER:
            with pytest.raises(PermissionDenied):
                policy.load_wording(services, actors[role], version("1.1"))


def _policy_lines(services, actor):
    return today.today_summary(services, actor).policy_review


@pytest.mark.parametrize(
    ("now", "shown"),
    [
        (datetime(2027, 1, 29, 9), False),
        (datetime(2027, 1, 30, 9), True),
        (datetime(2027, 3, 9, 9), True),
    ],
)
def test_today_reminds_the_headteacher_before_the_review_date(services, actors, clock, now, shown):
    head = actors[Role.HEADTEACHER]
    add_school(services, head)
    clock.at = now
    lines = _policy_lines(services, head)
    assert bool(lines) is shown
    if shown:
        assert lines[0].kind == "Policy review" and lines[0].when == date(2027, 3, 1)
    for role in (Role.DSL, Role.ADMINISTRATOR, Role.GOVERNOR):
        assert _policy_lines(services, actors[role]) == []
