"""Parent communications through `apdesk` in a fresh interpreter, on the small stored
schema-0017 store (one pupil, one placement, one letter already recorded as sent): a letter
printed and recorded as sent in one command, and a mistake in the options refused before
anything is printed."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

from tests.e2e.program import apdesk, stored_school

UPN = "W938400011001"


def _env(tmp_path: Path) -> dict[str, str]:
    env = stored_school(tmp_path, "schema-0017")
    return {**env, "APDESK_PASSWORD": "schema-0017-dsl-password"}


def test_a_letter_printed_and_recorded_as_sent(tmp_path: Path) -> None:
    dsl = _env(tmp_path)
    out = tmp_path / "letter.pdf"
    wrong = apdesk(dsl, "document", "letter", "--pupil", UPN, "--user", "dsl",
                   "--out", str(out), "--sent-by", "post")  # fmt: skip
    assert wrong.code != 0 and "--sent-to" in wrong.text and not out.exists()
    made = apdesk(dsl, "document", "letter", "--pupil", UPN, "--user", "dsl", "--out", str(out),
                  "--sent-by", "by-hand", "--sent-to", "Parent A")  # fmt: skip
    assert made.code == 0, made.text
    assert out.read_bytes().startswith(b"%PDF")
    assert re.search(
        r"Recorded: Placement letter sent by hand to Parent A on \d{1,2} [A-Z][a-z]{2} \d{4}\.",
        made.out,
    ), made.text
    again = apdesk(dsl, "document", "letter", "--pupil", UPN, "--user", "dsl",
                   "--out", str(tmp_path / "again.pdf"))  # fmt: skip
    assert again.code == 0 and "Not yet recorded as sent" in again.text


def test_the_blank_feedback_form_prints(tmp_path: Path) -> None:
    dsl = _env(tmp_path)
    out = tmp_path / "form.pdf"
    missing = apdesk(dsl, "document", "feedback-form", "--user", "dsl", "--out", str(out))
    assert missing.code == 2 and "--placement" in missing.text
    made = apdesk(dsl, "document", "feedback-form", "--placement", "1", "--user", "dsl",
                  "--out", str(out))  # fmt: skip
    assert made.code == 0, made.text
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(out).pages).split())
    assert "Parent and carer feedback" in text and "Robin Testcase" in text
    assert "My child is safe and happy at the placement." in text
    assert "Bridgeway Learning, from 14 Sep 2026" in text
