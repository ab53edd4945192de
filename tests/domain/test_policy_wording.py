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


# The edges `make mutate MUTANTS='apdesk.domain.policy_wording*'` found untested on
# 4 Dec 2026: each refusal whole (it names the part of the file), each limit on its line.


def said(text: str) -> str:
    with pytest.raises(InvalidInput) as refused:
        parse_wording(text)
    return str(refused.value)


def test_a_wording_with_no_approval_date_is_read_and_labelled_without_one() -> None:
    def drop(doc):
        del doc["approved"]

    wording = parse_wording(wording_text(drop))
    assert wording.approved == ""
    assert wording.label == "Policy wording version 1.0"


def test_an_approval_that_is_not_text_is_refused() -> None:
    assert said(wording_text(_set(["approved"], 2026))) == (
        "The wording file's top level needs 'approved' as text."
    )


def test_the_whole_wording_is_read_as_the_file_gives_it() -> None:
    wording = parse_wording(wording_text())
    assert wording == shipped_wording()
    assert wording.annex_b_title == SHIPPED["annex_b"]["title"]
    assert wording.annex_b_sign_off == SHIPPED["annex_b"]["sign_off"]
    first = SHIPPED["annex_b"]["sections"][0]
    assert (wording.annex_b[0].number, wording.annex_b[0].title) == (1, first["title"])
    assert wording.annex_b[0].heading == f"Section 1: {first['title']}"


def test_a_text_of_500_characters_is_kept_and_one_more_is_refused() -> None:
    sign_off = parse_wording(wording_text(_set(["annex_b", "sign_off"], "x" * 500)))
    assert sign_off.annex_b_sign_off == "x" * 500
    assert said(wording_text(_set(["annex_b", "sign_off"], "x" * 501))) == (
        "The wording file's Annex B 'sign_off' is too long or holds control characters."
    )


def test_a_file_of_200000_bytes_is_read_and_a_byte_more_is_refused() -> None:
    text = wording_text()
    padded = text[:-1] + " " * (200_000 - len(text.encode())) + "}"
    assert len(padded.encode()) == 200_000 and parse_wording(padded).version == "1.0"
    assert said(padded + " ") == "This file is far too large to be the policy's checklist wording."


def test_each_part_of_the_file_is_named_when_it_is_wrong() -> None:
    assert said(wording_text(_set(["annex_b", "extra"], 1))) == (
        "The wording file's Annex B has fields APDesk does not know: extra."
    )
    assert said(wording_text(_set(["annex_b", "title"], ""))) == (
        "The wording file's Annex B needs 'title' as text."
    )
    assert said(wording_text(_set(["annex_b", "sections", 1, "title"], ""))) == (
        "The wording file's Annex B section 2 needs 'title' as text."
    )
    assert said(wording_text(_set(["annex_a", "lines", 0, "text"], ""))) == (
        "The wording file's Annex A line 1 needs 'text' as text."
    )
    assert said(wording_text(_two_unknown)) == (
        "The wording file's top level has fields APDesk does not know: also, extra."
    )


def _two_unknown(doc):
    doc["extra"] = doc["also"] = 1


def test_a_line_id_used_twice_names_its_annex() -> None:
    def twice_in_a(doc):
        doc["annex_a"]["lines"][1]["id"] = doc["annex_a"]["lines"][0]["id"]

    first = SHIPPED["annex_a"]["lines"][0]["id"]
    assert said(wording_text(twice_in_a)) == (
        f"The wording file's Annex A uses the line id {first} twice."
    )
    assert said(wording_text(_set(["annex_b", "sections", 0, "lines", 1, "id"], "1.1"))) == (
        "The wording file's Annex B uses the line id 1.1 twice."
    )


def _ids(annex: str) -> str:
    if annex == "a":
        return ", ".join(line["id"] for line in SHIPPED["annex_a"]["lines"])
    return ", ".join(
        line["id"] for section in SHIPPED["annex_b"]["sections"] for line in section["lines"]
    )


def test_a_version_that_changes_line_ids_says_which_and_what_they_must_be() -> None:
    def swap(doc):
        lines = doc["annex_a"]["lines"]
        lines[0], lines[1] = lines[1], lines[0]

    problem = same_lines_problem(parse_wording(wording_text(swap)), shipped_wording())
    assert problem == (
        "The wording file's Annex A lines must keep this APDesk's line ids in order "
        f"({_ids('a')}): they are in another order."
    )
    problem = same_lines_problem(parse_wording(wording_text(_drop_line)), shipped_wording())
    assert problem == (
        "The wording file's Annex A lines must keep this APDesk's line ids in order "
        f"({_ids('a')}): missing safeguarding_policy."
    )
    problem = same_lines_problem(parse_wording(wording_text(_rename_line)), shipped_wording())
    assert problem == (
        "The wording file's Annex B lines must keep this APDesk's line ids in order "
        f"({_ids('b')}): missing 6.3; unknown 6.9."
    )


def test_a_line_added_is_named_as_unknown_alone() -> None:
    def add(doc):
        doc["annex_a"]["lines"].append({"id": "extra_line", "text": "Something more"})

    problem = same_lines_problem(parse_wording(wording_text(add)), shipped_wording())
    assert problem is not None and problem.endswith("): unknown extra_line.")


def test_every_line_id_missing_or_unknown_is_named() -> None:
    def two_renamed(doc):
        doc["annex_a"]["lines"][0]["id"], doc["annex_a"]["lines"][1]["id"] = "x1", "x2"

    first, second = (line["id"] for line in SHIPPED["annex_a"]["lines"][:2])
    problem = same_lines_problem(parse_wording(wording_text(two_renamed)), shipped_wording())
    assert problem is not None and problem.endswith(
        f"): missing {first}, {second}; unknown x1, x2."
    )


def test_a_required_text_missing_altogether_is_refused_like_a_blank_one() -> None:
    def drop(doc):
        del doc["annex_b"]["sign_off"]

    assert said(wording_text(drop)) == "The wording file's Annex B needs 'sign_off' as text."
