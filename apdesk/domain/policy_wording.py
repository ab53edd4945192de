"""The policy's Annex A and Annex B wording as versioned data, and the check a new file must pass.

The wording ships in ``resources/data/policy-wording-1.0.json``; a school loads a newer
version (File > Load policy wording…) without a new release. A file is read strictly:
JSON, the format named, a version, every title, section and line present and non-blank,
nothing unknown. Line ids are what ticks are stored under and what the gate and the Annex B
evidence read, so a version may reword every title, line and the sign-off but keeps the line
ids of the version shipped (docs/decisions/0014). A wrong file is refused with one plain
sentence naming what is wrong and where.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from apdesk.assets import resources_dir
from apdesk.domain.errors import InvalidInput

FORMAT = "apdesk-policy-wording"
FORMAT_VERSION = 1
SHIPPED_FILE = "policy-wording-1.0.json"
MAX_FILE_BYTES = 200_000
MAX_TEXT = 500
VERSION_PATTERN = re.compile(r"\d{1,3}(\.\d{1,3}){0,2}")
#: The Headteacher is reminded this many days before the policy's review date.
REVIEW_WARNING_DAYS = 30


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    text: str


@dataclass(frozen=True)
class AnnexBSection:
    number: int
    title: str
    items: tuple[ChecklistItem, ...]

    @property
    def heading(self) -> str:
        return f"Section {self.number}: {self.title}"


@dataclass(frozen=True)
class PolicyWording:
    """One version of the Annex A and Annex B wording."""

    version: str
    approved: str
    annex_a_title: str
    annex_a: tuple[ChecklistItem, ...]
    annex_b_title: str
    annex_b: tuple[AnnexBSection, ...]
    annex_b_sign_off: str

    @property
    def annex_b_items(self) -> tuple[ChecklistItem, ...]:
        return tuple(item for section in self.annex_b for item in section.items)

    @property
    def label(self) -> str:
        """How a checklist names the wording it was printed with."""
        return f"Policy wording version {self.version}" + (
            f" (approved {self.approved})" if self.approved else ""
        )


class _Reader:
    """Takes fields out of the parsed JSON, refusing anything missing, blank or unknown."""

    def __init__(self, where: str, value: Any) -> None:
        if not isinstance(value, dict):
            raise InvalidInput(f"The wording file's {where} should be a set of named fields.")
        self.where, self.value = where, value

    def text(self, name: str, *, required: bool = True) -> str:
        value = self.value.get(name, "")  # missing reads as blank: refused if required
        if not isinstance(value, str) or (required and not value.strip()):
            raise InvalidInput(f"The wording file's {self.where} needs '{name}' as text.")
        if len(value) > MAX_TEXT or any(ord(c) < 32 for c in value):
            raise InvalidInput(
                f"The wording file's {self.where} '{name}' is too long or holds control characters."
            )
        return value.strip()

    def items(self, name: str) -> list[Any]:
        value = self.value.get(name)
        if not isinstance(value, list) or not value:
            raise InvalidInput(f"The wording file's {self.where} needs a list '{name}'.")
        return value

    def only(self, *names: str) -> None:
        unknown = sorted(set(self.value) - set(names))
        if unknown:
            raise InvalidInput(
                f"The wording file's {self.where} has fields APDesk does not know: "
                f"{', '.join(unknown)}."
            )


def _lines(where: str, raw: list[Any]) -> tuple[ChecklistItem, ...]:
    lines = []
    for n, entry in enumerate(raw, 1):
        line = _Reader(f"{where} line {n}", entry)
        line.only("id", "text")
        lines.append(ChecklistItem(line.text("id"), line.text("text")))
    return tuple(lines)


def _annex_b(raw: Any) -> tuple[str, tuple[AnnexBSection, ...], str]:
    annex = _Reader("Annex B", raw)
    annex.only("title", "sections", "sign_off")
    sections = []
    for n, entry in enumerate(annex.items("sections"), 1):
        section = _Reader(f"Annex B section {n}", entry)
        section.only("number", "title", "lines")
        number = section.value.get("number")
        if type(number) is not int or number != n:
            raise InvalidInput(f"The wording file's Annex B section {n} should be numbered {n}.")
        items = _lines(f"Annex B section {n}", section.items("lines"))
        sections.append(AnnexBSection(n, section.text("title"), items))
    return annex.text("title"), tuple(sections), annex.text("sign_off")


def parse_wording(text: str) -> PolicyWording:
    """A wording file read strictly; InvalidInput with one plain sentence if it is not right."""
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise InvalidInput("This file is far too large to be the policy's checklist wording.")
    try:
        raw = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise InvalidInput(
            "This is not a policy wording file APDesk can read (it is not valid JSON"
            + (f": line {error.lineno}" if isinstance(error, json.JSONDecodeError) else "")
            + ")."
        ) from None
    top = _Reader("top level", raw)
    top.only("format", "format_version", "policy", "version", "approved", "annex_a", "annex_b")
    format_version = raw.get("format_version")
    if raw.get("format") != FORMAT or type(format_version) is not int or format_version != 1:
        raise InvalidInput(
            f"This is not a policy wording file APDesk can read: it should say format "
            f"'{FORMAT}', format_version {FORMAT_VERSION}."
        )
    version = top.text("version")
    if not VERSION_PATTERN.fullmatch(version):
        raise InvalidInput(f"The wording file's version '{version}' should look like 1.0 or 2.1.")
    annex_a = _Reader("Annex A", raw.get("annex_a"))
    annex_a.only("title", "lines")
    b_title, b_sections, sign_off = _annex_b(raw.get("annex_b"))
    wording = PolicyWording(
        version=version,
        approved=top.text("approved", required=False),
        annex_a_title=annex_a.text("title"),
        annex_a=_lines("Annex A", annex_a.items("lines")),
        annex_b_title=b_title,
        annex_b=b_sections,
        annex_b_sign_off=sign_off,
    )
    _check_unique(wording)
    return wording


def _check_unique(wording: PolicyWording) -> None:
    for name, items in (("Annex A", wording.annex_a), ("Annex B", wording.annex_b_items)):
        keys = [i.key for i in items]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise InvalidInput(f"The wording file's {name} uses the line id {twice[0]} twice.")


def same_lines_problem(new: PolicyWording, shipped: PolicyWording) -> str | None:
    """Why `new` cannot replace the wording in force: its line ids differ from the shipped."""
    pairs = (
        ("Annex A", new.annex_a, shipped.annex_a),
        ("Annex B", new.annex_b_items, shipped.annex_b_items),
    )
    for name, got, want in pairs:
        got_keys, want_keys = [i.key for i in got], [i.key for i in want]
        if got_keys != want_keys:
            missing = [k for k in want_keys if k not in got_keys]
            extra = [k for k in got_keys if k not in want_keys]
            detail = "; ".join(
                part
                for part in (
                    f"missing {', '.join(missing)}" if missing else "",
                    f"unknown {', '.join(extra)}" if extra else "",
                )
                if part
            )
            return (
                f"The wording file's {name} lines must keep this APDesk's line ids in order "
                f"({', '.join(want_keys)}): {detail or 'they are in another order'}."
            )
    return None


@cache
def shipped_wording() -> PolicyWording:
    """The wording shipped with this APDesk (policy v1.0, March 2026)."""
    path = resources_dir() / "data" / SHIPPED_FILE
    return parse_wording(path.read_text(encoding="utf-8"))


def review_reminder(review_on: date | None, today: date) -> str | None:
    """What Today tells the Headteacher about the policy's review date (§19), if anything:
    due within 30 days, due today, or overdue."""
    if review_on is None:
        return None
    if review_on < today:
        days = (today - review_on).days
        return f"overdue by {days} day{'s' if days != 1 else ''}"
    if review_on == today:
        return "due today"
    if review_on - today <= timedelta(days=REVIEW_WARNING_DAYS):
        days = (review_on - today).days
        return f"due in {days} day{'s' if days != 1 else ''}"
    return None
