"""The checklist wording as data: the shipped file is the policy's, and a wrong file is refused."""

from __future__ import annotations

import copy
import json
from datetime import date

import pytest

from apdesk.assets import resources_dir
from apdesk.domain import checklists
from apdesk.domain.errors import InvalidInput
from apdesk.domain.policy_wording import (
    parse_wording,
    review_reminder,
    same_lines_problem,
    shipped_wording,
)

SHIPPED = json.loads((resources_dir() / "data" / "policy-wording-1.0.json").read_text("utf-8"))


def wording_text(change=None) -> str:
    doc = copy.deepcopy(SHIPPED)
    if change:
        change(doc)
    return json.dumps(doc)


def test_the_shipped_wording_is_version_1_0_and_what_the_checklists_use() -> None:
    wording = shipped_wording()
    assert (wording.version, wording.approved) == ("1.0", "March 2026")
    assert wording.annex_a == checklists.ANNEX_A and len(wording.annex_a) == 10
    assert wording.annex_b_items == checklists.ANNEX_B_ITEMS and len(wording.annex_b_items) == 22
    assert wording.label == "Policy wording version 1.0 (approved March 2026)"


def test_a_reworded_version_with_the_same_line_ids_is_read() -> None:
    def reword(doc):
        doc["version"] = "1.1"
        doc["annex_b"]["sections"][1]["lines"][4]["text"] = "Provider follows KCSiE 2026"

    wording = parse_wording(wording_text(reword))
    assert wording.version == "1.1"
    assert wording.annex_b_items[8].text == "Provider follows KCSiE 2026"
    assert same_lines_problem(wording, shipped_wording()) is None


def _drop_line(doc):
    del doc["annex_a"]["lines"][3]


def _rename_line(doc):
    doc["annex_b"]["sections"][5]["lines"][2]["id"] = "6.9"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_drop_line, "missing safeguarding_policy"),
        (_rename_line, "missing 6.3; unknown 6.9"),
    ],
)
def test_a_version_that_changes_line_ids_cannot_replace_the_wording(change, message) -> None:
    wording = parse_wording(wording_text(change))
    problem = same_lines_problem(wording, shipped_wording())
    assert problem is not None and message in problem


def _set(path, value):
    def change(doc):
        target = doc
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON: line 1"),
        ("[]", "top level should be a set of named fields"),
        (wording_text(_set(["format"], "something-else")), "format 'apdesk-policy-wording'"),
        (wording_text(_set(["format_version"], True)), "format_version 1"),
        (wording_text(_set(["version"], "v2")), "version 'v2' should look like 1.0"),
        (wording_text(_set(["version"], "")), "needs 'version' as text"),
        (wording_text(_set(["extra"], 1)), "fields APDesk does not know: extra"),
        (wording_text(_set(["annex_a", "lines"], [])), "Annex A needs a list 'lines'"),
        (wording_text(_set(["annex_a", "title"], "  ")), "Annex A needs 'title' as text"),
        (
            wording_text(_set(["annex_b", "sections", 0, "number"], 2)),
            "section 1 should be numbered 1",
        ),
        (
            wording_text(_set(["annex_b", "sections", 0, "lines", 0, "text"], 7)),
            "Annex B section 1 line 1 needs 'text' as text",
        ),
        (
            wording_text(_set(["annex_b", "sections", 0, "lines", 1, "id"], "1.1")),
            "uses the line id 1.1 twice",
        ),
        (
            wording_text(_set(["annex_b", "sign_off"], "x" * 501)),
            "too long or holds control characters",
        ),
        ("[" * 100_001 + "]" * 100_001, "far too large"),
        ("[" * 90_000 + "]" * 90_000, r"it is not valid JSON\)"),
    ],
)
def test_a_malformed_file_is_refused_with_a_plain_sentence(text, message) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_wording(text)


REVIEW = date(2027, 3, 1)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2027, 1, 29), None),  # 31 days before
        (date(2027, 1, 30), "due in 30 days"),  # 30 days before
        (date(2027, 2, 28), "due in 1 day"),
        (date(2027, 3, 1), "due today"),
        (date(2027, 3, 2), "overdue by 1 day"),
        (date(2027, 4, 1), "overdue by 31 days"),
    ],
)
def test_the_review_reminder_starts_30_days_before_and_stays_once_overdue(today, expected):
    assert review_reminder(REVIEW, today) == expected


def test_no_review_date_no_reminder() -> None:
    assert review_reminder(None, date(2027, 3, 2)) is None
